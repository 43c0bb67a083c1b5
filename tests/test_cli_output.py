"""What the CLI prints and how it exits: --output-file, --statistics, --show-fixes, --fail-on,
colour conventions, did-you-mean, typed config messages, rules --format json, completion and a
closed pipe.  The real command line, in a subprocess, on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Line 5: LNK002 (error, safe fix); line 6: LNK001 (error, no fix) and STY002 (warning,
# safe fix: trailing whitespace).
LIST = ("# List\n\n## Papers\n\n"
        "* [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](https://n.org/resnet))\n"
        "* [VGG](https://arxiv.org/abs/1409.1556) [[TBP]()]   \n")
WARNING_ONLY = "# List\n\nText.   \n"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, text=True,
                          capture_output=True, env={**base, **(env or {})}, input=stdin,
                          timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    return tmp_path


def test_output_file_gets_the_format_and_the_terminal_the_text(project: Path) -> None:
    result = run("check", "--format", "sarif", "--output-file", "out.sarif", cwd=project)
    assert result.returncode == 1
    sarif = json.loads((project / "out.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 3
    assert "README.md:5:46: LNK002" in result.stdout and "Found 3 findings" in result.stdout
    quiet = run("check", "--format", "json", "-o", "out.json", "-q", cwd=project)
    assert quiet.returncode == 1 and quiet.stdout == ""
    assert len(json.loads((project / "out.json").read_text())["files"][0]["diagnostics"]) == 3


def test_statistics(project: Path) -> None:
    text = run("check", "--statistics", cwd=project)
    assert text.returncode == 1
    assert text.stdout.splitlines() == ["1\tLNK001\t    empty-link",
                                        "1\tLNK002\t[*] malformed-link",
                                        "1\tSTY002\t[*] trailing-whitespace"]
    data = json.loads(run("check", "--statistics", "--format", "json", cwd=project).stdout)
    assert data[1] == {"code": "LNK002", "name": "malformed-link", "count": 1, "fixable": 1,
                       "unsafe_fixable": 0}


def test_show_fixes(project: Path) -> None:
    check = run("check", "--show-fixes", cwd=project)
    assert "Would fix 2 findings with `awesome-lint fix`:\n- README.md:\n" \
           "    1 × LNK002 (malformed-link)\n    1 × STY002 (trailing-whitespace)\n" \
           in check.stdout
    fix = run("fix", "--show-fixes", cwd=project)
    assert "Fixed 2 findings:\n- README.md:\n    1 × LNK002 (malformed-link)\n" in fix.stdout
    assert fix.returncode == 1  # LNK001 is left


def test_fixable_count_leaves_out_unsafe_fixes(tmp_path: Path) -> None:
    # An empty badge: removing it is an unsafe fix; trailing spaces: a safe one.
    (tmp_path / "README.md").write_text(
        "# List\n\n## Papers\n\n* [A](https://a.org/x) <kbd></kbd>\n* [B](https://b.org/y)  \n",
        encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert "[*] 1 fixable with `awesome-lint fix`." in result.stdout
    assert "1 more fixable with `awesome-lint fix --unsafe-fixes`." in result.stdout


@pytest.mark.parametrize(("fail_on", "expected"), [("warning", 1), ("error", 0),
                                                   ("never", 0)])
def test_fail_on_with_only_a_warning(tmp_path: Path, fail_on: str, expected: int) -> None:
    (tmp_path / "README.md").write_text(WARNING_ONLY, encoding="utf-8")
    result = run("check", "--fail-on", fail_on, cwd=tmp_path)
    assert result.returncode == expected
    assert "STY002" in result.stdout  # reported whatever the exit policy


def test_fail_on_error_still_fails_on_errors(project: Path) -> None:
    assert run("check", "--fail-on", "error", cwd=project).returncode == 1
    assert run("check", "--fail-on", "never", cwd=project).returncode == 0


@pytest.mark.parametrize(("env", "flag", "coloured"), [
    ({}, None, False),  # not a terminal
    ({"FORCE_COLOR": "1"}, None, True),
    ({"FORCE_COLOR": "0"}, None, True),  # any non-empty value (force-color.org)
    ({"FORCE_COLOR": ""}, None, False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),
    ({"NO_COLOR": "1"}, "always", True),
    ({"FORCE_COLOR": "1"}, "never", False),
])
def test_colour_conventions(project: Path, env: dict[str, str], flag: str | None,
                            coloured: bool) -> None:
    args = ["check"] + ([f"--color={flag}"] if flag else [])
    result = run(*args, cwd=project, env=env)
    assert ("\x1b[" in result.stdout) is coloured
    assert "README.md:5:46:" in result.stdout.replace("\x1b[1m", "").replace("\x1b[0m", "")


def test_did_you_mean(project: Path) -> None:
    select = run("check", "--select", "LNK0002", cwd=project)
    assert select.returncode == 2
    assert "did you mean 'LNK002'?" in select.stderr
    name = run("check", "--ignore", "trailing-whitespaces", cwd=project)
    assert "did you mean 'trailing-whitespace'?" in name.stderr
    explain = run("explain", "malformed-lnk", cwd=project)
    assert explain.returncode == 2 and "did you mean 'malformed-link'?" in explain.stderr
    (project / ".awesome-lint.toml").write_text('selct = ["LNK"]\n', encoding="utf-8")
    key = run("check", cwd=project)
    assert key.returncode == 2 and "unknown key 'selct'; did you mean 'select'?" in key.stderr
    (project / ".awesome-lint.toml").write_text("[links]\nper-hots = 2\n", encoding="utf-8")
    table = run("check", cwd=project)
    assert "'links.per-hots': unknown key; did you mean 'per-host'?" in table.stderr
    (project / ".awesome-lint.toml").write_text("[rules.empty-lnk]\n", encoding="utf-8")
    rule = run("check", cwd=project)
    assert "'rules.empty-lnk': unknown rule name; did you mean 'empty-link'?" in rule.stderr
    for result in (select, name, explain, key, table, rule):
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_wrong_typed_config_values_say_what_is_expected(project: Path) -> None:
    (project / ".awesome-lint.toml").write_text("[links]\ntimeout = -1.0\n", encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 2
    assert "'links.timeout' must be a number ≥ 0, not -1.0" in result.stderr
    (project / ".awesome-lint.toml").write_text('[links]\ncache = "yes"\n', encoding="utf-8")
    assert "'links.cache' must be true or false, not \"yes\"" in run("check", cwd=project).stderr


def test_rules_json(tmp_path: Path) -> None:
    result = run("rules", "--format", "json", cwd=tmp_path)
    rules = json.loads(result.stdout)
    table = run("rules", cwd=tmp_path).stdout.splitlines()[1:]
    assert [r["code"] for r in rules] == [line.split()[0] for line in table]
    first = rules[0]
    assert set(first) >= {"code", "name", "category", "severity", "fixable", "summary",
                          "explanation", "options", "url"}
    assert first["url"].endswith(f"docs/rules.md#{first['code'].lower()}-{first['name']}")


def _complete(words: str, cword: int, cwd: Path) -> list[str]:
    env = {"_AWESOME_LINT_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(cword)}
    done = subprocess.run([sys.executable, "-c",
                           "from awesome_lint.cli import main; main(prog_name='awesome-lint')"],
                          cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=60)
    lines = done.stdout.splitlines()
    return [line.partition(",")[2] for line in lines]


def test_shell_completion_of_rule_codes_and_names(tmp_path: Path) -> None:
    codes = _complete("awesome-lint check --select LNK10", 3, tmp_path)
    assert "LNK101" in codes and all(c.startswith("LNK10") for c in codes)
    names = _complete("awesome-lint check --ignore trailing", 3, tmp_path)
    assert names == ["trailing-whitespace"]
    listed = _complete("awesome-lint check --select LNK001,STY00", 3, tmp_path)
    assert "LNK001,STY001" in listed
    explain = _complete("awesome-lint explain malformed-l", 2, tmp_path)
    assert explain == ["malformed-link"]


def test_fix_diff_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    lines = "".join(f"* [Item {i}](https://e{i}.org/x)   \n" for i in range(3000))
    (tmp_path / "README.md").write_text("# T\n\n## A\n\n" + lines, encoding="utf-8")
    done = subprocess.run(f"'{sys.executable}' -m awesome_lint fix --diff README.md | head -1",
                          shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.stdout == "--- a/README.md\n"
    assert done.stderr == ""
    assert (tmp_path / "README.md").read_text(encoding="utf-8").endswith("   \n")


def test_unknown_rule_in_a_suppression_comment_gets_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# List\n\n<!-- awesome-lint-disable-next-line LNK0001 -->\n* [A](https://a.org)\n",
        encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert "STY006 suppression names unknown rule LNK0001; did you mean 'LNK001'?" \
        in result.stdout
