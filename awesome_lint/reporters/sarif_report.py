"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import json
from typing import Any

from awesome_lint import __version__
from awesome_lint.diagnostics import Severity
from awesome_lint.reporters import FileReport, ReportOptions
from awesome_lint.rules import all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(reports: list[FileReport], options: ReportOptions) -> str:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for report in reports:
        for d in report.diagnostics:
            result: dict[str, Any] = {
                "ruleId": d.code,
                "ruleIndex": index.get(d.code, -1),
                "level": "error" if d.severity is Severity.ERROR else "warning",
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": report.path.replace("\\", "/")},
                    "region": {"startLine": d.line, "startColumn": d.column,
                               "endLine": d.end_line, "endColumn": d.end_column + 1},
                }}],
            }
            if d.fix is not None:
                result["properties"] = {"fixApplicability": d.fix.applicability.value}
            results.append(result)
    driver = {
        "name": "awesome-lint",
        "version": __version__,
        "informationUri": "https://pypi.org/project/awesome-lint/",
        "rules": [{
            "id": rule.code, "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.explanation},
            "defaultConfiguration": {
                "level": "error" if rule.severity is Severity.ERROR else "warning"},
            "properties": {"category": rule.category},
        } for rule in rules],
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0",
             "runs": [{"tool": {"driver": driver}, "results": results}]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
