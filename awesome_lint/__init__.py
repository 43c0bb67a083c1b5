"""awesome-lint: lint, link-check and fix awesome-list READMEs.

The public API::

    import awesome_lint
    doc = awesome_lint.parse(text)            # typed document tree
    diagnostics = awesome_lint.lint(text, path="README.md")  # list[Diagnostic]
    result = awesome_lint.fix(text, path="README.md")        # FixResult(text, applied, ...)
    report = awesome_lint.check(["README.md", "docs/"])      # CheckReport, as ``check``
    print(report.render("json"))

See :mod:`awesome_lint.api`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from awesome_lint.version import __version__

if TYPE_CHECKING:
    import os

    from awesome_lint.api import CheckReport, check  # (module __getattr__)
    from awesome_lint.config import Config
    from awesome_lint.diagnostics import Diagnostic
    from awesome_lint.engine import FixResult
    from awesome_lint.model import Document

__all__ = ["CheckReport", "__version__", "check", "fix", "lint", "parse"]


def parse(text: str, path: str | None = None) -> Document:
    """Parse markdown text into a :class:`~awesome_lint.model.Document`."""
    from awesome_lint.syntax.parser import parse as _parse

    return _parse(text, path)


def lint(text: str, config: Config | None = None, *,
         path: str | os.PathLike[str] | None = None) -> list[Diagnostic]:
    """Every finding of the selected offline rules, sorted by position.

    ``path`` places the text on disk: relative-file links (LNK005) are checked and, without
    ``config``, the file's nearest config applies (see :func:`awesome_lint.api.lint`)."""
    from awesome_lint.api import lint as _lint

    return _lint(text, path=path, config=config)


def fix(text: str, config: Config | None = None, *,
        path: str | os.PathLike[str] | None = None) -> FixResult:
    """Apply safe fixes (and unsafe ones if the config says so) until none applies; the
    result holds the new text (nothing is written)."""
    from awesome_lint.api import fix as _fix

    return _fix(text, path=path, config=config)


def __getattr__(name: str) -> Any:
    """``check`` and ``CheckReport`` come from :mod:`awesome_lint.api`, imported on first
    use (``import awesome_lint`` stays cheap for callers that only parse or lint)."""
    if name in ("check", "CheckReport"):
        from awesome_lint import api

        return getattr(api, name)
    raise AttributeError(f"module 'awesome_lint' has no attribute {name!r}")
