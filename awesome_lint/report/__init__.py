"""Reporters turn diagnostics into text for people and machines.  They never decide what is
a finding or what exit code follows; they only format."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from awesome_lint.diagnostics import Diagnostic

FORMATS = ("text", "concise", "json", "github", "sarif", "junit", "markdown", "gitlab")


@dataclass
class FileReport:
    path: str
    diagnostics: list[Diagnostic]
    lines: list[str] = field(default_factory=list)
    #: Number of fixes applied to this file (fix command only).
    fixed: int = 0
    #: The findings those fixes fixed (fix command only), for ``--show-fixes``.
    applied: list[Diagnostic] = field(default_factory=list)
    #: Findings left whose fix is unsafe, not applied without --unsafe-fixes (fix only).
    unsafe_hidden: int = 0


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    show_source: bool = True
    #: Markdown: each location links to ``link_base + path + "#L<line>"`` (the file at the
    #: pull request's head commit); None prints plain locations.
    link_base: str | None = None
    #: Markdown: one sentence on what was checked ("only lines changed since abc123").
    scope: str | None = None
    #: fix --check/--diff: nothing was written, so say "Would fix".
    preview: bool = False


Renderer = Callable[[list[FileReport], ReportOptions], str]


def renderer(fmt: str) -> Renderer:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f"awesome_lint.report.{fmt}_report")
    render: Renderer = module.render
    return render
