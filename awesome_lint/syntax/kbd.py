"""The ``<kbd>`` notation: every pattern for ``<kbd>CVPR 2017</kbd>`` badges lives here.

The scanner finds badges (:meth:`Scanner._kbd`) with these patterns; the parser cuts them
out of descriptions; the badge rules read what :func:`markup` finds (a ``</bd>`` typed for
``</kbd>``, a ``</kbd>`` closing nothing) instead of scanning lines themselves.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from awesome_lint.model import Document, Span
from awesome_lint.syntax.lookahead import code_spans
from awesome_lint.syntax.treememo import per_tree

OPEN = re.compile(r"<kbd\s*>", re.IGNORECASE)
CLOSE = re.compile(r"</kbd\s*>", re.IGNORECASE)
#: The exact tags, as ``re.finditer`` over a whole text looks for them (the fast path).
OPEN_EXACT = re.compile("<kbd>", re.IGNORECASE)
CLOSE_EXACT = re.compile("</kbd>", re.IGNORECASE)
#: ``* <kbd>ICLR 2015</kbd> [VGG](url)``: a badge before the title, with emphasis around.
LEADING = re.compile(r"<kbd>[^<\n]*</kbd>[\s*_~]*", re.IGNORECASE)
#: A closing tag typed wrong: ``</bd>``, ``</kdb>``, ``<\kbd>``, ``</kbd`` (no ``>``).
BAD_CLOSER = re.compile(r"<\s*[/\\]\s*([a-z]{1,4})\s*>|</kbd\b(?!\s*>)", re.IGNORECASE)
CLOSE_AT_END = re.compile(r"</kbd\s*>$", re.IGNORECASE)
#: One whole badge element and its text (the formatter's rendering of a badge).
ELEMENT = re.compile(r"^<kbd\s*>(.*)</kbd\s*>$", re.IGNORECASE | re.DOTALL)
#: A badge being typed: ``<kbd>CVP`` right before the cursor (the editor's completion).
TYPING = re.compile(r"<kbd>([^<>]*)$", re.IGNORECASE)
_BLANKS = re.compile(r"[ \t]*")
_BLANK_TO_END = re.compile(r"\s*\Z")


def in_code_span(line: str, index: int) -> bool:
    """Whether offset ``index`` of ``line`` lies inside a code span."""
    return "`" in line and Ticks(line).in_code_span(index)


class Ticks:
    """Answers "is this offset inside a code span?" for one line from its code spans,
    found once (:func:`~awesome_lint.syntax.lookahead.code_spans`, the scanner's reading;
    looking from the line's start per question was quadratic on a line of many badges)."""

    def __init__(self, line: str) -> None:
        self.spans = code_spans(line) if "`" in line else []
        self.starts = [start for start, _ in self.spans]

    def in_code_span(self, index: int) -> bool:
        if not self.spans:
            return False
        at = bisect.bisect_right(self.starts, index) - 1
        return at >= 0 and index < self.spans[at][1]


def closer_after(line: str, number: int, end: int) -> tuple[str, Span, bool] | None:
    """A mistyped closing tag right after an unclosed badge's text ending at offset ``end``:
    its text, its span and whether it is a ``<kbd>`` typed for ``</kbd>`` (then not a
    badge of its own)."""
    at = _BLANKS.match(line, end).end()  # type: ignore[union-attr]  # always matches
    bad = BAD_CLOSER.match(line, at)
    if bad is not None:
        name = (bad.group(1) or "kbd").lower()
        if set(name) <= set("kbd"):
            return bad.group(0), Span(number, at + 1, number, bad.end()), False
        return None
    reopen = OPEN.match(line, at)
    if reopen is not None and _BLANK_TO_END.match(line, reopen.end()):
        return reopen.group(0), Span(number, at + 1, number, reopen.end()), True
    return None


def stray_closers(lines: list[str], code_lines: frozenset[int],
                  owned_spans: Iterable[Span]) -> Iterator[Span]:
    """``</kbd>`` tags outside code that none of ``owned_spans`` (badges, their closers)
    covers."""
    owned: dict[int, list[tuple[int, int]]] = {}  # line -> owned column ranges
    for span in owned_spans:
        owned.setdefault(span.line, []).append((span.column, span.end_column))
    for number, line in enumerate(lines, 1):
        if "</" not in line or number in code_lines:
            continue
        ticks: Ticks | None = None  # (built when a closer outside every badge needs it)
        ranges = sorted(owned.get(number, ()))
        # Badge spans do not overlap, so their ends are sorted too: the widest reach of the
        # ranges starting at or before a column is the last one's (bisect, not a scan).
        ends = [b for _, b in ranges]
        # A closing tag starts with "</" (and holds no other): look there only, and only
        # where no badge owns the text, as most are the closing tags of badges.
        at = line.find("</")
        while at != -1:
            start, at = at, line.find("</", at + 2)
            column = start + 1
            if len(ranges) == 1:  # one badge on the line (most lines): the same test, direct
                if ranges[0] <= (column, len(line) + 1) and ends[0] >= column:
                    continue
            else:
                index = bisect.bisect_right(ranges, (column, len(line) + 1)) - 1
                if index >= 0 and max(ends[max(0, index - 1): index + 1]) >= column:
                    continue
            m = CLOSE.match(line, start)
            if m is None:
                continue
            ticks = ticks or Ticks(line)
            if not ticks.in_code_span(start):
                yield Span(number, column, number, m.end())


@dataclass(frozen=True, slots=True)
class Markup:
    """The ``<kbd>`` markup of a document beyond its badges."""

    #: Badge position (line, column) -> the wrong closing tag right after its text.
    closers: dict[tuple[int, int], tuple[str, Span]]
    #: Positions of ``<kbd>`` tags typed where ``</kbd>`` was meant: not badges.
    typos: frozenset[tuple[int, int]]
    #: ``</kbd>`` tags that close no badge.
    strays: tuple[Span, ...]


def markup(document: Document) -> Markup:
    """Mistyped closers and stray ``</kbd>`` of ``document`` (computed once per tree)."""
    return per_tree("kbd-markup", document, _markup)


def _markup(document: Document) -> Markup:
    closers: dict[tuple[int, int], tuple[str, Span]] = {}
    typos: set[tuple[int, int]] = set()
    owned: list[Span] = []
    closed = 0  # owned closed badges: each span holds its own "</" (its closing tag)
    for badge in document.badges:
        span = badge.span
        key = (span.line, span.column)
        if key in typos or span.line in document.code_lines:
            continue
        owned.append(span)
        if badge.closed:
            closed += 1
            continue
        end = badge.inner_span.column - 1 + len(badge.raw)
        found = closer_after(document.line_text(span.line), span.line, end)
        if found is not None:
            text, closer, reopened = found
            closers[key] = (text, closer)
            owned.append(closer)
            if reopened:
                typos.add((span.line, closer.column))
    strays = () if _none_outside(document.lines, closed) else tuple(
        stray_closers(document.lines, document.code_lines, owned))
    return Markup(closers, frozenset(typos), strays)


def _none_outside(lines: list[str], closed: int) -> bool:
    """Whether no ``</`` lies outside the ``closed`` owned closed badges: the text holds
    just as many, and each of those badges holds at least one in its span (its closing
    tag), so each holds exactly one and none is left.  Speed trick (listed in
    awesome_lint.startup): no stray closer then, without :func:`stray_closers`' search
    line by line (10k entries: about 10 ms)."""
    return sum(line.count("</") for line in lines) == closed
