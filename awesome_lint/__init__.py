"""awesome-lint: lint, link-check and fix awesome-list READMEs.

The public API::

    import awesome_lint
    doc = awesome_lint.parse(text)            # typed document tree
    diagnostics = awesome_lint.lint(text)     # list[Diagnostic]
    result = awesome_lint.fix(text)           # FixResult(text, applied, remaining)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from awesome_lint.version import __version__

if TYPE_CHECKING:
    from awesome_lint.config import Config
    from awesome_lint.diagnostics import Diagnostic
    from awesome_lint.engine import FixResult
    from awesome_lint.model import Document

__all__ = ["__version__", "fix", "lint", "parse"]


def parse(text: str, path: str | None = None) -> Document:
    """Parse markdown text into a :class:`~awesome_lint.model.Document`."""
    from awesome_lint.syntax.parser import parse as _parse

    return _parse(text, path)


def lint(text: str, config: Config | None = None) -> list[Diagnostic]:
    """Every finding of the selected offline rules, sorted by position."""
    from awesome_lint.engine import lint as _lint

    return _lint(text, config)


def fix(text: str, config: Config | None = None) -> FixResult:
    """Apply safe fixes (and unsafe ones if the config says so) until none applies."""
    from awesome_lint.engine import fix_text

    return fix_text(text, config)
