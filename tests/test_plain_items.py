"""The plain classic item built directly (:func:`awesome_lint.syntax.plain_items.plain_item`,
a speed trick listed in awesome_lint.startup) is exactly what the scanner and the general
entry builder make of it: the whole tree compared with the shortcut switched off, on
hand-written and generated items and on every list of ../shared."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.syntax import parser
from awesome_lint.syntax.parser import ParseMemo, parse
from tests.conftest import shared_lists


@contextmanager
def without_plain_items() -> Iterator[None]:
    saved = parser.plain_item
    parser.plain_item = lambda *args: None  # type: ignore[assignment]
    try:
        yield
    finally:
        parser.plain_item = saved


def _tree(text: str, memo: ParseMemo | None = None) -> list[str]:
    doc = parse(text, "README.md", memo=memo)
    return [repr(x) for x in (*doc.entries, *doc.links, *doc.problems, *doc.badges,
                               *doc.toc, *doc.legends, *doc.lists, doc.root.children)]


def _same_both_ways(text: str) -> None:
    fast = _tree(text)
    with without_plain_items():
        slow = _tree(text)
    assert fast == slow


def test_the_shortcut_is_taken() -> None:
    calls = []
    real = parser.plain_item

    def spy(*args: object) -> object:
        found = real(*args)  # type: ignore[arg-type]
        calls.append(found is not None)
        return found

    parser.plain_item = spy  # type: ignore[assignment]
    try:
        parse("# L\n\n- [A](https://a.example) - Aa.\n- [B](#b)\n- [C]() x\n")
    finally:
        parser.plain_item = real
    assert calls == [True, True, False]


SHAPES = [
    "- [Name](https://x.org/a) - Description.",
    "* [Name](https://x.org/a)",
    "- [Anchor](#anchor)\n  - [Nested](#nested)",
    "1. [Name](https://x.org/a) - Numbered.",
    "- [Name](https://x.org/a) - Has [a link](https://x.org/b).",
    "- [Name](https://x.org/a) - See https://x.org/c or www.x.org.",
    "- [Name](https://x.org/a) - Has `code` and \\*escapes\\*.",
    "- [Name](https://x.org/a) - <kbd>CVPR 2017</kbd> and <b>html</b>!",
    "- [Name]() - Empty.", "- [Name](<x>) - Angle.", "- [Name](x \"t\") - Title.",
    "- [[Name](https://x.org/a)] - Bracketed.", "- ![img](https://x.org/i.png) - Image.",
    "-\t[Tab](https://x.org/t) - After a tab.", "> - [Quoted](https://x.org/q) - In a quote.",
    "- [Gml] [Name](https://x.org/a) - Tag first.", "- [Name](https://x.org/a) [Gml]",
    "- **[Bold](https://x.org/a)** - Bold.", "- [Name](https://x.org/a) - *Emph* & more_x.",
    "- [Name](https://x.org/a) -- two dashes", "- [Name](https://x.org/a)trailing",
    "[ref]: https://x.org/r\n\n- [ref](https://x.org/a) - Defined [ref] [Ref].",
    "- [" + "n" * 20 + "](https://x.org/a) - Long name.", "- [Notes](https://x.org/a)",
]


@pytest.mark.parametrize("text", SHAPES)
def test_plain_items_by_hand(text: str) -> None:
    _same_both_ways("# List\n\n" + text + "\n")


_PIECES = st.sampled_from([
    "[Name](https://x.org/a)", "[", "]", "(", ")", "#x", " - ", "Desc.", " ", "\t", "`", "\\",
    "<", ">", "!", "h", "http://y", "www.", "_", "*", "&amp;", "[Gml]", "é", "<kbd>x</kbd>",
])
_MARKERS = st.sampled_from(["- ", "* ", "+ ", "1. ", "  - ", "-\t", "> - ", "- - "])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_MARKERS, st.lists(_PIECES, max_size=6)), min_size=1, max_size=6))
def test_plain_items_agree_on_generated_lists(items: list[tuple[str, list[str]]]) -> None:
    _same_both_ways("# List\n\n" + "\n".join(m + "".join(p) for m, p in items) + "\n")


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_plain_items_on_real_lists(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    _same_both_ways(text)
    memo = ParseMemo()  # and through the parse memo (fix), moved by an inserted line
    _tree(text, memo)
    moved = "\n" + text
    fast = _tree(moved, memo)
    with without_plain_items():
        assert fast == _tree(moved)
