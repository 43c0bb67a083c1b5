"""What every badge rule reads: the document's venue marks, each resolved once.

The syntax layer reads the marks (``<kbd>`` badges on ``Document.badges``, every other
notation on ``Entry.marks``: :mod:`awesome_lint.syntax.notations`); this module resolves
their text against the registry (:func:`read`, cached per text) and learns the list's own
habits (how it writes years, per notation), so rules judge a mark against the list's
majority.  Nothing here scans lines.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from awesome_lint.config import Config
from awesome_lint.model import Document, Entry, Span, VenueMark
from awesome_lint.rules import RuleContext
from awesome_lint.rules.badges.settings import VenueSettings, settings
from awesome_lint.rules.context import Analysis as DocumentAnalysis
from awesome_lint.rules.context import venues_for
from awesome_lint.syntax import kbd
from awesome_lint.syntax.dialect import options_for
from awesome_lint.syntax.notations import read_marks
from awesome_lint.syntax.venuemarks import WRAPPERS, Notation, notation
from awesome_lint.venues import Match, ParsedBadge, Registry, Venue, parse_badge_text
from awesome_lint.venues.badge_text import settle_year

V = TypeVar("V")
#: How a notation attaches a year when the configuration sets only its digits.
_DEFAULT_ATTACH = {"bold-bracket": "apostrophe", "year-prefix": "apostrophe"}
#: Notations whose mark text is the venue alone, the year written apart (``CVPR (2016)``).
VENUE_ONLY = frozenset({"citation"})
#: Notations whose spacing and markup BDG001 judges (the others are read from prose).
MARKUP_STYLES = frozenset({"kbd", "bold-bracket", "bracket"})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass(frozen=True, slots=True)
class Reading:
    """What a badge's text says: venue, year, suffix, and how it resolves."""

    parsed: ParsedBadge
    match: Match | None
    #: A known topic badge (``Video``), not a venue.
    topic: bool
    #: Digits where a year should be that cannot be one (``CVPR 20219``).
    bad_year: str | None = None
    # Shortcuts to ``parsed`` and ``match``: fields rather than properties, as several rules
    # read them for every badge of a list and readings are few (one per badge text).
    venue: Venue | None = field(init=False, repr=False, compare=False)
    year: int | None = field(init=False, repr=False, compare=False)
    venue_text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "venue", self.match.venue if self.match is not None else None)
        object.__setattr__(self, "year", self.parsed.year)
        object.__setattr__(self, "venue_text", self.parsed.venue_text)


@functools.lru_cache(maxsize=8192)  # lists repeat the same badges thousands of times
def read(text: str, reg: Registry, topics: frozenset[str] = frozenset()) -> Reading:
    """Parse and resolve badge text; also reads ``IJCAI 19`` and spots ``CVPR 20219``."""
    parsed, bad_year = settle_year(parse_badge_text(text),
                                   lambda name: reg.lookup(name) is not None)
    match = reg.lookup(parsed.venue_text) if parsed.venue_text else None
    clean = " ".join(text.translate(_INVISIBLE).split())
    topic = match is None and (reg.is_topic(clean) or clean.casefold() in topics)
    return Reading(parsed, match, topic, bad_year)


@dataclass(slots=True)
class FoundBadge:
    """One venue mark in the document, in any notation, with where it sits and what it
    says.  Read-only by convention: not frozen, as a list has a badge per entry and a
    frozen dataclass costs three times as much to build."""

    style: str
    raw: str
    #: The whole element (tags or brackets included).
    span: Span
    #: The inner text (single line; zero-width badges point at where the text would go).
    inner: Span
    closed: bool
    preceded_by: str
    entry: Entry | None
    reading: Reading
    #: ``<kbd>`` only: a wrong closing tag right after the text (``</bd>``), and its span.
    bad_closer: tuple[str, Span] | None = None
    #: The year is written in the mark (not taken from a ``## 2019`` heading).
    year_written: bool = True

    def show(self, text: str | None = None) -> str:
        """The badge as a reader would write it, for messages."""
        body = self.raw if text is None else text
        if self.style == "kbd" and not self.closed and text is None:
            return f"<kbd>{body}"
        if self.style == "venue-first":
            return f"[[{body}](…)]"
        return WRAPPERS.get(self.style, "{}").format(body)

    @property
    def line(self) -> int:
        return self.span.line


