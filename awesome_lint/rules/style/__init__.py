"""Style: bullets, whitespace, final newline, mojibake, tabs, unused suppressions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Document, ListInfo, Span
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.syntax import mojibake
from awesome_lint.syntax.linespans import is_blank, line_length
from awesome_lint.syntax.whitespace import trailing_whitespace

PREFIX = "STY"
CATEGORY = "style"


def _list_runs(document: Document) -> Iterator[list[ListInfo]]:
    """Groups of bullet lists that readers see as one list: CommonMark starts a new list
    whenever the bullet character changes, so adjacent lists at one depth belong together
    (with nothing but blank lines between them: a heading between two lists separates
    them)."""
    run: list[ListInfo] = []
    for info in sorted((x for x in document.lists if not x.ordered and x.items),
                       key=lambda x: x.line):
        if run and run[-1].depth == info.depth and 0 <= info.line - run[-1].end_line <= 2 \
                and run[-1].items[0].marker_column == info.items[0].marker_column \
                and all(is_blank(document, n)
                        for n in range(run[-1].end_line + 1, info.line)):
            run.append(info)
        else:
            if run:
                yield run
            run = [info]
    if run:
        yield run


@register
class MixedBullets(Rule):
    code = "STY001"
    name = "mixed-bullets"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "Different bullet markers (`*`, `-`, `+`) within one list."
    explanation = (
        "CommonMark ends a list when the bullet character changes, so `* a` followed by "
        "`- b` is two lists with extra spacing between them. The fix uses the marker the "
        "list uses most."
    )
    bad = "* [A](https://a.org)\n- [B](https://b.org)"
    good = "* [A](https://a.org)\n* [B](https://b.org)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for run in _list_runs(ctx.document):
            items = [item for info in run for item in info.items]
            counts = Counter(item.marker for item in items)
            if len(counts) < 2:
                continue
            best = max(counts, key=lambda m: (counts[m], -items.index(
                next(i for i in items if i.marker == m))))
            for item in items:
                if item.marker != best:
                    span = Span(item.line, item.marker_column, item.line, item.marker_column)
                    yield self.diagnostic(
                        span, f"bullet '{item.marker}' in a list that uses '{best}'",
                        fix=self.replace(span, best, description=f"use '{best}'"))


@register
class TrailingWhitespace(Rule):
    code = "STY002"
    name = "trailing-whitespace"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "Trailing whitespace that is not a hard line break."
    explanation = (
        "Two or more trailing spaces inside a paragraph are a hard line break and are kept. "
        "Anywhere else trailing whitespace is invisible noise that produces diff churn."
    )
    bad = "* [A](https://a.org)   \n* [B](https://b.org)"
    good = "* [A](https://a.org)\n* [B](https://b.org)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        for found in trailing_whitespace(doc):
            number, trailing = found.line, found.text
            if number in doc.code_lines:
                continue
            if found.column > 1 and number in doc.continued_lines and \
                    trailing.strip(" ") == "" and len(trailing) >= 2:
                continue  # a hard line break
            span = Span(number, found.column, number, found.end_column)
            yield self.diagnostic(span, f"{len(trailing)} trailing whitespace character"
                                  f"{'s' if len(trailing) > 1 else ''}",
                                  fix=self.replace(span, "", description="remove"))


@register
class MissingFinalNewline(Rule):
    code = "STY003"
    name = "missing-final-newline"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "File does not end with a newline."
    explanation = (
        "Without a final newline, `git diff` shows '\\ No newline at end of file' and the "
        "next appended entry changes the previous line too."
    )
    bad = "* [A](https://a.org)⏎* [B](https://b.org)<EOF>"
    good = "* [A](https://a.org)⏎* [B](https://b.org)⏎<EOF>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        if doc.ends_with_newline or not doc.line_count:
            return
        last = doc.line_count
        end = line_length(doc, last) + 1
        yield self.diagnostic(Span(last, end, last, end), "no newline at end of file",
                              fix=Fix((Edit(last, end, 0, "\n"),), Applicability.SAFE,
                                      "add a newline"))


@register
class Mojibake(Rule):
    code = "STY004"
    name = "mojibake"
    category = CATEGORY
    fixable = True
    summary = "UTF-8 text garbled by a Mac Roman or cp1252 round trip (`‚≠ê` for ⭐)."
    explanation = (
        "Copying text through a tool that decoded UTF-8 as Mac Roman or cp1252 turns ⭐ "
        "into `‚≠ê` and ’ into `â€™`. The fix restores the intended characters; where the "
        "first byte was lost (`üåü` for 🌟) the repair is a guess and the fix is unsafe."
    )
    bad = "* ‚≠ê [CS231n](http://cs231n.stanford.edu/)"
    good = "* ⭐ [CS231n](http://cs231n.stanford.edu/)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        for number, found in mojibake.in_lines(doc, skip=doc.code_lines):
            span = Span(number, found.column, number, found.column + len(found.text) - 1)
            how = "" if found.certain else " (a guess: its first byte was lost)"
            yield self.diagnostic(
                span, f"mojibake '{found.text}' is probably '{found.repaired}'{how}",
                fix=self.replace(span, found.repaired, safe=found.certain,
                                 description=f"write {found.repaired!r}"))


@register
class TabIndentation(Rule):
    code = "STY005"
    name = "tab-indentation"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "Tabs in list indentation."
    explanation = (
        "Editors show tabs at different widths, and CommonMark expands them to the next "
        "multiple of four columns, so tab-indented nesting is fragile. The fix replaces "
        "each tab with the spaces CommonMark reads it as, so rendering is unchanged; a tab "
        "before an item's continuation line (`\\t[[code]](url)` under `-   Title.`) is "
        "replaced the same way. A list "
        "that indents most (and at least three) nested items with tabs (sindresorhus/awesome) "
        "follows its own "
        "convention and is left alone."
    )
    bad = "- Tools\n\t- [ruff](https://docs.astral.sh/ruff/)"
    good = "- Tools\n    - [ruff](https://docs.astral.sh/ruff/)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        indented = [item.indent_text for info in ctx.document.lists for item in info.items
                    if item.indent_text]
        tabbed = sum("\t" in indent for indent in indented)
        if tabbed >= 3 and tabbed * 2 > len(indented):
            return  # the list indents with tabs throughout: its own convention
        for info in ctx.document.lists:
            for item in info.items:
                indents = [(item.line, item.indent_text)] if "\t" in item.indent_text else []
                for line, indent in (*indents, *item.tabbed_continuations):
                    span = Span(line, 1, line, len(indent))
                    yield self.diagnostic(span, "tab in list indentation",
                                          fix=self.replace(span, indent.expandtabs(4),
                                                           description="indent with spaces"))


@register
class UnusedSuppression(Rule):
    code = "STY006"
    name = "unused-suppression"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "An `awesome-lint-disable` comment that suppresses nothing."
    explanation = (
        "Suppressions outlive the problems they silenced; a stale one hides the next real "
        "problem on those lines. The fix removes it. The engine reports these after the "
        "other rules ran, counting only rules that ran."
    )
    bad = "<!-- awesome-lint-disable-next-line LNK001 -->\n* [A](https://a.org)"
    good = "* [A](https://a.org)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        return iter(())  # computed by the engine from the suppression directives
