"""Reporters turn diagnostics into text for people and machines.  They never decide what is
a finding or what exit code follows; they only format."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from awesome_lint.diagnostics import FileReport

__all__ = ["FORMATS", "FileReport", "Renderer", "ReportOptions", "renderer"]

FORMATS = ("text", "concise", "json", "github", "sarif", "junit", "markdown", "gitlab")


@dataclass(frozen=True)
class ReportOptions:
    """How a report is drawn (colour, source lines, links); the same for every format."""

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
