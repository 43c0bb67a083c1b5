"""Registry of publication venues for badge rules.

Paper lists end entries with badges such as ``<kbd>CVPR 2017</kbd>`` or ``<kbd>NIPS 2015
Oral</kbd>``.  Rules need to know which venue a badge names, whether the venue met that
year, and which name it went by then; this module answers those questions from the data
file ``venues.toml`` next to it (see its header for the schema).

Importing the package is cheap: the TOML is parsed once, on the first call to
:func:`default_registry` (or to a helper that needs it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

__all__ = [
    "DATA_PATH",
    "AmbiguousAlias",
    "BadgeResolution",
    "Cadence",
    "Kind",
    "Match",
    "MatchVia",
    "ParsedBadge",
    "Registry",
    "Rename",
    "UrlHint",
    "Venue",
    "VenueDataError",
    "WhitespaceIssue",
    "YearStyle",
    "arxiv_year",
    "default_registry",
    "load_registry",
    "parse_badge_text",
    "url_hint",
    "venue_from_table",
    "venue_hint_from_url",
]

Kind = Literal["conference", "journal", "workshop", "preprint", "blog"]
Cadence = Literal["annual", "odd-years", "even-years", "irregular", "continuous"]
YearStyle = Literal["plain", "apostrophe", "dash", "underscore", "glued", "none"]
MatchVia = Literal["name", "full_name", "alias", "former_name"]
WhitespaceIssue = Literal["nbsp", "other-space", "invisible", "leading", "trailing", "repeated"]

#: The bundled data file.
DATA_PATH = Path(__file__).with_name("venues.toml")

_KINDS: frozenset[str] = frozenset(get_args(Kind))
_CADENCES: frozenset[str] = frozenset(get_args(Cadence))
#: Patterns compile on first use (keeps ``import awesome_lint.venues`` cheap).
_rx = functools.cache(re.compile)


class VenueDataError(ValueError):
    """Malformed venue data (bundled file or user configuration)."""


# --------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------


def _cadence_allows(cadence: Cadence, year: int) -> bool | None:
    """Whether a regular cadence admits ``year``; ``None`` for irregular venues."""
    if cadence in ("annual", "continuous"):
        return True
    if cadence == "odd-years":
        return year % 2 == 1
    if cadence == "even-years":
        return year % 2 == 0
    return None


@dataclass(frozen=True, slots=True)
class Rename:
    """A former name, in force up to ``until`` (inclusive).

    ``name`` is the former *short* name (``NIPS``); renames of the full name only leave it
    ``None``, so the badge name does not change.  ``since``/``cadence`` describe parallel
    predecessors (Eurospeech in odd years, ICSLP in even years).  ``tolerated_until`` is the
    last year the old name is still acceptable (``NIPS 2018``: renamed weeks before).
    """

    until: int
    name: str | None = None
    full_name: str | None = None
    since: int | None = None
    cadence: Cadence | None = None
    tolerated_until: int | None = None
    aliases: tuple[str, ...] = ()

    def in_force(self, year: int, *, tolerant: bool = False) -> bool:
        """Whether the old name applies to ``year`` (with ``tolerant``: is still accepted)."""
        last = self.until
        if tolerant and self.tolerated_until is not None:
            last = max(last, self.tolerated_until)
        if year > last or (self.since is not None and year < self.since):
            return False
        return self.cadence is None or _cadence_allows(self.cadence, year) is not False

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every spelling of this former name (short, full, aliases)."""
        found = [s for s in (self.name, self.full_name) if s]
        return (*found, *self.aliases)


