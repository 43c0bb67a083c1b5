"""Configuration: ``[tool.awesome-lint]`` in pyproject.toml or ``.awesome-lint.toml``.

The file is found by walking up from the linted file.  Unknown keys and values of the wrong
type are errors that name the key and the file: a typo must never silently disable a check.

What may appear besides the top-level keys is a :class:`Schema` passed in: the tables that
rule families and the formatter declare (``venues``, ``tags``, ``links``, ``format``...),
every rule's options and the known selectors.  The engine assembles it
(:mod:`awesome_lint.engine.schema`, which also offers :func:`find_config` and friends with it
filled in); this module imports no family, no rule and no formatter.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

CONFIG_FILES = (".awesome-lint.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(ValueError):
    """A configuration problem, with the file it was found in."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


#: Keys of [tool.awesome-lint] itself (declared tables come on top).
TOP_LEVEL_KEYS = ("select", "ignore", "extend-select", "exclude", "unsafe-fixes",
                  "max-file-size", "rules")

#: A declared table's validator: (value, where) -> the validated value, or ConfigError.
Validator = Callable[[Any, str], Any]


@dataclass(frozen=True)
class Schema:
    """What a configuration may hold besides the top-level keys."""

    #: Tables declared by rule families and the formatter: name -> validator.
    tables: Mapping[str, Validator]
    #: ``[rules.<name>]``: each rule's option defaults, which give the options' types.
    rule_options: Mapping[str, Mapping[str, Any]]
    #: Whether a ``select``/``ignore`` value names a rule, prefix, name or category.
    is_selector: Callable[[str], bool]
    #: ``"; did you mean 'LNK001'?"`` for an unknown selector, or ``""``.
    selector_hint: Callable[[str], str]


#: A schema, or what builds it when a config file is actually read (building it imports
#: every rule family and the formatter: a run without a config file skips that).
SchemaSource = Schema | Callable[[], Schema]


@dataclass(frozen=True)
class Config:
    """The ``[tool.awesome-lint]`` settings of one file, validated."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: rules.<name> tables, validated against each rule's declared options.
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: Registered extension tables (venues, tags, links, ...), validated.
    tables: Mapping[str, Any] = field(default_factory=dict)
    #: Where it came from, for messages; None for defaults.
    path: str | None = None

    def table(self, name: str) -> Any:
        return self.tables.get(name)

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def effective_select(self) -> tuple[str, ...]:
        return self.select + self.extend_select


def _string_list(value: Any, key: str, path: str | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must be a list of strings", path)
    return tuple(value)


def _check_selectors(values: tuple[str, ...], key: str, path: str | None,
                     schema: Schema) -> None:
    for value in values:
        if not schema.is_selector(value):
            raise ConfigError(f"'{key}': unknown rule, prefix or category {value!r}"
                              f"{schema.selector_hint(value)}", path)


def from_mapping(data: Mapping[str, Any], path: str | None = None, *,
                 schema: Schema) -> Config:
    """Validate a ``[tool.awesome-lint]`` table against ``schema``."""
    kwargs: dict[str, Any] = {"path": path}
    for key, value in data.items():
        if key in ("select", "ignore", "extend-select", "exclude"):
            values = _string_list(value, key, path)
            if key != "exclude":
                _check_selectors(values, key, path, schema)
            kwargs[key.replace("-", "_")] = values
        elif key == "unsafe-fixes":
            if not isinstance(value, bool):
                raise ConfigError("'unsafe-fixes' must be true or false", path)
            kwargs["unsafe_fixes"] = value
        elif key == "max-file-size":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError("'max-file-size' must be a positive number of bytes", path)
            kwargs["max_file_size"] = value
        elif key == "rules":
            kwargs["rule_options"] = _rule_options(value, path, schema.rule_options)
        elif key in schema.tables:
            try:
                kwargs.setdefault("tables", {})[key] = schema.tables[key](value, f"{key}")
            except ConfigError as err:
                raise ConfigError(str(err), path) from None
        else:
            from awesome_lint.suggest import did_you_mean

            known = [*TOP_LEVEL_KEYS, *schema.tables]
            raise ConfigError(f"unknown key '{key}'{did_you_mean(key, known)}", path)
    return Config(**kwargs)


def _rule_options(value: Any, path: str | None, rules: Mapping[str, Mapping[str, Any]]
                  ) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict):
        raise ConfigError("'rules' must be a table of rule-name tables", path)
    out: dict[str, dict[str, Any]] = {}
    for name, options in value.items():
        declared = rules.get(name)
        if declared is None:
            from awesome_lint.suggest import did_you_mean

            raise ConfigError(f"'rules.{name}': unknown rule name"
                              f"{did_you_mean(name, rules)}", path)
        if not isinstance(options, dict):
            raise ConfigError(f"'rules.{name}' must be a table", path)
        for key, option in options.items():
            if key not in declared:
                from awesome_lint.suggest import unknown_key

                raise ConfigError(unknown_key(f"rules.{name}.{key}", declared, "option"),
                                  path)
            default = declared[key]
            if not _same_type(option, default):
                from awesome_lint.suggest import expected, shown

                raise ConfigError(f"'rules.{name}.{key}' must be {expected(default)}, not "
                                  f"{shown(option)}", path)
        out[name] = dict(options)
    return out


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        return isinstance(value, list)
    return isinstance(value, type(default))


def load_file(path: Path, *, schema: SchemaSource) -> Config | None:
    """Read one config file; None when it is a pyproject.toml without our table."""
    if sys.version_info >= (3, 11):  # imported here: a run without a config file never needs
        import tomllib  # it (see awesome_lint.startup)
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"invalid TOML: {err}", str(path)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read: {err}", str(path)) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("awesome-lint")
        if table is None:
            return None
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError("[tool.awesome-lint] must be a table", str(path))
    return from_mapping(table, str(path),
                        schema=schema if isinstance(schema, Schema) else schema())


def find_config(start: Path, *, schema: SchemaSource) -> Config:
    """The nearest config file above ``start`` (a file or directory), or the defaults."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory.resolve(), *directory.resolve().parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                config = load_file(candidate, schema=schema)
                if config is not None:
                    return config
    return Config()


def checked_value(where: str, item: Any, default: Any) -> Any:
    """``item`` when it is of ``default``'s kind (numbers ≥ 0), else a ConfigError in words."""
    from awesome_lint.suggest import expected, shown

    number = isinstance(default, (int, float)) and not isinstance(default, bool)
    ok = (isinstance(item, bool) if isinstance(default, bool)
          else isinstance(item, (int, float)) and not isinstance(item, bool) and item >= 0
          if number else isinstance(item, type(default)))
    if not ok:
        raise ConfigError(f"'{where}' must be {expected(default, minimum=0 if number else None)}"
                          f", not {shown(item)}")
    return item
