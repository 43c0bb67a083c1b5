"""The per-entry speed tricks change nothing: the scanner's and the entry builder's shortcuts
find exactly what the general paths find (compared with the shortcuts switched off, on
hand-written shapes and on generated text full of the characters they are about), and the
line splitting, nesting check, stray-closer search and frozen nodes behave as before."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.model import Link, LinkForm, LinkRole, Span
from awesome_lint.syntax import entries, kbd, lines, scanner
from awesome_lint.syntax.parser import ParseError, parse

#: Never matches: a shortcut whose pattern is this is never taken.
_NEVER = re.compile(r"(?!)")


@contextmanager
def general_paths_only() -> Iterator[None]:
    """Every shortcut of the scanner off: what the general paths find."""
    saved = (scanner.SIMPLE_LINK, scanner._SIMPLE_LABEL, scanner._BRACKETED_LINK,
             scanner._SIMPLE_KBD_REST)
    # (with the shapes off, no bracket pair is recorded before the block's pass either)
    scanner.SIMPLE_LINK = scanner._SIMPLE_LABEL = scanner._BRACKETED_LINK = _NEVER
    scanner._SIMPLE_KBD_REST = _NEVER
    try:
        yield
    finally:
        (scanner.SIMPLE_LINK, scanner._SIMPLE_LABEL, scanner._BRACKETED_LINK,
         scanner._SIMPLE_KBD_REST) = saved


def _tree(text: str) -> list[str]:
    doc = parse(text, "README.md")
    return [repr(x) for x in (*doc.entries, *doc.links, *doc.problems, *doc.badges,
                               *doc.toc, *doc.legends)]


def _same_both_ways(text: str) -> None:
    fast = _tree(text)
    with general_paths_only():
        slow = _tree(text)
    assert fast == slow


SHAPES = [
    "* [Gml] [Deep Nets](https://arxiv.org/abs/1512.03385) [[Notes](https://x.org/n)] "
    "<kbd>CVPR 2017</kbd>",
    "* [[Notes](https://x.org/n)) <kbd>CVPR 2017</Kbd >",
    "* [a](b) [[c](d)] [[e](f[g])] [[h](<i>)] [j]: k",
    "* [Title](https://x.org/a b) [x]() [y](",
    "* <kbd>ICLR</kbd> [VGG](https://x.org) <kbd>ICLR 2015 <kbd>Oral</kbd>",
    "* [Title](https://x.org) <kbd>CVPR\n2017</kbd>",
    "[ref]: https://example.org/r\n\n* [ref] [x][ref] [Ref][] [[ref]](https://x.org/y)",
    "* [" + "a" * 4100 + "](https://x.org/long) [" + "b" * 3998 + "] [c]",
    "* [`code`](https://x.org) \\[escaped](https://x.org/e) [ok](https://x.org/o)",
    "* [![badge](https://img.x/b.svg)](https://x.org) [<b>bold</b>](https://x.org/b)",
]


@pytest.mark.parametrize("text", SHAPES)
def test_shortcuts_find_what_the_general_paths_find(text: str) -> None:
    _same_both_ways(text + "\n")


_PIECES = st.sampled_from([
    "[", "]", "(", ")", "[[", "]]", "](", ")]", "<kbd>", "</kbd>", "</KBD >", "<", ">", "!",
    "`", "\\", "\n", "\n\n", " ", "* ", "https://x.org/a", "url", "Notes", "2017", "[x]: y\n",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30))
def test_shortcuts_agree_on_generated_text(pieces: list[str]) -> None:
    _same_both_ways("* " + "".join(pieces) + "\n")


_KBD_PIECES = st.sampled_from(["<kbd>", "</kbd>", "<KBD>", "</Kbd>", "<kbd >", "\n", "x", " ",
                               "<", "/", "kbd", ">"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_KBD_PIECES, max_size=25), st.integers(0, 10))
def test_ascii_kbd_elements_agree_with_the_regex_scan(pieces: list[str], start: int) -> None:
    text = "".join(pieces)
    start = min(start, len(text))
    # a non-ASCII character at the end takes the regex path and adds no element
    assert entries._ascii_kbd_elements(text, start) == entries._kbd_elements(text + "é", start)


@pytest.mark.parametrize(("text", "line"), [
    (">" * 70 + " quoted\n", 1),
    ("* a\n" + " " * 140 + "* deep\n", 2),
    ("ok\n\t" + "\t" * 140 + "- deep\n", 2),
])
def test_the_nesting_check_still_refuses_deep_lines(text: str, line: int) -> None:
    with pytest.raises(ParseError) as err:
        parse(text)
    assert err.value.line == line


@pytest.mark.parametrize("text", ["a\r\nb\rc\n", "a\nb\n", "a\n\nb", "", "\n", "x\r"])
def test_lines_split_alike_with_and_without_the_regex(text: str) -> None:
    assert lines.split_lines(text)[0] == lines._NEWLINE.split(text)[:len(
        lines.split_lines(text)[0])]


@pytest.mark.parametrize(("text", "columns"), [
    ("* <kbd>CVPR 2017</kbd> </kbd>\n", [24]),
    ("* </kbd> <kbd>CVPR 2017</kbd>\n", [3]),
    ("* `</kbd>` <kbd>CVPR 2017</kbd>\n", []),
    ("* <kbd>CVPR 2017</kbd> <kbd>Oral</kbd></kbd>\n", [39]),
    ("* <kbd>CVPR 2017</kbd>\n", []),
])
def test_stray_closers_on_lines_with_one_badge_or_more(text: str, columns: list[int]) -> None:
    doc = parse(text)
    assert [span.column for span in kbd.markup(doc).strays] == columns


def test_tree_nodes_stay_frozen_with_their_faster_constructor() -> None:
    span = Span(1, 2, 1, 5)
    link = Link("t", "https://x.org", LinkForm.INLINE, span)
    assert link.role is LinkRole.OTHER and link.dest_span is None and not link.bracketed
    assert link == Link("t", "https://x.org", LinkForm.INLINE, Span(1, 2, 1, 5))
    assert hash(span) == hash(Span(1, 2, 1, 5)) and repr(span) == \
        "Span(line=1, column=2, end_line=1, end_column=5)"
    with pytest.raises(FrozenInstanceError):
        span.line = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        Span(1, 2, 3)  # type: ignore[call-arg]
