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
    # lines that may continue an item's paragraph (or open something)
    "  messaging system.", "  **[back to top](#contents)**", "-[x](y) text", "--x", "-- -",
    "+x", "   text", "\ttext", "    four", "  - [x](y)", "  1. x", " ---", "  ===", "  --",
    "-x|y", "  > q", "  ```", "  <div>", "  [r]: /u", "  #", "--", "-\t", " -x", "+++",
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
    "- a\n  - b\n\t- c\n", "- a\n\t- b\n  - c\n", "- a\n\t- b\n\t\t- c\n- d\n",
    "1. a\n\t- b\n", "- a\n\n\t- b\n", "- a\n  - b\n    - c\n  - d\n- e\n  - f\n",
])
def test_cases(text: str) -> None:
    assert_same_as_mistletoe(text)


_ITEMS_AND_MORE = st.sampled_from([
    "* [T](https://a.org) - Text.", "- [T](https://a.org)", "* a", "", "", "# H",
    "  continued here", "**lazy** [x](#y)", "-[x](y) lazy", "    deep", "\tTabbed text",
    "  * nested", "  1. nested", "  ---", "  ===", "---", "text", " - one space", "   - three",
    "  > quote", "  | t |", "--x", "+y", "1. one", "2. two", "10) ten", "2.  spaced",
    "1.     five", "3.\ttab", "1. - nested", "1) [x](y) - z", "0. zero", "1.", "007. bond",
    "  - nested", "    - deeper", "      - deepest", "  + plus", " - one", "  - * x", "    text",
    "  -", "  -  two", "\t- tab", "  * * *", "  - # h", "\t* star", "\t\t- two tabs",
    "\t- [x](y) - z",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ITEMS_AND_MORE, max_size=30))
def test_items_and_what_may_continue_them(lines: list[str]) -> None:
    assert_same_as_mistletoe("\n".join(lines) + "\n")


@pytest.mark.parametrize("text", [
    # bullets nested at their parent's content column (by spaces, or one tab)
    "# L\n\n- A\n  - [a](https://a.org) - A.\n    - [b](https://b.org)\n  - c\n"
    "  continued\n- B\n  * d\n\n- C\n  - e\n\n\n## M\n\n- D\n\t- f\n\t- g\n- E\n",
    # lists numbered 1. / 1) of one-line items
    "# L\n\n1.  [a](https://a.org) by A.\n2.  [b](https://b.org)\n10. c\n\n"
    "1) d\n2) e\n- f\n3. g\n\ntext\n1. h\n",
    # items whose paragraph goes on, indented or lazily
    "# L\n\n* [a](https://a.org) - A\n  continued.\n* [b](https://b.org) - B\n"
    "**[back to top](#l)**\n-[c](https://c.org) lazy\n\n* [d](https://d.org)\n"
    "\tTabbed on.\n\n## M\n",
])
def test_these_lists_skip_mistletoe(text: str) -> None:
    found = blocks.block_tokens(_body(text))
    assert all(type(token).__module__ == blocktokens.__name__ for token in found.children)
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
