"""Document structure: empty sections, duplicate and skipped headings, a stale TOC."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Section, Span
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.syntax.conventions import is_empty
from awesome_lint.syntax.linespans import whole_line
from awesome_lint.syntax.slugs import matching_anchors

PREFIX = "STR"
CATEGORY = "structure"


def _heading_span(ctx: RuleContext, section: Section) -> Span:
    return whole_line(ctx.document, section.line)


@register
class EmptySection(Rule):
    code = "STR001"
    name = "empty-section"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "Heading with nothing under it before the next heading of its level or higher."
    explanation = (
        "An empty section promises readers a topic and delivers nothing; usually its "
        "entries were moved or never written. Remove the heading or add entries. A list "
        "whose headings are labels is left alone: calendar headings where most siblings "
        "are dates (an empty `#### 2014-07` says nothing was read that month), and flat "
        "label headings (`### 2024` then `### Conference`, repeated per year). A heading "
        "that links to another page (`## In Depth: [Vision](vision/README.md)`) points to "
        "its content, and an `<a name>` anchor under a heading belongs to the next one."
    )
    bad = "### Talks\n\n### Tasks\n* [Grand Challenge](https://grand-challenge.org/)"
    good = "### Tasks\n* [Grand Challenge](https://grand-challenge.org/)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = ctx.analysis.conventions
        #: Lines with a link to another page: such a heading is a pointer, not a section.
        pointers = {link.line for link in ctx.document.links
                    if not link.image and not link.destination.startswith("#")}
        for section in ctx.document.sections:
            if not is_empty(section) or section.line in pointers:
                continue
            if found.is_label(section):
                continue  # the list labels groups with headings: see conventions
            yield self.diagnostic(_heading_span(ctx, section),
                                  f"section '{section.title}' is empty")


@register
class DuplicateHeading(Rule):
    code = "STR002"
    name = "duplicate-heading"
    category = CATEGORY
    summary = "Two headings with the same text at the same level under the same parent."
    explanation = (
        "Sibling headings with the same title split one topic in two and get anchors "
        "`#x` and `#x-1`, so TOC links reach only the first. Merge the sections. In a "
        "list that groups flat headings under label headings (`### 2024` then "
        "`### Conference`), a heading repeated in another label's group is by design; "
        "a calendar heading repeated with entries under both (`## 2022-06` twice) is not."
    )
    bad = "## Papers\n* [A](https://a.org)\n## Papers\n* [B](https://b.org)"
    good = "## Papers\n* [A](https://a.org)\n* [B](https://b.org)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = ctx.analysis.conventions
        for parent in ctx.document.root.walk():
            seen: dict[tuple[int, str], Section] = {}
            for child in parent.children:
                # an empty label names the group after it; a dated section with entries
                # (``## 2022-06`` of a reading log) is a section and may not repeat
                if found.is_label(child) and is_empty(child):
                    # a label starts a new group: its headings may repeat earlier groups'
                    if (id(parent), child.level) in found.labelled_runs:
                        seen = {k: v for k, v in seen.items() if k[0] != child.level}
                    continue
                key = (child.level, " ".join(child.title.casefold().split()))
                first = seen.setdefault(key, child)
                if first is not child:
                    yield self.diagnostic(
                        _heading_span(ctx, child),
                        f"heading '{child.title}' repeats the one on line {first.line}")


#: A skipped level shared by this many sibling headings is the section's layout (six year
#: headings at `####` straight under `## Theory`), not a mistyped heading.
_LAYOUT_RUN = 3


def _run(section: Section) -> int:
    """How many headings of ``section``'s level share its parent."""
    parent = section.parent
    return 1 if parent is None else sum(c.level == section.level for c in parent.children)


@register
class SkippedHeadingLevel(Rule):
    code = "STR003"
    name = "skipped-heading-level"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "Heading that skips a level (`#` followed by `###`)."
    explanation = (
        "Skipped levels break the outline that screen readers and GitHub's table of "
        "contents build from headings. Use the next level down. The list's own structure "
        "decides: a skip is reported only where the list mostly nests that level one "
        "level down (its year headings are `####` under `###`, but one section has them "
        "under `##`) or where the heading is the only one at its level (one `#####` in a "
        "list of `##` and `###`), not right after the title heading, where the level picks a font "
        "size for an intro line (`# Title` then `#### Why?`), and not for a run of three or "
        "more sibling headings at the skipped level (the section's layout, not a typo)."
    )
    bad = ("# Resources\n## Papers\n### Vision\n#### 2019\n### Audio\n#### 2019\n"
           "## Courses\n#### 2020")
    good = ("# Resources\n## Papers\n### Vision\n#### 2019\n### Audio\n#### 2019\n"
            "## Courses\n### Lectures\n#### 2020")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        sections = ctx.document.sections
        #: Per level: headings the list puts directly under the level above, minus those
        #: it puts deeper (``###### Tip`` under ``####`` throughout a cheat-sheet section).
        habit: Counter[int] = Counter()
        for s in sections:
            if s.parent is not None and s.parent.level:
                habit[s.level] += 1 if s.parent.level == s.level - 1 else -1
        used = Counter(s.level for s in sections)
        previous = 0
        for section in sections:
            # a lone heading at a level the list uses nowhere else has no habit to follow
            if previous > 1 and section.level > previous + 1 \
                    and (habit[section.level] > 0 or used[section.level] == 1) \
                    and _run(section) < _LAYOUT_RUN:
                yield self.diagnostic(
                    _heading_span(ctx, section),
                    f"heading level {section.level} follows level {previous}; expected "
                    f"level {previous + 1} or less")
            previous = section.level


@register
class StaleTocEntry(Rule):
    code = "STR004"
    name = "stale-toc-entry"
    category = CATEGORY
    summary = "Table-of-contents entry for a section that no longer exists."
    explanation = (
        "When a section is removed or renamed beyond recognition its TOC line stays behind "
        "and leads nowhere. Remove the line or point it at the section that replaced it."
    )
    bad = "- [Talks](#talks)\n- [Tasks](#tasks)\n\n## Tasks"
    good = "- [Tasks](#tasks)\n\n## Tasks"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        for entry in doc.toc:
            if entry.anchor in doc.anchors or entry.anchor.lower() in doc.anchors:
                continue
            if matching_anchors(entry.anchor, doc.anchors):
                continue  # LNK004 points it at the renamed heading
            yield self.diagnostic(entry.span, f"TOC lists '{entry.text}' (#{entry.anchor}) "
                                  "but no such section exists")
