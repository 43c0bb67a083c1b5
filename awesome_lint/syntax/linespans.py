"""Spans of whole lines, for findings that name a line (a heading, an entry) rather than
one node on it: rules take these instead of measuring the line themselves."""

from __future__ import annotations

from collections.abc import Sequence

from awesome_lint.model import Document, Span


def whole_line(document: Document, line: int) -> Span:
    """The span of ``line`` from its first to its last character (one column when empty)."""
    return Span(line, 1, line, max(1, len(document.line_text(line))))


def rest_of_line(document: Document, line: int, column: int) -> Span:
    """The span of ``line`` from ``column`` to its last non-blank character."""
    column = max(1, column)
    return Span(line, column, line, max(column, len(document.line_text(line).rstrip())))


def line_length(document: Document, line: int) -> int:
    """How many characters ``line`` has (0 past the end of the text)."""
    return len(document.line_text(line))


def is_blank(document: Document, line: int) -> bool:
    """Whether ``line`` holds nothing but whitespace (a line past the end does too)."""
    return not document.line_text(line).strip()


def joined(lines: Sequence[str]) -> tuple[str, list[int]]:
    """The lines joined by newlines, and the offset each line starts at there: for one scan
    of many lines whose matches map back to (line, column)."""
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return "\n".join(lines), starts
