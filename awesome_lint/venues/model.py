"""Venue data types: venues, renames, ambiguous aliases and the literal kinds the data file uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast, get_args

from awesome_lint.venues.badge_text import lookup_key

Kind = Literal["conference", "journal", "workshop", "preprint", "blog"]
Cadence = Literal["annual", "odd-years", "even-years", "irregular", "continuous"]
MatchVia = Literal["name", "full_name", "alias", "former_name"]

KINDS: frozenset[str] = frozenset(get_args(Kind))
CADENCES: frozenset[str] = frozenset(get_args(Cadence))


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
        key = lookup_key(spelling)
        for rename in self.renames:
            if any(lookup_key(s) == key for s in rename.spellings):
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
