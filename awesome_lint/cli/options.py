"""The options ``check`` and ``fix`` share, rule-code completion, notes and the one-line
failure."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from awesome_lint.report import FORMATS

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> NoReturn:
    from awesome_lint.report.escape import printable

    click.echo(f"awesome-lint: {printable(message)}", err=True)  # names from the repository
    sys.exit(2)


def note(line: str) -> None:
    """A run's note (links summary, paper lookups) on standard error."""
    click.echo(line, err=True)


def complete_rules(ctx: click.Context, param: click.Parameter, incomplete: str
                   ) -> list[CompletionItem]:
    """Shell completion of rule codes, names, prefixes and categories (after a comma too)."""
    from click.shell_completion import CompletionItem  # only when completing (awesome_lint.startup)

    from awesome_lint.report.rule_index import completions

    head, _, last = incomplete.rpartition(",")
    prefix = f"{head}," if head else ""
    return [CompletionItem(prefix + value, help=help_text)
            for value, help_text in completions(last)]


def shared_options(func: F) -> F:
    options = [
        click.option("--select", multiple=True, metavar="CODES",
                     shell_complete=complete_rules,
                     help="Rules to enable: codes, prefixes, names or categories."),
        click.option("--ignore", multiple=True, metavar="CODES",
                     shell_complete=complete_rules, help="Rules to disable."),
        click.option("--extend-select", multiple=True, metavar="CODES",
                     shell_complete=complete_rules,
                     help="Rules to enable on top of the selection."),
        click.option("--format", "output_format", type=click.Choice(FORMATS),
                     default="text", show_default=True, help="Output format."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain."),
        click.option("-q", "--quiet", is_flag=True, help="Print findings and nothing else."),
        click.option("--color", type=click.Choice(["auto", "always", "never"]),
                     default="auto", show_default=True,
                     help="auto: off with NO_COLOR, on with FORCE_COLOR, else on a terminal."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False, readable=False),
                     help="Use this config file instead of searching for one."),
        click.option("--links/--no-links", "links", default=None,
                     help="Also check http(s) links over the network (default: offline)."),
        click.option("--papers/--no-papers", "papers", default=None,
                     help="Also look papers up on arXiv, DBLP and Crossref (default: offline)."),
        click.option("--no-cache", is_flag=True,
                     help="With --links or --papers: ignore the cache."),
        click.option("--allow-private-hosts/--deny-private-hosts", default=None,
                     help="With --links: fetch links to loopback and private addresses, or "
                          "never (the default; a config file cannot change it)."),
        click.option("--diff-base", metavar="REF",
                     help="Report only findings on lines added or changed since the merge "
                          "base of REF and HEAD (pull-request mode)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func
