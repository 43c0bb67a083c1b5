"""``awesome-lint fix``: apply the safe fixes of findings, in place or from standard input."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click

from awesome_lint.api.run import Run, wants_links, wants_papers
from awesome_lint.cli import output
from awesome_lint.cli.options import fail, note, shared_options
from awesome_lint.cli.output import OutputSettings, output_options
from awesome_lint.config import ConfigError
from awesome_lint.diagnostics import Diagnostic
from awesome_lint.files import inputs
from awesome_lint.files.discovery import discover
from awesome_lint.files.sources import FileResolver, InputError
from awesome_lint.report import FileReport, ReportOptions, renderer
from awesome_lint.rules.context import Services


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option("--diff", "show_diff", is_flag=True,
              help="Print a unified diff of the changes and write nothing.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if anything would change.")
@click.option("--unsafe-fixes", is_flag=True, default=None,
              help="Also apply fixes marked unsafe.")
@click.option("--force", is_flag=True, help="Also write files that are read-only.")
@shared_options
@output_options
def fix(paths: tuple[str, ...], show_diff: bool, check_only: bool, unsafe_fixes: bool | None,
        force: bool,
        select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...],
        output_format: str, exit_zero: bool, quiet: bool, color: str,
        config_path: str | None, diff_base: str | None, links: bool | None, no_cache: bool,
        allow_private_hosts: bool | None, papers: bool | None) -> None:
    """Apply the safe fixes of findings to PATHS in place (nothing else changes; see
    `format` for the whole file in canonical layout); report what is left.  PATH ``-``
    reads standard input and writes the result to standard output."""
    from awesome_lint.engine import UnsafeFixError, fix_text
    from awesome_lint.engine import preview as fix_report
    from awesome_lint.files.safe_write import WriteRefused, write_fixed
    from awesome_lint.syntax.parser import ParseError, parse

    settings = OutputSettings.current()
    if "-" in paths or (settings.stdin_filename and not paths):
        if paths not in (("-",), ()):
            fail("'-' (standard input) cannot be combined with other paths")
        _fix_stdin((select, ignore, extend_select), config_path, show_diff, check_only,
                   unsafe_fixes, exit_zero, quiet, settings.stdin_filename)
    reports: list[FileReport] = []
    would_change = False
    try:
        run = Run(select, ignore, extend_select, config_path, diff_base)
        loaded = list(inputs.load(discover(list(paths)), run.config_for))
    except ConfigError as err:
        fail(str(err))
    preview = check_only or show_diff
    for item in loaded:
        if isinstance(item, FileReport):
            reports.append(item)
            continue
        path, config, text = item.source.path, item.config, item.text
        try:
            online = wants_links(config, links) or wants_papers(config, papers)
            document = parse(text, str(path)) if online else None
            notes = None if quiet else note
            services = Services(files=FileResolver.for_file(path))
            if document is not None:
                services = replace(services, link_results=run.link_services(
                    [(path, config, document)], links, no_cache, allow_private_hosts,
                    quiet=quiet, notes=notes) if wants_links(config, links) else None,
                    paper_results=run.paper_services([(path, config, document)], papers,
                                                     no_cache, notes=notes))
            result = fix_text(text, config, path=str(path), unsafe=unsafe_fixes,
                              services=services, network=services.network,
                              only_lines=run.changed(path))
            if result.changed:
                would_change = True
                if show_diff:
                    sys.stdout.writelines(fix_report.diff(result, str(path)))
                elif not check_only:
                    write_fixed(path, result.text, original=text, force=force)
            left = fix_report.on_disk(result) if preview else result.remaining
            lines = (text if preview else result.text).lstrip("\ufeff").splitlines()
            reports.append(FileReport(str(path), run.scope(path, left) if preview else
                                      _scope_fixed(run, path, result), lines,
                                      fixed=len(result.applied), applied=result.applied,
                                      unsafe_hidden=fix_report.unsafe_hidden(result)))
        except ParseError as err:
            reports.append(inputs.error_report(InputError(str(path), err.message, err.line,
                                                          err.column)))
        except UnsafeFixError as err:
            reports.append(inputs.error_report(InputError(str(path), str(err), err.line)))
        except InputError as err:
            reports.append(inputs.error_report(err))
        except WriteRefused as err:
            reports.append(inputs.error_report(InputError(str(path), err.reason)))
        except ConfigError as err:
            fail(str(err))
        except MemoryError:
            reports.append(inputs.error_report(InputError(str(path), "not enough memory")))
        except BrokenPipeError:
            raise  # stdout closed (``fix --diff | head``): console_main ends quietly
        except OSError as err:
            reports.append(inputs.error_report(InputError(
                str(path), f"cannot write: {err.strerror or err}")))
    output.report_input_errors(reports, output_format, settings)
    if show_diff:
        if not quiet:
            from awesome_lint.report.text_report import fix_summary

            click.echo(fix_summary(sum(r.fixed for r in reports),
                                   sum(r.unsafe_hidden for r in reports), preview=True),
                       err=True)
    else:
        output.emit(reports, output_format, color, quiet, settings, fixing=True,
                    preview=check_only)
    if preview and not inputs.has_input_errors(reports):
        sys.exit(1 if would_change and not exit_zero else 0)
    output.finish(reports, settings, exit_zero)


def _scope_fixed(run: Run, path: Path, result: Any) -> list[Diagnostic]:
    """With --diff-base, the findings left on lines the pull request changed (or that came
    from them), at their places in the written file."""
    line_map = result.line_map
    if run.diff_base is None or line_map is None:
        return run.scope(path, result.remaining)
    wanted = run.changed(path)
    if wanted is None:
        return list(result.remaining)
    return [d for d in result.remaining
            if line_map.touches(range(d.line, d.end_line + 1), wanted)]


def _fix_stdin(selection: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
               config_path: str | None, show_diff: bool, check_only: bool,
               unsafe_fixes: bool | None, exit_zero: bool, quiet: bool,
               stdin_filename: str | None) -> NoReturn:
    """``fix -``: standard input to standard output; findings left go to standard error.
    ``--stdin-filename`` names it and places it for its config and relative links."""
    from awesome_lint.engine import UnsafeFixError, fix_text
    from awesome_lint.files.sources import read_stdin
    from awesome_lint.syntax.parser import ParseError

    name = stdin_filename or "<stdin>"
    where = Path.cwd() / (stdin_filename or "README.md")
    try:
        config = Run(*selection, config_path).config_for(where)
        text = read_stdin(name, config.max_file_size)
        try:
            result = fix_text(text, config, path=name, unsafe=unsafe_fixes,
                              services=Services(files=FileResolver.for_file(where)))
        except ParseError as err:
            raise InputError(name, err.message, err.line, err.column) from None
        except UnsafeFixError as err:
            raise InputError(name, str(err), err.line) from None
    except (InputError, ConfigError) as err:
        fail(str(err))
    from awesome_lint.engine import preview as fix_report

    preview = check_only or show_diff
    if show_diff:
        sys.stdout.writelines(fix_report.diff(result, name))
    elif not check_only:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.text.encode("utf-8"))
        sys.stdout.flush()
    if result.remaining and not quiet:
        lines = (text if preview else result.text).lstrip("\ufeff").splitlines()
        left = fix_report.on_disk(result) if preview else result.remaining
        report = FileReport(name, left, lines, fixed=len(result.applied),
                            unsafe_hidden=fix_report.unsafe_hidden(result))
        sys.stderr.write(renderer("text")([report], ReportOptions(color=False,
                                                                  preview=preview)))
    if check_only or show_diff:
        sys.exit(1 if result.changed and not exit_zero else 0)
    sys.exit(1 if result.remaining and not exit_zero else 0)
