"""GitLab Code Quality (a subset of the Code Climate spec): the JSON array a job uploads as
``artifacts: reports: codequality`` to show findings in merge requests.

Fields GitLab reads: ``description``, ``check_name``, ``fingerprint`` (unique per finding),
``severity`` (info, minor, major, critical, blocker) and ``location.path`` with
``location.lines.begin`` or ``location.positions.begin.line``; we give the positions with
columns, as ruff does.  Errors are ``major``, warnings ``minor``; an unreadable file is
``blocker``."""

from __future__ import annotations

import json
import os
from typing import Any

from awesome_lint.diagnostics import Severity
from awesome_lint.files.sources import INPUT_ERROR_CODE
from awesome_lint.report import FileReport, ReportOptions
from awesome_lint.report.fingerprint import fingerprints

#: Our categories in Code Climate's (Bug Risk, Clarity, Compatibility, Complexity,
#: Duplication, Performance, Security, Style).
_CATEGORIES = {"links": "Bug Risk", "duplicates": "Duplication", "badges": "Clarity",
               "tags": "Clarity", "structure": "Clarity", "style": "Style", "input": "Bug Risk"}


def _relative(path: str) -> str:
    """The path from the repository root (the working folder, where CI runs us): GitLab
    matches ``location.path`` against the merge request's files."""
    if os.path.isabs(path):
        inside = os.path.relpath(path)
        if not inside.startswith(".."):
            path = inside
    return path.replace("\\", "/").removeprefix("./")


def render(reports: list[FileReport], options: ReportOptions) -> str:
    issues: list[dict[str, Any]] = []
    for report, d, fingerprint in fingerprints(reports):
        severity = ("blocker" if d.code == INPUT_ERROR_CODE
                    else "major" if d.severity is Severity.ERROR else "minor")
        issues.append({
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {d.rule}: {d.message}",
            "categories": [_CATEGORIES.get(d.category, "Bug Risk")],
            "severity": severity,
            "fingerprint": fingerprint,
            "location": {
                "path": _relative(report.path),
                "positions": {"begin": {"line": d.line, "column": d.column},
                              "end": {"line": d.end_line, "column": d.end_column}},
            },
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
