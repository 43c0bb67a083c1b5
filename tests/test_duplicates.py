"""Duplicates family: URL-identity properties, options, the fix, scale, and the real lists."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from awesome_lint import parse
from awesome_lint.config import Config, ConfigError
from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.engine import fix_text, lint
from awesome_lint.engine.schema import from_mapping
from awesome_lint.rules.duplicates import Title, entries, entry_title, fold_title, titles_match

SHARED = Path(__file__).resolve().parents[2] / "shared"
PATRICK = SHARED / "corpus" / "patrick-llgc__Learning-Deep-Learning.md"


#: ``allow-cross-section = false``: compare entries across sections too (off by default).
CROSS_ON = {"allow-cross-section": False}


def _lint(text: str, select: str = "DUP", **rules: dict[str, Any]) -> list[Diagnostic]:
    options = {name.replace("_", "-"): value for name, value in rules.items()}
    return lint(text, Config(select=(select,), rule_options=options))


def _codes(found: list[Diagnostic]) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in found]


# -- property: cosmetic variants of one URL are always one entry ---------------------------
ARXIV_ID = st.builds("{:02d}{:02d}.{:05d}".format, st.integers(7, 25), st.integers(1, 12),
                     st.integers(1, 99999))
ARXIV_FORMS = ("https://arxiv.org/abs/{id}", "https://arxiv.org/pdf/{id}",
               "https://arxiv.org/pdf/{id}.pdf", "https://arxiv.org/abs/{id}v{v}",
               "https://arxiv.org/pdf/{id}v{v}.pdf", "https://arxiv.org/pdf/{id}v{v}",
               "https://arxiv.org/html/{id}v{v}", "https://export.arxiv.org/abs/{id}")
TRACKING = st.sampled_from(["utm_source=twitter", "utm_medium=social", "utm_campaign=x1",
                            "fbclid=IwAR0x", "gclid=abc", "ref=producthunt"])
WORD = st.from_regex(r"[a-z][a-z0-9]{0,7}", fullmatch=True)


@st.composite
def cosmetic(draw: st.DrawFn, host: str, path: str, query: str) -> str:
    """``https://host/path?query`` dressed up: scheme, www, case, slash, tracking."""
    scheme = draw(st.sampled_from(["http", "https", "HTTPS"]))
    www = draw(st.sampled_from(["", "www.", "WWW."]))
    shown = draw(st.sampled_from([host, host.upper()]))
    slash = draw(st.sampled_from(["", "/"]))
    params = [query] if query else []
    params += draw(st.lists(TRACKING, max_size=2))
    order = draw(st.permutations(params))
    url = f"{scheme}://{www}{shown}{path}{slash}"
    return url + ("?" + "&".join(order) if order else "")


@st.composite
def same_resource(draw: st.DrawFn) -> tuple[str, str]:
    """Two spellings of one resource: a generic page or an arXiv paper."""
    if draw(st.booleans()):
        arxiv = draw(ARXIV_ID)

        def form() -> str:
            url = draw(st.sampled_from(ARXIV_FORMS)).format(id=arxiv, v=draw(st.integers(1, 9)))
            if draw(st.booleans()):
                url = url.replace("https://", draw(st.sampled_from(["http://", "https://www."])))
            return url
        return form(), form()
    host = draw(WORD) + "." + draw(st.sampled_from(["org", "com", "io"]))
    path = "".join("/" + segment for segment in draw(st.lists(WORD, min_size=1, max_size=3)))
    query = draw(st.sampled_from(["", "id=7", "page=2"]))
    return draw(cosmetic(host, path, query)), draw(cosmetic(host, path, query))


