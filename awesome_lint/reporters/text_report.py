"""Human output: ``file:line:col: CODE message``, the source line and a caret, like ruff."""

from __future__ import annotations

from collections import Counter
from typing import Any

import click

from awesome_lint.diagnostics import Severity
from awesome_lint.reporters import FileReport, ReportOptions

#: Styles for click.style: colour goes through click, never raw escape codes.
_RED: dict[str, Any] = {"fg": "red"}
_YELLOW: dict[str, Any] = {"fg": "yellow"}
_BOLD: dict[str, Any] = {"bold": True}
_DIM: dict[str, Any] = {"dim": True}


def _paint(text: str, style: dict[str, Any], options: ReportOptions) -> str:
    return click.style(text, **style) if options.color else text


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
            where = _paint(f"{report.path}:{d.line}:{d.column}:", _BOLD, options)
            code = _paint(d.code, colour, options)
            marker = " [*]" if d.fix is not None and d.fix.is_safe else (
                " [unsafe fix]" if d.fix is not None else "")
            out.append(f"{where} {code} {d.message}{marker}")
            if options.show_source and 0 < d.line <= len(report.lines):
                source = report.lines[d.line - 1].expandtabs(4)
                width = d.end_column - d.column + 1 if d.end_line == d.line else \
                    max(1, len(source) - d.column + 1)
                if len(source) <= 300:
                    out.append(_paint(f"  {d.line:>5} | ", _DIM, options) + source)
                    out.append(" " * 10 + " " * (d.column - 1)
                               + _paint("^" * max(1, min(width, 120)), colour, options))
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
