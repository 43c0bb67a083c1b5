"""The venue registry: lookups by name, alias or former name, near misses, badge resolution."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from awesome_lint.venues.badge_text import (
    ParsedBadge,
    compiled,
    lookup_key,
    loose_key,
    parse_badge_text,
)
from awesome_lint.venues.loading import venue_from_table
from awesome_lint.venues.model import AmbiguousAlias, MatchVia, Rename, Venue, VenueDataError

#: The bundled data file.
DATA_PATH = Path(__file__).with_name("venues.toml")


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
    """One indexed spelling of a venue and how it names it."""

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


def _bag_distance(a: list[str], b: list[str]) -> int:
    """How many characters of the larger of the two multisets the other lacks (``a`` and
    ``b`` sorted): a lower bound of :func:`_osa_distance` (an insertion, deletion or
    substitution changes it by at most one, a transposition not at all), in one pass
    instead of a table.  It rules out 337 of the 341 spellings the three unknown venues of
    seed 001 are compared with (``closest``: 2.4 -> 0.4 ms)."""
    i = j = only_a = only_b = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
        elif a[i] < b[j]:
            only_a += 1
            i += 1
        else:
            only_b += 1
            j += 1
    return max(only_a + len(a) - i, only_b + len(b) - j)


def _distinctive(key: str) -> str:
    """Key without leading publisher/"Proceedings" words that make all IEEE names look alike."""
    return compiled(_ORG_PREFIX).sub("", key)


class Registry:
    """Immutable set of venues with case-insensitive lookup by name, alias or former name."""

    __slots__ = (
        "_ambiguous",
        "_by_name",
        "_closest",
        "_exact",
        "_lookups",
        "_near_kept",
        "_near_targets",
        "_topics",
        "_venues",
        "loose_key",
    )

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
            for k in (lookup_key(v.key), lookup_key(v.name)):
                other = self._by_name.setdefault(k, v)
                if other is not v:
                    raise VenueDataError(f"venues {other.key!r} and {v.key!r} share {k!r}")
        self._exact: dict[str, list[_Entry]] = {}
        self.loose_key: dict[str, list[_Entry]] = {}
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
                self._ambiguous.setdefault(lookup_key(amb.alias), []).append((v, amb))
        self._topics: frozenset[str] = frozenset(lookup_key(t) for t in topic_badges if t.strip())
        self._closest: dict[tuple[str, int], Venue | None] = {}
        #: :meth:`lookup` results by text: the registry is immutable, lists repeat badges.
        self._lookups: dict[str, Match | None] = {}
        #: For :meth:`_nearest`, built on first use: each indexed spelling's distinctive
        #: form, its letters sorted, and its entries.
        self._near_targets: list[tuple[str, list[str], list[_Entry]]] | None = None
        #: The distinctive forms and sorted letters of :attr:`_near_targets` kept between
        #: runs (:meth:`_indexed`), in the order of ``_exact``.
        self._near_kept: list[tuple[str, str]] | None = None

    def _add(
        self, venue: Venue, spelling: str, via: MatchVia, rename: Rename | None = None
    ) -> None:
        """Index one spelling, exactly and loosely (one entry per venue per key)."""
        key = lookup_key(spelling)
        if not key:
            return
        entry: _Entry | None = None  # one (frozen) entry serves both indexes
        for index, k in ((self._exact, key), (self.loose_key, loose_key(key))):
            if not k:
                continue
            entries = index.get(k)
            if entries is None:
                index[k] = entries = []
            elif any(e.venue is venue for e in entries):
                continue
            if entry is None:
                entry = _Entry(venue, spelling, via, rename)
            entries.append(entry)

    # -- the indexes as plain data (kept between runs by :func:`load_registry`) --------

    def _index(self) -> dict[str, Any]:
        """The indexes, naming venues, renames and ambiguous aliases by position."""
        position = {id(v): i for i, v in enumerate(self._venues)}
        entries: dict[int, int] = {}
        rows: list[tuple[int, str, str, int]] = []

        def ref(e: _Entry) -> int:
            if id(e) not in entries:
                v = position[id(e.venue)]
                rows.append((v, e.spelling, e.via,
                             -1 if e.rename is None else e.venue.renames.index(e.rename)))
                entries[id(e)] = len(rows) - 1
            return entries[id(e)]

        return {
            "exact": {k: [ref(e) for e in es] for k, es in self._exact.items()},
            "loose": {k: [ref(e) for e in es] for k, es in self.loose_key.items()},
            "entries": rows,
            "by_name": {k: position[id(v)] for k, v in self._by_name.items()},
            "ambiguous": {k: [(position[id(v)], v.ambiguous.index(a)) for v, a in pairs]
                          for k, pairs in self._ambiguous.items()},
            "near": [(target, "".join(letters)) for target, letters, _ in self._near()],
        }

    @classmethod
    def _indexed(cls, venues: list[Venue], index: dict[str, Any]) -> Registry:
        """The registry whose :meth:`_index` is ``index``, without checking or indexing the
        venues again (they were, when ``index`` was made)."""
        new = cls.__new__(cls)
        new._venues = tuple(venues)
        entries = [_Entry(venues[v], spelling, via, None if r < 0 else venues[v].renames[r])
                   for v, spelling, via, r in index["entries"]]
        new._exact = {k: [entries[i] for i in es] for k, es in index["exact"].items()}
        new.loose_key = {k: [entries[i] for i in es] for k, es in index["loose"].items()}
        new._by_name = {k: venues[v] for k, v in index["by_name"].items()}
        new._ambiguous = {k: [(venues[v], venues[v].ambiguous[a]) for v, a in pairs]
                          for k, pairs in index["ambiguous"].items()}
        new._topics = frozenset()
        new._closest = {}
        new._lookups = {}
        new._near_targets = None
        new._near_kept = index["near"]
        return new

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
        return self._by_name.get(lookup_key(name))

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
        key = lookup_key(name)
        if not key:
            return None
        entries, loose = self._exact.get(key), False
        if not entries:
            entries, loose = self.loose_key.get(loose_key(key)), True
        if not entries:
            return None
        first = entries[0]
        candidates = [e.venue for e in entries]
        notes: list[str] = []
        flagged = (self._ambiguous.get(key, [])
                   or self._ambiguous.get(lookup_key(first.spelling), []))
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
        query = _distinctive(lookup_key(name))
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
            self._near_targets = self._near()
        letters = sorted(query)
        for target, target_letters, entries in self._near_targets:
            if swap_only and target_letters != letters and not _wrong_double(query, target):
                continue
            bound = min(limit, best)
            if abs(len(query) - len(target)) > bound \
                    or _bag_distance(letters, target_letters) > bound:
                continue  # more than ``bound`` edits, as _osa_distance would find
            d = _osa_distance(query, target, bound)
            if d > bound:
                continue
            if d < best:
                best, found = d, {}
            for e in entries:
                found[e.venue.key] = e.venue
        return next(iter(found.values())) if len(found) == 1 else None

    def _near(self) -> list[tuple[str, list[str], list[_Entry]]]:
        """Each indexed spelling's distinctive form, its letters sorted, and its entries
        (1.8 ms to work out; read back from :meth:`_index` in 0.3 ms)."""
        kept = self._near_kept
        if kept is not None and len(kept) == len(self._exact):
            return [(target, list(letters), entries)
                    for (target, letters), entries in zip(kept, self._exact.values(),
                                                          strict=True)]
        return [(target, sorted(target), entries)
                for target, entries in ((_distinctive(spelling), entries)
                                        for spelling, entries in self._exact.items())]

    def is_topic(self, text: str) -> bool:
        """Whether ``text`` is a configured topic badge (``Video``, ``Goodnotes``)."""
        return lookup_key(text) in self._topics

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
        replaced = {lookup_key(v.key) for v in new} | {lookup_key(v.name) for v in new}
        kept = [
            v
            for v in self._venues
            if lookup_key(v.key) not in replaced and lookup_key(v.name) not in replaced
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


def load_registry(path: Path = DATA_PATH) -> Registry:
    """Parse a venue data file (the bundled one by default) into a fresh :class:`Registry`.

    The bundled file's venues, once checked, and the registry's indexes are kept as plain
    data through :func:`awesome_lint.startup.cached_toml`, keyed by the file and the code
    that checks and indexes it: building the registry from those skips parsing the TOML,
    checking every table and indexing every spelling (5.5 -> 3.0 ms of every run that
    reads a badge or a venue mark).  Data that does not build a registry is built again."""
    from awesome_lint.startup import cached_toml, parse_toml

    if path != DATA_PATH:
        return Registry(_checked_venues(path, parse_toml(path.read_bytes())))
    from awesome_lint.venues import badge_text, loading, model

    def build(raw: bytes) -> dict[str, Any]:
        registry = Registry(_checked_venues(path, parse_toml(raw)))
        return {"venues": [_plain(venue) for venue in registry.venues],
                "index": registry._index()}

    data = cached_toml(path, build, name="venues-checked",
                       depends=(loading.__file__, model.__file__, badge_text.__file__, __file__))
    try:
        return Registry._indexed([_from_plain(v) for v in data["venues"]], data["index"])
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):  # damaged
        fresh = build(path.read_bytes())
        return Registry._indexed([_from_plain(v) for v in fresh["venues"]], fresh["index"])


def _checked_venues(path: Path, data: Mapping[str, Any]) -> list[Venue]:
    tables = data.get("venue")
    if not isinstance(tables, Mapping):
        raise VenueDataError(f"{path}: no [venue.*] tables")
    return [venue_from_table(key, table, strict=True) for key, table in tables.items()]


def _plain(venue: Venue) -> dict[str, Any]:
    """A checked venue's fields, as data ``marshal`` keeps (:func:`_from_plain` reverses)."""
    fields = {name: getattr(venue, name) for name in venue.__dataclass_fields__}
    fields["renames"] = tuple({name: getattr(r, name) for name in r.__dataclass_fields__}
                              for r in venue.renames)
    fields["ambiguous"] = tuple({name: getattr(a, name) for name in a.__dataclass_fields__}
                                for a in venue.ambiguous)
    return fields


def _from_plain(fields: dict[str, Any]) -> Venue:
    return Venue(**{**fields,
                    "renames": tuple(Rename(**r) for r in fields["renames"]),
                    "ambiguous": tuple(AmbiguousAlias(**a) for a in fields["ambiguous"])})


@functools.cache
def default_registry() -> Registry:
    """The bundled registry, loaded once per process."""
    return load_registry()


def _wrong_double(query: str, target: str) -> bool:
    """``EECV`` for ECCV: the key pressed twice is the neighbour of the doubled one (one
    substitution, of the kind a short acronym's other venues never differ by)."""
    if len(query) != len(target):
        return False
    diff = [i for i, (a, b) in enumerate(zip(query, target, strict=True)) if a != b]
    if len(diff) != 1:
        return False
    p = diff[0]
    before = p > 0 and query[p] == query[p - 1] and p + 1 < len(target) \
        and target[p] == target[p + 1]
    after = p + 1 < len(query) and query[p] == query[p + 1] and p > 0 \
        and target[p] == target[p - 1]
    return before or after
