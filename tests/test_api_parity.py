"""The library API finds what the command finds: ``awesome-lint check --format json`` (one
process over every list in ../shared) against :func:`awesome_lint.lint` with the file's
path (LNK005 included) and :func:`awesome_lint.check`, finding by finding."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import awesome_lint
from tests.conftest import shared_lists

LISTS = shared_lists()
pytestmark = pytest.mark.skipif(not LISTS, reason="../shared is absent")


@pytest.fixture(scope="module")
def cli_json() -> dict[str, list[dict[str, Any]]]:
    """The command's findings per path, from one process over all the lists."""
    done = subprocess.run([sys.executable, "-m", "awesome_lint", "check", "--format", "json",
                           "--exit-zero", *map(str, LISTS)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    return {f["path"]: f["diagnostics"] for f in payload["files"]}


def _key(finding: dict[str, Any]) -> tuple[int, int, str, str]:
    return (finding["line"], finding["column"], finding["code"], finding["message"])


def test_every_list_is_reported(cli_json: dict[str, list[dict[str, Any]]]) -> None:
    assert sorted(cli_json) == sorted(map(str, LISTS))
    assert any(f["code"] == "LNK005" for found in cli_json.values() for f in found), \
        "no relative-file link finding: the comparison would not cover LNK005"


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.name)
def test_lint_with_path_equals_cli(path: Path,
                                   cli_json: dict[str, list[dict[str, Any]]]) -> None:
    text = path.read_text(encoding="utf-8")
    api = [d.to_json() for d in awesome_lint.lint(text, path=str(path))]
    cli = cli_json[str(path)]
    missing = [f for f in cli if f not in api]
    extra = [f for f in api if f not in cli]
    assert not missing and not extra, (
        f"{path.name}: only the CLI: {sorted(map(_key, missing))[:5]}; "
        f"only the API: {sorted(map(_key, extra))[:5]}")
    assert api == cli  # same findings in the same order


def test_check_renders_the_cli_json(cli_json: dict[str, list[dict[str, Any]]]) -> None:
    report = awesome_lint.check(LISTS)
    assert [r.path for r in report.files] == list(map(str, LISTS))
    assert not report.errors
    rendered = json.loads(report.render("json"))
    assert {f["path"]: f["diagnostics"] for f in rendered["files"]} == cli_json


def test_without_path_no_relative_file_findings() -> None:
    """Without a path there is nothing to resolve relative links against: no LNK005."""
    path = next(p for p in LISTS if "LNK005" in {
        d.code for d in awesome_lint.lint(p.read_text(encoding="utf-8"), path=str(p))})
    found = awesome_lint.lint(path.read_text(encoding="utf-8"))
    assert "LNK005" not in {d.code for d in found}
