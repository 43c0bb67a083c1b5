"""Block tokens named and shaped like mistletoe's, built without it.

The parser reads block tokens by class name, with their ``line_number``, ``children``,
``level`` (headings) and ``leader`` (list items) only, so the fast paths of
:mod:`awesome_lint.syntax.blocks` and :mod:`awesome_lint.syntax.listblocks` build these
instead of importing mistletoe.  The patterns are mistletoe 1.x's, verbatim
(``tests/test_blocks.py`` checks they still match it).
"""

from __future__ import annotations

import re
from typing import Any

#: mistletoe's ``Heading.pattern`` and ``ThematicBreak.pattern``.
HEADING = re.compile(r' {0,3}(#{1,6})(?:\n|\s+?(.*?)(\n|\s+?#+\s*?$))')
THEMATIC_BREAK = re.compile(r' {0,3}(?:([-_*])\s*?)(?:\1\s*?){2,}$')
#: ``List.pattern`` as corrected by :mod:`awesome_lint.syntax.markdown` (one to nine digits).
LIST_MARKER = re.compile(r' {0,3}(?:\d{1,9}[.)]|[+\-*])(?:[ \t]*$|[ \t]+)')


class Heading:
    __slots__ = ("children", "level", "line_number")

    def __init__(self, line_number: int, level: int) -> None:
        self.line_number = line_number
        self.level = level
        self.children: list[Any] = []


class _Leaf:
    """A token with a first line and children (none for a leaf), set by its builder."""

    __slots__ = ("children", "line_number")

    def __init__(self, line_number: int) -> None:
        self.line_number = line_number
        self.children: list[Any] = []


class BlankLine(_Leaf):
    __slots__ = ()


class Paragraph(_Leaf):
    __slots__ = ()


class HtmlBlock(_Leaf):
    __slots__ = ()


class CodeFence(_Leaf):
    __slots__ = ()


class BlockCode(_Leaf):
    __slots__ = ()


class ThematicBreak(_Leaf):
    __slots__ = ()


class Quote(_Leaf):
    __slots__ = ()


class ListItem:
    __slots__ = ("children", "leader", "line_number")

    def __init__(self, line_number: int, leader: str, children: list[Any]) -> None:
        self.line_number = line_number
        self.leader = leader
        self.children = children


class TableRow(_Leaf):
    __slots__ = ()


class Table(_Leaf):
    """A pipe table; its children are the rows after the delimiter row (mistletoe keeps
    the header row apart)."""

    __slots__ = ()


class List(_Leaf):
    """A list; its children are :class:`ListItem` tokens."""

    __slots__ = ()
