"""Layout: where a list departs from its own conventions (bullets, spacing, nesting, blank
lines, headings).

The conventions are the document's majorities (:mod:`awesome_lint.syntax.layout_conventions`),
so a consistent list gets no finding here whatever its style.  Each finding's fix is the
smallest edit that brings the lines it names in line; ``awesome-lint format`` rewrites the
whole file instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Document, Span
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.syntax.layout_conventions import (
    Conventions,
    list_indent,
    nested_lists,
)
from awesome_lint.syntax.linespans import line_length
from awesome_lint.syntax.listitems import remarked_is_break
from awesome_lint.syntax.whitespace import next_content

PREFIX = "FMT"
CATEGORY = "style"


def _conventions(ctx: RuleContext) -> Conventions:
    return ctx.analysis.layout_conventions


def _shift(doc: Document, first: int, last: int, column: int, delta: int) -> list[Edit] | None:
    """Edits moving lines ``first..last`` indented at least to ``column`` (1-based) by
    ``delta`` columns; lines indented less are lazy continuations and stay.  None when a
    tab in the indentation makes the move ambiguous."""
    edits: list[Edit] = []
    for number in range(first, last + 1):
        text = doc.line_text(number)
        stripped = text.lstrip(" \t")
        if not stripped:
            continue
        lead = text[: len(text) - len(stripped)]
        if "\t" in lead:
            return None
        if len(lead) < column - 1:
            continue
        edits.append(Edit(number, 1, 0, " " * delta) if delta > 0 else
                     Edit(number, 1, -delta, ""))
    return edits


def _absorbs(doc: Document, last: int, offset: int) -> bool:
    """Whether the first non-blank line after line ``last`` is indented at least
    ``offset`` columns: moving content left to ``offset`` would pull it into the list."""
    following = next_content(doc, last)
    return following is not None and len(following.lead) >= offset


def _fix(edits: list[Edit] | None, description: str) -> Fix | None:
    return Fix(tuple(edits), description=description) if edits else None


@register
class BulletMarker(Rule):
    code = "FMT001"
    name = "bullet-marker"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "A list of entries whose bullet differs from the other entry lists at its depth."
    explanation = (
        "Readers and diffs see one list style per depth; a list of entries written with "
        "`-` among entry lists written with `*` is usually pasted from elsewhere. The "
        "majority of entry lists at each depth is the convention (nested lists may use "
        "another bullet than top-level ones); the table of contents and lists of prose "
        "may differ on purpose and are not judged. Lists that touch another list are left "
        "alone: changing their bullet would merge or split lists (mixed-bullets covers "
        "mixed markers within one list)."
    )
    bad = "* [A](https://a.org)\n* [B](https://b.org)\n\nText.\n\n- [C](https://c.org)"
    good = "* [A](https://a.org)\n* [B](https://b.org)\n\nText.\n\n* [C](https://c.org)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        conv = _conventions(ctx)
        doc = ctx.document
        for index, items in conv.by_list.items():
            info = doc.lists[index]
            want = conv.bullets.get(info.depth)
            markers = {item.info.marker for item in items}
            if info.ordered or want is None or index in conv.touching or len(markers) != 1 \
                    or want in markers or index not in conv.entry_lists:
                continue
            have = markers.pop()
            edits = []
            for item in items:
                if remarked_is_break(doc, item.info, want):
                    break
                edits.append(Edit(item.info.line, item.info.marker_column, len(have), want))
            else:
                first, last = items[0].info, items[-1].info
                span = Span(first.line, first.marker_column, last.line, last.marker_column)
                yield self.diagnostic(
                    span, f"list uses '{have}' where lists at this depth use '{want}'",
                    fix=_fix(edits, f"use '{want}'"))


@register
class MarkerSpacing(Rule):
    code = "FMT002"
    name = "marker-spacing"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "A bullet item with other spacing after its marker than most of its list's."
    explanation = (
        "`-   item` among `- item` entries moves the item's text and everything nested "
        "under it. The fix sets the spacing most bullet items of the list (nested ones "
        "included) use and moves the item's "
        "nested lines by the same amount, so nesting is kept. Numbered items are left "
        "alone: `1.  ` beside `10. ` aligns their text on purpose."
    )
    bad = "- [A](https://a.org)\n-   [B](https://b.org)\n- [C](https://c.org)"
    good = "- [A](https://a.org)\n- [B](https://b.org)\n- [C](https://c.org)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        conv = _conventions(ctx)
        doc = ctx.document
        for item in conv.items:
            want = conv.spacing.get(item.block)
            if item.info.ordered or want is None or not item.spaces or item.spaces == want:
                continue
            start = item.info.marker_column + len(item.info.marker)
            delta = want - item.spaces
            moved = _shift(doc, item.info.line + 1, item.last, item.content_column, delta)
            if delta < 0 and _absorbs(doc, item.last, item.content_column - 1 + delta):
                moved = None
            edits = None if moved is None else [
                Edit(item.info.line, start, item.spaces, " " * want), *moved]
            end = moved[-1].line if moved else item.info.line  # the lines the fix moves
            span = Span(item.info.line, start, end,
                        start + item.spaces - 1 if end == item.info.line else 1)
            yield self.diagnostic(
                span, f"{item.spaces} space{'s' if item.spaces != 1 else ''} after the "
                f"marker where items use {want}", fix=_fix(edits, f"use {want}"))


@register
class ListIndent(Rule):
    code = "FMT003"
    name = "list-indent"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "A nested list indented differently from the other nested lists."
    explanation = (
        "Nesting by two spaces in one place and four in another makes the source hard "
        "to edit. The convention is the indentation most nested lists use: at the "
        "parent's text, or a fixed number of columns (at least to the parent's text, so "
        "the list stays nested). The fix moves the whole nested list."
    )
    bad = ("- Tools\n  - [ruff](https://docs.astral.sh/ruff/)\n- Papers\n"
           "  - [ResNet](https://arxiv.org/abs/1512.03385)\n- Courses\n"
           "    - [CS231n](https://cs231n.stanford.edu/)")
    good = ("- Tools\n  - [ruff](https://docs.astral.sh/ruff/)\n- Papers\n"
            "  - [ResNet](https://arxiv.org/abs/1512.03385)\n- Courses\n"
            "  - [CS231n](https://cs231n.stanford.edu/)")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        conv = _conventions(ctx)
        if conv.indent is None:
            return
        doc = ctx.document
        for items, parent in nested_lists(conv):
            if not parent.spaces or len({i.info.marker_column for i in items}) != 1:
                continue
            width = parent.content_column - parent.info.marker_column
            want = width if conv.indent == "content" else max(int(conv.indent), width)
            have = list_indent(items, parent)
            if have == want or want > width + 3 or have < width:  # not at a nesting column
                continue
            first = items[0].info
            column = first.marker_column
            moved = _shift(doc, first.line, items[-1].last, column, want - have)
            content = min(i.content_column for i in items) - 1 + want - have
            if want < have and _absorbs(doc, items[-1].last, content):
                moved = None
            end = moved[-1].line if moved else items[-1].info.line
            span = Span(first.line, 1, end, 1)
            yield self.diagnostic(
                span, f"nested list indented {have} columns from its parent where nested "
                f"lists use {want}", fix=_fix(moved, f"indent by {want}"))


@register
class BlankLines(Rule):
    code = "FMT004"
    name = "blank-lines"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "Several blank lines in a row where the list separates blocks with one."
    explanation = (
        "Extra blank lines render as nothing and only spread the source. Only a list that "
        "uses one blank line between blocks nearly everywhere (85% of the time, or all but "
        "once in five or more places) is held to "
        "it; code blocks and HTML keep theirs."
    )
    bad = ("# Awesome Vision\n\nA list.\n\n## Papers\n\n\n* [A](https://a.org)\n\n"
           "## Talks\n\n* [T](https://t.org)\n\n## Courses\n\n* [C](https://c.org)")
    good = ("# Awesome Vision\n\nA list.\n\n## Papers\n\n* [A](https://a.org)\n\n"
            "## Talks\n\n* [T](https://t.org)\n\n## Courses\n\n* [C](https://c.org)")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        conv = _conventions(ctx)
        if not conv.single_blank_lines:
            return
        doc = ctx.document
        total = doc.line_count
        for first, last in conv.blank_runs:
            if last in (first, total) or first == 1:
                continue
            length = sum(line_length(doc, n) + 1 for n in range(first + 1, last + 1))
            yield self.diagnostic(
                Span(first + 1, 1, last, 1), f"{last - first + 1} blank lines where the "
                "list uses one", fix=Fix((Edit(first + 1, 1, length, ""),),
                                         description="remove the extra blank lines"))


@register
class HeadingBlankLines(Rule):
    code = "FMT005"
    name = "heading-blank-lines"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "A heading without the blank line before or after it that most headings have."
    explanation = (
        "A heading glued to the text around it is hard to spot in the source. Only a "
        "habit nearly all headings (85%, or all but one of five or more) show counts: in a "
        "list whose headings sit tight "
        "against their text there is no finding."
    )
    bad = ("# Awesome Vision\n\n## Papers\n\n* [A](https://a.org)\n\n## Data\n\n"
           "* [I](https://i.org)\n\n## Blogs\n\n* [B](https://b.org)\n\n## Tools\n\n"
           "* [O](https://o.org)\n\n## Books\n\n* [D](https://d.org)\n\n## Talks\n\n* [T](https://t.org)\n"
           "## Courses\n\n* [B](https://b.org)")
    good = ("# Awesome Vision\n\n## Papers\n\n* [A](https://a.org)\n\n## Data\n\n"
            "* [I](https://i.org)\n\n## Blogs\n\n* [B](https://b.org)\n\n## Tools\n\n"
            "* [O](https://o.org)\n\n## Books\n\n* [D](https://d.org)\n\n## Talks\n\n* [T](https://t.org)\n\n"
            "## Courses\n\n* [B](https://b.org)")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        conv = _conventions(ctx)
        doc = ctx.document
        for heading in conv.headings:
            width = line_length(doc, heading.line)
            if conv.blank_before_headings and heading.blank_before is False:
                yield self.diagnostic(Span(heading.line, 1, heading.line, 1),
                                      "no blank line before the heading",
                                      fix=Fix((Edit(heading.line, 1, 0, "\n"),),
                                              description="add a blank line"))
            if conv.blank_after_headings and heading.blank_after is False:
                yield self.diagnostic(Span(heading.line, width, heading.line, width),
                                      "no blank line after the heading",
                                      fix=Fix((Edit(heading.line, width + 1, 0, "\n"),),
                                              description="add a blank line"))


@register
class HeadingSpacing(Rule):
    code = "FMT006"
    name = "heading-spacing"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "A heading with other whitespace after its `#`s than most headings."
    explanation = (
        "`##   Papers` among `## Papers` headings renders the same but reads as a typo "
        "and shows up in diffs. The fix uses the spacing most headings use."
    )
    bad = "# Awesome Papers\n\n##   Vision\n\n## Language"
    good = "# Awesome Papers\n\n## Vision\n\n## Language"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        conv = _conventions(ctx)
        want = conv.heading_gap
        if want is None:
            return
        for heading in conv.headings:
            if heading.gap == want:
                continue
            start = heading.gap_column
            span = Span(heading.line, start, heading.line, start + len(heading.gap) - 1)
            yield self.diagnostic(span, f"{heading.gap!r} after the heading's '#' where "
                                  f"headings use {want!r}",
                                  fix=self.replace(span, want, description=f"use {want!r}"))