@settings(max_examples=300, deadline=None)
@given(same_resource(), st.sampled_from(["A survey", "Attention U-Net"]), st.booleans())
def test_cosmetic_variants_of_one_url_are_always_found(urls: tuple[str, str], title: str,
                                                      same_section: bool) -> None:
    first, second = urls
    middle = "" if same_section else "\n## Elsewhere\n"
    text = f"## Papers\n* [{title}]({first})\n{middle}* [Other title]({second})\n"
    found = _lint(text, "DUP001", duplicate_entry=CROSS_ON)
    assert len(found) == 1, (first, second)
    assert found[0].line == text.splitlines().index(f"* [Other title]({second})") + 1
    assert found[0].severity is (Severity.ERROR if same_section else Severity.WARNING)


@settings(max_examples=300, deadline=None)
@given(ARXIV_ID, ARXIV_ID, st.sampled_from(ARXIV_FORMS), st.sampled_from(ARXIV_FORMS),
       st.integers(1, 9))
def test_two_different_arxiv_ids_are_never_one_entry(a: str, b: str, form_a: str,
                                                     form_b: str, version: int) -> None:
    assume(a != b)
    text = (f"* [Same title here]({form_a.format(id=a, v=version)})\n"
            f"* [Same title here]({form_b.format(id=b, v=version)})\n")
    assert not _lint(text, "DUP001")


# -- options ------------------------------------------------------------------------------
CROSS = ("## Detection\n* [YOLO](https://arxiv.org/abs/1506.02640)\n"
         "## Tracking\n* [YOLO](https://arxiv.org/pdf/1506.02640v5.pdf)\n")


def test_cross_section_duplicates_are_off_by_default_and_one_key_turns_them_on() -> None:
    assert _lint(CROSS) == []  # a deliberate cross-listing in most real lists
    assert _codes(_lint(CROSS, duplicate_entry=CROSS_ON)) == [(4, "DUP001")]
    same = "* [YOLO](https://arxiv.org/abs/1506.02640)\n* [YOLO](https://arxiv.org/abs/1506.02640)\n"
    assert _codes(_lint(same)) == [(2, "DUP001")]


def test_keep_fragment_both_ways() -> None:
    text = ("* [Tools](https://example.org/cheatsheet#tools)\n"
            "* [Talks](https://example.org/cheatsheet#talks)\n")
    assert _lint(text, "DUP001") == []  # default: fragments tell resources apart
    found = _lint(text, "DUP001", duplicate_entry={"keep-fragment": False})
    assert _codes(found) == [(2, "DUP001")]
    resources = "* [A](https://a.org) [[x](https://b.org/p#one)] [[x](https://b.org/p#two)]\n"
    assert _lint(resources, "DUP003") == []
    assert _codes(_lint(resources, "DUP003", duplicate_resource={"keep-fragment": False})) \
        == [(1, "DUP003")]


def test_github_readme_fragment_is_cosmetic_even_when_fragments_count() -> None:
    text = "* [x](https://github.com/a/b)\n* [y](https://github.com/a/b#readme)\n"
    assert _codes(_lint(text, "DUP001")) == [(2, "DUP001")]


def test_title_similarity_threshold() -> None:
    text = ("* [Dream 7B: Diffusion Large Language Model](https://example.org/a)\n"
            "* [Dream 7B: Diffusion Large Language Models](https://example.org/b)\n")
    assert _codes(_lint(text, "DUP002")) == [(2, "DUP002")]
    assert _lint(text, "DUP002", duplicate_title={"title-similarity": 1.0}) == []
    loose = ("* [Learning Deep Features for Detection](https://example.org/a)\n"
             "* [Learning Deep Feature for Detections](https://example.org/b)\n")
    assert _codes(_lint(loose, "DUP002", duplicate_title={"title-similarity": 0.8})) \
        == [(2, "DUP002")]


def test_min_title_length() -> None:
    text = "* [Vanilla](https://example.org/a)\n* [Vanilla](https://example.org/b)\n"
    assert _lint(text, "DUP002") == []
    assert _codes(_lint(text, "DUP002", duplicate_title={"min-title-length": 5})) \
        == [(2, "DUP002")]


