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
