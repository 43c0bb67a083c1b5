"""The public JSON contract (version 1), documented in README.md."""

from __future__ import annotations

import json

from awesome_lint.report import FileReport, ReportOptions

VERSION = 1


def render(reports: list[FileReport], options: ReportOptions) -> str:
    payload = {
        "version": VERSION,
        "files": [{"path": r.path, "diagnostics": [d.to_json() for d in r.diagnostics]}
                  for r in reports],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
