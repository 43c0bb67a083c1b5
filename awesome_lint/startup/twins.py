"""Start-up trick (8): the ``regex`` package only for non-ASCII text (:class:`AsciiTwin`)."""

from __future__ import annotations

from typing import Any

# -- 8. the ``regex`` package only for non-ASCII text -----------------------------------------


class AsciiTwin:
    """A ``regex`` pattern (Unicode properties, which ``re`` lacks) beside an ``re`` pattern
    that does exactly the same on ASCII text.  ``regex`` costs 8 ms of CPU to import and to
    compile its property classes, on every run; most headings, titles and first words of a
    list are ASCII, and only the first non-ASCII one loads it.

    ``sub`` and ``search`` take the twin for an ASCII text; ``match`` also for a text whose
    characters up to the one after the twin's match are ASCII, which is exact for the
    patterns given here: no lookaround, so a match is decided by the characters it covers and
    the one that stops it.  ``tests/test_ascii_twins.py`` checks every twin against its
    ``regex`` pattern on every ASCII character and on generated texts."""

    __slots__ = ("_full", "ascii", "flags", "pattern")

    def __init__(self, pattern: str, ascii: str, flags: int = 0) -> None:
        import re

        self.pattern = pattern
        self.flags = flags
        self.ascii = re.compile(ascii, flags)
        self._full: Any = None

    def full(self) -> Any:
        """The ``regex`` pattern, compiled on first use."""
        if self._full is None:
            import regex

            self._full = regex.compile(self.pattern, self.flags)
        return self._full

    def sub(self, repl: str, text: str) -> str:
        found: str = (self.ascii if text.isascii() else self.full()).sub(repl, text)
        return found

    def search(self, text: str) -> Any:
        return (self.ascii if text.isascii() else self.full()).search(text)

    def match(self, text: str) -> Any:
        found = self.ascii.match(text)
        if text.isascii() or (found is not None and text[:found.end() + 1].isascii()):
            return found
        return self.full().match(text)
