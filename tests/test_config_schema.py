"""Explicit registration: the engine assembles the configuration schema from what the rule
families and the formatter declare; ``config`` validates against it and imports none of them."""

from __future__ import annotations

import ast
import subprocess
import sys
import types
from pathlib import Path

import pytest

from awesome_lint import config
from awesome_lint.config import Config, ConfigError, Schema
from awesome_lint.engine.schema import declared_tables, find_config, from_mapping, schema


def test_config_imports_no_family_rule_or_formatter() -> None:
    """Not at the top, not inside a function: config.py names only leaf modules."""
    tree = ast.parse(Path(config.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module} | {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
        for alias in node.names}
    ours = {name for name in imported if name.startswith("awesome_lint")}
    assert ours <= {"awesome_lint.suggest"}, ours


def test_importing_config_loads_nothing_else() -> None:
    code = ("import sys, awesome_lint.config\n"
            "print(sorted(m for m in sys.modules if m.startswith('awesome_lint.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    # (the package itself loads only its version constant)
    assert out.strip() == "['awesome_lint.config', 'awesome_lint.version']"


def test_schema_holds_every_declared_table() -> None:
    assert set(schema().tables) == {"dialect", "format", "links", "papers", "tags", "venues"}
    assert "duplicate-entry" in schema().rule_options


def _toy_schema() -> Schema:
    def colour(value: object, where: str) -> str:
        if value not in ("red", "blue"):
            raise ConfigError(f"'{where}' must be red or blue")
        return str(value)

    return Schema(tables={"colour": colour}, rule_options={"toy-rule": {"limit": 3}},
                  is_selector=lambda s: s.upper().startswith("TOY"),
                  selector_hint=lambda s: "; did you mean 'TOY1'?")


def test_config_validates_against_the_schema_passed_in() -> None:
    toy = _toy_schema()
    found = config.from_mapping({"colour": "red", "select": ["TOY1"],
                                 "rules": {"toy-rule": {"limit": 5}}}, schema=toy)
    assert found.table("colour") == "red" and found.select == ("TOY1",)
    assert found.rule_options == {"toy-rule": {"limit": 5}}
    with pytest.raises(ConfigError, match="'colour' must be red or blue"):
        config.from_mapping({"colour": "green"}, "x.toml", schema=toy)
    with pytest.raises(ConfigError, match="unknown key 'venues'"):
        config.from_mapping({"venues": {}}, schema=toy)  # not declared in this schema
    with pytest.raises(ConfigError, match="'TOY1'"):
        config.from_mapping({"select": ["LNK001"]}, schema=toy)
    with pytest.raises(ConfigError, match=r"'rules\.toy-rule\.limit' must be a whole number"):
        config.from_mapping({"rules": {"toy-rule": {"limit": "x"}}}, schema=toy)


def test_a_table_declared_twice_is_refused() -> None:
    def one(value: object, where: str) -> object:
        return value

    def two(value: object, where: str) -> object:
        return value

    first = types.ModuleType("first")
    first.CONFIG_TABLES = {"shared": one}  # type: ignore[attr-defined]
    same = types.ModuleType("same")
    same.CONFIG_TABLES = {"shared": one}  # type: ignore[attr-defined]
    other = types.ModuleType("other")
    other.CONFIG_TABLES = {"shared": two}  # type: ignore[attr-defined]
    assert declared_tables([first, same, types.ModuleType("none")]) == {"shared": one}
    with pytest.raises(ValueError, match=r"\[shared\] declared twice \(again by other\)"):
        declared_tables([first, other])


def test_engine_entry_points_fill_in_the_schema(tmp_path: Path) -> None:
    (tmp_path / ".awesome-lint.toml").write_text('[format]\nbullet = "-"\n[tags]\n'
                                                 'require-tags = true\n', encoding="utf-8")
    found = find_config(tmp_path)
    assert found.table("tags").require_tags and found.table("format") is not None
    assert from_mapping({}) == Config()


def test_no_config_file_builds_no_schema(tmp_path: Path) -> None:
    """Without a config file nothing needs validating: the formatter's options are never
    imported."""
    code = ("import sys\nfrom pathlib import Path\n"
            "from awesome_lint.engine.schema import find_config\n"
            f"find_config(Path({str(tmp_path)!r}))\n"
            "print('awesome_lint.autofix.format_options' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    assert out.strip() == "False"
