"""The one-way flow: text → tree → diagnostics (with fixes) → fixed text.

The engine picks the selected rules, runs them over the tree, applies inline suppressions and,
for ``fix``, applies fixes pass after pass, refusing any result that lost a link or no
longer parses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from awesome_lint.config import Config
from awesome_lint.diagnostics import Diagnostic, Edit, Fix
from awesome_lint.model import Comment, Document
from awesome_lint.rules import (
    CLASSIC_FAMILIES,
    Rule,
    RuleContext,
    find_rule,
    is_valid_selector,
    iter_selected,
)
from awesome_lint.rules.context import Services
from awesome_lint.startup import paused_gc
from awesome_lint.syntax import suppression
from awesome_lint.syntax.parser import ParseMemo, parse, split_lines

if TYPE_CHECKING:
    from awesome_lint.autofix.formatter import Formatted
    from awesome_lint.autofix.linemap import LineMap

MAX_FIX_PASSES = 10


class UnsafeFixError(RuntimeError):
    """A fix result that would lose content; nothing is written."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class FixResult:
    """The fixed text, what was fixed and what is left."""

    text: str
    original: str
    applied: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    #: Whether the formatter changed the text after the rule fixes.
    formatted: bool = False
    #: Link destinations removed or rewritten on purpose (by rule fixes that declare them
    #: and by the TOC update); every other destination of the input is in ``text``.
    intended: Counter[str] = field(default_factory=Counter)
    #: Where each line of ``text`` came from on disk, followed through the rule fixes;
    #: None after formatting (which rewrites blocks rather than making edits).
    line_map: LineMap | None = None

    @property
    def changed(self) -> bool:
        return self.text != self.original


def selected_rules(config: Config, *, network: bool = False,
                   skip: frozenset[str] = frozenset()) -> list[type[Rule]]:
    """The rules ``config`` selects, without the network's unless ``network``, and without
    those of the family modules in ``skip``."""
    return [rule for rule in iter_selected(config.effective_select, config.ignore,
                                           network=network, skip=skip)
            if (network or not rule.needs_network) and rule.__module__ not in skip]


def _silent_families(ctx: RuleContext, active: list[suppression.Directive]) -> frozenset[str]:
    """Speed trick (listed in awesome_lint.startup): the families whose every rule would be
    silent on this document, not imported at all: the classic awesome-list rules (AWE) on a
    list of another dialect (2.3 ms of a seed's ``check``).  A document with suppression
    comments runs them all, as a comment that names a rule depends on whether it ran."""
    if active or ctx.analysis.dialect.classic:
        return frozenset()
    return CLASSIC_FAMILIES


def lint_document(document: Document, config: Config | None = None, *,
                  network: bool = False, services: Services | None = None
                  ) -> list[Diagnostic]:
    """Every finding of the selected rules in ``document``; the network rules only with
    ``network``.  ``services``: the file resolver and network results the rules may read."""
    config = config or Config()
    ctx = RuleContext(document, config, services if services is not None else Services())
    active = suppression.directives(document)
    rules = selected_rules(config, network=network, skip=_silent_families(ctx, active))
    found: list[Diagnostic] = []
    with paused_gc():
        for rule_class in rules:
            found.extend(rule_class().check(ctx))
    kept = suppression.apply(found, active)
    kept.extend(_suppression_findings(active, rules, document))
    path = document.path
    return sorted((_with_path(d, path) for d in kept), key=lambda d: d.sort_key)


def _with_path(diagnostic: Diagnostic, path: str | None) -> Diagnostic:
    if diagnostic.path == path:
        return diagnostic
    if type(diagnostic) is Diagnostic:
        # Speed trick (listed in awesome_lint.startup): the copy built positionally, once
        # per finding; dataclasses.replace reads the fields' table on every call (5x).
        d = diagnostic
        return Diagnostic(d.code, d.rule, d.category, d.severity, d.line, d.column,
                          d.end_line, d.end_column, d.message, d.fix, d.data, path)
    from dataclasses import replace

    return replace(diagnostic, path=path)