@dataclass(frozen=True, slots=True)
class Analysis:
    """What every badge rule reads: the settings, the registry and the document's badges."""

    settings: VenueSettings
    #: The registry, built when first asked for: a list without badges or venue marks never
    #: needs it (7 ms of a small ``check``, :mod:`awesome_lint.startup`).
    venues: Callable[[], Registry]
    badges: tuple[FoundBadge, ...]
    strays: tuple[Span, ...]
    #: The badges whose content the venue rules judge: closed, not empty.
    usable: tuple[FoundBadge, ...]
    #: The document, for :meth:`notation`.
    document: Document
    #: Per notation, the year shape most of its marks use: (two digits, year style), when
    #: a clear majority (over half of three or more marks naming known venues) has one.
    year_habits: dict[str, tuple[bool, str]]

    @property
    def registry(self) -> Registry:
        return self.venues()

    def notation(self, style: str) -> Notation:
        """How the list writes a mark in ``style`` (its majority: separator, digits),
        worked out only when a rule writes one."""
        return notation(self.document, style)


def analysis(ctx: RuleContext) -> Analysis:
    """Every badge of the document, read once per document."""
    return ctx.analysis.once(_analysis_of)


def _analysis_of(found: DocumentAnalysis) -> Analysis:
    # the registry through the config, not ``found``: the analysis is cached on ``found``,
    # and a closure over it would be a cycle that keeps the tree alive (the collector is off)
    return _analyse(found.document, found.config, functools.partial(venues_for, found.config))


def _tag_topics(config: Config) -> frozenset[str]:
    """Topic badges declared for the tags family (``tags.topic-badges``) count here too."""
    tags = config.table("tags")
    words = getattr(tags, "topic_badges", ()) or ()
    return frozenset(" ".join(str(w).split()).casefold() for w in words)


def _entries_by_line(document: Document) -> dict[int, Entry]:
    by_line: dict[int, Entry] = {}
    for entry in document.entries:
        for line in range(entry.line, entry.end_line + 1):
            by_line[line] = entry  # nested entries come later and win
    return by_line


#: Where a badge starts: the sort key of the analysis (``attrgetter`` runs in C).
_POSITION = operator.attrgetter("span.line", "span.column")


def _kbd_badges(document: Document, reg: Callable[[], Registry], topics: frozenset[str]
                ) -> list[FoundBadge]:
    """Every ``<kbd>`` badge the parser found, closed or not, with its owner entry."""
    if not document.badges:
        return []
    registry = reg()
    by_line: dict[int, Entry] | None = None  # built when a badge has no owner
    owner = {(b.span.line, b.span.column): e for e in document.entries for b in e.badges}
    badges: list[FoundBadge] = []
    found = kbd.markup(document)
    code_lines = document.code_lines
    for badge in document.badges:
        span = badge.span
        number = span.line
        key = (number, span.column)
        if key in found.typos or number in code_lines:
            continue
        bad_closer = found.closers.get(key)
        inner = badge.inner_span
        if not badge.raw:  # zero-width: where the text would go
            inner = Span(number, inner.column, number, inner.column)
        entry = owner.get(key)  # (never None when the key is there)
        if entry is None:
            by_line = _entries_by_line(document) if by_line is None else by_line
            entry = by_line.get(number)
        badges.append(FoundBadge(
            "kbd", badge.raw, span, inner, badge.closed, badge.preceded_by, entry,
            read(badge.raw, registry, topics), bad_closer))
    return badges


def _mark_text(mark: VenueMark) -> str:
    """The text :func:`read` resolves for a mark: a year-prefix mark (``20-ICLR``) and a
    heading's year are written after the venue, the two-digit kind with an apostrophe."""
    if mark.style == "year-prefix" and mark.year is not None:
        digits = mark.raw.split("-", 1)[0]
        return f"{mark.venue}'{digits}" if len(digits) == 2 else f"{mark.venue} {mark.year}"
    if mark.year_from == "heading" or (mark.style in VENUE_ONLY and mark.year is not None):
        return f"{mark.raw} {mark.year}"
    return mark.raw


