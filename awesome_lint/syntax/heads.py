"""How a list's head is written: an HTML block with a heading or a logo may stand in for the
level-1 title (awesome-lint JS accepts it)."""

from __future__ import annotations

import re

from awesome_lint.model import Document

_HTML_TITLE = re.compile(r"<h[1-6][\s>]|<img\b", re.IGNORECASE)


def html_title(document: Document) -> bool:
    """Whether the document opens with an HTML block that holds a heading or an image."""
    first = next((b for b in document.root.blocks), None)
    if first is None or first.kind != "html":
        return False
    text = "\n".join(document.lines[first.line - 1: first.end_line])
    return bool(_HTML_TITLE.search(text))
