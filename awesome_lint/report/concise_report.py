"""One line per finding, for editors and grep."""

from __future__ import annotations

from awesome_lint.report import FileReport, ReportOptions
from awesome_lint.report.escape import printable


def render(reports: list[FileReport], options: ReportOptions) -> str:
    lines = [f"{printable(r.path)}:{d.line}:{d.column}: {d.code} [{d.severity.value}] "
             f"{printable(d.message)}"
             for r in reports for d in r.diagnostics]
    return "".join(line + "\n" for line in lines)