def forced_notations(config: Config) -> tuple[str, ...] | None:
    """The notations configuration sets (``dialect.venue-notations``, or the older
    ``venues.badge-style``); None leaves them to the list's majority."""
    chosen = options_for(config).venue_notations
    if chosen is not None:
        return chosen
    style = settings(config).badge_style
    return None if style == "kbd" else (style,)


def _other_badges(document: Document, config: Config, reg: Callable[[], Registry],
                  topics: frozenset[str]) -> Iterator[FoundBadge]:
    """Marks in every notation but ``<kbd>`` (the inferred ones, or those config sets)."""
    forced = forced_notations(config)
    if forced is None:
        marks: Iterable[tuple[Entry, tuple[VenueMark, ...]]] = (
            (e, e.marks) for e in document.entries if e.marks)
    else:
        styles = tuple(s for s in forced if s != "kbd")
        extra = options_for(config).venue_notations is None  # badge-style adds to the list's
        found = read_marks(document, styles)
        marks = ((e, tuple({*found.get(e, ()), *(e.marks if extra else ())}))
                 for e in document.entries if e in found or (extra and e.marks))
    for entry, owned in marks:
        for mark in owned:
            if mark.style == "kbd" or mark.placeholder:
                continue
            yield FoundBadge(mark.style, mark.raw, mark.span, mark.inner, True, "", entry,
                             read(_mark_text(mark), reg(), topics),
                             year_written=mark.year_from == "mark")


def _year_habits(badges: Iterable[FoundBadge]) -> dict[str, tuple[bool, str]]:
    counts: dict[str, Counter[tuple[bool, str]]] = {}
    for badge in badges:
        reading = badge.reading
        if (badge.year_written and reading.year is not None and reading.match is not None
                and not reading.bad_year and reading.parsed.month is None):
            counts.setdefault(badge.style, Counter())[year_shape(reading.parsed)] += 1
    habits: dict[str, tuple[bool, str]] = {}
    for style, shapes in counts.items():
        (top, n), = shapes.most_common(1)
        total = sum(shapes.values())
        if total >= 3 and n * 2 > total:
            habits[style] = top
    return habits


def year_shape(parsed: ParsedBadge) -> tuple[bool, str]:
    """(two digits, how the year is attached); a glued year counts as a spaced one."""
    style = "plain" if parsed.year_style == "glued" else parsed.year_style
    return parsed.two_digit_year, style


def _analyse(document: Document, config: Config, reg: Callable[[], Registry]) -> Analysis:
    found = settings(config)
    topics = _tag_topics(config)
    badges = _kbd_badges(document, reg, topics)
    strays = kbd.markup(document).strays
    badges.extend(_other_badges(document, config, reg, topics))
    badges.sort(key=_POSITION)
    usable = tuple(b for b in badges if b.closed and b.raw.strip())
    styles = {b.style for b in usable}
    habits = _year_habits(usable)
    digits = options_for(config).year_digits
    if digits is not None:  # the configuration's year format wins over the majority
        habits = {style: (digits == 2, habits.get(style, (False, _DEFAULT_ATTACH.get(
            style, "plain")))[1]) for style in styles}
    return Analysis(found, reg, tuple(badges), strays, usable, document, habits)


def judged(badges: Iterable[FoundBadge], judge: Callable[[Reading, str], V]
           ) -> Iterator[tuple[FoundBadge, V]]:
    """Each badge with ``judge(badge.reading, badge.style)``, called once per distinct
    reading and style: lists repeat a few dozen badge texts thousands of times, and equal
    texts share one reading (:func:`read` is cached)."""
    verdicts: dict[tuple[int, str], V] = {}
    for badge in badges:
        key = (id(badge.reading), badge.style)  # the badges keep their readings alive
        try:
            verdict = verdicts[key]
        except KeyError:
            verdict = verdicts[key] = judge(badge.reading, badge.style)
        yield badge, verdict
