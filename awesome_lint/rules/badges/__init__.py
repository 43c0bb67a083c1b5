"""Venue badges: ``<kbd>CVPR 2017</kbd>`` and friends name a real venue, a real year, cleanly.

Paper lists end entries with a venue badge.  These rules read every badge once (see
:func:`analysis`), resolve it against the venue registry (:mod:`awesome_lint.venues`, extended
by the ``[tool.awesome-lint.venues]`` table) and report broken markup, aliases, outdated
names, impossible years, unknown venues, year-only badges and mixed spellings.

The parser yields ``<kbd>`` badges.  Lists that write ``**[CVPR'19]**`` or ``[CVPR 2019]``
set ``venues.badge-style``; those badges are recognised here from the entry's source lines.
Fixes rewrite badge text only, never a link destination.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from awesome_lint.config import Config, ConfigError, Validator
from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Document, Entry, LinkRole, Span
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.rules.context import Analysis as DocumentAnalysis
from awesome_lint.syntax.scanner import text_before
from awesome_lint.venues import (
    Match,
    ParsedBadge,
    Registry,
    Venue,
    VenueDataError,
    arxiv_year,
    default_registry,
    parse_badge_text,
    url_hint,
    venue_from_table,
)

PREFIX = "BDG"
CATEGORY = "badges"
TABLE = "venues"
STYLES = ("kbd", "bold-bracket", "bracket")
V = TypeVar("V")

# -- configuration ---------------------------------------------------------------------------------
_VENUE_KEYS = frozenset(
    """name full-name kind aliases first-year last-year cadence cadence-since cadence-before
    held not-held renamed-from ambiguous parent source confirmed note""".split()  # noqa: SIM905
)
_TABLE_KEYS = ("venues", "aliases", "topic-badges", "badge-style", "require-badge",
               "year-window")


@dataclass(frozen=True, slots=True)
class YearWindow:
    """Years a badge may carry at all: from ``min`` to this year plus ``max_ahead``."""

    min: int = 1950
    max_ahead: int = 1


@dataclass(frozen=True, slots=True)
class VenueSettings:
    """The validated ``[tool.awesome-lint.venues]`` table."""

    #: User venues in the registry's data-file schema (snake_case keys), by key.
    venues: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    topic_badges: tuple[str, ...] = ()
    badge_style: str = "kbd"
    require_badge: bool = False
    year_window: YearWindow = YearWindow()
    #: The registry built from the defaults plus the tables above (built while validating,
    #: so a bad venue is a configuration error, and built once per configuration).
    built: Registry | None = field(default=None, compare=False, repr=False)

    @property
    def registry(self) -> Registry:
        return self.built if self.built is not None else default_registry()


def _kebab_to_snake(value: Any) -> Any:
    """Venue tables from TOML use kebab-case keys; the data-file schema uses snake_case."""
    if isinstance(value, Mapping):
        return {str(k).replace("-", "_"): _kebab_to_snake(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_kebab_to_snake(v) for v in value]
    return value


def _venue_table(name: str, table: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(table, Mapping):
        raise ConfigError(f"'{where}' must be a table (first-year, cadence, aliases, ...)")
    for key in table:
        if key not in _VENUE_KEYS and str(key).replace("_", "-") not in _VENUE_KEYS:
            from awesome_lint.suggest import unknown_key

            raise ConfigError(unknown_key(f"{where}.{key}", _VENUE_KEYS))
    if "first-year" not in table and "first_year" not in table:
        raise ConfigError(f"'{where}.first-year' is required (the first edition's year)")
    converted: dict[str, Any] = _kebab_to_snake(table)
    converted.setdefault("name", name)
    try:
        venue_from_table(name, converted)
    except VenueDataError as err:
        raise ConfigError(f"'{where}': {err}") from None
    return converted


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"'{where}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _year_window(value: Any, where: str) -> YearWindow:
    if not isinstance(value, Mapping):
        raise ConfigError(f"'{where}' must be a table such as {{min = 1950, max-ahead = 1}}")
    kwargs: dict[str, int] = {}
    for key, item in value.items():
        if key not in ("min", "max-ahead"):
            from awesome_lint.suggest import unknown_key

            raise ConfigError(unknown_key(f"{where}.{key}", ("max-ahead", "min")))
        if isinstance(item, bool) or not isinstance(item, int) or item < 0:
            raise ConfigError(f"'{where}.{key}' must be a non-negative integer")
        kwargs["min" if key == "min" else "max_ahead"] = item
    return YearWindow(**kwargs)


def validate(value: Any, where: str = TABLE) -> VenueSettings:
    """Validate the ``venues`` table; a misspelt key is an error, never silently ignored."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"'{where}' must be a table")
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{where}.{key}"
        if key == "venues":
            if not isinstance(item, Mapping):
                raise ConfigError(f"'{name}' must be a table of venue tables")
            kwargs["venues"] = tuple((str(k), _venue_table(str(k), t, f"{name}.{k}"))
                                     for k, t in item.items())
        elif key == "aliases":
            if not isinstance(item, Mapping) or not all(
                    isinstance(v, str) and v.strip() for v in item.values()):
                raise ConfigError(f"'{name}' must be a table of alias = \"venue name\"")
            kwargs["aliases"] = tuple((str(k), v.strip()) for k, v in item.items())
        elif key == "topic-badges":
            kwargs["topic_badges"] = _strings(item, name)
        elif key == "badge-style":
            if item not in STYLES:
                raise ConfigError(f"'{name}' must be one of " + ", ".join(map(repr, STYLES)))
            kwargs["badge_style"] = item
        elif key == "require-badge":
            if not isinstance(item, bool):
                raise ConfigError(f"'{name}' must be true or false")
            kwargs["require_badge"] = item
        elif key == "year-window":
            kwargs["year_window"] = _year_window(item, name)
        else:
            from awesome_lint.suggest import unknown_key

            raise ConfigError(unknown_key(name, _TABLE_KEYS))
    found = VenueSettings(**kwargs)
    if found.venues or found.aliases or found.topic_badges:
        for alias, target in found.aliases:
            known = {k.casefold() for k, _ in found.venues} | {
                str(t["name"]).casefold() for _, t in found.venues}
            if default_registry().get(target) is None and target.casefold() not in known:
                raise ConfigError(f"'{where}.aliases.{alias}': unknown venue {target!r}")
        try:
            built = default_registry().extend(dict(found.venues), dict(found.aliases),
                                              found.topic_badges)
        except VenueDataError as err:
            raise ConfigError(f"'{where}': {err}") from None
        found = dataclasses.replace(found, built=built)
    return found


