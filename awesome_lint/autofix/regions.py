"""Judge rendering only where the text changed: GitHub's HTML cut at its blocks.

Speed trick (``fix`` on a 10k-entry list: the guard went from 1.3 s to a few hundredths).
cmark-gfm renders a whole list in C in a tenth of a second; what cost was reading that
HTML in Python (tokens and occurrences, :func:`awesome_lint.autofix.guards.render`) for
both texts of every pass.  So each text's rendering is cut into :class:`Piece` s: its
top-level blocks, and a list's items.  Pieces that are equal, source positions aside, are
matched in order on both sides (equal HTML renders the same by construction: nothing
there is lost or moved); only the unmatched ones, the regions around what changed, are
read as tokens and compared by the guard, exactly as it compares whole renderings.

The whole text is rendered and then cut, rather than each region rendered alone, so the
context of a region is GitHub's own: link reference definitions anywhere in the file, a
list's tightness, an item inside ``<details>`` or a table.  A piece starts at a block
tag whose source position begins after the end of the top-level block before it, so a
piece is always whole blocks (raw HTML between blocks, which has no source position,
stays with the block before it); tests/test_guard_regions.py checks against the whole
rendering that the pieces add up to it and that judging by regions decides as judging
the whole does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

_POSITIONED = re.compile(r'<([a-z][a-z0-9]*)[^>]*? data-sourcepos="(\d+):(\d+)-(\d+):(\d+)"')
_ITEM = re.compile(r'<li[^>]*? data-sourcepos="(\d+):(\d+)-(\d+):(\d+)"')
_SOURCEPOS = re.compile(r' data-sourcepos="[^"]*"')
_LISTS = frozenset({"ul", "ol"})


class Piece(NamedTuple):
    """A slice ``start:end`` of the rendered HTML from source lines ``first..last``."""

    start: int
    end: int
    first: int
    last: int
    #: The HTML without source positions: equal pieces render the same.
    plain: str
    #: For a list: ``ul`` or ``ol``.
    list: str = ""


class Items(NamedTuple):
    """A list piece cut at its items: the HTML before the first (the list's opening tag)
    and after the last (its end tag and any raw HTML after it), without positions."""

    head: str
    items: list[Piece]
    tail: str


@dataclass
class Cut:
    """One text's rendering, cut into top-level pieces (a list's items on demand)."""

    html: str
    lines: int
    pieces: list[Piece]

    def items(self, piece: Piece) -> Items | None:
        """A list piece's items; None when its end cannot be told from its HTML."""
        html = self.html
        end_tag = html.rfind(f"</li>\n</{piece.list}>\n", piece.start, piece.end)
        if end_tag < 0:
            return None
        end_tag += len("</li>\n")
        starts: list[tuple[int, int]] = []  # (offset, first line) of each item
        end = (0, 0)
        for match in _ITEM.finditer(html, piece.start, end_tag):
            l1, c1, l2, c2 = (int(g) for g in match.groups())
            if (l1, c1) > end:
                starts.append((match.start(), l1))
                end = (l2, c2)
        if not starts:
            return None
        items = []
        for index, (offset, first) in enumerate(starts):
            stop, last = (starts[index + 1][0], starts[index + 1][1] - 1) \
                if index + 1 < len(starts) else (end_tag, piece.last)
            items.append(Piece(offset, stop, first, last, _plain(html[offset:stop])))
        return Items(_plain(html[piece.start: starts[0][0]]), items,
                     _plain(html[end_tag: piece.end]))


def _plain(html: str) -> str:
    return _SOURCEPOS.sub("", html) if "data-sourcepos" in html else html


def cut(html: str, lines: int) -> Cut:
    """Cut ``html`` (cmark-gfm's, with source positions) of a text of ``lines`` lines."""
    bounds = list(top_blocks(html))
    if not bounds or bounds[0][0] > 0:
        bounds.insert(0, (0, 1, ""))
    pieces = []
    for index, (offset, first, name) in enumerate(bounds):
        stop, last = (bounds[index + 1][0], bounds[index + 1][1] - 1) \
            if index + 1 < len(bounds) else (len(html), lines)
        pieces.append(Piece(offset, stop, first, max(first, last), _plain(html[offset:stop]),
                            name if name in _LISTS else ""))
    return Cut(html, lines, pieces)


