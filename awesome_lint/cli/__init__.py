"""Command line: ``awesome-lint check|fix|format|rules|explain``, with ruff's conventions.

Exit codes: 0 clean (or everything fixed), 1 findings remain, 2 usage, input or config error.
Every expected failure is one line on stderr; tracebacks are bugs.

One module per command (``check``, ``fix``, ``format``; ``info`` for those that lint
nothing), beside what they share (``options``, ``run``, ``output``).  A command's module is
imported only when that command runs (:class:`LazyCommands`), so ``--version`` costs click
and this module alone (see :mod:`awesome_lint.startup`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import NoReturn

import click

from awesome_lint import __version__

#: command name -> "module:attribute" of its click command.
COMMANDS = {
    "check": "awesome_lint.cli.check:check",
    "clean": "awesome_lint.cli.info:clean",
    "dialect": "awesome_lint.cli.dialect_command:dialect",
    "explain": "awesome_lint.cli.info:explain",
    "fix": "awesome_lint.cli.fix:fix",
    "format": "awesome_lint.cli.format:format_command",
    "rules": "awesome_lint.cli.info:rules_command",
    "server": "awesome_lint.cli.info:server",
}


class LazyCommands(MutableMapping[str, click.Command]):
    """The group's command table: every name is listed at once (help, completion, "did you
    mean"), and a command's module is imported the first time the command is looked up."""

    def __init__(self, table: dict[str, str]) -> None:
        self._table = dict(table)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module, _, attribute = self._table[name].partition(":")
            command: click.Command = getattr(importlib.import_module(module), attribute)
            self._loaded[name] = command
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._loaded.pop(name, None)
        self._table.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._table or name in self._loaded

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._table.keys() | self._loaded.keys()))

    def __len__(self) -> int:
        return len(self._table.keys() | self._loaded.keys())


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             commands=LazyCommands(COMMANDS))
@click.version_option(__version__, prog_name="awesome-lint")
def main() -> None:
    """Lint, link-check and fix awesome-list READMEs."""


def console_main() -> NoReturn:
    """The ``awesome-lint`` command: :func:`main` with the cyclic collector off, then exit
    without the interpreter's teardown (both explained in :mod:`awesome_lint.startup`)."""
    from awesome_lint import startup

    startup.collector_off()
    startup.exit_now(startup.exit_code_of(main))