#: The tables this family reads, for the schema the engine assembles.
CONFIG_TABLES: dict[str, Validator] = {TABLE: validate}


def settings(config: Config) -> VenueSettings:
    found = config.table(TABLE)
    return found if isinstance(found, VenueSettings) else VenueSettings()


def registry(ctx: RuleContext) -> Registry:
    """The run's registry (defaults plus configuration), on the document's analysis."""
    return ctx.analysis.venues


# -- reading badges --------------------------------------------------------------------------------
_KBD_OPEN = re.compile(r"<kbd\s*>", re.IGNORECASE)
_KBD_CLOSE_ANY = re.compile(r"</kbd\s*>", re.IGNORECASE)
#: A closing tag typed wrong: ``</bd>``, ``</kdb>``, ``<\kbd>``, ``</kbd`` (no ``>``).
_BAD_CLOSER = re.compile(r"<\s*[/\\]\s*([a-z]{1,4})\s*>|</kbd\b(?!\s*>)", re.IGNORECASE)
_BOLD_BRACKET = re.compile(r"\*\*\[([^\[\]\n]{1,80})\]\*\*")
_BRACKET = re.compile(r"(?<![\]!\\\w`])\[([^\[\]\n]{1,80})\](?![(\[:`])")
_SPACE_TWO_DIGIT = re.compile(r"^(?P<head>.*[^\W\d_].*?)\s(?P<yy>\d{2})$")
_BAD_DIGITS = re.compile(r"^(?P<head>.*?[^\W\d_].*?)[\s'’-]*(?P<digits>\d{3}|\d{5,})$")
_GLUED_YEAR = re.compile(r"(?<=[A-Za-z])(?=(?:18|19|20)\d{2}(?!\d))")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_ORG = re.compile(r"^(?:(?:ieee|acm|iapr|ieee/cvf)\s+)+", re.IGNORECASE)
_CODE_OR_EMPHASIS = re.compile(r"[`*]|^\s*_|_\s*$")
_REMARK_PUNCTUATION = re.compile(r"[,;@]")
_WORD_OR_YEAR = re.compile(r"[^\W\d_]|\d{4}")
_NOT_CLOSABLE = re.compile(r"[\[\]()*`|]")
_BLANKS = re.compile(r"[ \t]*")
_BLANK_TO_END = re.compile(r"\s*\Z")
_TICK = re.compile("`")
_KBD_CLOSE_AT_END = re.compile(r"</kbd\s*>$", re.IGNORECASE)
_LOOSE_NAME = re.compile(r"[\W_]+")
_PAPER_HOSTS = frozenset((
    "arxiv.org", "openreview.net", "openaccess.thecvf.com", "papers.nips.cc",
    "proceedings.neurips.cc", "proceedings.mlr.press", "aclanthology.org",
    "ieeexplore.ieee.org", "dl.acm.org", "link.springer.com", "sciencedirect.com",
    "nature.com", "science.org", "pnas.org", "doi.org", "biorxiv.org", "medrxiv.org",
    "jmlr.org", "ecva.net", "distill.pub", "semanticscholar.org"))


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
    parsed = parse_badge_text(text)
    bad_year: str | None = None
    if parsed.year is None:
        venue_text = parsed.venue_text
        if (m := _SPACE_TWO_DIGIT.match(venue_text)) and reg.lookup(m["head"]) is not None:
            yy = int(m["yy"])
            parsed = dataclasses.replace(parsed, venue_text=m["head"], year=_two_digit(yy),
                                         year_style="plain", two_digit_year=True)
        elif (m := _BAD_DIGITS.match(venue_text)) and reg.lookup(m["head"]) is not None:
            parsed = dataclasses.replace(parsed, venue_text=m["head"])
            bad_year = m["digits"]
    match = reg.lookup(parsed.venue_text) if parsed.venue_text else None
    clean = " ".join(text.translate(_INVISIBLE).split())
    topic = match is None and (reg.is_topic(clean) or clean.casefold() in topics)
    return Reading(parsed, match, topic, bad_year)


def _two_digit(yy: int) -> int:
    """The registry's pivot: '00-'49 are 2000s, '50-'99 are 1900s."""
    return 2000 + yy if yy < 50 else 1900 + yy


@dataclass(slots=True)
class FoundBadge:
    """One badge in the document, in any style, with where it sits and what it says.
    Read-only by convention: not frozen, as a list has a badge per entry and a frozen
    dataclass costs three times as much to build."""

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

    def show(self, text: str | None = None) -> str:
        """The badge as a reader would write it, for messages."""
        body = self.raw if text is None else text
        if self.style == "bold-bracket":
            return f"**[{body}]**"
        if self.style == "bracket":
            return f"[{body}]"
        return f"<kbd>{body}</kbd>" if self.closed or text is not None else f"<kbd>{body}"

    @property
    def line(self) -> int:
        return self.span.line


@dataclass(frozen=True, slots=True)
class StrayCloser:
    """A ``</kbd>`` that closes nothing."""

    span: Span


@dataclass(frozen=True, slots=True)
class Analysis:
    """What every badge rule reads: the settings, the registry and the document's badges."""

    settings: VenueSettings
    registry: Registry
    badges: tuple[FoundBadge, ...]
    strays: tuple[StrayCloser, ...]
    #: The badges whose content the venue rules judge: closed, not empty.
    usable: tuple[FoundBadge, ...]


def analysis(ctx: RuleContext) -> Analysis:
    """Every badge of the document, read once per document."""
    return ctx.analysis.once(_analysis_of)


