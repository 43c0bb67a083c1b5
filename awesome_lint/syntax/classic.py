"""The anatomy of classic awesome-list items: ``- [Name](url) - Description.``

For each entry whose name is a link, :func:`items` locates the separator after the name and
the description's source range, so the ``AWE`` rules judge and fix positions without
reading lines themselves (computed once per document, on the rules' analysis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from awesome_lint.model import Document, Entry, Span, fast_frozen_init
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


# One per classic item: built through its slots like the tree's nodes (speed trick, listed
# in awesome_lint.startup; 1.6 -> 0.7 us an item).
fast_frozen_init(ClassicItem)


def _item(document: Document, entry: Entry, *, one_line: bool = True) -> ClassicItem:
    """The item's anatomy (``one_line=False``: without the one-line shortcut, for tests)."""
    assert entry.link is not None
    span = entry.link.span
    number = span.end_line
    line = document.line_text(number)
    stripped = line.rstrip()
    start = span.end_column  # 0-based index of the first character after the link
    match = _SEPARATOR.match(line, start)
    separator: Span | None = None
    separator_text = ""
    if match is not None and match.end() < len(stripped):
        separator_text = match.group()
        separator = Span(number, start + 1, number, match.end())
        start = match.end()
    while start < len(line) and line[start] in " \t":
        start += 1
    if number == entry.end_line and one_line:
        # Speed trick (listed in awesome_lint.startup): the link ends on the item's last
        # line (almost every item), so the description is the rest of that line, as
        # _described's loop finds it in one turn.  Pinned by tests/test_classic_list_tricks.py.
        raw = stripped[start:].strip()
        description = Span(number, start + 1, number, len(stripped)) if raw else None
    else:
        description, raw = _described(document, entry, start)
    return ClassicItem(entry, plain_text(entry.link.text), separator, separator_text,
                       description, raw, plain_text(raw))


def _described(document: Document, entry: Entry, start: int) -> tuple[Span | None, str]:
    """The description's span and its markdown, lines joined by single spaces: the item's
    first paragraph from offset ``start`` of the line where its name link ends."""
    assert entry.link is not None
    link_line = entry.link.span.end_line
    parts: list[str] = []
    first: tuple[int, int] | None = None
    last: tuple[int, int] | None = None
    for number in range(link_line, entry.end_line + 1):
        text = document.line_text(number)
        begin = start if number == link_line else len(text) - len(text.lstrip())
        stripped = text.rstrip()
        if stripped.endswith("\\") and number < entry.end_line:
            stripped = stripped[:-1].rstrip()  # a backslash hard break
        piece = stripped[begin:]
        if number > link_line and _NAVIGATION.match(piece):
            break  # "**[⬆ back to top](#contents)**" glued under the last item
        if not piece.strip():
            if first is not None:
                break  # the description is the item's first paragraph
            continue
        if first is None:
            first = (number, begin + 1)
        last = (number, len(stripped))
        parts.append(piece.strip())
    if first is None or last is None:
        return None, ""
    return Span(first[0], first[1], last[0], last[1]), " ".join(parts)


def items(document: Document) -> list[ClassicItem]:
    """Every classic-shaped item of the document."""
    return [_item(document, e) for e in document.entries if is_classic_candidate(e)]
