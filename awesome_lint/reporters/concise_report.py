"""One line per finding, for editors and grep."""

from __future__ import annotations

from awesome_lint.reporters import FileReport, ReportOptions


def render(reports: list[FileReport], options: ReportOptions) -> str:
    lines = [f"{r.path}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}"
             for r in reports for d in r.diagnostics]
    return "".join(line + "\n" for line in lines)
