"""Look-ahead for the inline scanner: code spans, bracket pairs, link destinations and the
end of a bare URL, each answered in bounded time (from one pass or a memo) so the scanner
stays linear however hostile the text (``benchmarks/bench_hostile.py``)."""

from __future__ import annotations

import re

_TRAILING_URL_PUNCT = "?!.,:*_~'\""
#: Link text longer than this is treated as literal brackets.
_MAX_BRACKET_SEARCH = 4000
#: Unbalanced ``(`` a link destination may hold, as in cmark-gfm (which gives up past 32):
#: bounds the destination scan from each of many ``[a](`` on one line.
_MAX_DEST_PARENS = 32
_SIMPLE_DESTINATION = re.compile(r"\(([^\s()<>\\\\]*)\)")
_BRACKET_EVENT = re.compile(r"[\[\]\\`\n]")
_BLANK_LINE = re.compile(r"[ \t]*(?:\n|$)")
_CODE_EVENT = re.compile(r"[\\`]")


def skip_code_span(text: str, i: int) -> int:
    """Return the offset after the code span opening at ``i``, or ``i + run`` if unclosed."""
    run = 1
    while i + run < len(text) and text[i + run] == "`":
        run += 1
    ticks = "`" * run
    j = i + run
    while True:
        k = text.find(ticks, j)
        if k < 0:
            return i + run
        end = k + run
        if end < len(text) and text[end] == "`":
            j = end
            while j < len(text) and text[j] == "`":
                j += 1
            continue
        return end


