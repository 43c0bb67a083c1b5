"""Docs that cannot rot: docs/rules.md is regenerated from the registry, README's
configuration reference is validated against the real config loader, and the README's
recipes (CI, venues and tags, shell completion) are run.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from awesome_lint.config import Config, ConfigError
from awesome_lint.engine.schema import from_mapping, schema
from awesome_lint.report.markdown_report import render_rules, toml_value
from awesome_lint.rules import all_rules, families
from tests.test_action import ACTION, make_pull_request

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
REGENERATE = "awesome-lint rules --format markdown > docs/rules.md"


def cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


def section(title: str) -> str:
    """README's section under the heading ``title``, up to the next heading as high
    (``#`` lines inside code fences are not headings)."""
    lines, fenced, level, found = README.splitlines(keepends=True), False, 0, []
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        heading = None if fenced else re.match(r"(#+) (.*)", line)
        if heading and level and len(heading.group(1)) <= level:
            break
        if level:
            found.append(line)
        elif heading and heading.group(2).startswith(title):
            level = len(heading.group(1))
    assert level, f"README.md has no section {title!r}"
    return "".join(found)


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


# docs/rules.md -------------------------------------------------------------------------------

def test_rules_md_is_up_to_date() -> None:
    generated = cli("rules", "--format", "markdown")
    assert generated.returncode == 0, generated.stderr
    committed = ROOT / "docs" / "rules.md"
    assert committed.is_file(), f"docs/rules.md is missing: run `{REGENERATE}`"
    assert committed.read_text(encoding="utf-8") == generated.stdout, (
        f"docs/rules.md is out of date with the rule registry: run `{REGENERATE}`")


def test_rules_md_documents_every_rule() -> None:
    text = render_rules(all_rules())
    for rule in all_rules():
        body = re.split(r"\n## [A-Z]+\d+ [a-z-]+\n",
                        text.split(f"\n## {rule.code} {rule.name}\n", 1)[1])[0]
        assert f"**Category:** {rule.category}" in body, rule.code
        assert f"**Severity:** {rule.severity.value}" in body, rule.code
        assert f"**Fixable:** {'yes' if rule.fixable else 'no'}" in body, rule.code
        for part in (rule.summary, rule.explanation, rule.bad, rule.good):
            assert part.strip() in body, rule.code
        for key, default in rule.options.items():
            assert f"| `{key}` | `{toml_value(default)}` |" in body, (rule.code, key)
        assert f"(#{rule.code.lower()}-{rule.name})" in text  # the index links to it


def test_rules_text_format_is_the_default() -> None:
    text = cli("rules").stdout.splitlines()
    assert text[0].split() == ["CODE", "NAME", "CATEGORY", "SEVERITY", "FIX"]
    assert len(text) == len(all_rules()) + 1


def test_examples_with_backticks_get_a_longer_fence() -> None:
    class Fake:
        code, name, category, summary, explanation = "X001", "x", "style", "s", "e"
        bad, good, fixable, needs_network = "```\ncode\n```", "ok", False, False
        options: ClassVar[dict[str, Any]] = {"width": 2, "names": ["a"], "on": True}
        severity = all_rules()[0].severity

    text = render_rules([Fake])  # type: ignore[list-item]
    assert "````markdown\n```\ncode\n```\n````" in text
    assert "| `names` | `[\"a\"]` |" in text and "| `on` | `true` |" in text


# README: sections and the rule families ------------------------------------------------------

@pytest.mark.parametrize("title", [
    "Install and quick start", "Usage", "Shell completion", "What it checks", "Configuration",
    "Adding a venue or a tag legend", "Suppressing a finding", "JSON output contract",
    "CI recipes", "pre-commit", "GitHub Actions", "GitLab CI", "Any other CI",
])
def test_readme_has_section(title: str) -> None:
    assert section(title).strip()


def test_readme_lists_every_rule_family() -> None:
    table = section("What it checks")
    assert "(docs/rules.md)" in table
    for prefix in {re.match(r"[A-Z]+", p).group(0) for p in families()}:  # type: ignore[union-attr]
        assert f"| `{prefix}` |" in table, f"README 'What it checks' lacks the {prefix} family"


def test_readme_opens_with_the_two_commands_ci_runs() -> None:
    """README's first block installs and runs the linter on the bundled example; its second
    is, word for word, what ``.ci/run`` runs on a fresh checkout."""
    opening = README[:README.index("\n## ")]
    install_and_run, install_and_test = [b.strip() for b in blocks(opening, "sh")]
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert ci == [install_and_test]
    assert install_and_test.endswith('pip install -e ".[test]" && python -m pytest')
    example = install_and_run.rsplit("&& awesome-lint ", 1)[1].split()
    assert example[0] == "check" and (ROOT / example[-1]).is_file()
    result = cli(*example)
    assert result.returncode == 1, result.stderr  # "The first command exits 1": real defects
    assert "examples/README.md:" in result.stdout


def test_quick_start_commands(tmp_path: Path) -> None:
    [quick] = blocks(section("Install and quick start"), "sh")
    commands = [line.split("#")[0].strip() for line in quick.splitlines()]
    assert commands == ["awesome-lint check README.md", "awesome-lint fix README.md"]
    (tmp_path / "README.md").write_text("# L\n\n## A\n\n* [a](https://a.org))  \n",
                                        encoding="utf-8")
    assert cli(*commands[0].split()[1:], cwd=tmp_path).returncode == 1
    assert cli(*commands[1].split()[1:], cwd=tmp_path).returncode == 0
    assert cli(*commands[0].split()[1:], cwd=tmp_path).returncode == 0


# README: the configuration reference ---------------------------------------------------------

def _reference() -> dict[str, Any]:
    [block] = [b for b in blocks(section("Configuration"), "toml") if "[tool.awesome-lint]" in b]
    table: dict[str, Any] = tomllib.loads(block)["tool"]["awesome-lint"]
    return table


def _known_keys(name: str) -> set[str]:
    """A registered table's keys, as its validator lists them for an unknown key."""
    try:
        schema().tables[name]({"no-such-key": 1}, name)
    except ConfigError as err:
        match = re.search(r"known: ([^)]*)\)", str(err))
        if match:
            return {key.strip() for key in match.group(1).split(",")}
    pytest.fail(f"the {name!r} table's validator does not list its keys on an unknown key")


def test_configuration_reference_has_every_key_with_its_default() -> None:
    reference = _reference()
    from_mapping(reference)  # the whole reference is a valid configuration
    tables = set(schema().tables)
    top = {f.name.replace("_", "-") for f in dataclasses.fields(Config)} - {
        "rule-options", "tables", "path"}
    assert set(reference) == top | tables, (
        "README's configuration reference must show every key of [tool.awesome-lint] and "
        "every registered table")
    defaults = Config()
    for key in top:
        value = getattr(from_mapping({key: reference[key]}), key.replace("-", "_"))
        assert value == getattr(defaults, key.replace("-", "_")), f"default of {key}"
    for name in tables:
        documented = reference[name]
        assert set(documented) == _known_keys(name), f"keys of [tool.awesome-lint.{name}]"
        validate = schema().tables[name]
        assert validate(documented, name) == validate({}, name), (
            f"README's [tool.awesome-lint.{name}] does not show the real defaults")


def test_adding_a_venue_and_a_tag_legend(tmp_path: Path) -> None:
    [block] = blocks(section("Adding a venue or a tag legend"), "toml")
    assert block.startswith("# .awesome-lint.toml\n")
    (tmp_path / ".awesome-lint.toml").write_text(block, encoding="utf-8")
    (tmp_path / "README.md").write_text(
        "# Awesome Robot Learning\n\n## Papers\n\n"
        "* [Rl] [Diffusion Policy](https://arxiv.org/abs/2303.04137) <kbd>RoboLearn 2024</kbd>\n"
        "* [Gml] [Adam](https://arxiv.org/abs/1412.6980) <kbd>ICLR 2015</kbd>\n"
        "* [Cv] [ViT](https://arxiv.org/abs/2010.11929) <kbd>ICLR 2021</kbd>\n",
        encoding="utf-8")
    result = cli("check", "--format", "concise", cwd=tmp_path)
    assert result.stderr == ""
    assert [line.split()[1] for line in result.stdout.splitlines()] == ["TAG001"]
    assert "[Cv]" in result.stdout
    # without the declaration (and asking for every unknown venue) RoboLearn is reported
    (tmp_path / ".awesome-lint.toml").write_text("[rules.unknown-venue]\nreport-all = true\n",
                                                 encoding="utf-8")
    without = cli("check", "--format", "concise", "--select", "BDG006", cwd=tmp_path)
    assert "RoboLearn" in without.stdout


# README: the CI recipes ----------------------------------------------------------------------

def test_github_recipe_uses_the_action_inputs() -> None:
    text = section("GitHub Actions")
    [workflow] = blocks(text, "yaml")
    steps = yaml.safe_load(workflow)["jobs"]["lint"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    assert steps[1]["uses"].startswith("OWNER/awesome-lint@")
    assert set(steps[1]["with"]) <= set(ACTION["inputs"])
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| `")]
    assert {name.strip("`") for name, *_ in rows} == set(ACTION["inputs"])
    for name, default, _ in rows:
        if not default.startswith("("):
            assert default.strip("`") == ACTION["inputs"][name.strip("`")]["default"], name
    outputs = text.split("Outputs: ", 1)[1].split(".", 1)[0]
    assert set(re.findall(r"`([\w-]+)`", outputs)) == set(ACTION["outputs"])


def test_github_recipe_plain_step(tmp_path: Path) -> None:
    [step] = blocks(section("GitHub Actions"), "sh")
    pr = make_pull_request(tmp_path)
    command = step.strip().replace('"${{ github.event.pull_request.base.sha }}"', pr.base_sha)
    assert command.startswith("awesome-lint check ")
    result = cli(*command.split()[1:], cwd=pr.workspace)
    assert result.returncode == 1
    assert [line.split(",")[1] for line in result.stdout.splitlines()] == ["line=7", "line=7"]


def test_gitlab_recipe(tmp_path: Path) -> None:
    [pipeline] = blocks(section("GitLab CI"), "yaml")
    job = yaml.safe_load(pipeline)["awesome-lint"]
    assert job["variables"]["GIT_DEPTH"] == 0
    assert job["artifacts"]["reports"]["junit"] == "awesome-lint.xml"
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"
    pr = make_pull_request(tmp_path)
    env = {**os.environ, "NO_COLOR": "1", "CI": "true", "GITLAB_CI": "true",
           "CI_PIPELINE_SOURCE": "merge_request_event",
           "CI_MERGE_REQUEST_DIFF_BASE_SHA": pr.base_sha,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for line in job["script"]:
        done = subprocess.run(["bash", "-c", line], cwd=pr.workspace, env=env,
                              capture_output=True, text=True, timeout=120)
        # the Code Quality report never fails the job; the JUnit run fails it on findings
        assert done.returncode == (0 if "--exit-zero" in line else 1), done.stderr
    quality = json.loads((pr.workspace / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert sorted(issue["check_name"] for issue in quality) == ["LNK002", "STY002"]
    report = (pr.workspace / "awesome-lint.xml").read_text(encoding="utf-8")
    assert "LNK002" in report and "STY002" in report
    assert "LNK001" not in report  # the old finding is outside the merge request's diff


@pytest.mark.parametrize(("text", "expected"), [
    # a fixable finding: `fix --check` fails; an unfixable one: `check` fails; none: passes
    ("# L\n\n## A\n\n* [a](https://a.org) [[Notes](https://n.org))\n", 1),
    ("# L\n\n## A\n\n* [a]()\n", 1),
    ("# L\n\n## A\n\n* [a](https://a.org)\n", 0),
])
def test_shell_recipe(tmp_path: Path, text: str, expected: int) -> None:
    [script] = blocks(section("Any other CI"), "sh")
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == expected, done.stdout + done.stderr
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == text  # --check writes nothing


# Shell completion ----------------------------------------------------------------------------

def completion(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The installed ``awesome-lint`` script, as a shell's completion function calls it."""
    script = Path(sys.executable).parent / "awesome-lint"
    return subprocess.run([str(script)], env={**os.environ, **env}, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize(("shell", "marker"), [
    ("bash", "_awesome_lint_completion()"), ("zsh", "#compdef awesome-lint"),
    ("fish", "function _awesome_lint_completion"),
])
def test_completion_scripts(shell: str, marker: str) -> None:
    line = f"_AWESOME_LINT_COMPLETE={shell}_source awesome-lint"
    assert line in section("Shell completion")
    result = completion({"_AWESOME_LINT_COMPLETE": f"{shell}_source"})
    assert result.returncode == 0
    assert marker in result.stdout


def test_bash_completion_completes_commands_and_choices() -> None:
    def complete(words: str, index: int) -> list[str]:
        env = {"_AWESOME_LINT_COMPLETE": "bash_complete", "COMP_WORDS": words,
               "COMP_CWORD": str(index)}
        return completion(env).stdout.splitlines()

    assert complete("awesome-lint ch", 1) == ["plain,check"]
    assert "plain,markdown" in complete("awesome-lint check --format ", 3)
    assert complete("awesome-lint check RE", 2) == ["file,RE"]
