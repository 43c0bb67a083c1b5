"""Venue marks in every notation a list uses, and how *this* list writes one.

The marks are read once, right after parsing, by the grammars of
:mod:`awesome_lint.syntax.notations` and kept on each entry (``Entry.marks``); rules that
compare an entry with the published record (:mod:`awesome_lint.rules.papers`) and the badge
rules read them there.  :func:`notation` infers how the list writes a mark (style, the
separator before the year, two or four digits), so a suggested mark looks like its
neighbours.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from awesome_lint.model import Document, Entry, EntryKind, VenueMark
from awesome_lint.syntax.treememo import per_tree
from awesome_lint.venues import parse_badge_text

__all__ = ["BESIDE_TITLE", "WRAPPERS", "Notation", "VenueMark", "entry_marks", "notation",
           "title_without_marks", "written_shape"]

#: Notations whose mark stands on the entry's line beside its title: where a missing mark
#: can be inserted.
BESIDE_TITLE = frozenset({"kbd", "bold-bracket", "bracket", "paren", "title-paren"})
#: How each notation wraps its inner text.
WRAPPERS = {"kbd": "<kbd>{}</kbd>", "bold-bracket": "**[{}]**", "bracket": "[{}]",
             "italic": "*{}*", "paren": "({})", "title-paren": "({})", "venue-first": "[{}]",
             "title-year": "({})"}


@dataclass(frozen=True, slots=True)
class Notation:
    """How a list writes a mark: ``CVPR 2023`` is (" ", 4), ``CVPR' 23`` is ("' ", 2)."""

    style: str = "kbd"
    separator: str = " "
    #: Digits of the year (4 or 2); 0 when the list writes no year in this notation.
    digits: int = 4
    #: Marks come before the title link (``* <kbd>ICLR 2015</kbd> [VGG](url)``).
    leads: bool = False

    def text(self, venue: str, year: int | None) -> str:
        """The inner text of a mark for ``venue`` and ``year``."""
        if year is not None and self.style == "year-prefix":
            return f"{year % 100:02d}-{venue}" if self.digits == 2 else f"{year}-{venue}"
        if year is None or self.digits == 0 or self.style in ("venue-first", "citation"):
            return venue
        digits = f"{year % 100:02d}" if self.digits == 2 else str(year)
        return f"{venue}{self.separator}{digits}"

    def mark(self, venue: str, year: int | None) -> str:
        """The whole mark, delimiters included, as this list would write it."""
        return WRAPPERS.get(self.style, "{}").format(self.text(venue, year))


def entry_marks(document: Document) -> dict[Entry, tuple[VenueMark, ...]]:
    """Every entry's venue marks in source order (entries without one are absent), as the
    syntax layer read them (:mod:`awesome_lint.syntax.notations`)."""
    return {entry: entry.marks for entry in document.entries if entry.marks}


def written_shape(raw: str, year: int | None, source: str, style: str) -> tuple[str, int]:
    """(separator, digits) of a mark that writes a venue and a year, as the badge text's
    one reading (:func:`~awesome_lint.venues.parse_badge_text`) found them; digits 0
    without a year."""
    if year is None or source != "mark":
        return "", 0
    if style == "year-prefix":
        return "-", len(raw.split("-", 1)[0])
    if style == "citation":
        return " (", 4
    parsed = parse_badge_text(raw)
    if parsed.year is None:
        return " ", 4
    return parsed.year_sep, 2 if parsed.two_digit_year else 4


def notation(document: Document, style: str | None = None) -> Notation:
    """The list's own way of writing a venue mark: the majority over its marks of ``style``
    (of any style but table cells when None; ``<kbd>CVPR 2023</kbd>`` when it has none).
    Kept on the tree (:func:`~awesome_lint.syntax.treememo.per_tree`), not in a cache that
    would hold the last few trees alive."""
    return per_tree(f"notation:{style}", document, lambda doc: _notation(doc, style))


def _notation(document: Document, style: str | None) -> Notation:
    owned = [(e, m) for e, ms in entry_marks(document).items() for m in ms
             if not m.placeholder and m.venue and (
                 m.style == style if style else m.style != "table-cell")]
    if not owned:
        return Notation(style or "kbd", " ", 0 if style == "table-cell" else 4)
    chosen = style or Counter(m.style for _e, m in owned).most_common(1)[0][0]
    mine = [(e, m) for e, m in owned if m.style == chosen]
    # lists repeat a few dozen mark texts: each distinct one is measured once
    texts = Counter((m.raw, m.year, m.year_from, m.style) for _e, m in mine)
    shapes: Counter[tuple[str, int]] = Counter()
    for (raw, year, source, mark_style), n in texts.items():
        shapes[written_shape(raw, year, source, mark_style)] += n
    separator, digits = _majority(shapes)
    leading = sum(1 for e, m in mine if e.kind is EntryKind.LINK_TITLED and e.link is not None
                  and (m.span.line, m.span.column) < (e.link.span.line, e.link.span.column))
    return Notation(chosen, separator if digits else " ", digits, leading * 2 > len(mine))


def _majority(shapes: Counter[tuple[str, int]]) -> tuple[str, int]:
    """The digits most marks write, then the separator most of those use: ``CVPR'19``,
    ``CVPR’19`` and ``CVPR 2019`` write two digits (as the badge rules' year habit
    counts them), not the one four-digit mark that came first in a three-way tie."""
    if not shapes:
        return " ", 4
    digits: Counter[int] = Counter()
    for (_separator, count), n in shapes.items():
        digits[count] += n
    chosen = digits.most_common(1)[0][0]
    return Counter({sep: n for (sep, count), n in shapes.items() if count == chosen}
                   ).most_common(1)[0][0], chosen


def title_without_marks(entry: Entry, marks: tuple[VenueMark, ...]) -> str:
    """The entry's title without the bold-bracket marks the parser left in it
    (``Title | **[CVPR' 19]** | [pdf](url)`` has the title ``Title``)."""
    title = entry.title
    for mark in marks:
        if mark.style == "bold-bracket":
            title = title.replace(f"[{mark.raw}]", " ")
    return " ".join(title.split()).strip(" |:-–—")
