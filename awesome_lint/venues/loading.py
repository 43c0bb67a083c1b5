"""Venue data-file tables (``venues.toml``, user tables) to checked :class:`Venue` objects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from awesome_lint.venues.model import (
    CADENCES,
    KINDS,
    AmbiguousAlias,
    Cadence,
    Kind,
    Rename,
    Venue,
    VenueDataError,
)

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
    if value not in CADENCES:
        raise VenueDataError(f"{where}: cadence must be one of {sorted(CADENCES)}")
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
    if kind not in KINDS:
        raise VenueDataError(f"{where}.kind must be one of {sorted(KINDS)}")
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