@dataclass(frozen=True, slots=True)
class AmbiguousAlias:
    """An alias that often means something else; ``also`` lists other venues it may denote."""

    alias: str
    also: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Venue:
    """One canonical venue with its names and the years it met (see ``venues.toml``)."""

    key: str
    name: str
    full_name: str
    kind: Kind
    first_year: int
    cadence: Cadence
    source: str
    aliases: tuple[str, ...] = ()
    last_year: int | None = None
    cadence_since: int | None = None
    cadence_before: Cadence | None = None
    held: frozenset[int] = frozenset()
    not_held: frozenset[int] = frozenset()
    renames: tuple[Rename, ...] = ()
    ambiguous: tuple[AmbiguousAlias, ...] = ()
    parent: str | None = None
    pmlr_volumes: tuple[tuple[int, int], ...] = ()
    confirmed: bool = True
    note: str = ""
    #: Usual month of the meeting (1-12), for the gap to a later preprint; ``None``: unknown.
    month: int | None = None

    def held_in(self, year: int) -> bool | None:
        """Whether an edition/issue is dated ``year``; ``None`` when the data cannot tell.

        ``None`` only arises for irregular venues after their last listed edition.  Future
        years follow the cadence: checking against today's date is the caller's job.
        """
        if year < self.first_year or (self.last_year is not None and year > self.last_year):
            return False
        if year in self.held:
            return True
        if year in self.not_held:
            return False
        rule: Cadence | None = self.cadence
        if self.cadence_since is not None and year < self.cadence_since:
            rule = self.cadence_before
        if rule is None:  # before cadence_since only the listed years count
            return False
        if rule == "irregular":
            if self.held and year <= max(self.held):
                return False
            return None
        return _cadence_allows(rule, year)

    def held_years(self, until: int, *, since: int | None = None) -> tuple[int, ...]:
        """Years in ``[since or first_year, until]`` known to have an edition."""
        start = self.first_year if since is None else max(since, self.first_year)
        end = until if self.last_year is None else min(until, self.last_year)
        return tuple(y for y in range(start, end + 1) if self.held_in(y))

    def _rename_for(self, year: int, attr: Literal["name", "full_name"]) -> str | None:
        for rename in self.renames:
            value = getattr(rename, attr)
            if value and rename.in_force(year):
                return cast(str, value)
        return None

    def name_for(self, year: int) -> str:
        """The short name in force in ``year`` (``NIPS`` for 2017, ``NeurIPS`` for 2019)."""
        return self._rename_for(year, "name") or self.name

    def full_name_for(self, year: int) -> str:
        """The full name in force in ``year``."""
        return self._rename_for(year, "full_name") or self.full_name

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every spelling the registry matches: name, full name, former names, aliases."""
        former = [s for r in self.renames for s in r.spellings]
        return (self.name, self.full_name, *former, *self.aliases)

    @property
    def former_names(self) -> tuple[str, ...]:
        """Former short names, oldest first."""
        return tuple(r.name for r in sorted(self.renames, key=lambda r: r.until) if r.name)

    def rename_of(self, spelling: str) -> Rename | None:
        """The rename whose spellings include ``spelling`` (case-insensitive), if any."""
        key = _norm(spelling)
        for rename in self.renames:
            if any(_norm(s) == key for s in rename.spellings):
                return rename
        return None

    def name_ok_for(self, spelling: str, year: int) -> bool:
        """False only for a former name used outside its era (``NIPS 2019``).

        The current name is always accepted: back-dating (``NeurIPS 2015``) is a
        normalization, not an error.
        """
        rename = self.rename_of(spelling)
        return rename is None or rename.in_force(year, tolerant=True)

    def pmlr_volume(self, year: int) -> int | None:
        """The proceedings.mlr.press volume of the ``year`` edition, if known."""
        return dict(self.pmlr_volumes).get(year)


# --------------------------------------------------------------------------------------
# Text normalization
# --------------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_NBSP = frozenset("\u00a0\u2007\u202f")
_DBLP_VOLUME = r"\s*\(\d+\)$"
_NOT_ALNUM = r"[\W_]+"


@functools.lru_cache(maxsize=16384)  # badge texts and venue names repeat
def _norm(text: str) -> str:
    """Lookup key: invisible characters dropped, whitespace collapsed, casefolded."""
    text = " ".join(text.translate(_INVISIBLE).split()).casefold()
    return _rx(_DBLP_VOLUME).sub("", text)


def _loose(key: str) -> str:
    """Second-chance key that ignores spacing and punctuation (``T-RO`` = ``TRO``)."""
    return _rx(_NOT_ALNUM).sub("", key)


def _whitespace_issues(text: str) -> tuple[WhitespaceIssue, ...]:
    """Whitespace a rule may want to flag in badge text."""
    issues: list[WhitespaceIssue] = []
    if any(c in text for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"):
        issues.append("invisible")
    spaces = {c for c in text if c.isspace() and c != " "}
    if spaces & _NBSP:
        issues.append("nbsp")
    if spaces - _NBSP:
        issues.append("other-space")
    visible = text.translate(_INVISIBLE)
    if visible[:1].isspace():
        issues.append("leading")
    if visible[-1:].isspace():
        issues.append("trailing")
    if _rx(r"\S\s{2,}\S").search(visible):
        issues.append("repeated")
    return tuple(issues)


# --------------------------------------------------------------------------------------
# Badge parsing
# --------------------------------------------------------------------------------------

_YEAR4 = r"(?:18|19|20)\d{2}"
_YEAR_RE = rf"""
      (?P<apos>\s?['’‘`´]\s?(?P<apos_year>{_YEAR4}|\d{{2}})(?!\d))
    | (?P<dash>\s?(?P<dash_sep>[-–—_])\s?(?P<dash_year>{_YEAR4}|\d{{2}})(?!\d))
    | (?P<plain>(?:^|(?<=\s))(?P<plain_year>{_YEAR4})(?!\d))
    | (?P<glued>(?<=[^\W\d_])(?P<glued_year>{_YEAR4}|\d{{2}})(?!\d))
    """
_MONTH_RE = r"-(0[1-9]|1[0-2])(?!\d)"
#: A two-digit year glued or dashed on is only trusted after an acronym (``CVPR19``),
#: so ``ResNet50`` or ``ResNet-50`` are not read as 1950.
_ACRONYM_END = r"(?:^|[\s(])[A-Z0-9&.]*[A-Z][A-Z0-9&.-]*$"
_STRIP = " ,;:-–—_()[]{}|/"
_SUFFIX_WORDS = frozenset(
    """
    oral orals spotlight spotlights poster posters workshop workshops best paper papers
    award awards honorable honourable mention candidate candidates shortlist shortlisted
    finalist finalists highlight highlights talk talks findings demo demos short long
    track industry tutorial invited keynote student abstract abstracts extended contributed
    main conference journal datasets benchmarks benchmark and d&b w presentation accepted
    submission submitted preprint under review in press camera ready full of the
    """.split()  # noqa: SIM905
)
#: Without a year only presentation words are split off: ``CVPR Workshop`` is a venue.
_PRESENTATION_SUFFIX = r"(?i)\s+(?:oral|spotlight|poster|highlight|talk|best\s+paper(?:\s+\w+)?)$"


@dataclass(frozen=True, slots=True)
class ParsedBadge:
    """Badge text split into venue, year and suffix (``CVPR'17 Oral``)."""

    text: str
    venue_text: str
    year: int | None
    suffix: str = ""
    year_style: YearStyle = "none"
    #: The year was written with two digits (``'17``, ``CVPR17``).
    two_digit_year: bool = False
    #: Month of ``arXiv 2025-06``-style badges.
    month: int | None = None
    #: Non-breaking/odd spaces, doubled spaces, leading/trailing blanks, invisible chars.
    whitespace: tuple[WhitespaceIssue, ...] = ()

    @property
    def irregular_whitespace(self) -> bool:
        """Whether the original text had whitespace a fixer would normalize."""
        return bool(self.whitespace)

    @property
    def suffix_known(self) -> bool:
        """Whether the suffix only uses usual words (Oral, Best Paper, Workshop...)."""
        words = _rx(r"[\w&]+").findall(self.suffix.casefold())
        return all(w in _SUFFIX_WORDS for w in words)


def _two_digit(yy: int) -> int:
    """Fixed pivot: '00-'49 are 2000s, '50-'99 are 1900s (deterministic, no clock)."""
    return 2000 + yy if yy < 50 else 1900 + yy


@functools.lru_cache(maxsize=8192)  # lists repeat the same badges ("CVPR 2017") thousands of times
def parse_badge_text(text: str) -> ParsedBadge:
    """Split badge text into venue text, year and suffix.

    Accepts ``CVPR 2017``, ``CVPR'17``, ``CVPR’17``, ``CVPR-2017``, ``CVPR_2017``,
    ``CVPR2017``, ``CVPR17``, ``cvpr 2017 oral``, ``ICML workshop 2020`` and
    ``arXiv 2025-06``.  Whitespace oddities are reported in ``whitespace`` and ignored.
    """
    issues = _whitespace_issues(text)
    clean = " ".join(text.translate(_INVISIBLE).split())
    for m in _rx(_YEAR_RE, re.VERBOSE).finditer(clean):
        style: YearStyle
        if m.group("apos"):
            style, digits = "apostrophe", m.group("apos_year")
        elif m.group("dash"):
            style = "underscore" if m.group("dash_sep") == "_" else "dash"
            digits = m.group("dash_year")
        elif m.group("plain"):
            style, digits = "plain", m.group("plain_year")
        else:
            style, digits = "glued", m.group("glued_year")
        head = clean[: m.start()]
        if len(digits) == 2 and style != "apostrophe" and not _rx(_ACRONYM_END).search(head):
            continue
        year = _two_digit(int(digits)) if len(digits) == 2 else int(digits)
        rest = clean[m.end() :]
        month = None
        if style == "plain" and (mm := _rx(_MONTH_RE).match(rest)):
            month, rest = int(mm.group(1)), rest[mm.end() :]
        return ParsedBadge(
            text=text,
            venue_text=head.strip(_STRIP),
            year=year,
            suffix=rest.strip(_STRIP),
            year_style=style,
            two_digit_year=len(digits) == 2,
            month=month,
            whitespace=issues,
        )
    venue_text, suffix = clean.strip(_STRIP), ""
    if m2 := _rx(_PRESENTATION_SUFFIX).search(venue_text):
        venue_text, suffix = venue_text[: m2.start()], m2.group().strip()
    return ParsedBadge(
        text=text, venue_text=venue_text, year=None, suffix=suffix, whitespace=issues
    )


# --------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------

_VENUE_FIELDS = frozenset(
    """name full_name kind aliases first_year last_year cadence cadence_since cadence_before
    held not_held renamed_from ambiguous parent pmlr_volumes source confirmed note month""".split()  # noqa: SIM905
)
_RENAME_FIELDS = frozenset(
    ("name", "full_name", "until", "since", "cadence", "tolerated_until", "aliases")
)
_AMBIGUOUS_FIELDS = frozenset(("alias", "also", "note"))


def _check_fields(where: str, table: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise VenueDataError(f"{where}: unknown field(s) {', '.join(unknown)}")


def _str(where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise VenueDataError(f"{where}: expected a non-empty string, got {value!r}")
    return value


def _opt_str(where: str, value: Any) -> str | None:
    return None if value is None else _str(where, value)


def _int(where: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise VenueDataError(f"{where}: expected an integer, got {value!r}")
    return value


def _opt_int(where: str, value: Any) -> int | None:
    return None if value is None else _int(where, value)


def _str_list(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise VenueDataError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(_str(where, v) for v in value)


def _int_list(where: str, value: Any) -> frozenset[int]:
    if not isinstance(value, list):
        raise VenueDataError(f"{where}: expected a list of years, got {value!r}")
    return frozenset(_int(where, v) for v in value)


def _cadence(where: str, value: Any) -> Cadence:
    if value not in _CADENCES:
        raise VenueDataError(f"{where}: cadence must be one of {sorted(_CADENCES)}")
    return cast(Cadence, value)


def _tables(where: str, value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise VenueDataError(f"{where}: expected a list of tables")
    return cast(list[Mapping[str, Any]], value)


def _rename(where: str, t: Mapping[str, Any]) -> Rename:
    _check_fields(where, t, _RENAME_FIELDS)
    rename = Rename(
        until=_int(f"{where}.until", t.get("until")),
        name=_opt_str(f"{where}.name", t.get("name")),
        full_name=_opt_str(f"{where}.full_name", t.get("full_name")),
        since=_opt_int(f"{where}.since", t.get("since")),
        cadence=None if t.get("cadence") is None else _cadence(where, t["cadence"]),
        tolerated_until=_opt_int(f"{where}.tolerated_until", t.get("tolerated_until")),
        aliases=_str_list(f"{where}.aliases", t.get("aliases", [])),
    )
    if not rename.name and not rename.full_name:
        raise VenueDataError(f"{where}: a rename needs a name or a full_name")
    return rename


def venue_from_table(key: str, table: Mapping[str, Any], *, strict: bool = False) -> Venue:
    """Build a :class:`Venue` from one TOML table (bundled data or user configuration).

    User tables may omit ``full_name`` (defaults to ``name``), ``kind`` (conference),
    ``cadence`` (annual) and ``source``; ``strict`` (bundled data) requires them.
    """
    where = f"venue {key!r}"
    _check_fields(where, table, _VENUE_FIELDS)
    if strict:
        missing = {"name", "full_name", "kind", "first_year", "cadence", "source"} - set(table)
        if missing:
            raise VenueDataError(f"{where}: missing {', '.join(sorted(missing))}")
    name = _str(f"{where}.name", table.get("name"))
    kind = table.get("kind", "conference")
    if kind not in _KINDS:
        raise VenueDataError(f"{where}.kind must be one of {sorted(_KINDS)}")
    pmlr = table.get("pmlr_volumes", {})
    if not isinstance(pmlr, Mapping):
        raise VenueDataError(f"{where}.pmlr_volumes: expected a table of year = volume")
    try:
        volumes = tuple(sorted((int(y), _int(where, v)) for y, v in pmlr.items()))
    except ValueError as exc:
        raise VenueDataError(f"{where}.pmlr_volumes: {exc}") from None
    venue = Venue(
        key=key,
        name=name,
        full_name=_str(f"{where}.full_name", table.get("full_name", name)),
        kind=cast(Kind, kind),
        first_year=_int(f"{where}.first_year", table.get("first_year")),
        cadence=_cadence(where, table.get("cadence", "annual")),
        source=_str(f"{where}.source", table.get("source", "user configuration")),
        aliases=_str_list(f"{where}.aliases", table.get("aliases", [])),
        last_year=_opt_int(f"{where}.last_year", table.get("last_year")),
        month=_opt_int(f"{where}.month", table.get("month")),
        cadence_since=_opt_int(f"{where}.cadence_since", table.get("cadence_since")),
        cadence_before=(
            None
            if table.get("cadence_before") is None
            else _cadence(where, table["cadence_before"])
        ),
        held=_int_list(f"{where}.held", table.get("held", [])),
        not_held=_int_list(f"{where}.not_held", table.get("not_held", [])),
        renames=tuple(
            _rename(f"{where}.renamed_from[{i}]", t)
            for i, t in enumerate(_tables(where, table.get("renamed_from", [])))
        ),
        ambiguous=tuple(
            _ambiguous(f"{where}.ambiguous[{i}]", t)
            for i, t in enumerate(_tables(where, table.get("ambiguous", [])))
        ),
        parent=_opt_str(f"{where}.parent", table.get("parent")),
        pmlr_volumes=volumes,
        confirmed=bool(table.get("confirmed", True)),
        note=str(table.get("note", "")),
    )
    if venue.last_year is not None and venue.last_year < venue.first_year:
        raise VenueDataError(f"{where}: last_year precedes first_year")
    if venue.held & venue.not_held:
        raise VenueDataError(f"{where}: years both held and not held")
    return venue


def _ambiguous(where: str, t: Mapping[str, Any]) -> AmbiguousAlias:
    _check_fields(where, t, _AMBIGUOUS_FIELDS)
    return AmbiguousAlias(
        alias=_str(f"{where}.alias", t.get("alias")),
        also=_str_list(f"{where}.also", t.get("also", [])),
        note=str(t.get("note", "")),
    )


def load_registry(path: Path = DATA_PATH) -> Registry:
    """Parse a venue data file (the bundled one by default) into a fresh :class:`Registry`.
    The bundled file is read through :func:`awesome_lint.startup.cached_toml`."""
    from awesome_lint.startup import cached_toml, parse_toml

    data = cached_toml(path) if path == DATA_PATH else parse_toml(path.read_bytes())
    tables = data.get("venue")
    if not isinstance(tables, Mapping):
        raise VenueDataError(f"{path}: no [venue.*] tables")
    return Registry(venue_from_table(key, table, strict=True) for key, table in tables.items())


@functools.cache
def default_registry() -> Registry:
    """The bundled registry, loaded once per process."""
    return load_registry()


# --------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """Result of :meth:`Registry.lookup`."""

    venue: Venue
    #: The text looked up, as given.
    text: str
    #: The registry spelling that matched (canonical name, alias or former name).
    matched: str
    via: MatchVia
    #: For ``via == "former_name"``: which rename.
    rename: Rename | None = None
    #: The text may denote another venue (or something that is not a venue at all).
    ambiguous: bool = False
    #: Every registry venue the text may denote, the chosen one first.
    candidates: tuple[Venue, ...] = ()
    note: str = ""
    #: Matched only after ignoring spaces and punctuation (``T RO`` for ``T-RO``).
    loose: bool = False

    @property
    def exact(self) -> bool:
        """The text is the canonical name spelled exactly (case included)."""
        return self.via == "name" and self.text.strip() == self.venue.name


@dataclass(frozen=True, slots=True)
class BadgeResolution:
    """Everything a badge rule needs about one badge text."""

    badge: ParsedBadge
    match: Match | None
    #: Whether the venue met in the badge year (``None``: no venue/year, or unknown).
    held: bool | None
    #: The venue's short name in the badge year (``NeurIPS`` for ``NIPS 2019``).
    name_in_force: str | None
    #: False when a former name is used outside its era (``NIPS 2019``).
    name_ok: bool
    #: The badge is a configured topic badge (``Video``), not a venue.
    topic: bool


@dataclass(frozen=True, slots=True)
class _Entry:
    venue: Venue
    spelling: str
    via: MatchVia
    rename: Rename | None = None


#: Bound on :meth:`Registry.lookup`'s memo (it is cleared when full).
_LOOKUP_CACHE_SIZE = 16384
_ORG_PREFIX = r"^(?:(?:ieee|acm|iapr|isca|spie|ieee/cvf|ieee/rsj|proc\.?|the)\s+)+"


def _osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (transpositions cost 1), capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def _distinctive(key: str) -> str:
    """Key without leading publisher/"Proceedings" words that make all IEEE names look alike."""
    return _rx(_ORG_PREFIX).sub("", key)


class Registry:
    """Immutable set of venues with case-insensitive lookup by name, alias or former name."""

    __slots__ = ("_ambiguous", "_by_name", "_closest", "_exact", "_lookups", "_loose",
                 "_near_targets", "_topics", "_venues")

    def __init__(
        self,
        venues: Iterable[Venue],
        *,
        aliases: Mapping[str, str] | None = None,
        topic_badges: Iterable[str] = (),
    ) -> None:
        self._venues: tuple[Venue, ...] = tuple(venues)
        self._by_name: dict[str, Venue] = {}
        for v in self._venues:
            for k in (_norm(v.key), _norm(v.name)):
                other = self._by_name.setdefault(k, v)
                if other is not v:
                    raise VenueDataError(f"venues {other.key!r} and {v.key!r} share {k!r}")
        self._exact: dict[str, list[_Entry]] = {}
        self._loose: dict[str, list[_Entry]] = {}
        for v in self._venues:
            self._add(v, v.name, "name")
            self._add(v, v.full_name, "full_name")
            for r in v.renames:
                for spelling in r.spellings:
                    self._add(v, spelling, "former_name", r)
            for alias in v.aliases:
                self._add(v, alias, "alias")
        for alias, target in (aliases or {}).items():
            venue = self.get(target)
            if venue is None:
                raise VenueDataError(f"alias {alias!r}: unknown venue {target!r}")
            self._add(venue, alias, "alias")
        self._ambiguous: dict[str, list[tuple[Venue, AmbiguousAlias]]] = {}
        for v in self._venues:
            if v.parent is not None and self.get(v.parent) is None:
                raise VenueDataError(f"venue {v.key!r}: unknown parent {v.parent!r}")
            for amb in v.ambiguous:
                for also in amb.also:
                    if self.get(also) is None:
                        raise VenueDataError(f"venue {v.key!r}: unknown venue {also!r}")
                self._ambiguous.setdefault(_norm(amb.alias), []).append((v, amb))
        self._topics: frozenset[str] = frozenset(_norm(t) for t in topic_badges if t.strip())
        self._closest: dict[tuple[str, int], Venue | None] = {}
        #: :meth:`lookup` results by text: the registry is immutable, lists repeat badges.
        self._lookups: dict[str, Match | None] = {}
        #: For :meth:`_nearest`, built on first use: each indexed spelling's distinctive
        #: form, its letters sorted, and its entries.
        self._near_targets: list[tuple[str, list[str], list[_Entry]]] | None = None

    def _add(
        self, venue: Venue, spelling: str, via: MatchVia, rename: Rename | None = None
    ) -> None:
        """Index one spelling, exactly and loosely (one entry per venue per key)."""
        key = _norm(spelling)
        if not key:
            return
        for index, k in ((self._exact, key), (self._loose, _loose(key))):
            if not k:
                continue
            entries = index.setdefault(k, [])
            if all(e.venue is not venue for e in entries):
                entries.append(_Entry(venue, spelling, via, rename))

    # -- collection protocol ---------------------------------------------------------

    def __iter__(self) -> Iterator[Venue]:
        return iter(self._venues)

    def __len__(self) -> int:
        return len(self._venues)

    def __contains__(self, name: object) -> bool:
        """``"NIPS" in registry``: any spelling :meth:`lookup` resolves."""
        return isinstance(name, str) and self.lookup(name) is not None

    def __repr__(self) -> str:
        return f"<Registry of {len(self._venues)} venues>"

    @property
    def venues(self) -> tuple[Venue, ...]:
        """All venues, in data-file order."""
        return self._venues

    @property
    def topic_badges(self) -> frozenset[str]:
        """Configured topic badges, casefolded."""
        return self._topics

    def get(self, name: str) -> Venue | None:
        """The venue whose canonical name or key is ``name`` (case-insensitive)."""
        return self._by_name.get(_norm(name))

    # -- lookups ---------------------------------------------------------------------

    def lookup(self, name: str) -> Match | None:
        """Resolve a canonical name, full name, alias or former name (case-insensitive)."""
        try:
            return self._lookups[name]
        except KeyError:
            pass
        found = self._lookup(name)
        if len(self._lookups) >= _LOOKUP_CACHE_SIZE:
            self._lookups.clear()
        self._lookups[name] = found
        return found

    def _lookup(self, name: str) -> Match | None:
        key = _norm(name)
        if not key:
            return None
        entries, loose = self._exact.get(key), False
        if not entries:
            entries, loose = self._loose.get(_loose(key)), True
        if not entries:
            return None
        first = entries[0]
        candidates = [e.venue for e in entries]
        notes: list[str] = []
        flagged = self._ambiguous.get(key, []) or self._ambiguous.get(_norm(first.spelling), [])
        for owner, amb in flagged:
            if owner not in candidates:
                continue
            notes.append(amb.note)
            for other in amb.also:
                venue = self.get(other)
                if venue is not None and venue not in candidates:
                    candidates.append(venue)
        return Match(
            venue=first.venue,
            text=name,
            matched=first.spelling,
            via=first.via,
            rename=first.rename,
            ambiguous=len(candidates) > 1 or bool(flagged),
            candidates=tuple(candidates),
            note=" ".join(n for n in notes if n),
            loose=loose,
        )

    def closest(self, name: str, max_distance: int | None = None) -> Venue | None:
        """ "Did you mean": the one venue with a spelling a few edits away, else ``None``.

        Exact (case-insensitive) matches win.  Leading ``IEEE``/``ACM``/``Proc.`` words are
        ignored.  By default short acronyms only match a swap of two adjacent letters
        (``WCAV`` -> WACV, ``CVRP`` -> CVPR): one changed letter in a 4-letter acronym is
        usually another venue (GCPR is not ICPR).  Names of 6-7 characters allow one edit,
        longer ones two.  An explicit ``max_distance`` allows that many edits of any kind.
        A tie between two venues returns ``None``.
        """
        match = self.lookup(name)
        if match is not None:
            return None if len(match.candidates) > 1 else match.venue
        query = _distinctive(_norm(name))
        if not query:
            return None
        cache_key = (query, -1 if max_distance is None else max_distance)
        if cache_key not in self._closest:
            self._closest[cache_key] = self._nearest(query, max_distance)
        return self._closest[cache_key]

    def _nearest(self, query: str, max_distance: int | None) -> Venue | None:
        swap_only = max_distance is None and len(query) <= 5
        if max_distance is not None:
            limit = max_distance
        elif len(query) <= 5:
            limit = 1 if len(query) >= 4 else 0
        else:
            limit = 1 if len(query) < 8 else 2
        if limit <= 0:
            return None
        best = limit + 1
        found: dict[str, Venue] = {}
        if self._near_targets is None:
            self._near_targets = [(target, sorted(target), entries)
                                  for target, entries in ((_distinctive(spelling), entries)
                                                          for spelling, entries
                                                          in self._exact.items())]
        letters = sorted(query)
        for target, target_letters, entries in self._near_targets:
            if swap_only and target_letters != letters:
                continue
            bound = min(limit, best)
            if abs(len(query) - len(target)) > bound:
                continue  # what _osa_distance would say first: more than ``bound`` edits
            d = _osa_distance(query, target, bound)
            if d > bound:
                continue
            if d < best:
                best, found = d, {}
            for e in entries:
                found[e.venue.key] = e.venue
        return next(iter(found.values())) if len(found) == 1 else None

    def is_topic(self, text: str) -> bool:
        """Whether ``text`` is a configured topic badge (``Video``, ``Goodnotes``)."""
        return _norm(text) in self._topics

    def resolve_badge(self, text: str | ParsedBadge) -> BadgeResolution:
        """Parse (if needed) and resolve one badge: venue, held year, name in force."""
        badge = parse_badge_text(text) if isinstance(text, str) else text
        match = self.lookup(badge.venue_text) if badge.venue_text else None
        held: bool | None = None
        name_in_force: str | None = None
        name_ok = True
        if match is not None and badge.year is not None:
            held = match.venue.held_in(badge.year)
            name_in_force = match.venue.name_for(badge.year)
            name_ok = match.venue.name_ok_for(match.matched, badge.year)
        return BadgeResolution(
            badge=badge,
            match=match,
            held=held,
            name_in_force=name_in_force,
            name_ok=name_ok,
            topic=match is None and self.is_topic(badge.text),
        )

    def extend(
        self,
        venues: Mapping[str, Mapping[str, Any]] | None = None,
        aliases: Mapping[str, str] | None = None,
        topic_badges: Iterable[str] | None = None,
    ) -> Registry:
        """A new registry with user-configured venues, aliases and topic badges added.

        ``venues`` maps a key to a table in the data-file schema; a key or name that
        already exists replaces that venue.  ``aliases`` maps an alias to a venue name.
        The receiver is not modified (the default registry is shared).
        """
        new = [venue_from_table(k, t) for k, t in (venues or {}).items()]
        replaced = {_norm(v.key) for v in new} | {_norm(v.name) for v in new}
        kept = [
            v
            for v in self._venues
            if _norm(v.key) not in replaced and _norm(v.name) not in replaced
        ]
        merged_aliases = {**self._extra_aliases(), **(aliases or {})}
        return Registry(
            [*kept, *new],
            aliases=merged_aliases,
            topic_badges=[*self._topics, *(topic_badges or ())],
        )

    def _extra_aliases(self) -> dict[str, str]:
        """Aliases added by configuration (kept across :meth:`extend`)."""
        extra: dict[str, str] = {}
        for entries in self._exact.values():
            for e in entries:
                if e.via == "alias" and e.spelling not in e.venue.aliases:
                    extra[e.spelling] = e.venue.key
        return extra

    def pmlr_volume(self, volume: int) -> tuple[Venue, int] | None:
        """The venue and year of a proceedings.mlr.press volume, if the data knows it."""
        for venue in self._venues:
            for year, vol in venue.pmlr_volumes:
                if vol == volume:
                    return venue, year
        return None


# --------------------------------------------------------------------------------------
# URL helpers
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UrlHint:
    """A venue (name in force that year) and year implied by a paper URL."""

    venue: str
    year: int | None = None


_CVF_SEGMENT = (
    r"(?i)^(?P<conf>cvpr|iccv|eccv|wacv|accv)(?P<w1>w)?_?(?:(?P<w2>workshops?)_)?"
    r"(?P<year>(?:19|20)\d{2})(?P<w3>w|_workshops?|_w)?$"
)
_NEURIPS_HOSTS = frozenset(
    {
        "papers.nips.cc",
        "proceedings.neurips.cc",
        "papers.neurips.cc",
        "datasets-benchmarks-proceedings.neurips.cc",
        "media.neurips.cc",
    }
)
_ACL_EVENTS = {
    "acl": "ACL",
    "naacl": "NAACL",
    "emnlp": "EMNLP",
    "eacl": "EACL",
    "coling": "COLING",
    "aacl": "AACL",
    "conll": "CoNLL",
    "lrec": "LREC",
    "tacl": "TACL",
    "findings": "Findings",
}
_ACL_LETTERS = {
    "P": "ACL",
    "N": "NAACL",
    "D": "EMNLP",
    "E": "EACL",
    "C": "COLING",
    "K": "CoNLL",
    "L": "LREC",
    "Q": "TACL",
}
_ACL_NEW_ID = r"(?i)(?:^|/)(?P<year>(?:19|20)\d{2})\.(?P<event>[a-z]+)-"
_ACL_OLD_ID = r"(?i)(?:^|/)(?P<letter>[A-Z])(?P<yy>\d{2})-\d{4}\b"
_ISCA_EVENTS = {"interspeech": "INTERSPEECH", "eurospeech": "Eurospeech", "icslp": "ICSLP"}


#: An http(s) URL made of characters ``urlsplit`` treats plainly (no userinfo, port, query,
#: fragment, escapes or spaces): host and path read off directly, as ``urlsplit`` would.
_PLAIN_HTTP = r"https?://([A-Za-z0-9.-]+)(/[A-Za-z0-9._~/-]*)?"


def _host(url: str) -> tuple[str, str]:
    """Lower-case host without ``www.``, and the path; scheme-less URLs are accepted."""
    plain = _rx(_PLAIN_HTTP).fullmatch(url.strip())
    if plain is not None:  # the common case, without urlsplit's overhead
        return plain.group(1).lower().removeprefix("www."), plain.group(2) or ""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip() if "//" in url else "//" + url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:  # "Invalid IPv6 URL" and friends: no host, so no hint
        return "", ""
    return host.removeprefix("www."), parts.path


def _named(registry: Registry, name: str, year: int | None) -> UrlHint | None:
    venue = registry.get(name)
    if venue is None:
        return None
    return UrlHint(venue.name if year is None else venue.name_for(year), year)


def _cvf_hint(path: str) -> tuple[str, int] | None:
    segs = [s for s in path.split("/") if s]
    if segs[:1] == ["openaccess"]:
        segs = segs[1:]
    if not segs:
        return None
    seg = segs[0]
    if seg == "content" and len(segs) > 1:
        seg = segs[1]
    elif seg.startswith("content_"):
        seg = seg[len("content_") :]
    m = _rx(_CVF_SEGMENT).match(seg)
    if not m:
        return None
    conf = m.group("conf").upper()
    if m.group("w1") or m.group("w2") or m.group("w3"):
        if conf not in ("CVPR", "ICCV", "ECCV"):
            return None
        conf += " Workshop"
    return conf, int(m.group("year"))


def url_hint(url: str, registry: Registry | None = None) -> UrlHint | None:
    """Venue and year implied by a paper URL, only where the URL names a single venue.

    Covers CVF open access, ECVA, NeurIPS proceedings, PMLR volumes listed in the data,
    JMLR/TMLR, ACL Anthology ids, AAAI, IJCAI, RSS, ISCA, BMVC, KDD and Distill URLs.
    arXiv, OpenReview, Springer or IEEE links return ``None``: they host many venues.
    """
    reg = registry or default_registry()
    host, path = _host(url)
    if host in ("openaccess.thecvf.com", "cv-foundation.org"):
        if (hint := _cvf_hint(path)) is not None:
            return _named(reg, hint[0], hint[1])
        return None
    if host in ("ecva.net", "eccv.ecva.net") and (
        m := re.match(r"/papers/eccv_((?:19|20)\d{2})/", path, re.IGNORECASE)
    ):
        return _named(reg, "ECCV", int(m.group(1)))
    if host in _NEURIPS_HOSTS:
        m = re.search(r"/paper(?:_files/paper)?/((?:19|20)\d{2})/", path)
        year = int(m.group(1)) if m else None
        if host.startswith("datasets-benchmarks") or "Datasets_and_Benchmarks" in path:
            return _named(reg, "NeurIPS Datasets and Benchmarks", year)
        return _named(reg, "NeurIPS", year)
    if host in ("proceedings.mlr.press", "mlr.press") or (
        host in ("jmlr.org", "jmlr.csail.mit.edu") and path.startswith("/proceedings/")
    ):
        m = re.search(r"/v(\d+)(?:/|$)", path)
        found = reg.pmlr_volume(int(m.group(1))) if m else None
        return _named(reg, found[0].name, found[1]) if found else None
    if host in ("jmlr.org", "jmlr.csail.mit.edu"):
        if path.startswith("/tmlr/"):
            return _named(reg, "TMLR", None)
        if m := re.match(r"/papers/v(?:olume)?(\d+)(?:/|$)", path):
            return _named(reg, "JMLR", 1999 + int(m.group(1)))
        return None
    if host in ("aclanthology.org", "aclweb.org", "aclanthology.info"):
        return _acl_hint(reg, path)
    if host == "ojs.aaai.org" and path.startswith("/index.php/AAAI/"):
        return _named(reg, "AAAI", None)
    if host == "aaai.org":
        if m := re.match(r"/ocs/index\.php/AAAI/AAAI(\d{2})/", path):
            return _named(reg, "AAAI", _two_digit(int(m.group(1))))
        if m := re.match(r"/Papers/AAAI/((?:19|20)\d{2})", path):
            return _named(reg, "AAAI", int(m.group(1)))
        return None
    if host == "ijcai.org" and (m := re.match(r"/proceedings/(\d{4}|\d{2})/", path, re.IGNORECASE)):
        digits = m.group(1)
        return _named(reg, "IJCAI", int(digits) if len(digits) == 4 else _two_digit(int(digits)))
    if host == "roboticsproceedings.org" and (m := re.match(r"/rss(\d{2})/", path)):
        return _named(reg, "RSS", 2004 + int(m.group(1)))
    if host in ("isca-speech.org", "isca-archive.org") and (
        m := re.search(r"/(interspeech|eurospeech|icslp)_((?:19|20)\d{2})/", path, re.IGNORECASE)
    ):
        return UrlHint(_ISCA_EVENTS[m.group(1).lower()], int(m.group(2)))
    if host == "distill.pub" and (m := re.match(r"/((?:19|20)\d{2})/", path)):
        return _named(reg, "Distill", int(m.group(1)))
    if host in ("bmva.org", "bmva-archive.org.uk") and (
        m := re.match(r"/bmvc/((?:19|20)\d{2})/", path)
    ):
        return _named(reg, "BMVC", int(m.group(1)))
    if m := re.fullmatch(r"bmvc((?:19|20)\d{2})\.org", host):
        return _named(reg, "BMVC", int(m.group(1)))
    if host == "kdd.org" and (m := re.match(r"/kdd((?:19|20)\d{2})/", path)):
        return _named(reg, "KDD", int(m.group(1)))
    return None


def _acl_hint(reg: Registry, path: str) -> UrlHint | None:
    """ACL Anthology ids: ``2020.acl-main.1`` (new) or ``P19-1001`` (old letter scheme)."""
    if m := _rx(_ACL_NEW_ID).search(path):
        event, year = m.group("event").lower(), int(m.group("year"))
        if event == "lrec" and year == 2024:  # joint LREC-COLING 2024
            return None
        name = _ACL_EVENTS.get(event)
        return _named(reg, name, year) if name else None
    if m := _rx(_ACL_OLD_ID).search(path):
        name = _ACL_LETTERS.get(m.group("letter").upper())
        return _named(reg, name, _two_digit(int(m.group("yy")))) if name else None
    return None


def venue_hint_from_url(url: str, registry: Registry | None = None) -> str | None:
    """Name of the venue a paper URL implies (see :func:`url_hint`), else ``None``."""
    hint = url_hint(url, registry)
    return hint.venue if hint else None


_ARXIV_HOSTS = (
    "arxiv.org",
    "export.arxiv.org",
    "ar5iv.org",
    "ar5iv.labs.arxiv.org",
    "xxx.lanl.gov",
)
_ARXIV_NEW = r"(?i)^(?:arxiv:)?(\d{2})(\d{2})\.\d{4,5}(?:v\d+)?(?:\.pdf)?/?$"
_ARXIV_OLD = r"(?i)^(?:arxiv:)?[a-z][a-z-]*(?:\.[a-z-]+)?/(\d{2})(\d{2})\d{3}(?:v\d+)?(?:\.pdf)?/?$"
_ARXIV_PREFIXES = ("abs", "pdf", "html", "format", "ps", "src", "e-print")
#: The common case, ``https://arxiv.org/abs/1907.08610v2``: what :func:`arxiv_year` reads
#: through ``_host`` and ``_ARXIV_NEW``, in one match.
_ARXIV_URL = (r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf|html)/([0-9]{2})([0-9]{2})\.[0-9]{4,5}"
              r"(?:v[0-9]+)?(?:\.pdf)?")


def _arxiv_id_year(ident: str) -> int | None:
    if m := _rx(_ARXIV_NEW).match(ident):
        return _new_id_year(int(m.group(1)), int(m.group(2)))
    if m := _rx(_ARXIV_OLD).match(ident):
        yy, mm = int(m.group(1)), int(m.group(2))
        year = 1900 + yy if yy >= 91 else 2000 + yy
        if 1 <= mm <= 12 and (1991, 8) <= (year, mm) <= (2007, 3):
            return year
    return None


def _new_id_year(yy: int, mm: int) -> int | None:
    """The year of a new-style id ``YYMM.NNNNN``, if it is a month the scheme existed."""
    if 1 <= mm <= 12 and (yy, mm) >= (7, 4):  # new scheme began April 2007
        return 2000 + yy
    return None


@functools.lru_cache(maxsize=16384)
def arxiv_year(url: str) -> int | None:
    """Submission year of an arXiv URL or id (``arxiv.org/abs/1907.08610`` -> 2019).

    Handles abs/pdf/html links, versions (``v2``), ``.pdf`` suffixes, old-style ids
    (``cs/0112017`` -> 2001) and bare ``arXiv:`` ids.
    """
    text = url.strip()
    if m := _rx(_ARXIV_URL).fullmatch(text):
        return _new_id_year(int(m.group(1)), int(m.group(2)))
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    if text.lower().startswith("arxiv:"):
        return _arxiv_id_year(text)
    host, path = _host(text)
    if host not in _ARXIV_HOSTS:
        return None
    segs = [s for s in path.split("/") if s]
    if segs[:2] == ["ftp", "arxiv"] and len(segs) >= 5:  # /ftp/arxiv/papers/1907/1907.08610.pdf
        return _arxiv_id_year(segs[-1])
    if len(segs) >= 2 and segs[0] in _ARXIV_PREFIXES:
        return _arxiv_id_year("/".join(segs[1:]))
    return None
