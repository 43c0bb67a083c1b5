"""Human output: ``file:line:col: CODE message``, the source line and a caret, like ruff."""

from __future__ import annotations

from collections import Counter
from typing import Any

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.report import FileReport, ReportOptions
from awesome_lint.report.escape import printable

#: Styles for click.style: colour goes through click, never raw escape codes.
_RED: dict[str, Any] = {"fg": "red"}
_YELLOW: dict[str, Any] = {"fg": "yellow"}
_BOLD: dict[str, Any] = {"bold": True}
_DIM: dict[str, Any] = {"dim": True}


#: Source lines longer than this (after escaping and tab expansion) are not shown.
MAX_SOURCE = 300


def _paint(text: str, style: dict[str, Any], options: ReportOptions) -> str:
    if not options.color:
        return text
    import click  # only for colour: a plain report never imports click (awesome_lint.startup)

    return click.style(text, **style)


def _source(line: str, d: Diagnostic, colour: dict[str, Any], options: ReportOptions
            ) -> list[str]:
    """The source line and a caret under the finding, or nothing for a line over
    ``MAX_SOURCE`` characters.  The length is checked before the line is escaped and its
    tabs expanded (expanding a 5 MB line per finding was quadratic)."""
    if len(line) > MAX_SOURCE:
        return []
    source = printable(line).expandtabs(4)
    if len(source) > MAX_SOURCE:
        return []
    before = len(printable(line[: d.column - 1]).expandtabs(4))
    if d.end_line == d.line:
        width = len(printable(line[: d.end_column]).expandtabs(4)) - before
    else:
        width = len(source) - before
    return [_paint(f"  {d.line:>5} | ", _DIM, options) + source,
            " " * (10 + before) + _paint("^" * max(1, min(width, 120)), colour, options)]


def render(reports: list[FileReport], options: ReportOptions) -> str:
    out: list[str] = []
    counts: Counter[str] = Counter()
    fixable = unsafe = 0
    for report in reports:
        for d in report.diagnostics:
            counts[d.severity.value] += 1
            fixable += d.fix is not None and d.fix.is_safe
            unsafe += d.fix is not None and not d.fix.is_safe
            colour = _RED if d.severity is Severity.ERROR else _YELLOW
            where = _paint(f"{printable(report.path)}:{d.line}:{d.column}:", _BOLD, options)
            code = _paint(d.code, colour, options)
            marker = " [*]" if d.fix is not None and d.fix.is_safe else (
                " [unsafe fix]" if d.fix is not None else "")
            out.append(f"{where} {code} {printable(d.message)}{marker}")
            if options.show_source and 0 < d.line <= len(report.lines):
                out += _source(report.lines[d.line - 1], d, colour, options)
    total = sum(counts.values())
    fixed = sum(r.fixed for r in reports)
    hidden = sum(r.unsafe_hidden for r in reports)
    if fixed or hidden:
        out.append(fix_summary(fixed, hidden, preview=options.preview))
    if total:
        parts = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in sorted(counts.items()))
        out.append(_paint(f"Found {total} finding{'s' if total != 1 else ''} ({parts}).",
                          _BOLD, options))
        if fixable:
            out.append(f"[*] {fixable} fixable with `awesome-lint fix`.")
        if unsafe:
            out.append(f"{unsafe} more fixable with `awesome-lint fix --unsafe-fixes`.")
    elif not fixed:
        out.append("All checks passed!")
    return "\n".join(out) + "\n"


def fix_summary(fixed: int, hidden: int, *, preview: bool) -> str:
    """``Fixed 8 findings (2 unsafe hidden).`` or, when nothing was written, ``Would fix``."""
    verb = "Would fix" if preview else "Fixed"
    more = f" ({hidden} unsafe hidden; see --unsafe-fixes)" if hidden else ""
    return f"{verb} {fixed} finding{'s' if fixed != 1 else ''}{more}."
