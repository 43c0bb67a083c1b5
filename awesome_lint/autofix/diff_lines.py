"""The lines a line diff declares changed, read two ways (for :meth:`guards.Declared.of_diff`).

A line diff pairs repeated lines one way of several.  Deleting one of two equal lines could
be deleting either (declared both: a slid deletion); and when an entry's bullets change above
a twin entry, difflib pairs the twin with the entry and calls the entry deleted and the twin
inserted.  The second reading pairs lines alike but for their bullet marker and declares the
pairs that differ, so both readings leave only lines identical to their partner undeclared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Opcode = tuple[str, int, int, int, int]

_BULLET = re.compile(r"^([ \t>]*)[*+-](?=[ \t]|$)")


def bullets_alike(lines: list[str]) -> list[str]:
    """The lines with every list item's bullet written ``-`` (to diff, not to keep)."""
    return [_BULLET.sub(r"\1-", line) for line in lines]


def declared_lines(old: list[str], new: list[str], codes: Iterable[Opcode]
                   ) -> tuple[frozenset[int], frozenset[int]]:
    """1-based lines of ``old`` and ``new`` the opcodes leave unpaired, or pair with a line
    that differs (``codes`` may come from a diff of the lines changed alike on both sides)."""
    lines_before: set[int] = set()
    lines_after: set[int] = set()
    for tag, a1, a2, b1, b2 in codes:
        if tag == "delete":
            a1, a2, b1, b2 = _slid(old, a1, a2, b1)
        elif tag == "insert":
            b1, b2, a1, a2 = _slid(new, b1, b2, a1)
        elif tag == "equal":
            for a, b in zip(range(a1, a2), range(b1, b2), strict=True):
                if old[a] != new[b]:
                    lines_before.add(a + 1)
                    lines_after.add(b + 1)
            continue
        lines_before.update(range(a1 + 1, a2 + 1))
        lines_after.update(range(b1 + 1, b2 + 1))
    return frozenset(lines_before), frozenset(lines_after)


def _slid(lines: list[str], start: int, stop: int, other: int) -> tuple[int, int, int, int]:
    """Lines ``start:stop`` of ``lines`` are gone at ``other`` in the other text; among
    equal neighbours (a duplicate deleted) any of them could be the one: declare them all,
    on both sides."""
    up = 0
    while start - up > 0 and lines[start - up - 1] == lines[stop - up - 1]:
        up += 1
    down = 0
    while stop + down < len(lines) and lines[stop + down] == lines[start + down]:
        down += 1
    return start - up, stop + down, other - up, other + down