def _analysis_of(found: DocumentAnalysis) -> Analysis:
    return _analyse(found.document, found.config, found.venues)


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


def _analyse(document: Document, config: Config, reg: Registry) -> Analysis:
    found = settings(config)
    topics = _tag_topics(config)
    by_line: dict[int, Entry] | None = None  # built when a badge has no owner
    owner = {(b.span.line, b.span.column): e for e in document.entries for b in e.badges}
    badges: list[FoundBadge] = []
    #: ``<kbd>`` tags typed where ``</kbd>`` was meant: not badges of their own.
    typos: set[tuple[int, int]] = set()
    code_lines = document.code_lines
    for badge in document.badges:
        span = badge.span
        number = span.line
        key = (number, span.column)
        if key in typos or number in code_lines:
            continue
        line = document.line_text(number)
        if line.startswith("<kbd>", span.column - 1):  # what _KBD_OPEN matches, mostly
            start = span.column + 4
        else:
            opener = _KBD_OPEN.match(line, span.column - 1)
            start = opener.end() if opener else badge.inner_span.column - 1
        end = start + len(badge.raw)
        bad_closer: tuple[str, Span] | None = None
        if not badge.closed:
            bad_closer = _closer_after(line, number, end, typos)
        inner = Span(number, start + 1, number, max(start + 1, end))
        entry = owner.get(key)  # (never None when the key is there)
        if entry is None:
            by_line = _entries_by_line(document) if by_line is None else by_line
            entry = by_line.get(number)
        badges.append(FoundBadge(
            "kbd", badge.raw, span, inner, badge.closed, badge.preceded_by, entry,
            read(badge.raw, reg, topics), bad_closer))
    if found.badge_style != "kbd":
        by_line = _entries_by_line(document) if by_line is None else by_line
        badges.extend(_bracket_badges(document, found.badge_style, reg, topics, by_line))
    strays = tuple(_strays(document, badges))
    badges.sort(key=_POSITION)
    usable = tuple(b for b in badges if b.closed and b.raw.strip())
    return Analysis(found, reg, tuple(badges), strays, usable)


