"""Every fixture case: the exact set of findings, and the text ``fix`` writes."""

from __future__ import annotations

import sys

import pytest

from awesome_lint.config import Config, from_mapping
from awesome_lint.engine import fix_text, lint
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


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture(case: Case) -> None:
    config = _config(case)
    if case.diagnostics is not None:
        assert_findings(case, lint(case.input, config))
    if case.output is not None:
        result = fix_text(case.input, config, unsafe="unsafe" in case.options)
        assert result.text == case.output
        again = fix_text(result.text, config, unsafe="unsafe" in case.options)
        assert again.text == result.text, "fix is not idempotent"


def test_fixtures_exist() -> None:
    assert len(CASES) >= 20
