"""What an entry's own lines hold besides the entry, for fixes that delete or extend it:
the quote markers before its bullet, the ``</p>`` that closes an HTML block on its last
line, a backslash hard break at its end."""

from __future__ import annotations

from awesome_lint.model import Document, Entry


def only_quotes_before_marker(document: Document, entry: Entry) -> bool:
    """Whether nothing but indentation and ``>`` quote markers precede the entry's marker."""
    head = document.line_text(entry.line)[: max(0, entry.marker_column - 1)]
    return head.strip(" \t>") == ""


def closes_html_paragraph(document: Document, line: int) -> bool:
    """Whether ``line`` ends with the ``</p>`` that closes its HTML block."""
    return document.line_text(line).rstrip().lower().endswith("</p>")


def ends_with_hard_break(document: Document, line: int) -> bool:
    """Whether ``line`` ends with a backslash hard line break."""
    return document.line_text(line).rstrip().endswith("\\")
