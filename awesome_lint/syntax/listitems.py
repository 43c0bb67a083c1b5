"""What a list item's first line says after its marker, for rules that judge list items
the parser did not make entries of (alphabetical order, the TOC's own style)."""

from __future__ import annotations

import re

from awesome_lint.model import Document, ListItemInfo
from awesome_lint.syntax.slugs import plain_text

#: A list item's first line: indentation, marker, the blanks after it, its content.
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")


def item_title(document: Document, item: ListItemInfo) -> str:
    """The item's content as plain text; its whole line when the line does not open with
    the marker (an item inside a block quote)."""
    line = document.line_text(item.line)
    match = _ITEM.match(line)
    return plain_text(match.group(1)) if match else line


def bold_link(document: Document, item: ListItemInfo) -> bool:
    """Whether the item's content opens with a bold link (``- **[Name](#anchor)**``)."""
    line = document.line_text(item.line)
    return line[item.marker_column + len(item.marker):].strip().startswith("**[")


#: A thematic break (``* * *``, ``---``, ``___``): CommonMark reads it before a list item.
_THEMATIC = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")


def remarked_is_break(document: Document, item: ListItemInfo, marker: str) -> bool:
    """Whether writing ``marker`` in place of the item's marker would make its line a
    thematic break (``- * *`` with ``*``): a bullet fix must not."""
    text = document.line_text(item.line)
    column = item.marker_column
    return bool(_THEMATIC.match(text[: column - 1] + marker + text[column:]))


def inline_links_written(document: Document, line: int) -> int:
    """How many inline links (``](``) the line writes, images included."""
    return document.line_text(line).count("](")