def _judged(badges: Iterable[FoundBadge], judge: Callable[[Reading, str], V]
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


def _closer_after(line: str, number: int, end: int, typos: set[tuple[int, int]]
                  ) -> tuple[str, Span] | None:
    """A mistyped closing tag right after an unclosed badge's text, if there is one."""
    at = _BLANKS.match(line, end).end()  # type: ignore[union-attr]  # always matches
    bad = _BAD_CLOSER.match(line, at)
    if bad is not None:
        name = (bad.group(1) or "kbd").lower()
        if set(name) <= set("kbd"):
            return bad.group(0), Span(number, at + 1, number, bad.end())
        return None
    reopen = _KBD_OPEN.match(line, at)
    if reopen is not None and _BLANK_TO_END.match(line, reopen.end()):
        typos.add((number, at + 1))
        return reopen.group(0), Span(number, at + 1, number, reopen.end())
    return None


def _bracket_badges(document: Document, style: str, reg: Registry, topics: frozenset[str],
                    by_line: dict[int, Entry]) -> Iterator[FoundBadge]:
    """``**[CVPR'19]**`` or ``[CVPR 2019]`` badges on entry lines (never link text)."""
    pattern = _BOLD_BRACKET if style == "bold-bracket" else _BRACKET
    for number in sorted(by_line):
        if number in document.code_lines:
            continue
        line = document.line_text(number)
        ticks = _Ticks(line)
        for m in pattern.finditer(line):
            raw = m.group(1)
            if ticks.in_code_span(m.start()) or _CODE_OR_EMPHASIS.search(raw):
                continue  # code spans and emphasis inside brackets are not badge text
            if style == "bracket" and (len(raw) > 40 or len(raw.split()) > 5
                                       or _REMARK_PUNCTUATION.search(raw)):
                continue  # a remark in brackets ([Jonathan Ho, Google Brain]), not a badge
            reading = read(raw, reg, topics)
            if style == "bracket" and reading.year is None and (
                    reading.match is None or reading.match.loose):
                continue  # [Gml] tags, [1] citations: not badges
            if style == "bold-bracket" and not _WORD_OR_YEAR.search(raw):
                continue  # **[12]** is a citation number
            span = Span(number, m.start() + 1, number, m.end())
            inner = Span(number, m.start(1) + 1, number, max(m.start(1) + 1, m.end(1)))
            yield FoundBadge(style, raw, span, inner, True, text_before(line, m.start()),
                             by_line[number], reading)


class _Ticks:
    """Answers "is this offset inside a code span?" for one line by counting backticks
    before it, from their positions found once (counting from the line's start per
    question was quadratic on a line of many badges)."""

    def __init__(self, line: str) -> None:
        self.positions = [m.start() for m in _TICK.finditer(line)] if "`" in line else []

    def in_code_span(self, index: int) -> bool:
        return bool(self.positions) and bisect.bisect_left(self.positions, index) % 2 == 1


def _strays(document: Document, badges: list[FoundBadge]) -> Iterator[StrayCloser]:
    """``</kbd>`` tags that no badge owns."""
    owned: dict[int, list[tuple[int, int]]] = {}  # line -> owned column ranges, sorted
    for badge in badges:
        if badge.style == "kbd":
            span = badge.span
            ranges = owned.get(span.line)
            if ranges is None:
                ranges = owned[span.line] = []
            ranges.append((span.column, span.end_column))
            if badge.bad_closer is not None:
                closer = badge.bad_closer[1]
                ranges.append((closer.column, closer.end_column))
    code_lines = document.code_lines
    for number, line in enumerate(document.lines, 1):
        if "</" not in line or number in code_lines:
            continue
        ticks = _Ticks(line)
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
            index = bisect.bisect_right(ranges, (column, len(line) + 1)) - 1
            if index >= 0 and max(ends[max(0, index - 1): index + 1]) >= column:
                continue
            m = _KBD_CLOSE_ANY.match(line, start)
            if m is not None and not ticks.in_code_span(start):
                yield StrayCloser(Span(number, column, number, m.end()))


# -- canonical text --------------------------------------------------------------------------------
def expected_name(reading: Reading) -> str | None:
    """The venue name this badge should print: a former name only within its era."""
    match = reading.match
    if match is None:
        return None
    year = reading.year
    if match.via == "former_name" and match.rename is not None and match.rename.name:
        if year is None or match.rename.in_force(year, tolerant=True):
            return match.rename.name
        return match.venue.name_for(year)
    return match.venue.name


def _year_ok(parsed: ParsedBadge, style: str) -> bool:
    """Whether the year is written the way the badge style writes years.

    A glued four-digit year (``CVPR2016``) counts as written right: it is a spacing defect,
    which malformed-badge reports.
    """
    if parsed.year is None:
        return True
    if style == "bold-bracket" and _two_digit(parsed.year % 100) == parsed.year:
        return parsed.year_style == "apostrophe" and parsed.two_digit_year
    return not parsed.two_digit_year and parsed.year_style in ("plain", "glued")


def canonical(name: str, parsed: ParsedBadge, style: str) -> str:
    """``NAME YEAR[-MM] [suffix]`` (``NAME'YY`` in bold-bracket lists)."""
    text = name
    if parsed.year is not None:
        year = parsed.year
        if style == "bold-bracket" and parsed.month is None and _two_digit(year % 100) == year:
            text += f"'{year % 100:02d}"
        else:
            text += f" {year}" + (f"-{parsed.month:02d}" if parsed.month else "")
    return f"{text} {parsed.suffix}" if parsed.suffix else text


def respaced(raw: str) -> str:
    """The badge text with spaces normalised and a glued four-digit year split off."""
    clean = " ".join(raw.translate(_INVISIBLE).split())
    parsed = parse_badge_text(clean)
    if parsed.year_style == "glued" and not parsed.two_digit_year:
        clean = _GLUED_YEAR.sub(" ", clean, count=1)
    return clean


def _names(venue: Venue) -> str:
    return venue.name if venue.full_name == venue.name else f"{venue.name} ({venue.full_name})"


# -- rules -----------------------------------------------------------------------------------------
_WHITESPACE_WORDS = {
    "nbsp": "a non-breaking space", "other-space": "an unusual space character",
    "invisible": "an invisible character", "leading": "a space after the opening tag",
    "trailing": "a space before the closing tag", "repeated": "a doubled space",
}


@register
class MalformedBadge(Rule):
    code = "BDG001"
    name = "malformed-badge"
    category = CATEGORY
    fixable = True
    summary = "Broken badge markup: unclosed or mismatched `<kbd>`, empty badge, bad spacing."
    explanation = (
        "GitHub renders `<kbd>CVPR 2017` without its closing tag as a key box that swallows "
        "the rest of the line, and an empty `<kbd></kbd>` as a blank box. Non-breaking or "
        "doubled spaces, `CVPR2016` without a space, or a badge glued to the link before it "
        "make the same venue look different to readers and to Cmd-F. Spacing is fixed "
        "safely; repairing tags or removing an empty badge is an unsafe fix."
    )
    bad = "* [ResNet](https://arxiv.org/abs/1512.03385)<kbd>CVPR2016</kbd>"
    good = "* [ResNet](https://arxiv.org/abs/1512.03385) <kbd>CVPR 2016</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        for badge in found.badges:
            # calls, not generators: a list has a badge per entry.  A badge without markup
            # problems is closed and not empty, which is what _spacing reads.
            markup = self._markup(badge)
            if markup is not None:
                yield markup
            elif (spacing := self._spacing(badge)) is not None:
                yield spacing
            if badge.style == "kbd" and _glued(badge.preceded_by):
                where = _neighbour(ctx.document, badge)
                yield self.diagnostic(
                    badge.span, f"badge {badge.show()} on line {badge.line} is glued to the "
                    f"{where} before it; add a space",
                    fix=Fix((Edit(badge.line, badge.span.column, 0, " "),),
                            description="add a space before the badge"))
        for stray in found.strays:
            yield self.diagnostic(
                stray.span, f"stray </kbd> on line {stray.span.line} closes no badge",
                fix=self.replace(stray.span, "", safe=False, description="remove </kbd>"))

    def _markup(self, badge: FoundBadge) -> Diagnostic | None:
        """The finding about a badge's tags: a wrong or missing closing tag, an empty badge."""
        line = badge.line
        if badge.bad_closer is not None:
            text, span = badge.bad_closer
            return self.diagnostic(
                badge.span, f"badge <kbd>{badge.raw} on line {line} is closed with {text} "
                "instead of </kbd>",
                fix=self.replace(span, "</kbd>", safe=False, description="write </kbd>"))
        if not badge.closed:
            fix = None
            if not badge.raw.strip():
                fix = self._remove(badge, "remove the empty <kbd>")
            elif len(badge.raw) <= 40 and not _NOT_CLOSABLE.search(badge.raw):
                fix = Fix((Edit(line, badge.inner.end_column + 1, 0, "</kbd>"),),
                          Applicability.UNSAFE, "add </kbd>")
            return self.diagnostic(
                badge.span, f"badge {badge.show()} on line {line} is never closed with "
                "</kbd>", fix=fix)
        if not badge.raw.strip():
            return self.diagnostic(
                badge.span, f"empty badge {badge.show()} on line {line}",
                fix=self._remove(badge, "remove the empty badge"))
        return None

    def _remove(self, badge: FoundBadge, description: str) -> Fix:
        spaces = len(badge.preceded_by) - len(badge.preceded_by.rstrip(" \t"))
        start = badge.span.column - spaces
        return Fix((Edit(badge.line, start, badge.span.end_column - start + 1, ""),),
                   Applicability.UNSAFE, description)

    def _spacing(self, badge: FoundBadge) -> Diagnostic | None:
        """The finding about the spacing of a closed, non-empty badge's text."""
        parsed = badge.reading.parsed
        glued = parsed.year_style == "glued" and not parsed.two_digit_year
        if not parsed.whitespace and not glued:
            return None  # no problem to report (the common case)
        problems = [_WHITESPACE_WORDS[w] for w in parsed.whitespace]
        fixed = respaced(badge.raw)
        if glued and fixed != " ".join(badge.raw.split()):
            problems.append("no space between venue and year")
        if not problems or fixed == badge.raw:
            return None
        return self.diagnostic(
            badge.span, f"badge {badge.show()} on line {badge.line} has "
            f"{_and(problems)}; write {badge.show(fixed)}",
            fix=self.replace(badge.inner, fixed, description=f"write {fixed!r}"))


def _neighbour(document: Document, badge: FoundBadge) -> str:
    """What a glued badge touches: a link, another badge or plain text."""
    if _KBD_CLOSE_AT_END.search(badge.preceded_by):
        return "badge"
    # ``[[Notes](url)]<kbd>``: the link ends one or two characters before the badge
    touching = any(link.span.end_line == badge.line
                   and 1 <= badge.span.column - link.span.end_column <= 2
                   for link in document.links)
    return "link" if touching else "text"


def _glued(before: str) -> bool:
    """Whether the text right before a badge touches it (a link, a badge or a word)."""
    if not before or before[-1].isspace():
        return False
    if _KBD_CLOSE_AT_END.search(before):
        return True
    return before[-1] in ")]" or before[-1].isalnum()


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True, slots=True)
class _Habits:
    """How this document writes badges, by majority: two-digit years (``CVPR 12``) and,
    per venue, the spelling it uses most (``RAL`` for RA-L)."""

    two_digit_years: bool
    spelling: dict[str, str]


