"""The library API, equal to the command line: :func:`lint` and :func:`fix` for one text,
:func:`check` for files and folders (what ``awesome-lint check`` does, returned as a typed
:class:`CheckReport` instead of printed).

``path`` places a text on disk: relative-file links (``LNK005``) are checked against the
files beside it, and without ``config`` its nearest ``.awesome-lint.toml`` or
``pyproject.toml`` applies, as for the command.  Without ``path`` the defaults apply and
relative links are not checked (there is nothing to check them against).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from awesome_lint.api.checker import check
from awesome_lint.api.report import CheckReport, InputProblem
from awesome_lint.config import Config
from awesome_lint.rules.context import Services

if TYPE_CHECKING:
    from awesome_lint.diagnostics import Diagnostic
    from awesome_lint.engine import FixResult

__all__ = ["CheckReport", "InputProblem", "check", "config_for", "fix", "lint"]


def config_for(path: str | os.PathLike[str] | None) -> Config:
    """The configuration the command would use for a file at ``path``: the nearest config
    file above it, or the defaults (also for no path)."""
    if path is None:
        return Config()
    from awesome_lint.engine.schema import find_config

    return find_config(Path(path).parent)


def _services(path: str | os.PathLike[str] | None) -> Services:
    """Relative-file links resolve against the files beside ``path``."""
    if path is None:
        return Services()
    from awesome_lint.files.sources import FileResolver

    return Services(files=FileResolver.for_file(Path(path)))


def lint(text: str, *, path: str | os.PathLike[str] | None = None,
         config: Config | None = None) -> list[Diagnostic]:
    """Every finding of the selected offline rules in ``text``, sorted by position; the
    findings carry ``path``.  A text that cannot be parsed raises
    :class:`~awesome_lint.syntax.parser.ParseError`."""
    from awesome_lint.engine import lint_document
    from awesome_lint.syntax.parser import parse

    shown = None if path is None else os.fspath(path)
    chosen = config if config is not None else config_for(path)
    return lint_document(parse(text, shown), chosen, services=_services(path))


def fix(text: str, *, path: str | os.PathLike[str] | None = None,
        config: Config | None = None, unsafe: bool | None = None) -> FixResult:
    """Apply the fixes of the findings in ``text`` (safe ones; unsafe ones too with
    ``unsafe`` or the config's ``unsafe-fixes``) until none applies, as ``awesome-lint
    fix`` does.  Nothing is written: the result holds the new text.  A result that would
    lose content raises :class:`~awesome_lint.engine.UnsafeFixError`."""
    from awesome_lint.engine import fix_text

    shown = None if path is None else os.fspath(path)
    chosen = config if config is not None else config_for(path)
    return fix_text(text, chosen, path=shown, unsafe=unsafe, services=_services(path))
