"""The configuration schema, assembled from what declares it: each rule family's
``CONFIG_TABLES`` (``venues``, ``tags``, ``links``, ``papers``, ``dialect``...), the
formatter's ``[format]`` table, every rule's options and the rule selectors.

:mod:`awesome_lint.config` validates against a :class:`~awesome_lint.config.Schema` passed
in and imports none of them; the functions here are its entry points with the schema
filled in.  A third-party family declares its tables the same way: a module-level
``CONFIG_TABLES`` mapping of table name to validator.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from awesome_lint import config as _config
from awesome_lint.config import Config, Schema, Validator


@cache
def schema() -> Schema:
    """Every declared table, rule option and selector (the rule families are imported once)."""
    from awesome_lint.autofix import format_options
    from awesome_lint.rules import all_rules, families, is_valid_selector, selector_hint

    rules = all_rules()
    # a family split into modules declares its tables in its package (rules/badges)
    names = dict.fromkeys(families().values())
    declarers = [sys.modules[n] for n in dict.fromkeys(
        [*names, *(n.rpartition(".")[0] for n in names)]) if n in sys.modules]
    tables = declared_tables([format_options, *declarers])
    return Schema(tables=tables, rule_options={r.name: r.options for r in rules},
                  is_selector=is_valid_selector, selector_hint=selector_hint)


def declared_tables(modules: list[Any]) -> dict[str, Validator]:
    """The union of the modules' ``CONFIG_TABLES``; one name claimed by two different
    validators is a programming error."""
    tables: dict[str, Validator] = {}
    for module in modules:
        found: Mapping[str, Validator] = getattr(module, "CONFIG_TABLES", {})
        for name, validator in found.items():
            if tables.setdefault(name, validator) is not validator:
                raise ValueError(f"config table [{name}] declared twice "
                                 f"(again by {module.__name__})")
    return tables


def from_mapping(data: Mapping[str, Any], path: str | None = None) -> Config:
    """Validate a ``[tool.awesome-lint]`` table."""
    return _config.from_mapping(data, path, schema=schema())


def load_file(path: Path) -> Config | None:
    """Read one config file; None when it is a pyproject.toml without our table."""
    return _config.load_file(path, schema=schema)


def find_config(start: Path) -> Config:
    """The nearest config file above ``start`` (a file or directory), or the defaults."""
    return _config.find_config(start, schema=schema)
