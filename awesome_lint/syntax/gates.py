"""Gates of the venue grammars (speed tricks, listed in awesome_lint.startup): one search of
the whole document says which grammars cannot read a mark anywhere, or which entries' lines
hold what a grammar looks for first, so :func:`awesome_lint.syntax.notations.infer_venues`
runs a grammar entry by entry only where it may find something.  The patterns are the
grammars' own (in :mod:`awesome_lint.syntax.notations`); ``tests/test_classic_list_tricks.py``
pins every gate to running its grammar on every entry."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from awesome_lint.model import Entry, EntryKind

#: What the ``bold-bracket`` and ``bracket`` grammars look for first in each of an entry's
#: lines (``**[``; a digit before ``]``, found from the ``]``: a literal ``re`` scans for,
#: 2.1 -> 0.3 ms), found once in the whole document; an entry none of whose lines holds it
#: is not read.
LINE_GATES: dict[str, re.Pattern[str]] = {
    "bold-bracket": re.compile(r"\*\*\["), "bracket": re.compile(r"\](?<=\d\])"),
}
#: The entry kinds in which these grammars can read a mark (they return at once for the
#: others; a ``year-prefix`` year would stand where a title link starts): no call for the
#: rest (awesome-go, 3k link-titled entries: about 3 ms).
READS: dict[str, frozenset[EntryKind]] = {
    "venue-first": frozenset(EntryKind) - {EntryKind.LINK_TITLED},
    "year-prefix": frozenset(EntryKind) - {EntryKind.LINK_TITLED, EntryKind.TABLE_ROW},
    "table-cell": frozenset({EntryKind.TABLE_ROW}),
    "citation": frozenset({EntryKind.NUMBERED_PROSE}),
}


def absent(gates: Mapping[str, re.Pattern[str]], text: str) -> frozenset[str]:
    """The styles whose gate ``text`` (the document's lines joined) does not hold, each
    pattern searched once however many styles share it."""
    seen: dict[re.Pattern[str], bool] = {}
    for gate in gates.values():
        if gate not in seen:
            seen[gate] = gate.search(text) is None
    return frozenset(style for style, gate in gates.items() if seen[gate])


def held_lines(gate: re.Pattern[str], joined: tuple[str, list[int]]) -> set[int]:
    """The 1-based numbers of the lines in which ``gate`` starts a match (``joined``: the
    document's lines joined by newlines, and each line's start offset)."""
    text, starts = joined
    return {bisect.bisect_right(starts, m.start()) for m in gate.finditer(text)}


def touching(entries: list[Entry], held: set[int], after: int = 0) -> list[Entry]:
    """The ``entries`` with a line in ``held``, counting ``after`` lines below each."""
    if not held:
        return []
    if not after:  # (most entries are one line: one set lookup)
        return [e for e in entries if e.line in held or (
            e.end_line > e.line and not held.isdisjoint(range(e.line + 1, e.end_line + 1)))]
    return [e for e in entries if not held.isdisjoint(range(e.line, e.end_line + 1 + after))]
