"""Inline suppression through HTML comments, which GitHub does not render.

``<!-- awesome-lint-disable CODE[,CODE] -->`` ... ``<!-- awesome-lint-enable CODE -->``,
``<!-- awesome-lint-disable-next-line CODE -->``, ``<!-- awesome-lint-disable-line CODE -->``
and ``<!-- awesome-lint-disable-file CODE -->``.  No codes means every rule.  Codes may be
codes, prefixes or rule names, as on the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from awesome_lint.diagnostics import Diagnostic
from awesome_lint.model import Comment, Document

_DIRECTIVE = re.compile(
    r"awesome-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b\s*(.*)",
    re.DOTALL,
)


@dataclass(eq=False)
class Directive:
    """One inline ``awesome-lint-disable``/``enable`` comment and the lines it covers."""

    kind: str
    selectors: tuple[str, ...]  # empty: every rule
    comment: Comment
    first_line: int
    last_line: int  # inclusive; set when an enable closes a disable
    used: set[str] = field(default_factory=set)

    def covers(self, diagnostic: Diagnostic) -> bool:
        if not self.first_line <= diagnostic.line <= self.last_line:
            return False
        return not self.selectors or any(_selects(s, diagnostic) for s in self.selectors)


def _selects(selector: str, diagnostic: Diagnostic) -> bool:
    sel = selector.strip()
    return (diagnostic.code.upper().startswith(sel.upper()) or diagnostic.rule == sel.lower()
            or diagnostic.category == sel.lower() or sel.upper() == "ALL")


def directives(document: Document) -> list[Directive]:
    out: list[Directive] = []
    open_disables: list[Directive] = []
    last = max(1, len(document.lines))
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.text)
        if match is None:
            continue
        kind = match.group(1)
        selectors = tuple(s for s in re.split(r"[\s,]+", match.group(2).strip()) if s)
        line = comment.span.line
        if kind == "disable-file":
            out.append(Directive(kind, selectors, comment, 1, last))
        elif kind == "disable-line":
            out.append(Directive(kind, selectors, comment, line, comment.span.end_line))
        elif kind == "disable-next-line":
            target = comment.span.end_line + 1
            while target <= last and not document.lines[target - 1].strip():
                target += 1
            out.append(Directive(kind, selectors, comment, target, target))
        elif kind == "disable":
            directive = Directive(kind, selectors, comment, line, last)
            out.append(directive)
            open_disables.append(directive)
        else:  # enable: closes the matching open disables
            for directive in list(open_disables):
                if not selectors or set(selectors) & set(directive.selectors) or \
                        not directive.selectors:
                    directive.last_line = line
                    open_disables.remove(directive)
    return out


#: Directives covering at most this many lines are indexed by line; wider ones (a
#: ``disable`` block, ``disable-file``) are few and tried on every diagnostic.
_INDEXED_SPAN = 64


def apply(diagnostics: list[Diagnostic], active: list[Directive]) -> list[Diagnostic]:
    """Drop suppressed diagnostics, marking the directives that did the work.

    Directives are looked up by the diagnostic's line (trying each directive on each
    diagnostic was quadratic on a file of ``disable-next-line`` comments)."""
    by_line: dict[int, list[Directive]] = {}
    wide: list[Directive] = []
    for directive in active:
        if directive.last_line - directive.first_line < _INDEXED_SPAN:
            for line in range(directive.first_line, directive.last_line + 1):
                by_line.setdefault(line, []).append(directive)
        else:
            wide.append(directive)
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        near = by_line.get(diagnostic.line, ())
        hit = [d for d in (*wide, *near) if d.covers(diagnostic)]
        for directive in hit:
            directive.used.add(diagnostic.code)
        if not hit:
            kept.append(diagnostic)
    return kept