def test_options_are_validated_by_the_config() -> None:
    config = from_mapping({"rules": {"duplicate-entry": {"allow-cross-section": True},
                                     "duplicate-title": {"title-similarity": 1}}})
    assert config.rule_options["duplicate-entry"]["allow-cross-section"] is True
    with pytest.raises(ConfigError, match="allow-cross-section"):
        from_mapping({"rules": {"duplicate-entry": {"allow-cross-section": "yes"}}})
    with pytest.raises(ConfigError, match="unknown option"):
        from_mapping({"rules": {"duplicate-entry": {"title-similarity": 0.5}}})


# -- titles -------------------------------------------------------------------------------
@pytest.mark.parametrize(("a", "b", "same"), [
    ("Flow-guided feature aggregation", "Flow-Guided Feature Aggregation", True),
    ("Bird's-Eye-View Segmentation", "Birds Eye View segmentation!", True),
    ("RegNet: Designing Network Design Spaces", "Designing Network Design Spaces", True),
    ("Deep Learning for NLP - Stanford", "Deep Learning for NLP", True),
    ("prior-baesd transformation for birds yee view", "prior-based transformation for birds "
     "eye view", True),
    ("Qwen2.5-VL Technical Report", "Qwen3-VL Technical Report", False),
    ("Kimi-VL Technical Report", "MiMo-VL Technical Report", False),
    ("YOLACT: Real-time Instance Segmentation", "YOLACT++: Better Real-time Instance "
     "Segmentation", False),
    ("Deep Learning", "Deep Learning for Computer Vision", False),
    ("Deep Learning - Nvidia", "Deep Learning", False),
    ("ML: Unsupervised Learning", "ML: Supervised Learning", False),
    ("gonfiguration", "configuration", False),
])
def test_titles_match(a: str, b: str, same: bool) -> None:
    assert titles_match(Title.of(a), Title.of(b), 0.9) is same
    assert titles_match(Title.of(b), Title.of(a), 0.9) is same


def test_fold_title() -> None:
    assert fold_title("  Flow-Guided   FEATURE_aggregation (v2)! ") == \
        "flow guided feature aggregation v2"
    assert fold_title("Ｆｕｌｌ－ｗｉｄｔｈ") == "full width"


def test_bracketed_venue_link_takes_its_title_from_the_text_after_it() -> None:
    doc = parse("- [[ICRA](https://example.org/p)] Speeding up ICP with SGD. [__`oth.`__]\n")
    assert entry_title(doc.entries[0]) == "Speeding up ICP with SGD."


# -- the fix ------------------------------------------------------------------------------
def test_fix_declares_exactly_the_destinations_it_removes() -> None:
    text = ("* [K-Lane](https://arxiv.org/abs/2110.11048)\n"
            "* [K-Lane](https://arxiv.org/pdf/2110.11048.pdf) [[code](https://github.com/x/k)] "
            "[[Notes](https://arxiv.org/abs/2110.11048)]\n")
    [finding] = _lint(text, "DUP001")
    assert finding.fix is not None and not finding.fix.is_safe
    # the code link moves into the first entry; the pdf link and the notes link that
    # repeats the first entry's own link go
    assert sorted(finding.fix.removes) == ["https://arxiv.org/abs/2110.11048",
                                           "https://arxiv.org/pdf/2110.11048.pdf"]
    result = fix_text(text, Config(select=("DUP",)), unsafe=True)
    assert result.text == ("* [K-Lane](https://arxiv.org/abs/2110.11048) "
                           "[[code](https://github.com/x/k)]\n")


