"""Engine guarantees: fix is idempotent and never loses a link; real lists don't crash."""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from awesome_lint import fix, lint, parse
from awesome_lint.config import Config
from awesome_lint.engine import UnsafeFixError, fix_text
from tests.conftest import shared_lists

URL = st.from_regex(r"https?://[a-z]{1,6}\.(org|com)/[a-z0-9/]{0,8}", fullmatch=True)
TITLE = st.from_regex(r"[A-Z][A-Za-z0-9 :-]{0,20}[a-z]", fullmatch=True)
NOISE = st.sampled_from(["", " ", "  ", "\t", " ‚≠ê", ")", "]"])


@st.composite
def awesome_lists(draw: st.DrawFn) -> str:
    """Seed-style lists with defects: stray parens, empty links, mixed bullets, whitespace."""
    out = []
    for _ in range(draw(st.integers(1, 3))):
        out.append(f"{'#' * draw(st.integers(1, 4))} {draw(TITLE)}")
        for _ in range(draw(st.integers(0, 5))):
            bullet = draw(st.sampled_from(["*", "-", "+", "1."]))
            resource = draw(st.sampled_from(["", "[[Notes]({})]", "[[Notes]({}))", "[[TBP]()]",
                                             "[[pdf]({})"]))
            badge = draw(st.sampled_from(["", "<kbd>CVPR 2017</kbd>", "<kbd>2019</kbd>"]))
            entry = f"{bullet} [{draw(TITLE)}]({draw(URL)}) {resource.format(draw(URL))} {badge}"
            out.append(entry.rstrip() + draw(NOISE))
        out.append(draw(st.sampled_from(["", "Some prose with https://x.org/a，more", "  "])))
    return "\n".join(out) + draw(st.sampled_from(["", "\n"]))


def _dests(text: str) -> Counter[str]:
    return Counter(link.destination for link in parse(text).links if link.destination)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(awesome_lists(), st.booleans())
def test_fix_is_idempotent_and_keeps_links(text: str, unsafe: bool) -> None:
    config = Config(unsafe_fixes=unsafe)
    try:
        once = fix_text(text, config)
    except UnsafeFixError:  # the guard refused: e.g. deleting a duplicate would merge two
        reject()            # lists of the same bullet (tests/test_guards.py shows it)
    twice = fix_text(once.text, config)
    assert twice.text == once.text
    before, after = _dests(text), _dests(once.text)
    for url, count in before.items():  # only what a fix declared it removes may go
        assert after[url] + once.intended[url] >= count


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_lint_and_fix_never_raise_on_text(text: str) -> None:
    lint(text)
    with contextlib.suppress(UnsafeFixError):
        fix(text)


def test_fix_refuses_to_lose_a_destination(monkeypatch: pytest.MonkeyPatch) -> None:
    from awesome_lint.rules import links

    original = links.MalformedLink.check

    def destructive(self, ctx):  # type: ignore[no-untyped-def]
        for d in original(self, ctx):
            from dataclasses import replace

            from awesome_lint.diagnostics import Edit, Fix

            yield replace(d, fix=Fix((Edit(1, 1, 10_000, ""),)))

    monkeypatch.setattr(links.MalformedLink, "check", destructive)
    with pytest.raises(UnsafeFixError, match=r"lose the link .https://a\.org. \(line 1\)"):
        fix_text("* [A](https://a.org) [[Notes](https://n.org))\n* [B](https://b.org)\n")


def test_crlf_and_bom_survive_fix() -> None:
    text = "\ufeff* [A](https://a.org)   \r\n* [B](https://b.org)\r\n"
    result = fix_text(text)
    assert result.text == "\ufeff* [A](https://a.org)\r\n* [B](https://b.org)\r\n"


REAL = shared_lists()


@pytest.mark.skipif(not REAL, reason="../shared is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_real_lists_check_and_fix(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lint(text)
    for unsafe in (False, True):
        once = fix_text(text, Config(unsafe_fixes=unsafe))
        assert fix_text(once.text, Config(unsafe_fixes=unsafe)).text == once.text
        # only what an applied fix declared it rewrites may go (a corrected #anchor)
        assert not _dests(text) - _dests(once.text) - once.intended
