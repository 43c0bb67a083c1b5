"""``awesome-lint format``: write files whole in the list's own canonical layout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from awesome_lint.api.run import Run
from awesome_lint.cli.options import fail
from awesome_lint.config import ConfigError
from awesome_lint.files import inputs
from awesome_lint.files.discovery import discover
from awesome_lint.files.sources import InputError
from awesome_lint.report import FileReport


@click.command("format")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option("--diff", "show_diff", is_flag=True,
              help="Print a unified diff of the changes and write nothing.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if any file would be reformatted.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Use this config file instead of searching for one.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors (and the diff).")
def format_command(paths: tuple[str, ...], show_diff: bool, check_only: bool,
                   config_path: str | None, quiet: bool) -> None:
    """Write PATHS whole in canonical layout: every list, heading and blank line in the
    list's own majority conventions ([tool.awesome-lint.format]).  Refused, exit 2, where
    that would change how the file renders or lose a link."""
    from awesome_lint.engine import UnsafeFixError
    from awesome_lint.engine import preview as fix_report
    from awesome_lint.engine.reformat import format_text
    from awesome_lint.files.safe_write import WriteRefused, write_fixed
    from awesome_lint.syntax.parser import ParseError

    changed: list[Path] = []
    unchanged = 0
    failed = False
    try:
        run = Run((), (), (), config_path)
        loaded = list(inputs.load(discover(list(paths)), run.config_for))
    except ConfigError as err:
        fail(str(err))
    for item in loaded:
        if isinstance(item, FileReport):  # unreadable: one line, the others still formatted
            failed = True
            for diagnostic in item.diagnostics:
                click.echo(f"awesome-lint: {item.path}: {diagnostic.message}", err=True)
            continue
        path, config, text = item.source.path, item.config, item.text
        try:
            result = format_text(text, config, path=str(path))
            if not result.changed:
                unchanged += 1
                continue
            changed.append(path)
            if show_diff:
                sys.stdout.writelines(fix_report.diff(result, str(path)))
            elif check_only:
                if not quiet:
                    click.echo(f"Would reformat: {path}")
            else:
                write_fixed(path, result.text, original=text)
        except ParseError as err:
            failed = True
            click.echo(f"awesome-lint: {InputError(str(path), err.message, err.line, err.column)}",
                       err=True)
        except UnsafeFixError as err:
            failed = True
            click.echo(f"awesome-lint: {InputError(str(path), str(err), err.line)}", err=True)
        except (InputError, WriteRefused) as err:
            failed = True
            click.echo(f"awesome-lint: {err}", err=True)
        except BrokenPipeError:
            raise
        except OSError as err:
            failed = True
            click.echo(f"awesome-lint: {path}: cannot write: {err.strerror or err}", err=True)
    if not quiet:
        files = f"{len(changed)} file{'s' if len(changed) != 1 else ''}"
        done = "would be reformatted" if check_only or show_diff else "reformatted"
        click.echo(f"{files} {done}, {unchanged} already formatted",
                   err=show_diff)
    sys.exit(2 if failed else 1 if changed and (check_only or show_diff) else 0)
