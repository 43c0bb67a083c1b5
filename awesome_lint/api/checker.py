"""``check`` as a function: read, parse and lint files and folders the way ``awesome-lint
check`` does, and return a :class:`CheckReport` instead of printing one.

Discovery (folders searched for READMEs, ``.gitignore`` and ``exclude`` honoured), the
configuration of each file, ``IO001`` for inputs that cannot be read or parsed, the link
and paper lookups when asked and the ``--diff-base`` scope are the command's own: the
command is a thin caller of :func:`check_files`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from awesome_lint.api.report import CheckReport
from awesome_lint.api.run import Notes, Run
from awesome_lint.config import Config
from awesome_lint.files import inputs
from awesome_lint.files.discovery import discover
from awesome_lint.files.sources import FileResolver, InputError
from awesome_lint.model import Document
from awesome_lint.report import FileReport
from awesome_lint.rules.context import Services

PathArg = str | os.PathLike[str]


def check(paths: PathArg | Iterable[PathArg] = (), *,
          config: str | os.PathLike[str] | Config | None = None,
          select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
          extend_select: Iterable[str] | None = None, links: bool | None = None,
          papers: bool | None = None, diff_base: str | None = None, use_cache: bool = True,
          allow_private_hosts: bool | None = None, stdin_filename: str | None = None,
          notes: Notes = None, progress: bool = False) -> CheckReport:
    """Check files, folders and glob patterns (``"-"``: standard input) as ``awesome-lint
    check`` does, and return the findings per file.

    ``config`` is a config file or a :class:`Config` for every file (default: each file's
    nearest ``.awesome-lint.toml`` or ``pyproject.toml``); ``select``, ``ignore`` and
    ``extend_select`` override its selection like the command-line options.  ``links`` and
    ``papers`` (default: the config's ``check`` key) add the network rules; ``diff_base``
    keeps only findings on lines changed since the merge base with that git revision.
    ``notes`` receives the summary lines the command prints on standard error;
    ``progress`` draws the link checker's progress line there.

    A bad config file or unknown selector raises :class:`~awesome_lint.config.ConfigError`;
    a file that cannot be read or parsed is an ``IO001`` finding in the report."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    run = Run(select, ignore, extend_select, config, diff_base)
    report = CheckReport()

    def note(line: str) -> None:
        report.notes.append(line)
        if notes is not None:
            notes(line)

    report.files = check_files(run, [os.fspath(p) for p in paths], links=links, papers=papers,
                               no_cache=not use_cache, allow_private_hosts=allow_private_hosts,
                               stdin_filename=stdin_filename, notes=note,
                               quiet=not progress)
    return report


def check_files(run: Run, paths: list[str], *, links: bool | None = None,
                papers: bool | None = None, no_cache: bool = False,
                allow_private_hosts: bool | None = None, stdin_filename: str | None = None,
                notes: Notes = None, quiet: bool = False) -> list[FileReport]:
    """Read, parse and lint every input; unreadable ones become ``IO001`` reports.
    ``quiet`` silences the link checker's progress line."""
    from awesome_lint.engine import lint_document
    from awesome_lint.syntax.parser import ParseError, parse

    slots: list[FileReport | tuple[Path, str, Config, Document]] = []
    for item in inputs.load(discover(paths, stdin_filename), run.config_for):
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
    shared = Services(
        link_results=run.link_services(documents, links, no_cache, allow_private_hosts,
                                       quiet=quiet, notes=notes),
        paper_results=run.paper_services(documents, papers, no_cache, notes=notes))
    reports: list[FileReport] = []
    for slot in slots:
        if isinstance(slot, FileReport):
            reports.append(slot)
            continue
        path, shown, config, document = slot
        services = replace(shared, files=FileResolver.for_file(path))
        try:
            diagnostics = run.scope(path, lint_document(document, config, services=services,
                                                        network=services.network))
        except MemoryError:
            reports.append(inputs.error_report(InputError(shown, "not enough memory to lint "
                                                                 "it")))
            continue
        reports.append(FileReport(shown, diagnostics, document.lines))
    return reports
