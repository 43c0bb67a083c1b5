"""The library API: lint and fix with a path (relative-file links, config discovery) and
check over files and folders returning a typed report every format renders."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import awesome_lint
from awesome_lint.api import CheckReport, InputProblem
from awesome_lint.config import Config, ConfigError
from awesome_lint.diagnostics import Severity
from awesome_lint.report import FORMATS
from tests.test_cli import _git
from tests.test_links_cli import server  # noqa: F401  (the 127.0.0.1 server: /ok 200, /gone 404)

LIST = "# Awesome Things\n\n* [Here](docs/guide.md)\n* [Gone](docs/missing.md)\n"


def _tree(root: Path, config: str = "") -> Path:
    (root / "docs").mkdir()
    (root / "docs" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    readme = root / "README.md"
    readme.write_text(LIST, encoding="utf-8")
    if config:
        (root / ".awesome-lint.toml").write_text(config, encoding="utf-8")
    return readme


def test_lint_with_path_checks_relative_files(tmp_path: Path) -> None:
    readme = _tree(tmp_path)
    found = awesome_lint.lint(LIST, path=readme, config=Config(select=("LNK005",)))
    assert [(d.code, d.line, d.path) for d in found] == [("LNK005", 4, str(readme))]
    assert awesome_lint.lint(LIST, config=Config(select=("LNK005",))) == []


def test_lint_with_path_finds_the_config(tmp_path: Path) -> None:
    readme = _tree(tmp_path, 'ignore = ["STY"]\n')
    text = LIST + "* [Trailing](docs/other.md)  \n"
    assert {d.code for d in awesome_lint.lint(text, path=readme)} == {"LNK005"}
    assert any(d.code.startswith("STY") for d in awesome_lint.lint(text))  # the defaults
    # an explicit config wins over the file's own, positionally as before too
    assert awesome_lint.lint(LIST, Config(select=("STR",)), path=readme) == \
        awesome_lint.lint(LIST, path=readme, config=Config(select=("STR",)))


def test_fix_with_path(tmp_path: Path) -> None:
    readme = _tree(tmp_path, 'select = ["STY", "LNK005"]\n')
    text = "# Awesome Things\n\n*  [Here](docs/guide.md)\n* [Gone](docs/missing.md)  \n"
    result = awesome_lint.fix(text, path=readme)
    assert result.changed and result.applied
    assert [d.code for d in result.remaining] == ["LNK005"]
    assert readme.read_text(encoding="utf-8") == LIST  # nothing written


def test_check_folder_with_input_errors(tmp_path: Path) -> None:
    readme = _tree(tmp_path, 'select = ["LNK005"]\n')
    report = awesome_lint.check([tmp_path, tmp_path / "nope.md"])
    assert isinstance(report, CheckReport)
    assert [r.path for r in report.files] == [str(readme), str(tmp_path / "nope.md")]
    assert [(d.code, d.line) for d in report.files[0].diagnostics] == [("LNK005", 4)]
    assert [type(e) for e in report.errors] == [InputProblem]
    assert report.errors[0].path == str(tmp_path / "nope.md")
    assert report.exit_code() == 2
    assert [(s.code, s.count) for s in report.stats] == [("IO001", 1), ("LNK005", 1)]


def test_check_options_and_exit_codes(tmp_path: Path) -> None:
    readme = _tree(tmp_path)
    scoped = awesome_lint.check(readme, select=["LNK005"])
    assert {d.code for d in scoped.diagnostics} == {"LNK005"}
    assert scoped.exit_code() == 1 and scoped.exit_code(fail_on=None) == 0
    assert awesome_lint.check(readme, config=Config(select=("LNK005",)),
                              ignore=["LNK"]).exit_code() == 0
    with pytest.raises(ConfigError, match="unknown rule"):
        awesome_lint.check(readme, select=["NOPE9"])
    (tmp_path / "pyproject.toml").write_text("[tool.other]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \[tool.awesome-lint\] table"):
        awesome_lint.check(readme, config=tmp_path / "pyproject.toml")


def test_check_report_renders_in_every_format(tmp_path: Path) -> None:
    readme = _tree(tmp_path)
    report = awesome_lint.check(readme)
    for fmt in FORMATS:
        assert report.render(fmt), fmt
    payload = json.loads(report.render("json"))
    assert payload["files"][0]["path"] == str(readme)
    assert [d["code"] for d in payload["files"][0]["diagnostics"]] == \
        [d.code for d in report.diagnostics]


def test_check_diff_base(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q", "-b", "main")
    readme = tmp_path / "README.md"
    readme.write_text("* [A](https://a.org) [[TBP]()]\n", encoding="utf-8")
    _git(tmp_path, "add", "README.md")
    _git(tmp_path, "commit", "-qm", "base")
    _git(tmp_path, "checkout", "-qb", "pr")
    readme.write_text("* [A](https://a.org) [[TBP]()]\n* [C](https://c.org) [[Notes]()]\n",
                      encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "add C")
    everything = awesome_lint.check(readme, select=["LNK001"])
    assert [d.line for d in everything.diagnostics] == [1, 2]
    scoped = awesome_lint.check(readme, select=["LNK001"], diff_base="main")
    assert [d.line for d in scoped.diagnostics] == [2]
    with pytest.raises(ConfigError, match="--diff-base no-such-ref"):
        awesome_lint.check(readme, diff_base="no-such-ref")


def test_check_links_when_asked(tmp_path: Path, server: str) -> None:  # noqa: F811
    (tmp_path / ".git").mkdir()
    readme = tmp_path / "README.md"
    readme.write_text(f"* [Fine]({server}/ok)\n* [Gone]({server}/gone)\n", encoding="utf-8")
    offline = awesome_lint.check(readme, select=["LNK1"])
    assert offline.diagnostics == [] and offline.notes == []
    heard: list[str] = []
    online = awesome_lint.check(readme, select=["LNK1"], links=True, use_cache=False,
                                allow_private_hosts=True, notes=heard.append)
    assert [(d.code, d.line) for d in online.diagnostics] == [("LNK101", 2)]
    assert online.diagnostics[0].severity is Severity.ERROR
    assert heard == online.notes and heard[0].startswith("Links: 2 checked")


def test_api_check_equals_cli_check(tmp_path: Path) -> None:
    """The same files through the command and the function: the same JSON, byte for byte."""
    readme = _tree(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "README.md").write_text("#Bad heading\n* [x]()\n", encoding="utf-8")
    args = [str(tmp_path), str(tmp_path / "missing.md")]
    done = subprocess.run([sys.executable, "-m", "awesome_lint", "check", "--format", "json",
                           *args], capture_output=True, text=True, timeout=60)
    report = awesome_lint.check(args)
    assert done.returncode == report.exit_code() == 2
    assert done.stdout == report.render("json")
    assert str(readme) in done.stdout