def _habits(badges: Iterable[FoundBadge]) -> _Habits:
    # counted per distinct reading: lists repeat a few dozen badge texts thousands of times
    readings: dict[int, Reading] = {}
    counts: Counter[int] = Counter()
    for badge in badges:
        key = id(badge.reading)
        counts[key] += 1
        readings[key] = badge.reading
    years: Counter[bool] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for key, reading in readings.items():
        if reading.match is None or reading.bad_year:
            continue
        n = counts[key]
        if reading.year is not None:
            years[reading.parsed.two_digit_year] += n
        spellings.setdefault(reading.match.venue.key, Counter())[reading.venue_text] += n
    majority: dict[str, str] = {}
    for venue, written in spellings.items():
        (top, most), *rest = [*written.most_common(2), ("", 0)]
        if most > rest[0][1]:  # a tie is no habit
            majority[venue] = top
    return _Habits(years[True] > years[False], majority)


@register
class NonCanonicalVenue(Rule):
    code = "BDG002"
    name = "non-canonical-venue"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "A badge names a known venue by an alias or misspelling, or writes the year oddly."
    explanation = (
        "`Neurips 2019`, `CVPR'17`, `TRO 2021` and `NNLS 2020` all name venues the registry "
        "knows under another spelling. One spelling per venue keeps a list searchable and "
        "sortable. The fix writes the canonical `VENUE YEAR`; it is unsafe when the alias is "
        "ambiguous (`MIA` is Medical Image Analysis in imaging lists, and other things "
        "elsewhere). The list's own conventions decide: in a list whose badges mostly "
        "write two-digit years (`CVPR 12`) those are not reported, and an alias that is "
        "the list's usual spelling of its venue (`RAL` for RA-L) is left alone "
        "(inconsistent-venue-spelling reports the exceptions). A warning: an alias is not "
        "wrong under every convention."
    )
    bad = "* [Adam](https://arxiv.org/abs/1412.6980) <kbd>iclr'15</kbd>"
    good = "* [Adam](https://arxiv.org/abs/1412.6980) <kbd>ICLR 2015</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        usable = analysis(ctx).usable
        habits = _habits(usable)

        def judge(reading: Reading, style: str) -> tuple[str, str, bool] | None:
            return self._judge(reading, style, habits)

        for badge, verdict in _judged(usable, judge):
            if verdict is None:
                continue
            why, target, safe = verdict
            yield self.diagnostic(
                badge.span, f"badge {badge.show()} on line {badge.line}: {why}; "
                f"write {badge.show(target)}",
                fix=self.replace(badge.inner, target, safe=safe,
                                 description=f"write {target!r}"))

    def _judge(self, reading: Reading, style: str, habits: _Habits | None = None
               ) -> tuple[str, str, bool] | None:
        """What is wrong with the text, the canonical text and whether the fix is safe."""
        match = reading.match
        name = expected_name(reading)
        if match is None or name is None or reading.bad_year:
            return None
        renamed = (match.via == "former_name" and reading.year is not None
                   and not match.venue.name_ok_for(match.matched, reading.year))
        # renamed-venue rewrites the name of a renamed venue; only the year is judged here
        spelled_ok = renamed or reading.venue_text == name
        year_ok = _year_ok(reading.parsed, style)
        if habits is not None:
            if not spelled_ok and match.via in ("alias", "full_name") and not match.loose \
                    and not match.ambiguous \
                    and habits.spelling.get(match.venue.key) == reading.venue_text:
                spelled_ok = True  # the list's own spelling of this venue
            if not year_ok and habits.two_digit_years and reading.parsed.two_digit_year \
                    and style != "bold-bracket":
                year_ok = True  # the list writes two-digit years throughout
        if spelled_ok and year_ok:
            return None
        why = []
        if not spelled_ok:
            why.append(self._alias(reading, match, name))
        if not year_ok:
            why.append(f"the year is written {_year_written(reading.parsed, style)}")
        return "; ".join(why), canonical(name, reading.parsed, style), not match.ambiguous

    @staticmethod
    def _alias(reading: Reading, match: Match, name: str) -> str:
        written = reading.venue_text
        venue = match.venue
        if written.casefold() == name.casefold():
            return f"'{written}' is spelt '{name}'"
        what = {"full_name": "the full name of", "alias": "an alias of",
                "former_name": "a former name of", "name": "a spelling of"}[match.via]
        text = f"'{written}' is {what} {_names(venue)}"
        if match.loose:
            text = f"'{written}' looks like '{match.matched}', a spelling of {_names(venue)}"
        if match.ambiguous:
            others = [c.name for c in match.candidates[1:]]
            note = match.note or (f"It may also mean {', '.join(others)}" if others else "")
            if note:
                text += f" [ambiguous: {note[:1].lower()}{note[1:].rstrip('.')}]"
        return text


