"""The ``[tool.awesome-lint.venues]`` table: user venues, aliases, topic badges, the badge
notation and the year window, validated into :class:`VenueSettings`, whose registry (the
defaults plus the table) the badge and paper rules and the language server share.

It lives beside the registry, below the rules, so that every family reads the same settings
without importing the badge family.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from awesome_lint.config import Config, ConfigError, register_table
from awesome_lint.venues import Registry, VenueDataError, default_registry, venue_from_table

TABLE = "venues"
STYLES = ("kbd", "bold-bracket", "bracket")

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


register_table(TABLE, validate)


def settings(config: Config) -> VenueSettings:
    found = config.table(TABLE)
    return found if isinstance(found, VenueSettings) else VenueSettings()
