"""GitHub Actions workflow commands: findings become annotations on the pull request."""

from __future__ import annotations

from awesome_lint.diagnostics import Severity
from awesome_lint.report import FileReport, ReportOptions
from awesome_lint.report.escape import printable


def _escape_data(text: str) -> str:
    """GitHub's escapes for ``%``, CR and LF, then every other control character shown."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: list[FileReport], options: ReportOptions) -> str:
    out: list[str] = []
    for report in reports:
        for d in report.diagnostics:
            level = "error" if d.severity is Severity.ERROR else "warning"
            props = ",".join([
                f"file={_escape_property(report.path)}", f"line={d.line}", f"col={d.column}",
                f"endLine={d.end_line}", f"endColumn={d.end_column}",
                f"title={_escape_property(f'{d.code} {d.rule}')}",
            ])
            out.append(f"::{level} {props}::{_escape_data(f'{d.code} {d.message}')}\n")
    return "".join(out)
