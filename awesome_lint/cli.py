"""Command line: ``awesome-lint check|fix|rules|explain``, with ruff's conventions.

Exit codes: 0 clean (or everything fixed), 1 findings remain, 2 usage, input or config error.
Every expected failure is one line on stderr; tracebacks are bugs.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from awesome_lint import __version__
from awesome_lint.config import Config, ConfigError, find_config, load_file
from awesome_lint.diagnostics import Diagnostic
from awesome_lint.reporters import FORMATS, FileReport, ReportOptions, renderer
from awesome_lint.sources import FileResolver, InputError, read_text, resolve_paths

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> NoReturn:
    click.echo(f"awesome-lint: {message}", err=True)
    sys.exit(2)


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


def shared_options(func: F) -> F:
    options = [
        click.option("--select", multiple=True, metavar="CODES",
                     help="Rules to enable: codes, prefixes, names or categories."),
        click.option("--ignore", multiple=True, metavar="CODES", help="Rules to disable."),
        click.option("--extend-select", multiple=True, metavar="CODES",
                     help="Rules to enable on top of the selection."),
        click.option("--format", "output_format", type=click.Choice(FORMATS),
                     default="text", show_default=True, help="Output format."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain."),
        click.option("-q", "--quiet", is_flag=True, help="Print findings and nothing else."),
        click.option("--color", type=click.Choice(["auto", "always", "never"]),
                     default="auto", show_default=True),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Use this config file instead of searching for one."),
        click.option("--diff-base", metavar="REF",
                     help="Report only findings on lines added or changed since the merge "
                          "base of REF and HEAD (pull-request mode)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


class Run:
    """Settings shared by check and fix, resolved once per invocation."""

    def __init__(self, select: tuple[str, ...], ignore: tuple[str, ...],
                 extend_select: tuple[str, ...], config_path: str | None,
                 diff_base: str | None = None) -> None:
        self.overrides = {"select": _split(select), "ignore": _split(ignore),
                          "extend_select": _split(extend_select)}
        self.explicit = load_file(Path(config_path)) if config_path else None
        if config_path and self.explicit is None:
            raise ConfigError("has no [tool.awesome-lint] table", config_path)
        self._cache: dict[Path, Config] = {}
        self.diff_base = diff_base
        self._merge_bases: dict[Path, str] = {}
        from awesome_lint.rules import is_valid_selector

        for key, values in self.overrides.items():
            for value in values or ():
                if not is_valid_selector(value):
                    _fail(f"--{key.replace('_', '-')}: unknown rule, prefix or category "
                          f"{value!r}")

    def config_for(self, path: Path) -> Config:
        base = self.explicit
        if base is None:
            folder = path.resolve().parent
            if folder not in self._cache:
                self._cache[folder] = find_config(folder)
            base = self._cache[folder]
        overrides = dict(self.overrides)
        if overrides["select"] is not None and overrides["ignore"] is None:
            overrides["ignore"] = ()  # as in ruff: a --select on the command line wins
        return base.with_overrides(**overrides)


    def changed(self, path: Path) -> set[int] | None:
        """Lines to report on for ``path``: None means all of them."""
        if self.diff_base is None:
            return None
        from awesome_lint.gitdiff import GitError, changed_lines, merge_base

        folder = path.resolve().parent
        try:
            if folder not in self._merge_bases:
                self._merge_bases[folder] = merge_base(self.diff_base, folder)
            return changed_lines(path, self._merge_bases[folder])
        except GitError as err:
            raise InputError(str(path), f"--diff-base {self.diff_base}: {err}") from None

    def scope(self, path: Path, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        lines = self.changed(path)
        if lines is None:
            return diagnostics
        return [d for d in diagnostics if any(n in lines for n in range(d.line, d.end_line + 1))]


def _excluded(path: Path, config: Config) -> bool:
    from fnmatch import fnmatch

    text = path.as_posix()
    return any(fnmatch(text, pattern) or fnmatch(path.name, pattern)
               or fnmatch(text, f"*/{pattern}") for pattern in config.exclude)


def _color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _emit(reports: list[FileReport], output_format: str, color: str, quiet: bool) -> None:
    text = renderer(output_format)(reports, ReportOptions(color=_color(color)))
    if quiet and output_format == "text":
        text = "".join(line + "\n" for line in text.splitlines()
                       if ":" in line.split(" ")[0] or line.startswith(" "))
    sys.stdout.write(text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="awesome-lint")
def main() -> None:
    """Lint, link-check and fix awesome-list READMEs."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@shared_options
