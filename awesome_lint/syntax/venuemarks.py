"""Venue marks in every notation a list uses: ``<kbd>CVPR 2023</kbd>``, ``**[CVPR' 23]**``
and the venue cell of a table row, read once per document.

The parser yields ``<kbd>`` badges; lists that write bold-bracket marks or keep the venue in
a table column are read here, at the syntax layer, so rules that compare an entry with the
published record (:mod:`awesome_lint.rules.papers`) never re-scan lines.  :func:`notation`
infers how *this* list writes a mark (style, the separator before the year, two or four
digits), so a suggested mark looks like its neighbours.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from awesome_lint.model import Document, Entry, EntryKind, Span
from awesome_lint.venues import parse_badge_text

#: ``**[CVPR' 23]**``: bold brackets around short text (never link text: no ``(`` follows).
_BOLD_BRACKET = re.compile(r"\*\*\[([^\[\]\n*]{1,40})\]\*\*(?!\()")
#: Header cells that name a table's venue column.
VENUE_HEADERS = frozenset({"venue", "venues", "conference", "conf", "conf.", "journal",
                           "publication", "published", "published in", "venue/year",
                           "where", "pub.", "booktitle"})
_YEAR_DIGITS = re.compile(r"(?:19|20)?\d{2}")
_PLACEHOLDER = frozenset({"", "-", "–", "—", "n/a", "N/A", "/"})


@dataclass(frozen=True, slots=True)
class VenueMark:
    """One venue mark of an entry, in the notation it was written in."""

    #: "kbd", "bold-bracket" or "table-cell".
    style: str
    #: The text inside the delimiters ("" for an empty or ``-`` table cell).
    raw: str
    venue: str
    year: int | None
    #: Words after the year ("Oral", "Workshop").
    suffix: str
    #: The whole mark (tags, brackets and bold markers included; the cell's content).
    span: Span
    #: The text a fix replaces (single line).
    inner: Span

    @property
    def placeholder(self) -> bool:
        return self.raw.strip() in _PLACEHOLDER


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
        if year is None or self.digits == 0:
            return venue
        digits = f"{year % 100:02d}" if self.digits == 2 else str(year)
        return f"{venue}{self.separator}{digits}"

    def mark(self, venue: str, year: int | None) -> str:
        """The whole mark, delimiters included, as this list would write it."""
        inner = self.text(venue, year)
        if self.style == "bold-bracket":
            return f"**[{inner}]**"
        if self.style == "table-cell":
            return inner
        return f"<kbd>{inner}</kbd>"


def _cells(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of a table row's cells: unescaped pipes outside code spans."""
    bounds: list[int] = []
    ticks = False
    for index, char in enumerate(text):
        if char == "`":
            ticks = not ticks
        elif char == "|" and not ticks and (index == 0 or text[index - 1] != "\\"):
            bounds.append(index)
    stripped = text.lstrip()
    starts = [-1] if not stripped.startswith("|") else []
    edges = starts + bounds
    if not text.rstrip().endswith("|") or not bounds:
        edges.append(len(text))
    return [(a + 1, b) for a, b in itertools.pairwise(edges) if b > a]


def _plain(cell: str) -> str:
    return cell.strip().strip("*_`").strip().casefold()


def _cell_mark(line: str, number: int, start: int, end: int) -> VenueMark:
    """The venue cell ``line[start:end]``: bold and a single link are looked through."""
    lo, hi = start, end
    while lo < hi and line[lo] in " \t":
        lo += 1
    while hi > lo and line[hi - 1] in " \t":
        hi -= 1
    whole = (lo, hi)
    while hi - lo >= 2 and line[lo] in "*_" and line[hi - 1] == line[lo]:
        lo, hi = lo + 1, hi - 1
    link = re.fullmatch(r"\[([^\[\]]*)\]\([^()\s]*\)", line[lo:hi])
    if link is not None:
        lo, hi = lo + 1, lo + 1 + len(link.group(1))
    raw = line[lo:hi]
    parsed = parse_badge_text(raw)
    if hi == lo:  # an empty cell: the fix writes where the blank is
        lo, hi = start, end
        whole = (start, end)
    return VenueMark("table-cell", raw, parsed.venue_text, parsed.year, parsed.suffix,
                     Span(number, whole[0] + 1, number, max(whole[0] + 1, whole[1])),
                     Span(number, lo + 1, number, max(lo + 1, hi)))


