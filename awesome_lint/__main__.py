"""``python -m awesome_lint`` and the ``awesome-lint`` command."""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> NoReturn:
    """The command line, with compiled patterns and dataclass methods kept between runs
    (:func:`awesome_lint.startup.keep_compiled`, before click or anything else compiles);
    the plain ``check PATH...`` without click (:func:`awesome_lint.startup.plain_check`)."""
    from awesome_lint import startup

    startup.collector_off()  # before the imports: 27 collections, 2 ms of a seed's check
    plain = startup.plain_check(sys.argv[1:])
    startup.defer_ipaddress()  # before anything reads the cache folder (pathlib)
    if plain is not None:
        startup.defer_inspect()
    startup.keep_compiled()
    startup.keep_modules()
    if plain is not None:
        _plain_check(*plain)
    from awesome_lint.cli import console_main

    console_main()


def _plain_check(paths: list[str], exit_zero: bool) -> NoReturn:
    """``awesome-lint check [--exit-zero] PATH...`` as ``cli.check`` runs it with every
    other option at its default, and ``cli.console_main``'s and click's answers to what may
    interrupt it."""
    from awesome_lint import startup
    from awesome_lint.api import check
    from awesome_lint.config import ConfigError
    from awesome_lint.diagnostics import Severity
    from awesome_lint.report import ReportOptions
    from awesome_lint.report.escape import printable
    from awesome_lint.report.terminal import color_enabled

    def run() -> int:
        try:
            try:
                report = check(paths, notes=lambda line: startup.echo(f"{line}\n", err=True),
                               progress=True)
            except ConfigError as err:
                startup.echo(f"awesome-lint: {printable(str(err))}\n", err=True)
                return 2
            color = color_enabled("auto", sys.stdout)
            startup.echo(report.render("text", ReportOptions(color=color)), color=color)
            return report.exit_code(fail_on=None if exit_zero else Severity.WARNING)
        except (EOFError, KeyboardInterrupt):  # as click's standalone mode answers them
            startup.echo("\nAborted!\n", err=True)
            return 1

    startup.exit_now(startup.exit_code_of(run))


if __name__ == "__main__":
    main()
