"""The real command line, in a subprocess, on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEFECTIVE = ("# List\n\n## Papers\n"
             "* [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](https://n.org/resnet))\n"
             "* [VGG](https://arxiv.org/abs/1409.1556) [[TBP]()]   \n")


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, text=True,
                          capture_output=True, input=stdin, env=env, timeout=120)


@pytest.fixture
def readme(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text(DEFECTIVE, encoding="utf-8")
    return path


def test_check_text_output_and_exit_code(readme: Path) -> None:
    result = run("check", cwd=readme.parent)
    assert result.returncode == 1
    assert "README.md:4:46: LNK002" in result.stdout
    assert "README.md:5:43: LNK001" in result.stdout
    assert "Found 3 findings" in result.stdout
    assert result.stderr == ""


def test_json_contract(readme: Path) -> None:
    result = run("check", "--format", "json", str(readme), cwd=readme.parent)
    payload = json.loads(result.stdout)
    assert payload["version"] == 1
    [file] = payload["files"]
    first = file["diagnostics"][0]
    assert set(first) == {"code", "rule", "category", "severity", "line", "column", "end_line",
                          "end_column", "message", "fix"}
    assert first["code"] == "LNK002" and first["fix"]["applicability"] == "safe"
    assert first["fix"]["edits"] == [{"line": 4, "column": 46, "delete": 31,
                                      "insert": "[[Notes](https://n.org/resnet)]"}]
    assert file["diagnostics"][1]["fix"] is None


@pytest.mark.parametrize("fmt", ["concise", "github", "sarif", "junit"])
def test_other_formats(readme: Path, fmt: str) -> None:
    result = run("check", "--format", fmt, str(readme), cwd=readme.parent)
    assert result.returncode == 1
    if fmt == "github":
        assert result.stdout.startswith("::error file=")
        assert ",line=4,col=46," in result.stdout
    elif fmt == "sarif":
        sarif = json.loads(result.stdout)
        assert sarif["version"] == "2.1.0"
        results = sarif["runs"][0]["results"]
        assert results[0]["ruleId"] == "LNK002"
        assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    elif fmt == "junit":
        assert "<testsuites" in result.stdout and "LNK001" in result.stdout
    else:
        assert "README.md:4:46: LNK002 [error]" in result.stdout


def test_select_ignore_and_exit_zero(readme: Path) -> None:
    assert run("check", "--select", "STY", str(readme), cwd=readme.parent).stdout.count(
        "STY002") == 1
    only = run("check", "--select", "links", "--ignore", "LNK001", "--format", "concise",
               str(readme), cwd=readme.parent)
    assert only.stdout.splitlines() == [
        f"{readme}:4:46: LNK002 [error] resource link closed with ')' instead of ']': "
        "[[Notes](https://n.org/resnet))"]
    assert run("check", "--exit-zero", str(readme), cwd=readme.parent).returncode == 0
    bad = run("check", "--select", "NOPE", str(readme), cwd=readme.parent)
    assert bad.returncode == 2 and "unknown rule" in bad.stderr


def test_fix_writes_safe_fixes_atomically_and_keeps_mode(readme: Path) -> None:
    readme.chmod(0o640)
    result = run("fix", str(readme), cwd=readme.parent)
    assert result.returncode == 1  # the empty link cannot be fixed
    text = readme.read_text(encoding="utf-8")
    assert "[[Notes](https://n.org/resnet)]\n" in text
    assert "[[TBP]()]\n" in text
    assert oct(readme.stat().st_mode & 0o777) == "0o640"
    assert [p.name for p in readme.parent.iterdir()] == ["README.md"]
    assert "Fixed 2 findings" in result.stdout


def test_fix_diff_and_check_write_nothing(readme: Path) -> None:
    diff = run("fix", "--diff", str(readme), cwd=readme.parent)
    assert diff.returncode == 1 and "+* [ResNet]" in diff.stdout
    assert run("fix", "--check", str(readme), cwd=readme.parent).returncode == 1
    assert readme.read_text(encoding="utf-8") == DEFECTIVE


def test_rules_and_explain(tmp_path: Path) -> None:
    table = run("rules", cwd=tmp_path).stdout
    assert table.splitlines()[0].split() == ["CODE", "NAME", "CATEGORY", "SEVERITY", "FIX"]
    assert "LNK002  malformed-link" in table
    explained = run("explain", "malformed-link", cwd=tmp_path)
    assert explained.returncode == 0 and "Bad:" in explained.stdout
    assert run("explain", "XYZ", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize(("content", "where", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "README.md:3:1:", "binary content"),
    (b"# ok\n* caf\xe9\n", "README.md:2:6:", "invalid UTF-8"),
])
def test_bad_input_is_one_line_exit_2(tmp_path: Path, content: bytes, where: str,
                                      message: str) -> None:
    (tmp_path / "README.md").write_bytes(content)
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    [line] = [line for line in result.stdout.splitlines() if "IO001" in line]
    assert line.startswith(f"{where} IO001 {message}") and result.stderr == ""
    machine = run("check", "--format", "concise", cwd=tmp_path)  # stdout is for the format:
    assert machine.returncode == 2 and len(machine.stderr.splitlines()) == 1  # one line here
    assert f"{where} {message}" in machine.stderr and "Traceback" not in machine.stderr


def test_missing_paths_and_folders(tmp_path: Path) -> None:
    missing = run("check", "nope.md", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.md:1:1: IO001 no such file" in missing.stdout
    (tmp_path / "empty").mkdir()
    folder = run("check", "empty", cwd=tmp_path)
    assert folder.returncode == 2 and "empty:1:1: IO001 no README*.md under this folder" \
        in folder.stdout


def test_size_limit_and_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("x" * 2000 + "\n", encoding="utf-8")
    (tmp_path / ".awesome-lint.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    big = run("check", cwd=tmp_path)
    assert big.returncode == 2 and "over the 1,000-byte limit" in big.stdout
    (tmp_path / ".awesome-lint.toml").unlink()
    path.write_text("ok\n" + ">" * 3000 + " deep\n", encoding="utf-8")
    deep = run("check", cwd=tmp_path)
    assert deep.returncode == 2 and "README.md:2:1: IO001 nesting deeper" in deep.stdout


def test_bom_crlf_file_is_fixed_in_its_own_style(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_bytes("\ufeff* [A](https://a.org)  \r\n* [B](https://b.org)\r\n".encode())
    assert run("fix", str(path), cwd=tmp_path).returncode == 0
    assert path.read_bytes() == "\ufeff* [A](https://a.org)\r\n* [B](https://b.org)\r\n".encode()


def test_config_file_is_found_and_validated(tmp_path: Path, readme: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.awesome-lint]\nignore = ["LNK"]\n', encoding="utf-8")
    sub = tmp_path / "docs"
    sub.mkdir()
    (sub / "README.md").write_text(DEFECTIVE, encoding="utf-8")
    result = run("check", "--format", "concise", "docs", cwd=tmp_path)
    assert "LNK" not in result.stdout and "STY002" in result.stdout
    assert "LNK002" in run("check", "--select", "LNK", "--format", "concise", "docs",
                           cwd=tmp_path).stdout
    (tmp_path / "pyproject.toml").write_text(
        '[tool.awesome-lint]\nselectt = ["LNK"]\n', encoding="utf-8")
    bad = run("check", "docs", cwd=tmp_path)
    assert bad.returncode == 2 and "unknown key 'selectt'" in bad.stderr
    assert "pyproject.toml" in bad.stderr
    (tmp_path / "pyproject.toml").write_text(
        '[tool.awesome-lint.rules.empty-link]\nfoo = 1\n', encoding="utf-8")
    bad = run("check", "docs", cwd=tmp_path)
    assert bad.returncode == 2 and "rules.empty-link.foo" in bad.stderr


def test_relative_links_resolve_against_the_readme_and_repo_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("a\n", encoding="utf-8")
    sub = tmp_path / "list"
    sub.mkdir()
    (sub / "README.md").write_text(
        "* [A](https://a.org) [[Notes](../notes/a.md)] [[B](/notes/a.md)] [[C](notes/c.md)]\n",
        encoding="utf-8")
    result = run("check", "--select", "LNK005", "--format", "concise", "list", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        f"{Path('list/README.md')}:1:67: LNK005 [error] 'notes/c.md' does not exist"]


def test_readme_commands_match_ci() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```sh\n")[1:3]]
    assert "awesome-lint check examples/README.md" in blocks[0]
    assert blocks[1] in ci.splitlines()


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


def test_diff_base_reports_only_changed_lines(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q", "-b", "main")
    path = tmp_path / "README.md"
    path.write_text("* [A](https://a.org) [[TBP]()]\n* [B](https://b.org)\n", encoding="utf-8")
    _git(tmp_path, "add", "README.md")
    _git(tmp_path, "commit", "-qm", "base")
    _git(tmp_path, "checkout", "-qb", "pr")
    path.write_text("* [A](https://a.org) [[TBP]()]\n* [B](https://b.org)\n"
                    "* [C](https://c.org) [[Notes]()]\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "add C")
    everything = run("check", "--format", "concise", cwd=tmp_path).stdout.splitlines()
    assert len(everything) == 2
    scoped = run("check", "--format", "concise", "--diff-base", "main", cwd=tmp_path)
    assert scoped.stdout.splitlines() == [
        "README.md:3:23: LNK001 [error] link 'Notes' has an empty destination"]
    bad = run("check", "--diff-base", "no-such-ref", cwd=tmp_path)
    assert bad.returncode == 2 and "--diff-base no-such-ref" in bad.stderr


def test_quiet_color_and_exclude(tmp_path: Path, readme: Path) -> None:
    quiet = run("check", "-q", str(readme), cwd=tmp_path)
    assert quiet.returncode == 1 and "Found" not in quiet.stdout and "LNK002" in quiet.stdout
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "README.md").write_text("* [A](https://a.org)\n", encoding="utf-8")
    assert run("check", "-q", "clean", cwd=tmp_path).stdout == ""
    assert "All checks passed!" in run("check", "clean", cwd=tmp_path).stdout
    colored = run("check", "--color", "always", str(readme), cwd=tmp_path)
    assert "\x1b[31mLNK002\x1b[0m" in colored.stdout
    assert "\x1b[" not in run("check", "--color", "never", str(readme), cwd=tmp_path).stdout
    (tmp_path / ".awesome-lint.toml").write_text('exclude = ["README.md"]\n', encoding="utf-8")
    excluded = run("check", str(readme), cwd=tmp_path)
    assert excluded.returncode == 0 and "LNK" not in excluded.stdout
