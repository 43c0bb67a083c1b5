"""Find UTF-8 text that was decoded as Mac Roman or cp1252 (``‚≠ê`` for ⭐).

ftfy repairs complete sequences; it is imported lazily (about 50 ms) and only for lines that
contain a character typical of mojibake.  A sequence whose first UTF-8 byte was lost
(``üåü``: F0 shown as the Apple logo and dropped on copy) cannot be repaired with certainty;
:func:`find` offers the likely character as a guess, flagged ``certain=False``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

#: Characters that UTF-8 lead or continuation bytes become in Mac Roman or cp1252.
_SUSPECT = re.compile(
    "[\u00c2\u00c3\u00c5\u00e2\u00f0\u00e5\u00fc\u00e4\u00e9\u00f1\u00ef\u0178\u2018-\u201e"
    "\u2026\u20ac\u2122\u221a\u2264\u2265\u2260\u00ac\u00b5\u00e6\u00f8\u00bf\u00b4\u00a8"
    "\u00c6\u00d8\u00e7\u00ea\u00eb\u00e8\u00ed\u00ec\u00ee\u00f3\u00f2\u00f4\u00f6\u00fa"
    "\u00f9\u00fb\u00df\u00ae\u00a9\u00b0\u00b7\u00ba\u00aa\u00b1\u02c6\u02dc\u0153\u0152"
    "\u2020\u2021\u2022\u2013\u2014\u2030\u0161\u0160\u203a\u2039\u017e\u017d\u0192\u00a5"
    "\u2202\u2211\u220f\u03c0\u222b\u2126\u2248\u2206\u00ab\u00bb\u00a0\u00f7\u25ca\u00ff"
    "\u2044\u00a4\u00b6\u00a7\u00a2\u00a3\u2030\u201a\u00c1\u00c0\u00ce\u00cf\u00cc\u00d3"
    "\u00d4\uf8ff\u00d2\u00da\u00db\u00d9\u0131\u02c6\u02dc\u00af\u02d8\u02d9\u02da\u00b8"
    "\u02dd\u02db\u02c7\u00c7\u00c9\u00d1\u00d6\u00dc\u00e1\u00e0\u00e3]"
)


@dataclass(frozen=True)
class Mojibake:
    column: int  # 1-based
    text: str  # the garbled characters
    repaired: str
    certain: bool


def _mac_roman_continuations(text: str) -> bytes | None:
    try:
        data = text.encode("mac_roman")
    except UnicodeEncodeError:
        return None
    return data if all(0x80 <= b <= 0xBF for b in data) else None


def _lost_lead_byte(line: str) -> Iterator[Mojibake]:
    """Three Mac Roman characters that are the tail of a 4-byte UTF-8 emoji."""
    index = 0
    while index + 3 <= len(line):
        chunk = line[index: index + 3]
        tail = _mac_roman_continuations(chunk) if not chunk.isascii() else None
        if tail is not None:
            try:
                char = (b"\xf0" + tail).decode("utf-8")
            except UnicodeDecodeError:
                char = ""
            if char and unicodedata.category(char) == "So":
                yield Mojibake(index + 1, chunk, char, certain=False)
                index += 3
                continue
        index += 1


def find(line: str) -> list[Mojibake]:
    """Garbled sequences in one line, each with its repair."""
    if line.isascii() or not _SUSPECT.search(line):
        return []
    import ftfy

    fixed = ftfy.fix_encoding(line)
    found: list[Mojibake] = []
    if fixed != line:
        matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op != "equal":
                found.append(Mojibake(a1 + 1, line[a1:a2], fixed[b1:b2], certain=True))
    covered = {(m.column, m.column + len(m.text)) for m in found}
    for guess in _lost_lead_byte(line):
        start, end = guess.column, guess.column + len(guess.text)
        if not any(a < end and start < b for a, b in covered):
            found.append(guess)
    return sorted(found, key=lambda m: m.column)
