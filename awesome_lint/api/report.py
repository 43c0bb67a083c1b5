"""The typed result of :func:`awesome_lint.api.check`: one :class:`FileReport` per input, in
input order, plus what the run had to say; every format of :mod:`awesome_lint.report`
renders it (``report.render("sarif")``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.files.sources import INPUT_ERROR_CODE
from awesome_lint.report import FileReport, ReportOptions, renderer
from awesome_lint.report.summary import RuleCount, rule_counts


@dataclass(frozen=True)
class InputProblem:
    """A file the run could not check (missing, unreadable, not UTF-8, does not parse):
    its ``IO001`` finding, named by file."""

    path: str
    diagnostic: Diagnostic

    @property
    def message(self) -> str:
        return self.diagnostic.message


@dataclass
class CheckReport:
    """Everything a ``check`` found, file by file.

    ``files`` holds a report for every input, unreadable ones included (their one finding is
    ``IO001``); ``notes`` the lines the CLI prints on standard error (the links summary,
    paper lookups)."""

    files: list[FileReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[FileReport]:
        return iter(self.files)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every finding of every file, in file order (each carries its ``path``)."""
        return [d for r in self.files for d in r.diagnostics]

    @property
    def errors(self) -> list[InputProblem]:
        """The inputs that could not be checked."""
        return [InputProblem(r.path, d) for r in self.files for d in r.diagnostics
                if d.code == INPUT_ERROR_CODE]

    @property
    def stats(self) -> list[RuleCount]:
        """Findings per rule, most frequent first (``--statistics``)."""
        return rule_counts(self.files)

    def exit_code(self, *, fail_on: Severity | None = Severity.WARNING) -> int:
        """The CLI's exit code: 2 when an input could not be read, else 1 when a finding at
        or above ``fail_on`` remains (None: never), else 0."""
        if self.errors:
            return 2
        if fail_on is None:
            return 0
        found = [d.severity for d in self.diagnostics]
        return 1 if (found if fail_on is Severity.WARNING else
                     [s for s in found if s is Severity.ERROR]) else 0

    def render(self, fmt: str = "text", options: ReportOptions | None = None) -> str:
        """The report in one of :data:`awesome_lint.report.FORMATS` (json, sarif, ...)."""
        return renderer(fmt)(self.files, options or ReportOptions())