def _suppression_findings(active: list[suppression.Directive], rules: list[type[Rule]],
                          document: Document) -> Iterable[Diagnostic]:
    """A directive that suppresses nothing is itself a finding (when its rules ran)."""
    unused = find_rule("unused-suppression")
    if unused is None or unused not in rules:
        return
    rule = unused()
    ran = {r.code for r in rules}
    for directive in active:
        if directive.used:
            continue
        unknown = [s for s in directive.selectors if not is_valid_selector(s)]
        if unknown:
            from awesome_lint.rules import selector_hint

            yield rule.diagnostic(directive.comment.span,
                                  f"suppression names unknown rule {', '.join(unknown)}"
                                  f"{selector_hint(unknown[0])}")
            continue
        from awesome_lint.rules import matches

        targets = [r for r in rules if not directive.selectors
                   or any(matches(r, s) for s in directive.selectors)]
        if directive.selectors and not all(
                any(matches(r, s) and r.code in ran for r in rules)
                for s in directive.selectors):
            continue  # it names a rule that did not run (e.g. network rules offline)
        what = ", ".join(directive.selectors) or "all rules"
        if targets:
            yield rule.diagnostic(directive.comment.span,
                                  f"'awesome-lint-{directive.kind}' for {what} suppresses "
                                  "nothing", fix=_remove_comment(directive.comment, document))


def _remove_comment(comment: Comment, document: Document) -> Fix | None:
    """Delete a stale directive: its whole line(s) when it stands alone."""
    span = comment.span
    if comment.standalone:
        length = sum(len(document.line_text(n)) + 1 for n in range(span.line, span.end_line + 1))
        return Fix((Edit(span.line, 1, length, ""),), description="remove the comment")
    if span.line != span.end_line:
        return None
    start = span.column
    while start > 1 and document.line_text(span.line)[start - 2] == " ":
        start -= 1  # take the space that separated it from the text
    return Fix((Edit(span.line, start, span.end_column - start + 1, ""),),
               description="remove the comment")


def lint(text: str, config: Config | None = None, *, path: str | None = None,
         network: bool = False) -> list[Diagnostic]:
    """Parse ``text`` and return every finding of the selected rules."""
    return lint_document(parse(text, path), config, network=network)


def fix_text(text: str, config: Config | None = None, *, path: str | None = None,
             unsafe: bool | None = None, network: bool = False,
             services: Services | None = None, format: bool = False,
             only_lines: set[int] | None = None) -> FixResult:
    """Apply fixes until none applies; refuse results that lose links or stop parsing.

    ``awesome-lint fix`` applies the fixes of findings and nothing else.  With ``format``
    (``awesome-lint format``, unless ``[format] enabled = false``) the result is then
    written in canonical form by :mod:`awesome_lint.autofix.formatter`, and refused when that
    would change how any block renders.

    ``only_lines`` (``fix --diff-base``): apply only fixes whose edits stay on these lines
    of the input, and lines earlier fixes wrote."""
    from awesome_lint.autofix.apply import apply_fixes  # not for ``check`` (awesome_lint.startup)
    from awesome_lint.autofix.linemap import LineMap

    config = config or Config()
    allow_unsafe = config.unsafe_fixes if unsafe is None else unsafe
    body, had_bom, newline = _normalised_body(text)
    memo = ParseMemo()  # the later parses differ from the one before in a few lines
    document = parse(text, path, memo=memo)
    intended: Counter[str] = Counter()
    applied: list[Diagnostic] = []
    diagnostics = lint_document(document, config, network=network, services=services)
    formatting = format and _format_options(config).enabled
    formatted = False
    canonical_tree = False  # ``document`` is the parse of the formatter's own output
    line_map: LineMap | None = LineMap(body.count("\n") + 1)
    for _ in range(MAX_FIX_PASSES):
        changed = False
        chosen = diagnostics if only_lines is None else \
            [] if line_map is None else line_map.in_scope(diagnostics, body, only_lines)
        result = apply_fixes(body, chosen, unsafe=allow_unsafe)
        if result.applied and result.text != body:
            # the tree of the text before the fixes is read no more: freed before the guard
            # and the parse of the fixed text, which reuse its memory
            _release(document)
            del document
            removes = [url for d in result.applied if d.fix for url in d.fix.removes]
            _guard(body, result.text, [e for d in result.applied if d.fix for e in d.fix.edits],
                   removes)
            if line_map is not None:
                line_map = line_map.follow(body, result.text, result.applied)
            intended.update(removes)
            applied.extend(result.applied)
            body, changed, canonical_tree = result.text, True, False
            try:
                document = parse(body, path, memo=memo)
            except ValueError as err:
                raise UnsafeFixError(f"fixed text no longer parses ({err}); nothing written"
                                     ) from None
        if formatting and document.lines and not canonical_tree:
            # formatting in the same pass: its tree is linted once for both, and a layout
            # change that reveals a new finding with a fix gets it in the next pass.  The
            # formatter's own output is not formatted again: formatting is idempotent
            # (a property the tests check on generated lists, the fixtures and real lists).
            from awesome_lint.autofix.formatter import format_document

            canonical = format_document(document, _format_options(config), unsafe=allow_unsafe)
            if canonical.text != body:
                document = _released(document, _checked_format(body, document, canonical,
                                                               path, memo))
                body, changed, formatted = canonical.text, True, True
                line_map = None
                intended.update(canonical.toc_rewritten)
            canonical_tree = True
        if not changed:
            break
        chosen = diagnostics = []  # what the last pass applied is in ``applied``
        diagnostics = lint_document(document, config, network=network, services=services)
    # the caller gets text, not the tree: freed now, not at exit (one tree per file of a
    # multi-file ``fix`` otherwise stays: the CLI runs without the cyclic collector)
    _release(document)
    del document
    out = body.replace("\n", newline) if newline != "\n" else body
    if had_bom:
        out = "\ufeff" + out
    return FixResult(text=out, original=text, applied=applied, remaining=diagnostics,
                     formatted=formatted, intended=intended, line_map=line_map)


