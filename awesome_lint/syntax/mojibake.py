"""Find UTF-8 text that was decoded as Mac Roman or cp1252 (``‚≠ê`` for ⭐).

ftfy repairs complete sequences; it is imported lazily (about 50 ms) and only for lines that
ftfy's own test calls mojibake, and its answers are kept between runs of the command line
(see :mod:`awesome_lint.startup`).  A sequence whose first UTF-8 byte was lost
(``üåü``: F0 shown as the Apple logo and dropped on copy) cannot be repaired with certainty;
:func:`find` offers the likely character as a guess, flagged ``certain=False``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from awesome_lint.model import Document

from awesome_lint import startup

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


#: ftfy (50-100 ms to import, see :mod:`awesome_lint.startup`) can change a line only if
#: some single-byte code page it tries turns the line into UTF-8 with a multi-byte sequence:
#: a lead byte (C0-F7) read as a character, then a continuation byte (80-BF) read as one,
#: or ``?``/``\x1a`` standing for a lost byte; a space standing for byte A0 after the leads
#: ftfy restores it for (not in Mac Roman); or C1 controls and ``\x1a`` anywhere.  The code
#: pages are ftfy's (``ftfy.chardata.CHARMAP_ENCODINGS``); ``tests/test_startup.py``
#: derives these classes from them again and checks that ftfy leaves lines that miss the
#: pattern alone.  An en dash or a curly quote on its own no longer loads ftfy
#: (:func:`may_be_utf8`).
LEAD = (r"\u00a0-\u00a1\u00ab-\u00ac\u00b1\u00b5\u00b7\u00bb\u00bf-\u00f7\u00ff-\u0107"
        r"\u010c-\u0113\u0116-\u011b\u011e-\u011f\u0122-\u0123\u012a-\u012b\u012e-\u0131"
        r"\u0136-\u0137\u0139-\u013c\u0141\u0143-\u0148\u014c-\u014d\u0150-\u0155\u0158"
        r"\u015a\u015e\u0160-\u0162\u016a\u016e\u0170\u0172\u0178-\u017b\u017d\u0192\u02c6"
        r"\u02dc\u0390-\u03a1\u03a3-\u03c7\u0410-\u0447\u2013-\u2014\u2018-\u201a"
        r"\u201c-\u201e\u2021\u2026\u2030\u2039-\u203a\u2044\u20ac\u2206\u221a\u221e\u2229"
        r"\u2248\u2261\u2264-\u2265\u2320-\u2321\u2500\u250c\u2514\u2518\u251c\u252c\u2534"
        r"\u253c\u2550\u2552-\u2554\u2558-\u255a\u255e-\u2560\u2564-\u256c\u2580\u2584"
        r"\u2588\u258c\u2590\u25ca\uf8ff\ufb01-\ufb02")
CONTINUATION = (
    r"\u0080-\u00bf\u00c4-\u00c7\u00c9\u00d1\u00d6\u00d8\u00dc\u00df-\u00ef\u00f1-\u00f6"
    r"\u00f8-\u00fc\u00ff\u0104-\u0105\u013d-\u013e\u0141-\u0142\u0152-\u0153\u0156-\u0157"
    r"\u015a-\u015b\u015e-\u0161\u0164-\u0165\u0178-\u017e\u0192\u02c6-\u02c7\u02d8"
    r"\u02db-\u02dd\u0384-\u0386\u0388-\u038a\u038c\u038e-\u038f\u03a9\u03c0\u0401-\u040c"
    r"\u040e-\u040f\u0451-\u045c\u045e-\u045f\u0490-\u0491\u2013-\u2015\u2018-\u201a"
    r"\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039-\u203a\u20a7\u20ac\u2116\u2122\u2202"
    r"\u220f\u2211\u221e\u222b\u2260\u2264-\u2265\u2310\u2502\u2510\u2524\u2551"
    r"\u2555-\u2557\u255b-\u255d\u2561-\u2563\u2591-\u2593")
LEAD_BEFORE_A0 = (
    r"\u00c2-\u00c3\u00c5\u00ce\u00d0\u00d9\u00e2-\u00e3\u00f0\u0100-\u0103\u0106-\u0107"
    r"\u0110-\u0111\u011e-\u011f\u012a\u0139\u0141\u0160-\u0161\u016e\u0392-\u0393\u0395"
    r"\u039e\u03a0\u03a9\u03b2-\u03b3\u03c0\u0412-\u0413\u0415\u041e\u0420\u0429"
    r"\u0432-\u0433\u0440\u2261\u2518\u251c\u252c\u253c\u2568\u256c")


@functools.cache
def may_be_utf8() -> re.Pattern[str]:
    """The pattern above, compiled on the first non-ASCII line (2 ms: its classes are long)."""
    return re.compile(rf"[\x80-\x9f\x1a]|[{LEAD}][{CONTINUATION}?]|[{LEAD_BEFORE_A0}] ")


@functools.cache
def ftfy_is_bad() -> Callable[[str], bool]:
    """ftfy's own test, ``ftfy.badness.is_bad``: ``ftfy.fix_encoding`` returns a line it
    rejects unchanged, so a line that fails it never loads ftfy.  Loaded without ftfy's
    package (:func:`awesome_lint.startup.module_alone`: 1 ms, not 25)."""
    alone = startup.module_alone("ftfy", "badness")
    test: Callable[[str], bool] | None = getattr(alone, "is_bad", None)
    if test is None:
        from ftfy.badness import is_bad

        return is_bad
    return test


@functools.cache
def _ftfy_stamp() -> str | None:
    return startup.package_stamp("ftfy")


def _fix_encoding(line: str) -> str:
    """``ftfy.fix_encoding(line)`` for a line :func:`ftfy_is_bad` flags, else the line itself,
    kept between runs of the command line under a checksum of the installed ftfy
    (:func:`awesome_lint.startup.remembered`): a line seen before loads neither ftfy nor its
    badness test (1 ms of seeds 000 and 001's ``check``)."""
    stamp = _ftfy_stamp()
    if stamp is None:
        return _ftfy_fix_if_bad(line)
    return startup.remembered(f"ftfy.fix_encoding-if-bad {stamp}", line, _ftfy_fix_if_bad)


def _ftfy_fix_if_bad(line: str) -> str:
    if not ftfy_is_bad()(line):
        return line
    import ftfy

    fixed: str = ftfy.fix_encoding(line)
    return fixed


@dataclass(frozen=True)
class Mojibake:
    """Garbled characters in a line and what they read as repaired."""

    column: int  # 1-based
    text: str  # the garbled characters
    repaired: str
    certain: bool


#: Three characters that Mac Roman decodes from UTF-8 continuation bytes (80-BF): where a
#: lost lead byte can be; searched at once, not tried at every offset of the line.
#: Written out: decoding them at import loaded the mac_roman codec on every run (0.2 ms;
#: ``tests/test_seed_fixed_costs.py`` decodes them again).
_MAC_ROMAN_CONTINUATIONS = ("ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø")
_THREE_CONTINUATIONS = re.compile(f"(?=[{re.escape(_MAC_ROMAN_CONTINUATIONS)}]{{3}})")


def _lost_lead_byte(line: str) -> Iterator[Mojibake]:
    """Three Mac Roman characters that are the tail of a 4-byte UTF-8 emoji."""
    free = 0  # a guess's characters are not the start of another
    for candidate in _THREE_CONTINUATIONS.finditer(line):
        index = candidate.start()
        if index < free:
            continue
        chunk = line[index: index + 3]
        try:
            char = (b"\xf0" + chunk.encode("mac_roman")).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if unicodedata.category(char) == "So":
            yield Mojibake(index + 1, chunk, char, certain=False)
            free = index + 3


def find(line: str) -> list[Mojibake]:
    """Garbled sequences in one line, each with its repair."""
    if line.isascii() or not _SUSPECT.search(line):
        return []
    found: list[Mojibake] = []
    fixed = line
    if may_be_utf8().search(line):
        fixed = _fix_encoding(line)
    if fixed != line:
        import difflib

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


def in_lines(document: Document, skip: frozenset[int] = frozenset()
             ) -> Iterator[tuple[int, Mojibake]]:
    """Garbled sequences in the document, with the line each stands on; lines in ``skip``
    (code) are not read."""
    for number, line in enumerate(document.lines, 1):
        if number in skip:
            continue
        for found in find(line):
            yield number, found
