"""Code actions: each finding's fix, "fix all safe" for the file, and "disable for this line".

Fixes are the engine's own :class:`~awesome_lint.diagnostics.Fix` edits, converted to UTF-16
ranges; "fix all" is :func:`awesome_lint.engine.fix_text` without formatting (the same
passes as ``awesome-lint fix``, refusing a result that would lose a link), sent as one
edit spanning what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lsprotocol import types

from awesome_lint.diagnostics import Diagnostic
from awesome_lint.lsp.convert import SOURCE, to_lsp
from awesome_lint.lsp.documents import Snapshot
from awesome_lint.lsp.positions import offset_position, overlaps

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
QUICK_FIX = types.CodeActionKind.QuickFix.value
DISABLE_LINE = "awesome-lint-disable-line"
#: Findings one does not suppress: remove the stale directive instead.
NOT_SUPPRESSIBLE = frozenset({"unused-suppression"})


@dataclass(frozen=True)
class Options:
    """What the client can take: version-checked edits, edits resolved on demand."""

    versioned: bool = False
    resolve_edit: bool = False
    docs_url: str | None = None


def _wanted(kind: str, only: list[str] | None) -> bool:
    """LSP's ``only`` filter: a kind matches its own prefixes (``source`` takes
    ``source.fixAll.awesome-lint``)."""
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def code_actions(snapshot: Snapshot, where: types.Range, only: list[str] | None,
                 options: Options) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    here = [d for d in snapshot.diagnostics
            if overlaps(snapshot.index.diagnostic_range(d), where)]
    if _wanted(QUICK_FIX, only):
        actions += [_fix_action(snapshot, d, options) for d in here if d.fix is not None]
        if any(d.fix is not None and d.fix.is_safe for d in here):
            actions.extend(fix_all_action(snapshot, options, QUICK_FIX))
        seen: set[tuple[int, str]] = set()
        for d in here:
            if (d.line, d.code) not in seen:
                seen.add((d.line, d.code))
                actions.extend(_disable_action(snapshot, d, options))
    if _wanted(FIX_ALL, only) and any(d.fix is not None and d.fix.is_safe
                                      for d in snapshot.diagnostics):
        actions.extend(fix_all_action(snapshot, options, FIX_ALL))
    return actions


def _edit(snapshot: Snapshot, edits: list[types.TextEdit], options: Options
          ) -> types.WorkspaceEdit:
    if options.versioned and snapshot.version is not None:
        document = types.OptionalVersionedTextDocumentIdentifier(snapshot.uri, snapshot.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            document, list(edits))])
    return types.WorkspaceEdit(changes={snapshot.uri: edits})


def _fix_action(snapshot: Snapshot, diagnostic: Diagnostic, options: Options
                ) -> types.CodeAction:
    fix = diagnostic.fix
    assert fix is not None
    what = fix.description or f"fix {diagnostic.rule}"
    title = f"{what[:1].upper()}{what[1:]} ({diagnostic.code})"
    if not fix.is_safe:
        title += " [unsafe]"
    edits = [snapshot.index.text_edit(e, snapshot.newline) for e in fix.edits]
    return types.CodeAction(
        title=title, kind=QUICK_FIX, is_preferred=fix.is_safe,
        diagnostics=[to_lsp(diagnostic, snapshot.index, options.docs_url)],
        edit=_edit(snapshot, edits, options))


def fix_all_action(snapshot: Snapshot, options: Options, kind: str) -> list[types.CodeAction]:
    """"Fix all safe" as a quick fix or a ``source.fixAll`` action; its edit is computed
    now, or on ``codeAction/resolve`` when the client can ask for it then."""
    action = types.CodeAction(title="Fix all safe awesome-lint findings in this file",
                              kind=kind,
                              data={"uri": snapshot.uri, "version": snapshot.version})
    if options.resolve_edit:
        return [action]
    edit = fix_all_edit(snapshot, options)
    if edit is None:
        return []
    action.edit = edit
    return [action]


def fix_all_edit(snapshot: Snapshot, options: Options) -> types.WorkspaceEdit | None:
    """One edit from the first to the last changed character; None when nothing changes
    or the engine refuses the result."""
    new = _fixed_text(snapshot)
    old = snapshot.text
    if new is None or old == new:
        return None
    start = _common_length(old, new, lambda t, n: t[:n])
    end = _common_length(old[start:], new[start:], lambda t, n: t[len(t) - n:])
    if start and old[start - 1] == "\r":  # never split a \r\n
        start -= 1
    if end and old[len(old) - end] == "\n" and old[len(old) - end - 1:len(old) - end] == "\r":
        end -= 1
    encoding = snapshot.index.encoding
    text_range = types.Range(offset_position(old, start, encoding),
                             offset_position(old, len(old) - end, encoding))
    return _edit(snapshot, [types.TextEdit(text_range, new[start:len(new) - end])], options)


def _common_length(a: str, b: str, part: Callable[[str, int], str]) -> int:
    """Length of the longest common prefix (or suffix, by ``part``): a binary search over
    slice comparisons, which run in C, instead of a loop over a list's characters."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if part(a, middle) == part(b, middle):
            low = middle
        else:
            high = middle - 1
    return low


def _fixed_text(snapshot: Snapshot) -> str | None:
    """The text after every safe fix, as ``awesome-lint fix`` without formatting; computed
    once per snapshot."""
    from awesome_lint.engine import UnsafeFixError, fix_text
    from awesome_lint.syntax.parser import ParseError

    if not snapshot.fixed_known and snapshot.document is not None:
        try:
            snapshot.fixed = fix_text(snapshot.text, snapshot.config,
                                      path=snapshot.document.path, unsafe=False,
                                      services=snapshot.services,
                                      network=snapshot.services.network).text
        except (UnsafeFixError, ParseError):
            snapshot.fixed = None
    snapshot.fixed_known = True
    return snapshot.fixed


def _disable_action(snapshot: Snapshot, diagnostic: Diagnostic, options: Options
                    ) -> list[types.CodeAction]:
    """Suppress one code on the finding's line with an HTML comment (GitHub hides it)."""
    document = snapshot.document
    line = diagnostic.line
    text = snapshot.index.line_text(line)
    if (document is None or diagnostic.rule in NOT_SUPPRESSIBLE or not text.strip()
            or line in document.code_lines):
        return []
    from awesome_lint.syntax import suppression

    index = snapshot.index
    for directive in suppression.directives(document):
        span = directive.comment.span
        if directive.kind == "disable-line" and span.line == line == span.end_line:
            if not directive.selectors:
                return []  # it already silences every rule here
            closer = span.end_column - 2  # the "-->"
            spaced = text[closer - 2:closer - 1] == " "
            insert = f"{diagnostic.code} " if spaced else f" {diagnostic.code} "
            position = index.position(line, closer)
            break
    else:
        content = len(text.rstrip())  # keep trailing spaces (a hard break) at the end
        insert = f" <!-- {DISABLE_LINE} {diagnostic.code} -->"
        position = index.position(line, content + 1)
    edit = types.TextEdit(types.Range(position, position), insert)
    return [types.CodeAction(
        title=f"Disable {diagnostic.code} for this line", kind=QUICK_FIX,
        diagnostics=[to_lsp(diagnostic, index, options.docs_url)],
        edit=_edit(snapshot, [edit], options))]
