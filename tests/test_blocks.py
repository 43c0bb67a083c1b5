"""The block fast path builds exactly the tokens mistletoe would, on any mix of lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.syntax import blocks, blocktokens
from awesome_lint.syntax.markdown import load
from awesome_lint.syntax.parser import _OTHER_BREAKS, split_lines

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

#: Lines of every kind the fast path accepts, and of the kinds it must leave to mistletoe
#: because they open, continue or interrupt other blocks.
LINES = [
    # plain
    "", " ", "\t", "# Title", "### Wk1 - 2020.06.22", "###### six", "#", "# closed #",
    "* [Title](https://a.org/x) [[Notes](https://b.org/y)] <kbd>CVPR 2017</kbd>",
    "- [Gml] [Title](https://a.org/x)", "+ plain text item", "* **Bold** title",
    "* `tool` - does things", "* Title: https://a.org/x", "* [x](y) | [z](w)",
    "Some prose with a [link](https://a.org).", "_Libraries for things._",
    "**[back to top](#contents)**", "2019 was a year", "e.g. [Gml], [Opt]", "`code` here",
    "[a link](https://a.org) first", "~ tilde", "![img](a.png)",
    # mistletoe's
    "####### seven", "#hashtag", "  # indented heading", "    indented code", "  * nested",
    "   - nested three", "* * *", "- - -", "***", "---", "___", "===", "- --", "* # heading item",
    "* > quote item", "* <div>", "* ```", "* 1. ordered", "* . dot", "- ) paren",
    "* [ref]: https://a.org", "[ref]: https://a.org", "[ref]:", '  "title"', "1. ordered",
    "2) ordered", "10. ten", "> quote", "```", "~~~", "```python", "<!-- comment", "-->",
    "<details>", "</details>", "<div>", "<pre>", "</pre>", "| a | b |", "|---|---|",
    "a | b", "--- | ---", ":--", "\u00a0", "*\titem", "*  two spaces", "*", "-", "+",
    "* \u00a0nbsp", "text  ", "\\", "<kbd>ICLR</kbd> [x](y)", "Title\u00a0with nbsp",
]


def _shape(token: Any) -> list[Any]:
    name = type(token).__name__
    shape: list[Any] = [name, getattr(token, "line_number", None)]
    if name in ("Heading", "SetextHeading"):
        shape.append(token.level)
    if name == "ListItem":
        shape.append(token.leader)
    if name in ("List", "ListItem", "Quote", "Table"):
        shape.append([_shape(child) for child in token.children or []
                      if getattr(child, "line_number", None) is not None])
    return shape


def _body(text: str) -> str:
    lines = split_lines(text)[0]
    return _OTHER_BREAKS.sub(" ", "\n".join(lines) + "\n")


def assert_same_as_mistletoe(text: str) -> None:
    body = _body(text)
    fast = blocks.block_tokens(body)
    reference = blocks._mistletoe_document(body)
    assert [_shape(t) for t in fast.children] == [_shape(t) for t in reference.children]
    assert fast.footnotes == reference.footnotes


def test_patterns_are_mistletoes() -> None:
    """The fast path copies three of mistletoe's patterns; an upgrade that changes them must
    be noticed."""
    load()
    from mistletoe.block_token import Heading, List, ThematicBreak

    assert blocks._HEADING.pattern == Heading.pattern.pattern
    assert blocks._THEMATIC_BREAK.pattern == ThematicBreak.pattern.pattern
    assert blocks._LIST_MARKER.pattern == List.pattern.pattern


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=40))
def test_any_mix_of_lines(lines: list[str]) -> None:
    assert_same_as_mistletoe("\n".join(lines) + "\n")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINES[:26]), max_size=40), st.booleans())
def test_plain_lines(lines: list[str], final_newline: bool) -> None:
    """Mostly plain documents: the fast path's own structure (lists, blank lines before
    headings and at the end, marker changes) is what gets compared."""
    assert_same_as_mistletoe("\n".join(lines) + ("\n" if final_newline else ""))


@pytest.mark.parametrize("text", [
    "* a\n\n\n# H\n", "* a\n\n\n", "* a\n\n- b\n\n\n* c\n", "text\n* a\ntext\n",
    "* a\n\ntext\n", "# H\n```\n# not a heading\n", "<!--\n# H\n-->\n# I\n* a\n",
    "[a]: /u\n# H\n[a]: /v\n* [a]\n", "<div>\n# H\n\n# I\n* a\n",
])
def test_cases(text: str) -> None:
    assert_same_as_mistletoe(text)


def test_plain_runs_skip_mistletoe() -> None:
    """A list of plain sections is built without mistletoe (the point of the fast path)."""
    text = "# List\n\n" + "".join(f"## S{n}\n\n* [T{n}](https://a.org/{n})\n\n" for n in range(50))
    found = blocks.block_tokens(_body(text))
    assert all(type(token).__module__ == blocktokens.__name__ for token in found.children)
    assert_same_as_mistletoe(text)


def test_segment_that_swallows_a_heading() -> None:
    """An unclosed fence swallows every later heading: the rest goes to mistletoe whole."""
    text = "# A\n\n```\n\n# B\n\n* [x](y)\n"
    found = blocks.block_tokens(_body(text))
    assert [type(t).__name__ for t in found.children][-1] == "CodeFence"
    assert_same_as_mistletoe(text)


def _real_lists() -> list[Path]:
    found = sorted(FIXTURES.glob("*.md"))
    if SHARED.is_dir():
        found += sorted((SHARED / "seeds").glob("*")) + sorted((SHARED / "corpus").glob("*.md"))
    return found


@pytest.mark.parametrize("path", _real_lists(), ids=lambda p: p.name)
def test_real_lists(path: Path) -> None:
    assert_same_as_mistletoe(path.read_text(encoding="utf-8", errors="replace"))