def _year_written(parsed: ParsedBadge, style: str) -> str:
    if style == "bold-bracket" and parsed.two_digit_year:
        return "without an apostrophe"
    if parsed.year_style == "apostrophe":
        return "with an apostrophe"
    if parsed.year_style in ("dash", "underscore"):
        return f"after a {parsed.year_style}"
    if parsed.two_digit_year:
        return "with two digits"
    return "as four digits"


@register
class RenamedVenue(Rule):
    code = "BDG003"
    name = "renamed-venue"
    category = CATEGORY
    fixable = True
    summary = "A former venue name used after the rename (`NIPS 2019` is `NeurIPS 2019`)."
    explanation = (
        "Venues get renamed: NIPS became NeurIPS in 2018. The year on the badge decides: "
        "`NIPS 2017` is right, `NIPS 2019` is not, because the 2019 conference never went "
        "by that name. The fix writes the name in force that year."
    )
    bad = "* [MixMatch](https://arxiv.org/abs/1905.02249) <kbd>NIPS 2019</kbd>"
    good = "* [MixMatch](https://arxiv.org/abs/1905.02249) <kbd>NeurIPS 2019</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for badge in analysis(ctx).usable:
            reading = badge.reading
            match, year = reading.match, reading.year
            if (match is None or year is None or reading.bad_year
                    or match.via != "former_name"
                    or match.venue.name_ok_for(match.matched, year)):
                continue
            name = match.venue.name_for(year)
            rename = match.rename
            until = f" after {rename.until}" if rename is not None else ""
            target = canonical(name, reading.parsed, badge.style)
            yield self.diagnostic(
                badge.span, f"badge {badge.show()} on line {badge.line}: "
                f"'{reading.venue_text}' was renamed {name}{until}; write "
                f"{badge.show(target)}",
                fix=self.replace(badge.inner, target, safe=not match.ambiguous,
                                 description=f"write {target!r}"))


@register
class ImplausibleYear(Rule):
    code = "BDG004"
    name = "implausible-year"
    category = CATEGORY
    summary = "A badge year when the venue did not meet, or a year that cannot be right."
    explanation = (
        "ICCV meets in odd years only (since 1999), ECCV in even years, ACCV in even years "
        "since 2010, MIDL since 2018: `ICCV 2018` is a typo for 2017 or 2019, or the wrong "
        "venue. Years before `venues.year-window.min` or more than `max-ahead` years after "
        "the current year are typos too. Venues whose dates the registry has not confirmed "
        "get a warning instead of an error."
    )
    bad = "* [Mask R-CNN](https://arxiv.org/abs/1703.06870) <kbd>ICCV 2018</kbd>"
    good = "* [Mask R-CNN](https://arxiv.org/abs/1703.06870) <kbd>ICCV 2017</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        window = found.settings.year_window
        this_year = ctx.today.year

        def judge(reading: Reading, style: str) -> tuple[str, Severity | None] | None:
            return self._problem(reading, window, this_year)

        for badge, problem in _judged(found.usable, judge):
            if problem is not None:
                text, severity = problem
                yield self.diagnostic(badge.span, f"badge {badge.show()} on line "
                                      f"{badge.line}: {text}", severity=severity)

    @staticmethod
    def _problem(reading: Reading, window: YearWindow, this_year: int
                 ) -> tuple[str, Severity | None] | None:
        """What is wrong with the year (and the severity, when not the rule's own)."""
        if reading.topic:
            return None
        if reading.bad_year is not None:
            return f"'{reading.bad_year}' is not a year", None
        year = reading.year
        if year is None:
            return None
        if year < window.min:
            return f"{year} is before {window.min} (venues.year-window.min)", None
        if year > this_year + window.max_ahead:
            return f"{year} is more than {window.max_ahead} year(s) after {this_year}", None
        venue = reading.venue
        if venue is not None and venue.held_in(year) is False:
            return _not_held(venue, year), None if venue.confirmed else Severity.WARNING
        return None


def _not_held(venue: Venue, year: int) -> str:
    """Why ``venue`` had no edition in ``year``, in words."""
    name = venue.name
    if year < venue.first_year:
        return f"{name} did not exist yet in {year} (first held {venue.first_year})"
    if venue.last_year is not None and year > venue.last_year:
        return f"{name} ended in {venue.last_year}"
    if year in venue.not_held:
        return f"{name} was not held in {year}"
    cadence = venue.cadence
    if venue.cadence_since is not None and year < venue.cadence_since:
        cadence = venue.cadence_before or cadence
    since = f" since {venue.cadence_since}" if venue.cadence_since else ""
    if cadence == "odd-years":
        return f"{name} meets in odd years only{since}; {year} is even"
    if cadence == "even-years":
        return f"{name} meets in even years only{since}; {year} is odd"
    held = venue.held_years(year)
    if held:
        return f"{name} was not held in {year} (nearest editions: " + ", ".join(
            str(y) for y in sorted(held, key=lambda y: abs(y - year))[:2]) + ")"
    return f"{name} was not held in {year}"


