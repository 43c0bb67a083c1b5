"""The anatomy of classic awesome-list items: ``- [Name](url) - Description.``

For each entry whose name is a link, :func:`items` locates the separator after the name and
the description's source range, so the ``AWE`` rules judge and fix positions without
reading lines themselves (computed once per document, on the rules' analysis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from awesome_lint.model import Document, Entry, Span
from awesome_lint.syntax.dialect import is_classic_candidate
from awesome_lint.syntax.slugs import plain_text

#: A separator as written: a dash of any kind or a colon, with or without spaces.  A dash
#: glued to both neighbours (``[Foo](u)-based``) is a word, not a separator.
_SEPARATOR = re.compile(r"[ \t\u00a0]*(?:[-–—]+|:)[ \t\u00a0]+|[ \t\u00a0]+[-–—]+(?=\S)")
_CANONICAL = " - "
#: A ``" - "`` separator before a capital, later in an item's text.
_LATER_DASH = re.compile(r"\S - [A-Z]")
#: A line that is only an in-page link: navigation, not part of a description.
_NAVIGATION = re.compile(r"\s*[*_]*\[[^\]]*\]\(#[^)]*\)[*_]*\s*$")


@dataclass(frozen=True, slots=True)
class ClassicItem:
    """One ``[Name](url) ...`` item: where its separator and description are."""

    entry: Entry
    name: str
    #: The separator between the name link and the description (``None``: none written).
    separator: Span | None
    separator_text: str
    #: The description as written, from its first to its last character (``None``: none).
    description: Span | None
    #: The description's markdown, its lines joined by single spaces.
    raw: str
    #: The description as rendered text (computed once: four rules read it).
    text: str

    @property
    def has_canonical_separator(self) -> bool:
        return self.separator_text == _CANONICAL

    @property
    def dash_after_links(self) -> bool:
        """``[Logo](a) [Name](b) - Text``: an image or second link, then a proper separator
        later in the text."""
        return bool(_LATER_DASH.search(self.raw)) and self.raw.count("](") > 0


def _item(document: Document, entry: Entry) -> ClassicItem:
    assert entry.link is not None
    span = entry.link.span
    line = document.line_text(span.end_line)
    start = span.end_column  # 0-based index of the first character after the link
    match = _SEPARATOR.match(line, start)
    separator: Span | None = None
    separator_text = ""
    if match is not None and match.end() < len(line.rstrip()):
        separator_text = match.group()
        separator = Span(span.end_line, start + 1, span.end_line, match.end())
        start = match.end()
    while start < len(line) and line[start] in " \t":
        start += 1
    parts: list[str] = []
    first: tuple[int, int] | None = None
    last: tuple[int, int] | None = None
    for number in range(span.end_line, entry.end_line + 1):
        text = document.line_text(number)
        begin = start if number == span.end_line else len(text) - len(text.lstrip())
        stripped = text.rstrip()
        if stripped.endswith("\\") and number < entry.end_line:
            stripped = stripped[:-1].rstrip()  # a backslash hard break
        piece = stripped[begin:]
        if number > span.end_line and _NAVIGATION.match(piece):
            break  # "**[⬆ back to top](#contents)**" glued under the last item
        if not piece.strip():
            if first is not None:
                break  # the description is the item's first paragraph
            continue
        if first is None:
            first = (number, begin + 1)
        last = (number, len(stripped))
        parts.append(piece.strip())
    description = None
    if first is not None and last is not None:
        description = Span(first[0], first[1], last[0], last[1])
    raw = " ".join(parts)
    return ClassicItem(entry, plain_text(entry.link.text), separator, separator_text,
                       description, raw, plain_text(raw))


def items(document: Document) -> list[ClassicItem]:
    """Every classic-shaped item of the document."""
    return [_item(document, e) for e in document.entries if is_classic_candidate(e)]
