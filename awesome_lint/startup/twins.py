"""Start-up trick (8): the ``regex`` package only for non-ASCII text (:class:`AsciiTwin`)."""

from __future__ import annotations

from typing import Any

# -- 8. the ``regex`` package only for non-ASCII text -----------------------------------------

#: ``[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]`` spelt out for ``re``, range by
#: range, as the ``regex`` package (2026.12) reads it; Extended_Pictographic reserves its
#: blocks ahead of the emoji Unicode adds.  ``tests/test_ascii_twins.py`` checks it against
#: the installed ``regex`` on every code point.
EMOJI_CLASS = (
    "["
    "\u00a9\u00ae\u200d\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b"
    "\u2328\u23cf\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0"
    "\u25fb-\u25fe\u2600-\u2604\u260e\u2611\u2614\u2615\u2618\u261d\u2620\u2622\u2623"
    "\u2626\u262a\u262e\u262f\u2638-\u263a\u2640\u2642\u2648-\u2653\u265f\u2660\u2663"
    "\u2665\u2666\u2668\u267b\u267e\u267f\u2692-\u2697\u2699\u269b\u269c\u26a0\u26a1"
    "\u26a7\u26aa\u26ab\u26b0\u26b1\u26bd\u26be\u26c4\u26c5\u26c8\u26ce\u26cf\u26d1"
    "\u26d3\u26d4\u26e9\u26ea\u26f0-\u26f5\u26f7-\u26fa\u26fd\u2702\u2705"
    "\u2708-\u270d\u270f\u2712\u2714\u2716\u271d\u2721\u2728\u2733\u2734\u2744\u2747"
    "\u274c\u274e\u2753-\u2755\u2757\u2763\u2764\u2795-\u2797\u27a1\u27b0\u27bf"
    "\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299\ufe0f"
    "\U0001f004\U0001f02c-\U0001f02f\U0001f094-\U0001f09f\U0001f0af\U0001f0b0"
    "\U0001f0c0\U0001f0cf\U0001f0d0\U0001f0f6-\U0001f0ff\U0001f170\U0001f171"
    "\U0001f17e\U0001f17f\U0001f18e\U0001f191-\U0001f19a\U0001f1af-\U0001f1e5"
    "\U0001f201-\U0001f20f\U0001f21a\U0001f22f\U0001f232-\U0001f23a"
    "\U0001f23c-\U0001f23f\U0001f249-\U0001f25f\U0001f266-\U0001f321"
    "\U0001f324-\U0001f393\U0001f396\U0001f397\U0001f399-\U0001f39b"
    "\U0001f39e-\U0001f3f0\U0001f3f3-\U0001f3f5\U0001f3f7-\U0001f4fd"
    "\U0001f4ff-\U0001f53d\U0001f549-\U0001f54e\U0001f550-\U0001f567"
    "\U0001f56f\U0001f570\U0001f573-\U0001f57a\U0001f587\U0001f58a-\U0001f58d"
    "\U0001f590\U0001f595\U0001f596\U0001f5a4\U0001f5a5\U0001f5a8\U0001f5b1\U0001f5b2"
    "\U0001f5bc\U0001f5c2-\U0001f5c4\U0001f5d1-\U0001f5d3\U0001f5dc-\U0001f5de"
    "\U0001f5e1\U0001f5e3\U0001f5e8\U0001f5ef\U0001f5f3\U0001f5fa-\U0001f64f"
    "\U0001f680-\U0001f6c5\U0001f6cb-\U0001f6d2\U0001f6d5-\U0001f6e5\U0001f6e9"
    "\U0001f6eb-\U0001f6f0\U0001f6f3-\U0001f6ff\U0001f7dc-\U0001f7f0"
    "\U0001f80c-\U0001f80f\U0001f848-\U0001f84f\U0001f85a-\U0001f85f"
    "\U0001f888-\U0001f88f\U0001f8ae\U0001f8af\U0001f8bc-\U0001f8bf"
    "\U0001f8c2-\U0001f8cf\U0001f8d9-\U0001f8ff\U0001f90c-\U0001f93a"
    "\U0001f93c-\U0001f945\U0001f947-\U0001f9ff\U0001fa58-\U0001fa5f"
    "\U0001fa6e-\U0001faff\U0001fc00-\U0001fffd"
    "]"
)


class AsciiTwin:
    """A ``regex`` pattern (Unicode properties, which ``re`` lacks) beside an ``re`` pattern
    that does exactly the same on ASCII text.  ``regex`` costs 8 ms of CPU to import and to
    compile its property classes, on every run; most headings, titles and first words of a
    list are ASCII, and only the first non-ASCII one loads it.

    ``sub`` and ``search`` take the twin for an ASCII text; ``match`` also for a text whose
    characters up to the one after the twin's match are ASCII, which is exact for the
    patterns given here: no lookaround, so a match is decided by the characters it covers and
    the one that stops it.  ``tests/test_ascii_twins.py`` checks every twin against its
    ``regex`` pattern on every ASCII character and on generated texts.

    ``unsure`` widens that: an ``re`` pattern that finds something in every text on which
    the twin may answer differently, so a text in which it finds nothing takes the twin too
    (default: none, only ASCII text does).  A twin whose classes spell out the Unicode
    classes on some blocks is exact on those blocks (the emoji twins' :data:`EMOJI_CLASS`
    everywhere: ``unsure="(?!)"``): typographic quotes, accented letters or emoji in a
    classic list's descriptions then load no ``regex`` (awesome-go, vinta's, sindresorhus'
    lists: about 8 ms each).  ``tests/test_ascii_twins.py`` checks every character the
    ``unsure`` pattern lets through."""

    __slots__ = ("_full", "_unsure", "ascii", "flags", "pattern")

    def __init__(self, pattern: str, ascii: str, flags: int = 0, unsure: str | None = None
                 ) -> None:
        import re

        self.pattern = pattern
        self.flags = flags
        self.ascii = re.compile(ascii, flags)
        self._unsure = None if unsure is None else re.compile(unsure)
        self._full: Any = None

    def full(self) -> Any:
        """The ``regex`` pattern, compiled on first use."""
        if self._full is None:
            import regex

            self._full = regex.compile(self.pattern, self.flags)
        return self._full

    def _sure(self, text: str) -> bool:
        """Whether the twin answers as the ``regex`` pattern on ``text``."""
        return text.isascii() or (self._unsure is not None
                                  and self._unsure.search(text) is None)

    def sub(self, repl: str, text: str) -> str:
        found: str = (self.ascii if self._sure(text) else self.full()).sub(repl, text)
        return found

    def search(self, text: str) -> Any:
        return (self.ascii if self._sure(text) else self.full()).search(text)

    def match(self, text: str) -> Any:
        found = self.ascii.match(text)
        if (found is not None and text[:found.end() + 1].isascii()) or self._sure(text):
            return found
        return self.full().match(text)
