"""Findings as LSP diagnostics: code, severity, UTF-16 range, a link to the rule's docs, tags."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from lsprotocol import types

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.lsp.positions import LineIndex

SOURCE = "awesome-lint"

#: Where the rule reference lives when the editor did not say (``docsUrl``) and no source
#: checkout is at hand: the package's page.
FALLBACK_DOCS = "https://pypi.org/project/awesome-lint/"

#: Findings about text that can go without loss: editors grey it out.
UNNECESSARY = frozenset({"unused-suppression", "unused-legend-tag", "duplicate-entry"})
#: Findings about a name that is no longer current: editors strike it through.
DEPRECATED = frozenset({"renamed-venue"})

_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error,
             Severity.WARNING: types.DiagnosticSeverity.Warning}


@cache
def local_docs() -> str | None:
    """docs/rules.md of the checkout this package runs from (an editable install), as a
    file URI; None for an installed wheel, which ships no docs."""
    path = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    return path.as_uri() if path.is_file() else None


def docs_url(code: str, name: str, base: str | None = None) -> str:
    """The rule's section of the rule reference: ``<base>#<code>-<name>``."""
    from awesome_lint.report.markdown_report import rule_anchor

    root = base or local_docs() or FALLBACK_DOCS
    return f"{root}#{rule_anchor(code, name)}"


def to_lsp(diagnostic: Diagnostic, index: LineIndex, docs: str | None = None
           ) -> types.Diagnostic:
    tags = []
    if diagnostic.rule in UNNECESSARY:
        tags.append(types.DiagnosticTag.Unnecessary)
    if diagnostic.rule in DEPRECATED:
        tags.append(types.DiagnosticTag.Deprecated)
    message = diagnostic.message
    if diagnostic.fix is not None:
        message += " (fixable)" if diagnostic.fix.is_safe else " (unsafe fix available)"
    return types.Diagnostic(
        range=index.diagnostic_range(diagnostic),
        message=message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(docs_url(diagnostic.code, diagnostic.rule,
                                                        docs)),
        source=SOURCE,
        tags=tags or None,
        data={"rule": diagnostic.rule},
    )


class JsonCache:
    """Diagnostics of one document as JSON-ready dicts, memoised between lints.

    Speed trick: between two edits almost every finding is the same, and building the
    lsprotocol objects and unstructuring them took longer than parsing (20-50 ms for 600
    findings).  A finding's LSP form depends only on itself and the text of its lines (the
    UTF-16 columns), so that is the key; entries not seen in the latest lint are dropped."""

    def __init__(self) -> None:
        self._found: dict[tuple[Any, ...], dict[str, Any]] = {}

    def convert(self, diagnostics: list[Diagnostic], index: LineIndex, docs: str | None,
                unstructure: Any) -> list[dict[str, Any]]:
        kept: dict[tuple[Any, ...], dict[str, Any]] = {}
        out = []
        for diagnostic in diagnostics:
            key = (diagnostic, index.line_text(diagnostic.line),
                   index.line_text(diagnostic.end_line), diagnostic.line == 1 and index.bom)
            found = kept.get(key) or self._found.get(key)
            if found is None:
                found = unstructure(to_lsp(diagnostic, index, docs))
            kept[key] = found
            out.append(found)
        self._found = kept
        return out
