"""Whitespace as written: what style and layout rules judge that the tree has no node for.

The tree drops trailing blanks and measures nesting in items, not in raw indentation; the
rules that judge those (trailing whitespace, whether a fix would pull the next line into a
list, whether an entry has nested content) read them here, never from the lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from awesome_lint.model import Document
from awesome_lint.syntax.treememo import per_tree


@dataclass(frozen=True, slots=True)
class Trailing:
    """The spaces and tabs that end one line."""

    line: int
    column: int  # 1-based: where the trailing whitespace starts
    text: str

    @property
    def end_column(self) -> int:
        return self.column + len(self.text) - 1


@dataclass(frozen=True, slots=True)
class Indent:
    """A line's leading whitespace: spaces and tabs (``lead``), and with quote markers too
    (``quoted``)."""

    line: int
    lead: str
    quoted: str


def trailing_whitespace(document: Document) -> tuple[Trailing, ...]:
    """Every line that ends in spaces or tabs, in order (computed once per tree, when a
    rule asks)."""
    return per_tree("trailing-whitespace", document, _trailing)


def _trailing(document: Document) -> tuple[Trailing, ...]:
    found: list[Trailing] = []
    for number, line in enumerate(document.lines, 1):
        if line and line[-1] in " \t":
            stripped = line.rstrip(" \t")
            found.append(Trailing(number, len(stripped) + 1, line[len(stripped):]))
    return tuple(found)


def next_content(document: Document, after: int) -> Indent | None:
    """The indentation of the first non-blank line after line ``after``; None when only
    blank lines follow."""
    lines = document.lines
    for number in range(after + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.strip():
            lead = text[: len(text) - len(text.lstrip(" \t"))]
            quoted = text[: len(text) - len(text.lstrip(" \t>"))]
            return Indent(number, lead, quoted)
    return None