def code_spans(text: str) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the code spans of ``text``, backticks included: the one
    reading of inline code (the scanner's, :func:`skip_code_span`) that tags, badges, venue
    marks and slugs all use.  A backslash escapes the character after it; a run of
    backticks no equal run closes is text."""
    out: list[tuple[int, int]] = []
    found = _CODE_EVENT.search(text)
    while found is not None:
        at = found.start()
        if text[at] == "\\":
            found = _CODE_EVENT.search(text, at + 2)
            continue
        run = at
        while run < len(text) and text[run] == "`":
            run += 1
        end = skip_code_span(text, at)
        if end > run:  # closed (an unclosed run ends where it started: at its last tick)
            out.append((at, end))
        found = _CODE_EVENT.search(text, end)
    return out


def _bracket_pairs(text: str) -> dict[int, int]:
    """Each ``[`` offset -> the offset of the ``]`` closing it, for the whole block in one
    left-to-right pass with a stack.  Skips code spans and escapes; link text cannot span a
    blank line.  (Matching each ``[`` by scanning forward from it was quadratic: 8,000
    ``[`` on a line took 8 s.)"""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    i = 0
    while True:
        match = _BRACKET_EVENT.search(text, i)
        if match is None:
            return pairs
        i = match.start()
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            i = skip_code_span(text, i)
            continue
        if ch == "[":
            stack.append(i)
        elif ch == "]":
            if stack:
                pairs[stack.pop()] = i
        elif stack and _BLANK_LINE.match(text, i + 1):
            stack.clear()
        i += 1


class Lookahead:
    """Searches forward in one block's text, remembered so that many nearby starting points
    do not each rescan to the end of a long line: ``find`` is ``str.find`` to the end of
    the text, and for non-decreasing starts each character is scanned once per needle."""

    __slots__ = ("_found", "_known", "_memo", "_pairs", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._memo: dict[str, tuple[int, int]] = {}
        self._found: dict[re.Pattern[str], tuple[int, int, re.Match[str] | None]] = {}
        self._pairs: dict[int, int] | None = None
        #: Pairs the scanner proved before the pass ran (its simple shapes): asking about
        #: them does not run :func:`_bracket_pairs` (speed trick, listed in
        #: awesome_lint.startup).
        self._known: dict[int, int] = {}

    def known_pair(self, start: int, close: int) -> None:
        """Record that the ``[`` at ``start`` closes at ``close``, as the pass would find."""
        self._known[start] = close

    def search(self, pattern: re.Pattern[str], start: int, end: int) -> re.Match[str] | None:
        """``pattern.search(text, start, end)``, remembered in the same way as :meth:`find`
        (for patterns whose matches do not depend on where the search starts)."""
        known = self._found.get(pattern)
        if known is not None:
            searched_from, searched_to, match = known
            if searched_from <= start and searched_to == end and (
                    match is None or match.start() >= start):
                return match
        match = pattern.search(self.text, start, end)
        self._found[pattern] = (start, end, match)
        return match

    def find(self, needle: str, start: int) -> int:
        known = self._memo.get(needle)
        if known is not None:
            searched_from, found = known
            if searched_from <= start and (found < 0 or found >= start):
                return found
        found = self.text.find(needle, start)
        self._memo[needle] = (start, found)
        return found

    def line_end(self, start: int) -> int:
        """Offset of the newline ending the line at ``start``, or the text's length."""
        end = self.find("\n", start)
        return len(self.text) if end < 0 else end

    def closing_bracket(self, start: int) -> int:
        """Offset of the ``]`` closing the ``[`` at ``start``, or -1."""
        if self._pairs is None:
            close = self._known.get(start, -1)
            if close >= 0:
                return close if close - start < _MAX_BRACKET_SEARCH else -1
            self._pairs = _bracket_pairs(self.text)
        close = self._pairs.get(start, -1)
        return close if close - start < _MAX_BRACKET_SEARCH else -1


def parse_destination(look: Lookahead, i: int
                       ) -> tuple[str, int, int, str | None, int] | None:
    """Parse ``(dest "title")`` with ``text[i] == "("``.

    Returns (destination, dest_start, dest_end, title, offset after ``)``), or None when
    the parenthesis is never closed on this line.
    """
    text = look.text
    simple = _SIMPLE_DESTINATION.match(text, i)
    if simple is not None:  # the common case, "(https://...)", without a character loop
        return simple.group(1), i + 1, simple.end() - 1, None, simple.end()
    n = len(text)
    j = i + 1
    while j < n and text[j] in " \t":
        j += 1
    if j < n and text[j] == "\n":
        j += 1
        while j < n and text[j] in " \t":
            j += 1
    if j < n and text[j] == "<":
        close = look.find(">", j + 1)
        if close < 0 or look.line_end(j + 1) < close:
            return None
        dest, dest_start, dest_end = text[j + 1: close], j + 1, close
        j = close + 1
    else:
        dest_start = j
        depth = 0
        while j < n:
            ch = text[j]
            if ch == "\\" and j + 1 < n:
                j += 2
                continue
            if ch in " \t\n":
                break
            if ch == "(":
                depth += 1
                if depth > _MAX_DEST_PARENS:
                    return None
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        dest, dest_end = text[dest_start:j], j
    title: str | None = None
    k = j
    while k < n and text[k] in " \t\n":
        k += 1
    if k < n and text[k] in "\"'(" and k > j:
        closer = ")" if text[k] == "(" else text[k]
        end = look.find(closer, k + 1)
        if end >= 0:
            title = text[k + 1: end]
            k = end + 1
            while k < n and text[k] in " \t\n":
                k += 1
    if k < n and text[k] == ")":
        return dest, dest_start, dest_end, title, k + 1
    return None


def bare_url_end(text: str, start: int) -> int:
    """End of a GFM extended autolink starting at ``start`` (trailing punctuation trimmed)."""
    n = len(text)
    j = start
    while j < n and not text[j].isspace() and text[j] != "<":
        j += 1
    end = j
    unbalanced = -1  # ")" minus "(" in text[start:end], counted once when first needed
    while end > start:
        ch = text[end - 1]
        if ch in _TRAILING_URL_PUNCT:
            end -= 1
        elif ch == ")":
            if unbalanced < 0:
                unbalanced = text.count(")", start, end) - text.count("(", start, end)
            if unbalanced > 0:
                end -= 1
                unbalanced -= 1
            else:
                break
        elif ch == ";":
            amp = text.rfind("&", start, end)
            if amp >= 0 and re.fullmatch(r"&[A-Za-z0-9]+;", text[amp:end]):
                end = amp
            else:
                break
        else:
            break
    return end
