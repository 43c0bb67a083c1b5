"""The paper lookups against real HTTP servers on 127.0.0.1 that answer like arXiv, DBLP and
Crossref: batching, pacing, Retry-After, timeouts, malformed bodies, the cache, the guard."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from awesome_lint.config import ConfigError
from awesome_lint.engine.schema import from_mapping
from awesome_lint.papers import PaperOptions, PaperQuery, lookup
from awesome_lint.papers._client import user_agent
from awesome_lint.papers._parse import MalformedResponse, parse_arxiv, parse_crossref, parse_dblp
from awesome_lint.papers.queries import options_from
from tests.paper_apis import FakeApis, Paper

RESNET = PaperQuery("Deep Residual Learning for Image Recognition", ("1512.03385",), (), True)
ATTENTION = PaperQuery("Attention Is All You Need", ("1706.03762",), (), True)
DOIS = PaperQuery("", (), ("10.1109/CVPR.2016.90", "10.5555/widgets.2020.17"), False)


@pytest.fixture
def apis() -> Iterator[FakeApis]:
    servers = FakeApis()
    yield servers
    servers.close()


def _options(apis: FakeApis, pace: float = 0.0, **changes: object) -> PaperOptions:
    return replace(options_from({}, cache_dir=None, environ=apis.env(pace)), **changes)


def test_records_from_all_three_services(apis: FakeApis) -> None:
    results = lookup([RESNET, ATTENTION, DOIS], _options(apis))
    assert results.errors == []
    assert results.arxiv["1512.03385"].title == "Deep Residual Learning for Image Recognition"
    venues = {(r.venue, r.year) for r in results.dblp["attention is all you need"]}
    assert venues == {("CoRR", 2017), ("NIPS", 2017)}
    assert results.crossref["10.1109/cvpr.2016.90"].acronym == "CVPR"
    assert results.crossref["10.5555/widgets.2020.17"].withdrawn_by == "retraction"


def test_batched_where_the_service_allows_it(apis: FakeApis) -> None:
    ids = tuple(f"2401.{n:05d}" for n in range(250))
    queries = [PaperQuery(f"Paper {n}", (i,), (), False) for n, i in enumerate(ids)]
    queries.append(PaperQuery("", (), tuple(f"10.5555/x.{n}" for n in range(45)), False))
    results = lookup(queries, _options(apis))
    assert results.requests == {"arxiv": 3, "dblp": 0, "crossref": 3}  # 100 ids, 20 DOIs
    assert len(results.arxiv) == 250 and all(v is None for v in results.arxiv.values())
    assert "id_list=2401.00000%2C2401.00001" in apis["arxiv"].seen[0][0]
    assert "filter=doi%3A10.5555%2Fx.0%2Cdoi%3A" in apis["crossref"].seen[0][0]


def test_dblp_is_searched_with_the_arxiv_title(apis: FakeApis) -> None:
    lookup([PaperQuery("ResNet", ("1512.03385",), (), True)], _options(apis))
    [(path, _agent)] = apis["dblp"].seen
    assert "q=deep+residual+learning+for+image+recognition" in path


def test_requests_to_one_service_are_paced(apis: FakeApis) -> None:
    queries = [PaperQuery(f"Title number {n}", (), (), True) for n in range(4)]
    lookup(queries, _options(apis, pace=0.1))  # DBLP: 2 s x 0.1
    starts = apis["dblp"].starts
    assert len(starts) == 4
    # each gap is 0.2 s at the client; the server sees them with scheduling jitter
    assert starts[-1] - starts[0] >= 3 * 0.2 - 0.05
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.1


def test_user_agent_names_the_tool_and_the_contact(apis: FakeApis) -> None:
    lookup([DOIS], _options(apis, contact="maintainer@example.org"))
    agent = apis["crossref"].seen[0][1]
    assert agent.startswith("awesome-lint/") and "mailto:maintainer@example.org" in agent
    assert "https://example.org/bot" in user_agent("https://example.org/bot")


def test_429_waits_for_retry_after_then_succeeds(apis: FakeApis) -> None:
    apis["arxiv"].faults.extend(["429"])
    apis["arxiv"].retry_after = 1
    results = lookup([RESNET], _options(apis))
    assert results.errors == [] and results.arxiv["1512.03385"] is not None
    first, second = apis["arxiv"].starts
    assert second - first >= 0.9  # Retry-After: 1, less the server's scheduling jitter


def test_retry_after_over_the_cap_stops_that_service_only(apis: FakeApis) -> None:
    apis["dblp"].faults.extend(["429"] * 5)
    apis["dblp"].retry_after = 3600
    results = lookup([RESNET, ATTENTION], _options(apis, retry_after_cap=5.0))
    assert len(apis["dblp"].seen) == 1  # asked once, told to go away, went away
    assert results.errors == ["dblp: HTTP 429, asked to wait 3600 s (over the 5 s cap) after "
                              "1 attempt"]
    assert results.arxiv["1706.03762"] is not None  # the other services still answered


def test_timeouts_are_retried_then_reported(apis: FakeApis) -> None:
    apis["crossref"].slow = 1.0
    apis["crossref"].faults.extend(["slow"])
    results = lookup([DOIS], _options(apis, timeout=0.3))
    assert results.errors == [] and results.crossref["10.1109/cvpr.2016.90"] is not None
    apis["crossref"].faults.extend(["slow"] * 3)
    results = lookup([DOIS], _options(apis, timeout=0.3))
    assert results.errors == ["crossref: timed out after 3 attempts"]
    assert results.crossref == {}


@pytest.mark.parametrize(("service", "query", "message"), [
    ("arxiv", RESNET, "arxiv: arXiv answer is not XML"),
    ("dblp", RESNET, "dblp: DBLP answer is not JSON"),
    ("crossref", DOIS, "crossref: Crossref answer is not JSON"),
])
def test_malformed_bodies_are_errors_not_crashes(apis: FakeApis, service: str,
                                                 query: PaperQuery, message: str) -> None:
    apis[service].faults.append("garbage")
    results = lookup([query], _options(apis))
    assert len(results.errors) == 1 and results.errors[0].startswith(message)


def test_dropped_connections_and_503_are_retried(apis: FakeApis) -> None:
    apis["arxiv"].faults.extend(["drop", "503"])
    results = lookup([RESNET], _options(apis))
    assert results.errors == [] and results.arxiv["1512.03385"] is not None
    assert len(apis["arxiv"].seen) == 3


def test_parsers_reject_what_the_documentation_does_not_describe() -> None:
    with pytest.raises(MalformedResponse):
        list(parse_arxiv(b"<html/>"))
    with pytest.raises(MalformedResponse):
        parse_dblp(b'{"result": {}}')
    with pytest.raises(MalformedResponse):
        parse_crossref(b'{"status": "failed", "message": {}}')
    assert parse_dblp(b'{"result": {"hits": {"@total": "0"}}}') == ()


def test_arxiv_error_feed_for_a_malformed_id(apis: FakeApis) -> None:
    results = lookup([PaperQuery("x", ("not-an-id", "1512.03385"), (), False)], _options(apis))
    assert results.errors == []
    assert results.arxiv["not-an-id"] is None and results.arxiv["1512.03385"] is not None


def test_a_warm_cache_makes_no_request(apis: FakeApis, tmp_path: Path) -> None:
    options = _options(apis, cache_dir=str(tmp_path / "cache"))
    first = lookup([RESNET, ATTENTION, DOIS], options)
    made = sum(first.requests.values())
    assert made == 4 and first.from_cache == 0
    second = lookup([RESNET, ATTENTION, DOIS], options)
    assert sum(second.requests.values()) == 0
    assert second.from_cache == 6  # 2 arXiv ids, 2 DOIs, 2 DBLP titles
    assert second.dblp == first.dblp and second.arxiv == first.arxiv
    assert second.crossref == first.crossref
    assert (tmp_path / "cache" / "links.sqlite3").exists()  # the link cache's file
    stale = lookup([RESNET], replace(options, cache_ttl=0.0))
    assert sum(stale.requests.values()) == 2
    assert sum(lookup([RESNET], replace(options, use_cache=False)).requests.values()) == 2


def test_failures_are_not_cached(apis: FakeApis, tmp_path: Path) -> None:
    options = _options(apis, cache_dir=str(tmp_path), retries=0)
    apis["arxiv"].faults.append("503")
    assert lookup([PaperQuery("x", ("1512.03385",), (), False)], options).errors
    again = lookup([PaperQuery("x", ("1512.03385",), (), False)], options)
    assert again.errors == [] and again.requests["arxiv"] == 1


def test_the_guard_refuses_private_addresses_the_operator_did_not_name(apis: FakeApis) -> None:
    options = _options(apis)
    untrusted = replace(options, arxiv=replace(options.arxiv, trusted=False))
    results = lookup([RESNET], untrusted)
    assert results.errors[0] == "arxiv: 127.0.0.1 resolves to a loopback address"
    assert apis["arxiv"].seen == []


def test_public_services_keep_their_pace_whatever_the_environment() -> None:
    options = options_from({}, cache_dir=None, environ={"AWESOME_LINT_PAPERS_PACE": "0"})
    assert (options.arxiv.interval, options.dblp.interval, options.crossref.interval) == (
        3.0, 2.0, 1.0)
    assert not options.arxiv.trusted


def test_base_urls_never_come_from_a_config_file() -> None:
    with pytest.raises(ConfigError, match="AWESOME_LINT_ARXIV_URL"):
        from_mapping({"papers": {"arxiv-url": "http://127.0.0.1:9/"}})
    config = from_mapping({"papers": {"check": True, "contact": "me@example.org"}})
    assert config.table("papers")["contact"] == "me@example.org"


def test_a_slow_service_does_not_hold_up_the_others(apis: FakeApis) -> None:
    apis["crossref"].latency = (1.5, 1.5)
    started = time.monotonic()
    lookup([RESNET, ATTENTION, DOIS], _options(apis))
    assert len(apis["dblp"].starts) == 2
    # arXiv and both DBLP searches went out while Crossref was still answering
    assert apis["dblp"].starts[-1] - apis["crossref"].starts[0] < 1.2
    assert time.monotonic() - started < 3.0


def test_an_advertised_rate_limit_slows_the_pace(apis: FakeApis) -> None:
    apis["crossref"].headers = {"X-Rate-Limit-Limit": "4", "X-Rate-Limit-Interval": "1s"}
    dois = PaperQuery("", (), tuple(f"10.5555/x.{n}" for n in range(60)), False)
    lookup([dois], _options(apis))  # our pace: 0 s; advertised: 4 per second
    first, _second, third = apis["crossref"].starts
    assert third - first >= 2 * 0.25 - 0.05  # 0.25 s apart at the client, less jitter


@pytest.mark.parametrize(("comment", "withdrawn"), [
    ("This paper has been withdrawn by the author due to an error in Lemma 3", True),
    ("Withdrawn: a duplicate of 2301.00001", True),
    ("this submission has been withdrawn by arXiv administrators", True),
    ("10 pages; withdrawn due to a bug in the evaluation", True),
    ("Accepted at CVPR 2023; an earlier version was withdrawn from ICLR", False),
    ("12 pages, 5 figures, code at github.com/example/widgets", False),
])
def test_withdrawal_comments(comment: str, withdrawn: bool) -> None:
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/'
            'atom"><entry><id>http://arxiv.org/abs/2301.00001v2</id><title>T</title>'
            f'<arxiv:comment>{comment}</arxiv:comment></entry></feed>').encode()
    [record] = parse_arxiv(feed)
    assert record.withdrawn is withdrawn and record.version == 2


def test_a_deadline_stops_the_run_and_the_next_one_goes_on(apis: FakeApis,
                                                           tmp_path: Path) -> None:
    queries = [PaperQuery(f"Title number {n}", (), (), True) for n in range(6)]
    options = _options(apis, pace=0.1, cache_dir=str(tmp_path), deadline=0.5)  # DBLP: 0.2 s
    seen: list[tuple[int, int]] = []
    first = lookup(queries, options, lambda made, total: seen.append((made, total)))
    assert 2 <= first.requests["dblp"] < 6
    assert first.errors == ["dblp: the 0.5 s deadline passed (the next run goes on from the "
                            "cache)"]
    assert seen[0] == (1, 6) and seen[-1][0] == first.requests["dblp"]
    second = lookup(queries, replace(options, deadline=0.0))
    assert second.errors == []
    assert second.from_cache == first.requests["dblp"]
    assert second.requests["dblp"] == 6 - first.requests["dblp"]


def test_old_style_ids_match_whatever_subject_class_the_link_names(apis: FakeApis) -> None:
    apis.world.append(Paper("Ricci Flow with Surgery", "math/0303109", 2003))
    try:
        results = lookup([PaperQuery("x", ("math.DG/0303109",), (), False)], _options(apis))
    finally:
        apis.world.pop()
    assert results.arxiv["math.DG/0303109"].title == "Ricci Flow with Surgery"


def test_a_hit_that_only_contains_the_searched_words_is_another_paper() -> None:
    from awesome_lint.papers import DblpRecord
    from awesome_lint.papers.match import published_versions
    from awesome_lint.venues import default_registry

    hits = (DblpRecord("conf/x/A", "Deep Layer Aggregation for Widget Detection.", "ICCV", 2019),
            DblpRecord("conf/cvpr/YuWSD18", "Deep Layer Aggregation.", "CVPR", 2018))
    [found] = published_versions(default_registry(), "Deep Layer Aggregation", hits)
    assert (found.venue, found.year, found.source) == ("CVPR", 2018, "DBLP conf/cvpr/YuWSD18")