def _table_headers(document: Document) -> dict[int, int]:
    """Table row line -> index of its table's venue column (tables that have one)."""
    columns: dict[int, int] = {}
    for section in document.root.walk():
        for block in section.blocks:
            if block.kind != "table":
                continue
            header = document.line_text(block.line)
            cells = [_plain(header[a:b]) for a, b in _cells(header)]
            column = next((i for i, c in enumerate(cells) if c in VENUE_HEADERS), None)
            if column is not None:
                for number in range(block.line + 2, block.end_line + 1):
                    columns[number] = column
    return columns


def _bold_brackets(document: Document, entry: Entry) -> list[VenueMark]:
    found: list[VenueMark] = []
    for number in range(entry.line, entry.end_line + 1):
        if number in document.code_lines:
            continue
        line = document.line_text(number)
        if "**[" not in line:
            continue
        for m in _BOLD_BRACKET.finditer(line):
            parsed = parse_badge_text(m.group(1))
            if parsed.year is None and not re.search(r"[A-Za-z]{2}", parsed.venue_text):
                continue  # **[12]** is a citation number
            found.append(VenueMark("bold-bracket", m.group(1), parsed.venue_text, parsed.year,
                                   parsed.suffix,
                                   Span(number, m.start() + 1, number, m.end()),
                                   Span(number, m.start(1) + 1, number, m.end(1))))
    return found


@functools.lru_cache(maxsize=4)  # the tree is immutable and rules of one run share it
def entry_marks(document: Document) -> dict[Entry, tuple[VenueMark, ...]]:
    """Every entry's venue marks in source order (entries without one are absent)."""
    columns = _table_headers(document) if any(
        e.kind is EntryKind.TABLE_ROW for e in document.entries) else {}
    out: dict[Entry, tuple[VenueMark, ...]] = {}
    for entry in document.entries:
        marks: list[VenueMark] = [
            VenueMark("kbd", b.raw, b.venue, b.year, b.suffix, b.span, b.inner_span)
            for b in entry.badges if b.closed]
        marks.extend(_bold_brackets(document, entry))
        column = columns.get(entry.line)
        if column is not None:
            line = document.line_text(entry.line)
            cells = _cells(line)
            if column < len(cells):
                marks.append(_cell_mark(line, entry.line, *cells[column]))
        if marks:
            out[entry] = tuple(sorted(marks, key=lambda m: (m.span.line, m.span.column)))
    return out


def _shape(mark: VenueMark) -> tuple[str, int]:
    """(separator, digits) of a mark that writes a venue and a year; digits 0 without one."""
    if mark.year is None:
        return "", 0
    raw = " ".join(mark.raw.split())
    at = raw.find(mark.venue) + len(mark.venue) if mark.venue else 0
    digits = _YEAR_DIGITS.search(raw, at)
    if digits is None:
        return " ", 4
    return raw[at:digits.start()], len(digits.group())


@functools.lru_cache(maxsize=4)
def notation(document: Document, style: str | None = None) -> Notation:
    """The list's own way of writing a venue mark: the majority over its marks of ``style``
    (of any style but table cells when None; ``<kbd>CVPR 2023</kbd>`` when it has none)."""
    owned = [(e, m) for e, ms in entry_marks(document).items() for m in ms
             if not m.placeholder and m.venue and (
                 m.style == style if style else m.style != "table-cell")]
    if not owned:
        return Notation(style or "kbd", " ", 0 if style == "table-cell" else 4)
    chosen = style or Counter(m.style for _e, m in owned).most_common(1)[0][0]
    mine = [(e, m) for e, m in owned if m.style == chosen]
    shapes = Counter(_shape(m) for _e, m in mine)
    separator, digits = shapes.most_common(1)[0][0] if shapes else (" ", 4)
    leading = sum(1 for e, m in mine if e.kind is EntryKind.LINK_TITLED and e.link is not None
                  and (m.span.line, m.span.column) < (e.link.span.line, e.link.span.column))
    return Notation(chosen, separator if digits else " ", digits, leading * 2 > len(mine))


def title_without_marks(entry: Entry, marks: tuple[VenueMark, ...]) -> str:
    """The entry's title without the bold-bracket marks the parser left in it
    (``Title | **[CVPR' 19]** | [pdf](url)`` has the title ``Title``)."""
    title = entry.title
    for mark in marks:
        if mark.style == "bold-bracket":
            title = title.replace(f"[{mark.raw}]", " ")
    return " ".join(title.split()).strip(" |:-–—")
