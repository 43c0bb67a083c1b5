"""``awesome-lint check``: read, parse and lint every input; report."""

from __future__ import annotations

from pathlib import Path

import click

from awesome_lint.cli import output
from awesome_lint.cli.options import fail, shared_options
from awesome_lint.cli.output import OutputSettings, output_options
from awesome_lint.cli.run import Run, paper_services
from awesome_lint.config import Config, ConfigError
from awesome_lint.files import inputs
from awesome_lint.files.discovery import discover
from awesome_lint.files.sources import FileResolver, InputError
from awesome_lint.model import Document
from awesome_lint.report import FileReport


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@shared_options
@output_options
@click.option("--watch", is_flag=True,
              help="Check again whenever a file (or its config) is saved; Ctrl-C stops.")
def check(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], output_format: str, exit_zero: bool, quiet: bool,
          color: str, config_path: str | None, diff_base: str | None, links: bool | None,
          no_cache: bool, allow_private_hosts: bool | None, papers: bool | None,
          watch: bool = False) -> None:
    """Report problems in PATHS: files, folders (searched for README*.md, honouring
    .gitignore and `exclude`), glob patterns, or - for standard input (default: README.md)."""
    if watch:
        from awesome_lint.cli.watch import watch_and_check

        watch_and_check(list(paths), config_path)
    settings = OutputSettings.current()
    try:
        reports = _check_files(Run(select, ignore, extend_select, config_path, diff_base),
                               list(paths), settings, links, no_cache, allow_private_hosts,
                               papers, quiet)
    except ConfigError as err:
        fail(str(err))
    output.report_input_errors(reports, output_format, settings)
    output.emit(reports, output_format, color, quiet, settings)
    output.finish(reports, settings, exit_zero)


def _check_files(run: Run, paths: list[str], settings: OutputSettings, links: bool | None,
                 no_cache: bool, allow_private_hosts: bool | None, papers: bool | None,
                 quiet: bool) -> list[FileReport]:
    """Read, parse and lint every input; unreadable ones become ``IO001`` reports."""
    from awesome_lint.engine import lint_document
    from awesome_lint.syntax.parser import ParseError, parse

    slots: list[FileReport | tuple[Path, str, Config, Document]] = []
    for item in inputs.load(discover(paths, settings.stdin_filename), run.config_for):
        if isinstance(item, FileReport):
            slots.append(item)
            continue
        shown = item.source.shown
        try:
            slots.append((item.source.path, shown, item.config, parse(item.text, shown)))
        except ParseError as err:
            slots.append(inputs.error_report(InputError(shown, err.message, err.line,
                                                        err.column)))
        except MemoryError:
            slots.append(inputs.error_report(InputError(shown, "not enough memory to parse "
                                                               "it")))
    documents = [(p, c, d) for p, _, c, d in (s for s in slots if isinstance(s, tuple))]
    shared = run.link_services(documents, links, no_cache, allow_private_hosts, quiet=quiet)
    shared.update(paper_services(run, documents, papers, no_cache, quiet=quiet))
    reports: list[FileReport] = []
    for slot in slots:
        if isinstance(slot, FileReport):
            reports.append(slot)
            continue
        path, shown, config, document = slot
        services = {"files": FileResolver.for_file(path), **shared}
        try:
            diagnostics = run.scope(path, lint_document(document, config, services=services,
                                                        network=bool(shared)))
        except MemoryError:
            reports.append(inputs.error_report(InputError(shown, "not enough memory to lint "
                                                                 "it")))
            continue
        reports.append(FileReport(shown, diagnostics, document.lines))
    return reports
