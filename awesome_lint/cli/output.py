"""Where a run's results go and what exit code follows, for ``check`` and ``fix``.

The options here (``--stdin-filename``, ``--output-file``, ``--statistics``,
``--show-fixes``, ``--fail-on``) are gathered on the click context by :func:`output_options`
instead of widening every command's signature; :meth:`OutputSettings.current` reads them back.

Exit codes, as in ruff: 2 when any file could not be read (its ``IO001`` finding is in the
output with the rest), else 1 when a finding at or above ``--fail-on`` remains (unless
``--exit-zero``), else 0.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from awesome_lint.diagnostics import Severity
from awesome_lint.files.inputs import has_input_errors
from awesome_lint.report import FileReport, ReportOptions, renderer
from awesome_lint.report.terminal import color_enabled

F = TypeVar("F", bound=Callable[..., Any])

FAIL_ON = ("error", "warning", "never")
_META = "awesome_lint.cli.output"


def _store(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta.setdefault(_META, {})[param.name] = value
    return value


def output_options(func: F) -> F:
    options = [
        click.option("--stdin-filename", metavar="PATH", expose_value=False, callback=_store,
                     help="Read the list from standard input and report it as PATH (its "
                          "config and relative links are looked up from there)."),
        click.option("-o", "--output-file", type=click.Path(dir_okay=False),
                     expose_value=False, callback=_store,
                     help="Write the --format output to this file; the text report still "
                          "goes to the terminal unless -q."),
        click.option("--statistics", is_flag=True, expose_value=False, callback=_store,
                     help="Print the number of findings per rule instead of the findings."),
        click.option("--show-fixes", is_flag=True, expose_value=False, callback=_store,
                     help="List the fixes applied (fix) or available (check) per file."),
        click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning",
                     show_default=True, expose_value=False, callback=_store,
                     help="Lowest severity that makes the exit code 1 (never: exit 0 "
                          "whatever is found; unreadable files still exit 2)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@dataclass(frozen=True)
class OutputSettings:
    """Where the command's results go and when it fails, from the output options."""

    stdin_filename: str | None = None
    output_file: str | None = None
    statistics: bool = False
    show_fixes: bool = False
    fail_on: str = "warning"

    @classmethod
    def current(cls) -> OutputSettings:
        stored = click.get_current_context().meta.get(_META, {})
        return cls(**{k: v for k, v in stored.items() if v is not None})


def fails(reports: list[FileReport], fail_on: str) -> bool:
    """Whether a finding at or above ``fail_on`` remains."""
    if fail_on == "never":
        return False
    return any(fail_on == "warning" or d.severity is Severity.ERROR
               for r in reports for d in r.diagnostics)


def exit_code(reports: list[FileReport], settings: OutputSettings, exit_zero: bool) -> int:
    if has_input_errors(reports):
        return 2
    return 0 if exit_zero else int(fails(reports, settings.fail_on))


def emit(reports: list[FileReport], output_format: str, color: str, quiet: bool,
         settings: OutputSettings, *, fixing: bool = False, preview: bool = False
         ) -> None:
    """Print (and with ``--output-file`` write) the report in the chosen format.

    With ``--output-file`` the file gets ``--format`` and the terminal the text report;
    ``--statistics`` replaces the findings with counts per rule (as JSON with
    ``--format json``); ``--show-fixes`` follows the text report on the terminal."""
    from awesome_lint.report import summary

    if settings.output_file is not None:
        text = renderer(output_format)(reports, ReportOptions(color=False, preview=preview))
        try:
            Path(settings.output_file).write_text(text, encoding="utf-8")
        except OSError as err:
            click.echo(f"awesome-lint: {settings.output_file}: cannot write: "
                       f"{err.strerror or err}", err=True)
            sys.exit(2)
        output_format = "text"
        if quiet:
            return
    color_on = color_enabled(color, sys.stdout)
    if settings.statistics:
        stats = (summary.statistics_json if output_format == "json"
                 else summary.statistics_text)(reports)
        click.echo(stats, nl=False)
        return
    text = renderer(output_format)(reports, ReportOptions(color=color_on, preview=preview))
    if quiet and output_format == "text":
        text = "".join(line + "\n" for line in text.splitlines()
                       if ":" in line.split(" ")[0] or line.startswith(" "))
    click.echo(text, nl=False, color=color_on)
    if settings.show_fixes and not quiet:
        click.echo(summary.show_fixes(reports, applied=fixing), nl=False,
                   err=output_format != "text")


def report_input_errors(reports: list[FileReport], output_format: str,
                        settings: OutputSettings) -> None:
    """Each unreadable file also as one line on stderr when stdout carries a machine format
    (or goes to a file), so a CI log names the cause without parsing the output."""
    from awesome_lint.files.sources import INPUT_ERROR_CODE

    if output_format == "text" and settings.output_file is None:
        return
    for report in reports:
        for d in report.diagnostics:
            if d.code == INPUT_ERROR_CODE:
                where = report.path if d.line <= 1 and d.column <= 1 else \
                    f"{report.path}:{d.line}:{d.column}"
                click.echo(f"awesome-lint: {where}: {d.message}", err=True)


def finish(reports: list[FileReport], settings: OutputSettings, exit_zero: bool) -> NoReturn:
    sys.exit(exit_code(reports, settings, exit_zero))