@register
class BadgeBeforePreprint(Rule):
    code = "BDG005"
    name = "badge-before-preprint"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "The badge year is earlier than the year of the entry's arXiv preprint."
    explanation = (
        "An arXiv identifier carries its submission date: `arxiv.org/abs/1907.08610` was "
        "posted in July 2019. A paper published at `CVPR 2018` rarely appears on arXiv a "
        "year later, so the badge year (or the link) is probably wrong. The usual gap is "
        "allowed: a preprint posted up to twelve months after the meeting (the registry "
        "knows the month of late-year venues such as NeurIPS; mid-year otherwise) is not "
        "reported. A warning, since later preprints do exist."
    )
    bad = "* [EfficientNet](https://arxiv.org/abs/1905.11946) <kbd>ICML 2017</kbd>"
    good = "* [EfficientNet](https://arxiv.org/abs/1905.11946) <kbd>ICML 2019</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for badge in analysis(ctx).usable:
            year = badge.reading.year
            if (badge.entry is None or year is None
                    or badge.reading.topic or badge.reading.bad_year):
                continue
            found = _preprint(badge.entry)
            if found is None or year >= found[1] \
                    or _usual_gap(found[0], year, badge.reading.venue):
                continue
            url, posted = found
            yield self.diagnostic(
                badge.span, f"badge {badge.show()} on line {badge.line} says {year}, but "
                f"the entry's arXiv preprint {_short_url(url)} dates from {posted}")


def _preprint(entry: Entry) -> tuple[str, int] | None:
    """The entry's own arXiv link (title first, then resources) and its year."""
    if entry.link is not None:
        year = arxiv_year(entry.link.destination)
        if year is not None:
            return entry.link.destination, year
    for link in entry.links:
        if link.role in (LinkRole.TITLE, LinkRole.RESOURCE) and link is not entry.link:
            year = arxiv_year(link.destination)
            if year is not None:
                return link.destination, year
    return None


#: The month of a new-style arXiv id (``YYMM.NNNNN``) in an arXiv URL.
_ARXIV_MONTH = re.compile(r"arxiv\.org/(?:abs|pdf|html)/\d{2}(\d{2})\.\d{4,5}", re.IGNORECASE)
#: Months after the meeting within which a preprint is a usual late posting (PIXOR: CVPR
#: 2018, arXiv February 2019); later than that, the badge year is usually wrong (TIDE:
#: "ECCV 2018" for an ECCV 2020 paper).
_GAP_MONTHS = 12
#: Meeting month assumed when the registry has none: mid-year, as CVPR and ICML.
_MID_YEAR = 6


def _usual_gap(url: str, year: int, venue: Venue | None) -> bool:
    """Whether ``url`` was posted within ``_GAP_MONTHS`` of the venue's meeting (the
    registry's ``month``; mid-year when unknown): NeurIPS 2021 (December) and a preprint
    of July 2022.  Old-style ids (no month) allow the next year."""
    posted = arxiv_year(url)
    if posted is None:
        return False
    m = _ARXIV_MONTH.search(url)
    if m is None:
        return posted <= year + 1
    month = venue.month if venue is not None and venue.month is not None else _MID_YEAR
    return (posted - year) * 12 + int(m.group(1)) - month <= _GAP_MONTHS


def _short_url(url: str) -> str:
    return re.sub(r"^https?://(?:www\.)?", "", url)


@register
class UnknownVenue(Rule):
    code = "BDG006"
    name = "unknown-venue"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "A badge whose text is neither a known venue nor a declared topic badge."
    explanation = (
        "A badge promises a venue. `WCAV 2020` is a typo for WACV; `Goodnotes` or `Video` "
        "are not venues at all. Declare venues the registry lacks in `venues.venues` or "
        "`venues.aliases`, and words that tag topics in `venues.topic-badges`. A year-less "
        "badge the list puts on two or more entries is taken as one of its topic badges. "
        "By default only probable typos of a known venue are reported (no registry knows "
        "every venue: `RAS 2019`, `CCPR 2016` are real); `report-all = true` reports every "
        "unknown badge. When one "
        "known venue is a letter swap or edit away, the message names it and an unsafe fix "
        "writes it."
    )
    bad = "* [Focal Loss](https://arxiv.org/abs/1708.02002) <kbd>WCAV 2020</kbd>"
    good = "* [Focal Loss](https://arxiv.org/abs/1708.02002) <kbd>WACV 2020</kbd>"
    options: ClassVar[dict[str, Any]] = {"report-all": False}

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        topics = _topic_habit(found.usable)
        report_all = bool(ctx.options(self)["report-all"])
        for badge in found.usable:
            reading = badge.reading
            if (reading.match is not None or reading.topic
                    or not reading.venue_text or reading.venue_text in topics):
                continue
            where = f"badge {badge.show()} on line {badge.line}"
            near = found.registry.closest(reading.venue_text)
            if near is not None:
                name = near.name_for(reading.year) if reading.year else near.name
                target = canonical(name, reading.parsed, badge.style)
                yield self.diagnostic(
                    badge.span, f"{where}: '{reading.venue_text}' is not a known venue; did "
                    f"you mean {near.name}?",
                    fix=self.replace(badge.inner, target, safe=False,
                                     description=f"write {target!r}"))
                continue
            if not report_all:
                continue  # a real venue the registry lacks is not a defect of the list
            hint = ("declare it in venues.venues or venues.aliases" if reading.year else
                    "declare it in venues.topic-badges (a topic) or venues.venues (a venue)")
            yield self.diagnostic(badge.span, f"{where}: '{reading.venue_text}' is not a "
                                  f"known venue; {hint}")


def _topic_habit(badges: Iterable[FoundBadge]) -> frozenset[str]:
    """Year-less badge texts the list uses on several entries (``<kbd>Video</kbd>``,
    ``<kbd>MI</kbd>``): its own topic badges, not misspelt venues."""
    counts = Counter(b.reading.venue_text for b in badges
                     if b.reading.year is None and b.reading.match is None)
    return frozenset(text for text, n in counts.items() if n >= 2)