def check(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], output_format: str, exit_zero: bool, quiet: bool,
          color: str, config_path: str | None, diff_base: str | None) -> None:
    """Report problems in PATHS (default: README.md; folders: their README)."""
    from awesome_lint.engine import lint_document
    from awesome_lint.parser import ParseError, parse

    try:
        run = Run(select, ignore, extend_select, config_path, diff_base)
        reports: list[FileReport] = []
        for path in resolve_paths(list(paths)):
            config = run.config_for(path)
            if _excluded(path, config):
                continue
            text = read_text(path, config.max_file_size)
            try:
                document = parse(text, str(path))
            except ParseError as err:
                raise InputError(str(path), err.message, err.line, err.column) from None
            services = {"files": FileResolver.for_file(path)}
            diagnostics = run.scope(path, lint_document(document, config, services=services))
            reports.append(FileReport(str(path), diagnostics, document.lines))
    except (InputError, ConfigError) as err:
        _fail(str(err))
    _emit(reports, output_format, color, quiet)
    found = any(r.diagnostics for r in reports)
    sys.exit(1 if found and not exit_zero else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True,
              help="Print a unified diff of the changes and write nothing.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if anything would change.")
@click.option("--unsafe-fixes", is_flag=True, default=None,
              help="Also apply fixes marked unsafe.")
@shared_options
def fix(paths: tuple[str, ...], show_diff: bool, check_only: bool, unsafe_fixes: bool | None,
        select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...],
        output_format: str, exit_zero: bool, quiet: bool, color: str,
        config_path: str | None, diff_base: str | None) -> None:
    """Apply safe fixes to PATHS in place; report what is left."""
    from awesome_lint.engine import UnsafeFixError, fix_text
    from awesome_lint.parser import ParseError
    from awesome_lint.sources import write_atomic

    reports: list[FileReport] = []
    would_change = False
    try:
        run = Run(select, ignore, extend_select, config_path, diff_base)
        for path in resolve_paths(list(paths)):
            config = run.config_for(path)
            if _excluded(path, config):
                continue
            text = read_text(path, config.max_file_size)
            services = {"files": FileResolver.for_file(path)}
            try:
                result = fix_text(text, config, path=str(path), unsafe=unsafe_fixes,
                                  services=services)
            except ParseError as err:
                raise InputError(str(path), err.message, err.line, err.column) from None
            except UnsafeFixError as err:
                raise InputError(str(path), str(err)) from None
            if result.changed:
                would_change = True
                if show_diff:
                    sys.stdout.writelines(difflib.unified_diff(
                        text.splitlines(keepends=True), result.text.splitlines(keepends=True),
                        f"a/{path}", f"b/{path}"))
                elif not check_only:
                    write_atomic(path, result.text)
            lines = result.text.lstrip("\ufeff").splitlines()
            reports.append(FileReport(str(path), run.scope(path, result.remaining), lines,
                                      fixed=len(result.applied)))
    except (InputError, ConfigError) as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"cannot write: {err}")
    if not show_diff:
        _emit(reports, output_format, color, quiet)
    if check_only or show_diff:
        sys.exit(1 if would_change and not exit_zero else 0)
    remaining = any(r.diagnostics for r in reports)
    sys.exit(1 if remaining and not exit_zero else 0)


@main.command("rules")
def rules_command() -> None:
    """List every rule: code, name, category, severity, fixable."""
    from awesome_lint.rules import all_rules

    rows = [("CODE", "NAME", "CATEGORY", "SEVERITY", "FIX")]
    rows += [(r.code, r.name, r.category, r.severity.value, "yes" if r.fixable else "")
             for r in all_rules()]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain a rule, by code or name."""
    from awesome_lint.rules import find_rule

    found = find_rule(rule)
    if found is None:
        _fail(f"unknown rule {rule!r}; see `awesome-lint rules`")
    click.echo(f"{found.code} {found.name} ({found.category}, {found.severity.value}"
               f"{', fixable' if found.fixable else ''})\n")
    click.echo(found.summary + "\n")
    click.echo(found.explanation + "\n")
    click.echo("Bad:\n" + "\n".join("    " + line for line in found.bad.splitlines()) + "\n")
    click.echo("Good:\n" + "\n".join("    " + line for line in found.good.splitlines()))
    if found.options:
        click.echo("\nOptions ([tool.awesome-lint.rules." + found.name + "]):")
        for key, value in found.options.items():
            click.echo(f"    {key} = {value!r}")
