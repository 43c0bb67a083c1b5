"""The ``[tool.awesome-lint.format]`` table: the formatter's options, validated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from awesome_lint.config import Config, ConfigError, Validator

TABLE = "format"
PARTS = ("tags", "title", "resources", "description", "badges")
BULLETS = ("*", "-", "+")
INDENTS = ("document", "content", 2, 3, 4)
HARD_BREAKS = ("document", "backslash", "spaces")


@dataclass(frozen=True)
class FormatOptions:
    """The ``[tool.awesome-lint.format]`` table."""

    enabled: bool = True
    #: "consistent" (the marker the document uses most) or one of ``* - +``.
    bullet: str = "consistent"
    #: Part order of entries; ``None`` means the order the document already uses most.
    entry_order: tuple[str, ...] | None = None
    #: Nested-list indentation: "document", "content" (the parent's content column) or 2/3/4.
    indent: str | int = "document"
    #: Hard line breaks in list items: "document" (the style it uses most), "backslash",
    #: "spaces".
    hard_break: str = "document"
    sort_entries: bool = False
    renumber: bool = False
    toc: bool = True


def validate(value: Any, where: str) -> FormatOptions:
    """Validate the ``format`` table; unknown keys and wrong types name the key."""
    if not isinstance(value, dict):
        raise ConfigError(f"'{where}' must be a table")
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{where}.{key}"
        if key in ("enabled", "sort-entries", "renumber", "toc"):
            if not isinstance(item, bool):
                raise ConfigError(f"'{name}' must be true or false")
            kwargs[key.replace("-", "_")] = item
        elif key == "bullet":
            if item not in ("consistent", *BULLETS):
                raise ConfigError(f"'{name}' must be one of \"consistent\", \"*\", \"-\", \"+\"")
            kwargs["bullet"] = item
        elif key == "entry-order":
            kwargs["entry_order"] = _entry_order(item, name)
        elif key == "indent":
            if isinstance(item, bool) or item not in INDENTS:
                raise ConfigError(f"'{name}' must be \"document\", \"content\", 2, 3 or 4")
            kwargs["indent"] = item
        elif key == "hard-break":
            if item not in HARD_BREAKS:
                raise ConfigError(f"'{name}' must be \"document\", \"backslash\" or \"spaces\"")
            kwargs["hard_break"] = item
        else:
            from awesome_lint.suggest import did_you_mean

            known = ("bullet", "enabled", "entry-order", "hard-break", "indent", "renumber",
                     "sort-entries", "toc")
            raise ConfigError(f"unknown key '{name}'{did_you_mean(key, known)} "
                              f"(known: {', '.join(known)})")
    return FormatOptions(**kwargs)


def _entry_order(item: Any, name: str) -> tuple[str, ...] | None:
    if item == "document":
        return None
    if not isinstance(item, list) or not all(isinstance(p, str) for p in item):
        raise ConfigError(f"'{name}' must be \"document\" or a list of part names")
    unknown = [p for p in item if p not in PARTS]
    if unknown:
        raise ConfigError(f"'{name}': unknown part {unknown[0]!r} (parts: {', '.join(PARTS)})")
    if len(set(item)) != len(item):
        raise ConfigError(f"'{name}' names a part twice")
    return tuple(item) + tuple(p for p in PARTS if p not in item)


#: The table the formatter reads, for the schema the engine assembles.
CONFIG_TABLES: dict[str, Validator] = {TABLE: validate}


def options_for(config: Config) -> FormatOptions:
    found = config.table(TABLE)
    return found if isinstance(found, FormatOptions) else FormatOptions()
