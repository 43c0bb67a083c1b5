"""Every fixture case: the exact set of findings, and the text ``fix`` writes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from awesome_lint.config import Config
from awesome_lint.engine import fix_text, lint_document
from awesome_lint.engine.schema import from_mapping
from awesome_lint.files.sources import FileResolver
from awesome_lint.rules.context import Services
from awesome_lint.syntax.parser import parse
from tests.fixture_cases import Case, all_cases, assert_findings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = all_cases("**/*.md")


def _config(case: Case) -> Config:
    """``config=`` is an inline TOML value: the ``[tool.awesome-lint]`` table of the case."""
    config = Config()
    if "config" in case.options:
        config = from_mapping(tomllib.loads("config = " + case.options["config"])["config"])
    if "select" in case.options:
        config = config.with_overrides(select=tuple(case.options["select"].split(",")))
    if "ignore" in case.options:
        config = config.with_overrides(ignore=tuple(case.options["ignore"].split(",")))
    return config


def _files(case: Case, folder: Path) -> tuple[str | None, Services | None]:
    """``files=a,b/c``: the README lies in a folder holding these files (empty: none)."""
    if "files" not in case.options:
        return None, None
    for name in filter(None, case.options["files"].split(",")):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x\n", encoding="utf-8")
    readme = folder / "readme.md"
    return str(readme), Services(files=FileResolver.for_file(readme))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case: Case, tmp_path: Path) -> None:
    config = _config(case)
    path, services = _files(case, tmp_path)
    if case.diagnostics is not None:
        assert_findings(case, lint_document(parse(case.input, path), config,
                                            services=services))
    if case.output is not None:
        result = fix_text(case.input, config, unsafe="unsafe" in case.options, path=path,
                          services=services)
        assert result.text == case.output
        again = fix_text(result.text, config, unsafe="unsafe" in case.options, path=path,
                         services=services)
        assert again.text == result.text, "fix is not idempotent"


def test_fixtures_exist() -> None:
    assert len(CASES) >= 20