@register
class YearOnlyBadge(Rule):
    code = "BDG007"
    name = "year-only-badge"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "A badge with a year and no venue (`<kbd>2016</kbd>`)."
    explanation = (
        "A bare year tells readers when, not where. When the entry's link reveals the venue "
        "(openaccess.thecvf.com, papers.nips.cc, proceedings.mlr.press, ...) the message "
        "names it and an unsafe fix writes it; preprints and blog posts may keep a year-only "
        "badge (suppress the warning there)."
    )
    bad = ("* [ResNet](https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual"
           "_Learning_CVPR_2016_paper.pdf) <kbd>2016</kbd>")
    good = ("* [ResNet](https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual"
            "_Learning_CVPR_2016_paper.pdf) <kbd>CVPR 2016</kbd>")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        for badge in found.usable:
            reading = badge.reading
            year = reading.year
            if reading.venue_text or year is None:
                continue
            where = f"badge {badge.show()} on line {badge.line} has a year but no venue"
            hint = _venue_hint(badge.entry, found.registry, year)
            if hint is None:
                yield self.diagnostic(badge.span, where)
                continue
            name, url = hint
            target = canonical(name, reading.parsed, badge.style)
            yield self.diagnostic(
                badge.span, f"{where}; the link {_host(url)} suggests {badge.show(target)}",
                fix=self.replace(badge.inner, target, safe=False,
                                 description=f"write {target!r}"))


def _venue_hint(entry: Entry | None, reg: Registry, year: int) -> tuple[str, str] | None:
    """A venue name (in force in ``year``) that the entry's links reveal, with the link."""
    if entry is None:
        return None
    links = ([entry.link] if entry.link is not None else []) + [
        link for link in entry.links if link is not entry.link]
    for link in links:
        hint = url_hint(link.destination, reg)
        if hint is None or (hint.year is not None and hint.year != year):
            continue
        venue = reg.get(hint.venue)
        return (venue.name_for(year) if venue is not None else hint.venue), link.destination
    return None


def _host(url: str) -> str:
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or url
    except ValueError:
        return url
    return host.removeprefix("www.")


@register
class InconsistentVenueSpelling(Rule):
    code = "BDG008"
    name = "inconsistent-venue-spelling"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "One venue spelt two ways in the same document (`TRO` and `T-RO`)."
    explanation = (
        "Readers search a list for a venue: when half the entries say `TRO` and the other "
        "half `T-RO`, a search finds half. Reported once per venue, listing every spelling "
        "with its count; former names used in their own era (`NIPS 2017`) do not count."
    )
    bad = ("* [ORB-SLAM2](https://arxiv.org/abs/1610.06475) <kbd>TRO 2017</kbd>\n"
           "* [VINS-Mono](https://arxiv.org/abs/1708.03852) <kbd>T-RO 2018</kbd>")
    good = ("* [ORB-SLAM2](https://arxiv.org/abs/1610.06475) <kbd>T-RO 2017</kbd>\n"
            "* [VINS-Mono](https://arxiv.org/abs/1708.03852) <kbd>T-RO 2018</kbd>")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        groups: dict[tuple[str, str], list[tuple[str, FoundBadge]]] = {}
        names: dict[tuple[str, str], str] = {}
        #: Canonical names and former names in their era, as written, per venue.
        family: dict[tuple[str, str], list[str]] = {}
        for badge in analysis(ctx).usable:
            reading = badge.reading
            if reading.topic or not reading.venue_text:
                continue
            written = reading.venue_text
            match = reading.match
            if match is not None:
                key = ("known", match.venue.key)
                names[key] = match.venue.name
                rename = match.rename
                if written == match.venue.name or (
                        rename is not None and written == rename.name):
                    family.setdefault(key, []).append(written)
                    written = ""  # the name and its former names are one spelling
            elif reading.bad_year is None:
                loose = _LOOSE_NAME.sub("", _ORG.sub("", written.casefold()))
                if not loose:
                    continue
                key = ("unknown", loose)
                names.setdefault(key, written)
            else:
                continue
            groups.setdefault(key, []).append((written, badge))
        for key, members in groups.items():
            counts = Counter(spelling for spelling, _ in members)
            if len(counts) < 2:
                continue
            main = counts.most_common(1)[0][0]
            odd = next(badge for spelling, badge in members if spelling != main)
            parts = []
            for spelling, count in counts.most_common():
                lines = [b.line for s, b in members if s == spelling]
                if not spelling:
                    spelling = "/".join(dict.fromkeys(family[key]))
                where = f"line {lines[0]}" if count == 1 else f"{count}×, first on line {lines[0]}"
                parts.append(f"'{spelling}' ({where})")
            registry_name = f"; the registry spells it '{names[key]}'" if key[0] == "known" else ""
            yield self.diagnostic(
                odd.span, f"venue {names[key]} is spelt {len(counts)} ways in this document: "
                + ", ".join(parts) + registry_name)


@register
class MissingBadge(Rule):
    code = "BDG009"
    name = "missing-badge"
    category = CATEGORY
    summary = "A paper entry without a venue badge, where `venues.require-badge` asks for one."
    explanation = (
        "In a list whose convention is one venue badge per paper, an entry without one hides "
        "where the paper appeared. Paper entries are those linking to arXiv, OpenReview, a "
        "proceedings site, a publisher or a PDF. Off by default (`require-badge = true`)."
    )
    bad = "* [U-Net](https://arxiv.org/abs/1505.04597)"
    good = "* [U-Net](https://arxiv.org/abs/1505.04597) <kbd>MICCAI 2015</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        if not found.settings.require_badge:
            return
        with_badge = {id(b.entry) for b in found.badges if b.entry is not None}
        for entry in ctx.document.entries:
            if id(entry) in with_badge or entry.badges:
                continue
            url = next((link.destination for link in entry.links if _is_paper(link.destination)),
                       None)
            if url is None:
                continue
            line = ctx.document.line_text(entry.line)
            column = max(1, entry.marker_column)
            span = Span(entry.line, column, entry.line, max(column, len(line.rstrip())))
            yield self.diagnostic(
                span, f"paper entry '{entry.title}' on line {entry.line} has no venue badge "
                f"(venues.require-badge is on; it links to {_host(url)})")


def _is_paper(url: str) -> bool:
    """An arXiv-like host, or a PDF; a URL no parser accepts (``http://[x``) is neither."""
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
    except ValueError:
        return False
    host = (parts.hostname or url).removeprefix("www.").lower()
    if host.endswith(tuple("." + h for h in _PAPER_HOSTS)) or host in _PAPER_HOSTS:
        return True
    return "//" in url and parts.path.lower().endswith(".pdf")
