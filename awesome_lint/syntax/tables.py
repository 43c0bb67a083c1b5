"""Table rows as a paper list writes them: cells, and the column whose header names the venue.

A list that keeps papers in a table (``| Title | Venue | Date | Code |``) writes each venue
mark in a cell; the ``table-cell`` grammar of :mod:`awesome_lint.syntax.notations` reads it
from here.
"""

from __future__ import annotations

import itertools
import re

from awesome_lint.model import Document, Link, Span, VenueMark
from awesome_lint.syntax.slugs import plain_text
from awesome_lint.syntax.treememo import per_tree
from awesome_lint.venues import parse_badge_text

#: Header cells that name a table's venue column.
VENUE_HEADERS = frozenset({"venue", "venues", "conference", "conf", "conf.", "journal",
                           "publication", "published", "published in", "venue/year",
                           "where", "pub.", "booktitle", "conference/journal",
                           "journal/conference", "venue & year", "conference / journal"})
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")


def table_cells(text: str) -> list[tuple[int, int]]:
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


def cell_mark(line: str, number: int, start: int, end: int) -> VenueMark:
    """The venue cell ``line[start:end]``: bold and a single link are looked through."""
    lo, hi = start, end
    while lo < hi and line[lo] in " \t":
        lo += 1
    while hi > lo and line[hi - 1] in " \t":
        hi -= 1
    whole = (lo, hi)
    while hi - lo >= 2 and line[lo] in "*_" and line[hi - 1] == line[lo]:
        lo, hi = lo + 1, hi - 1
    link = _LINK.fullmatch(line[lo:hi])
    if link is not None:
        lo, hi = lo + 1, lo + 1 + len(link.group(1))
    raw = line[lo:hi]
    parsed = parse_badge_text(raw)
    if hi == lo:  # an empty cell: the fix writes where the blank is
        lo, hi = start, end
        whole = (start, end)
    return VenueMark("table-cell", raw, parsed.venue_text, parsed.year, parsed.suffix,
                     Span(number, whole[0] + 1, number, max(whole[0] + 1, whole[1])),
                     Span(number, lo + 1, number, max(lo + 1, hi)),
                     "mark" if parsed.year is not None else "")


def table_columns(document: Document) -> dict[int, int]:
    """Table row line -> index of its table's venue column (tables that have one)."""
    return per_tree("venue-columns", document, _venue_columns)


def _venue_columns(document: Document) -> dict[int, int]:
    columns: dict[int, int] = {}
    for section in document.root.walk():
        for block in section.blocks:
            if block.kind != "table":
                continue
            header = document.line_text(block.line)
            cells = [_plain(header[a:b]) for a, b in table_cells(header)]
            column = next((i for i, c in enumerate(cells) if c in VENUE_HEADERS), None)
            if column is not None:
                for number in range(block.line + 2, block.end_line + 1):
                    columns[number] = column
    return columns


def title_cell(header: str, row: str, links: list[Link]) -> tuple[str, list[Link]]:
    """A table row's title and its links, the title cell's first: the column whose header
    names titles (``Title``, ``Paper``) when there is one, not an author cell that links a
    homepage; else the first cell with words (``|2019-05|Author|Title|``: the author)."""
    names = [plain_text(header[a:b]).strip().casefold() for a, b in table_cells(header)]
    column = next((i for i, n in enumerate(names) if n in _TITLE_HEADERS), None)
    bounds = table_cells(row)
    if column is not None and column < len(bounds):
        start, end = bounds[column]
        inside = [link for link in links if start < link.span.column <= end
                  and link.span.line == links[0].span.line]
        if inside:
            rest = [link for link in links if link not in inside]
            return plain_text(row[start:end]).strip(), inside + rest
    cells = [plain_text(c) for c in re.split(r"(?<!\\)\|", row.strip().strip("|"))]
    return next((c for c in cells if c and not re.fullmatch(r"[\d\s./-]+", c)), ""), links


#: Header cells that name a table's title column.
_TITLE_HEADERS = frozenset({"title", "paper", "papers", "paper title", "name", "project",
                            "method", "model"})