def test_three_copies_are_fixed_in_passes_and_idempotently() -> None:
    text = ("## A\n* [X](https://a.org/x) [[Notes](n1.md)]\n* [X](https://a.org/x)\n"
            "* [X](http://a.org/x/) <kbd>CVPR 2020</kbd>\n* [X](https://www.a.org/x) "
            "[[code](https://c.org)]\n")
    config = Config(select=("DUP",))
    once = fix_text(text, config, unsafe=True)
    assert once.text == ("## A\n* [X](https://a.org/x) [[Notes](n1.md)] [[code](https://c.org)] "
                         "<kbd>CVPR 2020</kbd>\n")
    assert fix_text(once.text, config, unsafe=True).text == once.text


def test_no_fix_when_the_later_entry_opens_an_ordered_list() -> None:
    text = "1. [A](https://a.org)\n\nIntro\n1. [A](https://a.org)\n2. [B](https://b.org)\n"
    [finding] = _lint(text, "DUP001")
    assert finding.fix is None and "renumber" in finding.message


# -- scale --------------------------------------------------------------------------------
def test_title_comparisons_per_entry_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocking: the expensive comparison runs at most 2 x window times per entry, so
    a list of n entries costs O(n) however alike its titles are."""
    calls = Counter[str]()
    real = entries.words_align

    def counting(a: Title, b: Title) -> bool:
        calls["align"] += 1
        return real(a, b)

    monkeypatch.setattr(entries, "words_align", counting)
    n = 600
    def word(i: int) -> str:  # aaa, aab, ...: alike titles with no numbers in them
        return "".join(chr(97 + (i // 26 ** k) % 26) for k in (2, 1, 0))

    lines = [f"* [Deep Learning Method {word(i)} for Tasks](https://x.org/{i})"
             for i in range(n)]
    lint("\n".join(lines) + "\n", Config(select=("DUP002",)))
    assert 0 < calls["align"] <= 2 * entries._WINDOW * n


# -- real lists ---------------------------------------------------------------------------
def _counts(path: Path) -> Counter[str]:
    return Counter(d.code for d in lint(path.read_text(encoding="utf-8"),
                                        Config(select=("DUP",))))


def test_seed_findings(shared: Path) -> None:
    seeds = {p.name[:3]: p for p in sorted(shared.glob("seeds/*.txt"))}
    found = {name: _lint(p.read_text(encoding="utf-8"), duplicate_entry=CROSS_ON)
             for name, p in seeds.items()}
    # the same survey in two weeks: a cross-section warning naming the first line
    [survey] = found["000"]
    assert (survey.code, survey.line, survey.severity) == ("DUP001", 106, Severity.WARNING)
    assert "line 98" in survey.message and survey.fix is None
    # one YouTube video under two titles in one section: an error, no fix
    [video] = found["002"]
    assert (video.code, video.line, video.severity) == ("DUP001", 22, Severity.ERROR)
    assert "titles differ" in video.message and video.fix is None
    assert found["003"] == []
    assert {(d.code, d.line) for d in found["001"]} == {("DUP001", 212), ("DUP003", 110)}
    assert _codes(found["004"]) == [(83, "DUP001")]


def test_patrick_llgc(shared: Path) -> None:
    if not PATRICK.is_file():
        pytest.skip("patrick-llgc list is absent")
    text = PATRICK.read_text(encoding="utf-8")
    cross = Config(select=("DUP",), rule_options={"duplicate-entry": CROSS_ON})
    found = lint(text, cross)
    entries = [d for d in found if d.code == "DUP001"]
    assert len(entries) >= 70
    k_lane = [d for d in entries if d.line in (1821, 1829)]
    assert all("line 1796" in d.message for d in k_lane) and len(k_lane) == 2
    fixable = [d for d in entries if d.fix is not None]
    assert all(d.severity is Severity.ERROR for d in fixable)
    result = fix_text(text, Config(select=("DUP",)), unsafe=True)
    assert len(result.applied) == len(fixable)
    left = lint(result.text, Config(select=("DUP001",)))
    assert all(d.fix is None for d in left)
    assert fix_text(result.text, Config(select=("DUP",)), unsafe=True).text == result.text
