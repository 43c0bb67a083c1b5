"""Patterns searched through long text are written to start with a character class, which
``re`` scans for in C (speed tricks listed in awesome_lint.startup); each finds exactly what
its plain form finds, from every position, on generated text full of the characters the
patterns are about (case variants included) and on every list of ../shared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.syntax import scanner, slugs
from tests.conftest import shared_lists

#: (the rewritten pattern, its plain form)
PAIRS = {
    "scanner.EVENT": (scanner.EVENT, re.compile(scanner.EVENT_PLAIN, re.IGNORECASE)),
    "slugs._MARKUP": (slugs._MARKUP, re.compile(slugs.MARKUP_PLAIN)),
}
_ALPHABET = [*"\\`<[]!()hHtTpPsSwW.:/_*~&-+az09 \n",
             "\u017f", "\u212a", "\u0130", "\u0131", "\u1e96", "é", "ｈ"]


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> object:
    found = pattern.search(text, start, end)
    return None if found is None else found.span()


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(PAIRS)), st.text(alphabet=st.sampled_from(_ALPHABET), max_size=14))
def test_class_first_patterns_search_as_their_plain_form(name: str, text: str) -> None:
    fast, plain = PAIRS[name]
    for start in range(len(text) + 1):
        for end in (len(text), max(start, len(text) - 2)):
            assert _spans(fast, text, start, end) == _spans(plain, text, start, end), (
                name, text, start, end)


@pytest.mark.parametrize("text", [
    "https://x", "HTTP://x", "hTtPs://x", "http:/x", "htt", "www.x", "WwW.x", "ww.x", "wwww.x",
    "![a](b)", "!x", "[x]", "`c`", "\\*", "<kbd>", ":fire: x", ":x", "a:b:c", "::", "~~x~~",
    "_x_", "a & b", "\u017f", "https://a\u017f", "htt\u017fp",
])
def test_class_first_patterns_by_hand(text: str) -> None:
    for fast, plain in PAIRS.values():
        for start in range(len(text) + 1):
            assert _spans(fast, text, start, len(text)) == _spans(plain, text, start, len(text))


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_class_first_patterns_on_real_lists(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    for fast, plain in PAIRS.values():
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
