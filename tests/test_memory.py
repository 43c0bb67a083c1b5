"""What ``fix`` keeps alive: the CLI runs without the cyclic garbage collector, so a tree
that is not freed by reference counting stays until the process exits (one per file of a
multi-file run).  These tests run with the collector off, as the CLI does, and count the
tree objects still alive."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from awesome_lint.config import Config
from awesome_lint.engine import _normalised_body, fix_text
from awesome_lint.model import Entry, Section
from awesome_lint.syntax.parser import ParseMemo, parse, split_lines

#: Three sections, and a duplicate entry near the top whose removal moves every later item.
LIST = "\n".join(
    ["# Reading list", "", "## Papers", "",
     "* [Deep Residual Learning](https://arxiv.org/abs/1512.03385)",
     "* [Deep Residual Learning](https://arxiv.org/abs/1512.03385)"]
    + [f"* [Paper number {n} on things](https://example.org/p{n})" for n in range(40)]
    + ["", "## Courses", "", "* [A course](https://example.org/course)", ""])


@pytest.fixture
def no_collector() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _alive(kind: type) -> int:
    return sum(1 for obj in gc.get_objects() if type(obj) is kind)


def test_fix_text_leaves_no_tree_behind(no_collector: None) -> None:
    before = _alive(Section)
    result = fix_text(LIST, Config())
    assert result.applied and "DUP001" in {d.code for d in result.applied}
    assert _alive(Section) == before


def test_parse_memo_keeps_only_the_latest_parse(no_collector: None) -> None:
    """After a re-parse that moved every item, the memo no longer holds the entries of the
    parse before it: of the moved items, only the new tree's entries are alive."""
    memo = ParseMemo()
    first = parse(LIST, memo=memo)
    for section in first.root.walk():
        section.parent = None  # as fix_text releases a replaced tree
    del first
    second = parse(LIST.replace("* [Deep Residual Learning](https://arxiv.org/abs/1512.03385)"
                                "\n", "", 1), memo=memo)
    assert memo.hits > 40  # the items were reused, moved up one line
    papers = [obj for obj in gc.get_objects()
              if type(obj) is Entry and obj.title.startswith("Paper number")]
    assert sorted(entry.line for entry in papers) == \
        [entry.line for entry in second.entries if entry.title.startswith("Paper number")]


@pytest.mark.parametrize("text", ["", "\n", "a", "a\n", "a\n\n", "\n\na", "x\ny\n",
                                  "x\r\ny\r\n", "\ufeffx\ny", "x\ry", "\ufeff"])
def test_normalised_body_is_the_joined_lines(text: str) -> None:
    lines, had_bom, newline, ends = split_lines(text)
    assert _normalised_body(text) == ("\n".join(lines) + ("\n" if ends else ""), had_bom,
                                      newline)