def _normalised_body(text: str) -> tuple[str, bool, str]:
    """``text`` without a BOM and with ``\n`` line endings; whether it had a BOM; its
    newline.  Memory trick: most files need neither change, and then ``text`` itself is the
    body (a second copy of a 50k-entry list and its lines is 14 MB of ``fix``'s peak)."""
    if "\r" not in text and not text.startswith("\ufeff"):
        return text, False, "\n"
    lines, had_bom, newline, ends = split_lines(text)
    return "\n".join(lines) + ("\n" if ends else ""), had_bom, newline


def _released(old: Document, new: Document) -> Document:
    """``new``, once ``old`` (the tree of the text before a fix pass) is let go.

    Memory trick: ``awesome-lint`` runs with the garbage collector off (see
    ``cli.console_main``), and a tree's sections point at their parents: a cycle that kept
    every replaced tree, and all it holds (entries, links, spans), to the end of the run,
    file after file.  Nothing reads an old tree again, so its parent links are cut and
    reference counting frees it.  What rules computed for it lived on its lint's
    :class:`~awesome_lint.rules.context.Analysis`, gone with that lint's context."""
    if old is not new:
        _release(old)
    return new


def _release(old: Document) -> None:
    """Let go of ``old`` (see :func:`_released`): its section cycle is cut."""
    for section in list(old.root.walk()):
        section.parent = None


def _format_options(config: Config) -> Any:
    """Imported on use: ``check`` (pre-commit's hot path) never needs the formatter."""
    from awesome_lint.autofix.formatter import options_for

    return options_for(config)


def _guard(before: str, after: str, edits: list[Edit], removes: list[str]) -> None:
    """Refuse fixed text that GitHub renders differently outside the edited lines, or that
    lost a link, image or anchor the fixes do not declare (:mod:`awesome_lint.autofix.guards`)."""
    from awesome_lint.autofix import guards

    refusal = guards.judge(before, after, guards.Declared.of_edits(before, after, edits),
                           removes)
    guards.forget()
    if refusal is not None:
        raise UnsafeFixError(refusal.message, refusal.line)


def _checked_format(body: str, document: Document, formatted: Formatted, path: str | None,
                    memo: ParseMemo | None = None) -> Document:
    """Refuse formatter output that renders differently or loses content; return its tree.

    The reference (``body`` with only the layout changes meant to alter rendering, such as
    an updated TOC anchor) may differ from ``body`` only on the lines it changes; the
    formatted text must render exactly like the reference, everywhere.  Badges and tags
    must survive as well."""
    from awesome_lint.autofix import guards

    refusal = guards.judge(body, formatted.reference,
                           guards.Declared.of_diff(body, formatted.reference),
                           formatted.toc_rewritten, what="formatting") \
        or guards.judge(formatted.reference, formatted.text, what="formatting")
    if refusal is not None:
        raise UnsafeFixError(f"{refusal.message} (lay out that block by hand, or run "
                             "`awesome-lint fix`: it applies the findings' fixes and leaves "
                             "the layout alone)", refusal.line)
    try:
        new = parse(formatted.text, path, memo=memo)
    except ValueError as err:
        raise UnsafeFixError(f"formatted text no longer parses ({err}); nothing written"
                             ) from None
    for what, old_items, new_items in _contents(document, new):
        missing = old_items - new_items
        if missing:
            item = next(iter(missing))
            raise UnsafeFixError(f"formatting would lose the {what} {item!r}; nothing written")
    return new


def _contents(old: Document, new: Document) -> Iterable[tuple[str, Counter[str], Counter[str]]]:
    """What formatting must keep besides what GitHub renders: badges and tags, as multisets."""
    def badges(doc: Document) -> Counter[str]:
        return Counter(" ".join(b.raw.split()) for b in doc.badges)

    def tags(doc: Document) -> Counter[str]:
        return Counter(t.name for e in doc.entries for t in e.tags)

    yield "badge", badges(old), badges(new)
    yield "tag", tags(old), tags(new)