def top_blocks(html: str) -> Iterator[tuple[int, int, str]]:
    """Offset, first line and tag of each top-level block of cmark-gfm's ``html``: a block
    whose source position starts after the end of the top-level block before it."""
    end = (0, 0)
    for match in _POSITIONED.finditer(html):
        start = (int(match.group(2)), int(match.group(3)))
        stop = (int(match.group(4)), int(match.group(5)))
        if start > end:
            yield match.start(), start[0], match.group(1)
            end = stop
        else:
            end = max(end, stop)


class Region(NamedTuple):
    """HTML of both texts that did not match, with its source lines on each side."""

    old_html: str
    old_lines: tuple[int, int]
    new_html: str
    new_lines: tuple[int, int]


def regions(old: Cut, new: Cut) -> Iterator[Region]:
    """The unmatched stretches of the two renderings, in order."""
    for i1, i2, j1, j2 in _unmatched([p.plain for p in old.pieces],
                                     [p.plain for p in new.pieces]):
        if i2 - i1 == 1 and j2 - j1 == 1:
            a, b = old.pieces[i1], new.pieces[j1]
            if a.list and a.list == b.list:
                old_items, new_items = old.items(a), new.items(b)
                if old_items and new_items and old_items.head == new_items.head \
                        and old_items.tail == new_items.tail:
                    yield from _item_regions(old, a, old_items.items,
                                             new, b, new_items.items)
                    continue
        yield Region(*_span(old, old.pieces[i1:i2]), *_span(new, new.pieces[j1:j2]))


def _item_regions(old: Cut, a: Piece, old_items: list[Piece],
                  new: Cut, b: Piece, new_items: list[Piece]) -> Iterator[Region]:
    """Two lists that open and end alike: only their unmatched items."""
    for i1, i2, j1, j2 in _unmatched([p.plain for p in old_items],
                                     [p.plain for p in new_items]):
        yield Region(*_wrapped(old, a, old_items[i1:i2]), *_wrapped(new, b, new_items[j1:j2]))


def _wrapped(cut_: Cut, lst: Piece, items: list[Piece]) -> tuple[str, tuple[int, int]]:
    """Items of a list inside a ``<ul>`` of the list's lines: both lists open alike, and a
    ``<ul>`` gives no token of its own, so the guard reads these items' tokens as the
    whole rendering gives them."""
    if not items:
        return "", (lst.first, lst.last)
    body = cut_.html[items[0].start: items[-1].end]
    return f'<ul data-sourcepos="{lst.first}:1-{lst.last}:1">\n{body}</ul>\n', \
        (lst.first, lst.last)


def _span(cut_: Cut, pieces: list[Piece]) -> tuple[str, tuple[int, int]]:
    if not pieces:
        return "", (1, 0)
    return cut_.html[pieces[0].start: pieces[-1].end], (pieces[0].first, pieces[-1].last)


def _unmatched(old: list[str], new: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """Stretches ``old[i1:i2]``/``new[j1:j2]`` left when equal pieces are matched in order:
    position by position when the counts agree (a fix that edits items in place), else
    difflib's matching of the stretch between the equal head and tail."""
    if len(old) == len(new):
        index = 0
        while index < len(old):
            if old[index] == new[index]:
                index += 1
                continue
            stop = index + 1
            while stop < len(old) and old[stop] != new[stop]:
                stop += 1
            yield index, stop, index, stop
            index = stop
        return
    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag != "equal":
            yield i1, i2, j1, j2


def opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes for two long, mostly equal sequences: the equal head and tail are
    matched first (difflib's own search is quadratic in the worst case)."""
    if old == new:
        return []
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    import difflib

    matcher = difflib.SequenceMatcher(None, old[head: len(old) - tail],
                                      new[head: len(new) - tail], autojunk=False)
    return [("equal", 0, head, 0, head),
            *((tag, head + i1, head + i2, head + j1, head + j2)
              for tag, i1, i2, j1, j2 in matcher.get_opcodes()),
            ("equal", len(old) - tail, len(old), len(new) - tail, len(new))]
