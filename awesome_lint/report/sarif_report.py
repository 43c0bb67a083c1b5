"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Columns count Unicode code points (``columnKind``), as our diagnostics do; each rule links to
its section of docs/rules.md (``helpUri``); fixable findings carry their edits as SARIF
``fixes``; ``partialFingerprints`` keep a finding's identity when lines move.  A file that
could not be read is both a result (rule ``IO001``) and a tool execution notification."""

from __future__ import annotations

import json
from typing import Any

from awesome_lint.diagnostics import Diagnostic, Edit, Severity
from awesome_lint.files.sources import INPUT_ERROR_CODE, INPUT_ERROR_NAME
from awesome_lint.report import FileReport, ReportOptions
from awesome_lint.report.fingerprint import fingerprints
from awesome_lint.report.rule_index import rule_url
from awesome_lint.rules import all_rules
from awesome_lint.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "awesomeLint/v1"


def _level(d: Diagnostic) -> str:
    return "error" if d.severity is Severity.ERROR else "warning"


def _deleted_region(edit: Edit, lines: list[str]) -> dict[str, int]:
    """The region an edit deletes; a line ending counts as one character, as in Edit.  With
    no source lines (a replayed report) the deletion is taken to stay on its line."""
    line, column, left = edit.line, edit.column, edit.delete
    while lines and 0 < line <= len(lines) and left > len(lines[line - 1]) - column + 1:
        left -= len(lines[line - 1]) - column + 2
        line, column = line + 1, 1
    return {"startLine": edit.line, "startColumn": edit.column, "endLine": line,
            "endColumn": column + max(left, 0)}


def _fix(d: Diagnostic, uri: str, lines: list[str]) -> dict[str, Any]:
    assert d.fix is not None
    text = d.fix.description or f"Fix {d.code} {d.rule}"
    return {
        "description": {"text": f"{text} ({d.fix.applicability.value} fix)"},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri},
            "replacements": [{"deletedRegion": _deleted_region(edit, lines),
                              "insertedContent": {"text": edit.insert}}
                             for edit in d.fix.edits],
        }],
    }


def render(reports: list[FileReport], options: ReportOptions) -> str:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    index[INPUT_ERROR_CODE] = len(rules)
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report, d, fingerprint in fingerprints(reports):
        uri = report.path.replace("\\", "/")
        region = {"startLine": d.line, "startColumn": d.column,
                  "endLine": d.end_line, "endColumn": d.end_column + 1}
        location = {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index.get(d.code, -1),
            "level": _level(d),
            "message": {"text": d.message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
        if d.fix is not None:
            result["fixes"] = [_fix(d, uri, report.lines)]
            result["properties"] = {"fixApplicability": d.fix.applicability.value}
        results.append(result)
        if d.code == INPUT_ERROR_CODE:
            notifications.append({"level": "error", "message": {"text": d.message},
                                  "locations": [location],
                                  "descriptor": {"id": INPUT_ERROR_CODE}})
    descriptors = [{
        "id": rule.code, "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "helpUri": rule_url(rule),
        "defaultConfiguration": {
            "level": "error" if rule.severity is Severity.ERROR else "warning"},
        "properties": {"category": rule.category},
    } for rule in rules]
    descriptors.append({
        "id": INPUT_ERROR_CODE, "name": INPUT_ERROR_NAME,
        "shortDescription": {"text": "A file that could not be read or parsed."},
        "fullDescription": {"text": "Missing, unreadable, binary, not UTF-8, too large, or not "
                                    "a regular file; the other files are still checked."},
        "defaultConfiguration": {"level": "error"},
        "properties": {"category": "input"},
    })
    driver = {
        "name": "awesome-lint",
        "version": __version__,
        "informationUri": "https://pypi.org/project/awesome-lint/",
        "rules": descriptors,
    }
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
