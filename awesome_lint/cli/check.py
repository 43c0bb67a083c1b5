"""``awesome-lint check``: a thin caller of :func:`awesome_lint.api.check_files`; report."""

from __future__ import annotations

import click

from awesome_lint.cli import output
from awesome_lint.cli.options import fail, note, shared_options
from awesome_lint.cli.output import OutputSettings, output_options
from awesome_lint.config import ConfigError


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
    from awesome_lint.api import check as check_paths

    try:
        reports = check_paths(list(paths), config=config_path, select=select, ignore=ignore,
                              extend_select=extend_select, links=links, papers=papers,
                              diff_base=diff_base, use_cache=not no_cache,
                              allow_private_hosts=allow_private_hosts,
                              stdin_filename=settings.stdin_filename,
                              notes=None if quiet else note, progress=not quiet).files
    except ConfigError as err:
        fail(str(err))
    output.report_input_errors(reports, output_format, settings)
    output.emit(reports, output_format, color, quiet, settings)
    output.finish(reports, settings, exit_zero)
