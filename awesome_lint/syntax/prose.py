"""What in a line of prose is not prose: code spans and HTML tags, for rules that judge
words (spelling) and must leave code and markup alone."""

from __future__ import annotations

import re

from awesome_lint.model import Document

#: Code spans (any run of backticks, closed by the same run) and HTML tags on one line.
_NOT_PROSE = re.compile(r"(`+).+?\1|<[^<>\n]+>")


def not_prose(document: Document, line: int) -> list[tuple[int, int]]:
    """The 0-based ranges of code spans and HTML tags on ``line``."""
    return [(m.start(), m.end()) for m in _NOT_PROSE.finditer(document.line_text(line))]
