"""awesome-lint's ``double-link`` for classic lists: one URL linked twice within a section.

URL identity is the duplicates family's :func:`awesome_lint.syntax.urls.canonical_key`.  Pairs the
duplicates family already reports are left to it: two entries' name links (DUP001) and two
links inside one entry (DUP003).  Links in entries' descriptions are cross-references
(``fork of [pygame](...)``, ``bindings for [Qt](...)``), deliberate as awesome-lint's
``createAwesomeListIgnore`` also judges, and are not compared.  What remains is a URL
repeated within a section by an intro paragraph, a heading or an item that is not an entry,
or an entry repeating such a link.  In-page anchors (``#contents`` back-to-top links),
images, HTML links (badges and logos) and the homepage the title links to are meant to
repeat and are not compared.  Links in headings are compared
across the whole document: two headings that link one target (``Tool: [du](.../GNU_Screen)``)
are a copy-paste slip wherever they are.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Entry, Link, LinkForm, LinkRole
from awesome_lint.rules import RuleContext, register
from awesome_lint.rules.awesome.classic import ClassicRule
from awesome_lint.syntax.urls import canonical_key

PREFIX = "AWE6"
CATEGORY = "awesome"


@register
class DoubleLink(ClassicRule):
    code = "AWE601"
    name = "double-link"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "The same URL linked twice within one section of a classic list."
    explanation = (
        "A URL that a section links twice (an intro paragraph repeating an entry, two "
        "headings or two plain items linking one target) is usually a copy-paste slip. "
        "Links in entries' descriptions are cross-references and are not compared. URLs "
        "are compared by canonical key (scheme, `www.`, trailing slash, tracking "
        "parameters). Two entries with one URL are DUP001's and two links inside one "
        "entry DUP003's, so they are not reported again here. No fix: which link should "
        "go is the author's call."
    )
    bad = ("## HTTP\n\nStart with [got](https://github.com/sindresorhus/got).\n\n"
           "- [got](https://github.com/sindresorhus/got/) - HTTP requests.")
    good = ("## HTTP\n\nStart with the first entry.\n\n"
            "- [got](https://github.com/sindresorhus/got/) - HTTP requests.")

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        heading_lines = [s.line for s in doc.sections]
        headings = set(heading_lines)
        title = next((s.line for s in doc.sections if s.level == 1), 0)
        home = {canonical_key(link.destination) for link in doc.links
                if link.span.line == title and not link.image}
        skip = doc.html_lines
        references = {(link.span.line, link.span.column) for entry in doc.entries
                      for link in entry.links[1:] if link.role is not LinkRole.TITLE}
        # Speed trick: one dictionary entry per (section, URL) and a list only for the
        # rare URL seen twice, so a 10k-link list allocates next to nothing.
        first: dict[tuple[int, str], Link] = {}
        repeated: dict[tuple[int, str], list[Link]] = {}
        for link in doc.links:
            dest = link.destination
            line = link.span.line
            if link.image or not dest or dest[0] == "#" or link.form is LinkForm.HTML \
                    or line in skip or (line, link.span.column) in references:
                continue
            key = canonical_key(dest.strip())
            if key in home:
                continue  # the list's own homepage, linked from its title, may recur
            # a heading names one thing: the same target in two headings is a slip wherever
            # they are, so heading links share one bucket
            bucket = (-1 if line in headings else bisect.bisect_right(heading_lines, line),
                      key)
            earlier = first.setdefault(bucket, link)
            if earlier is not link:
                repeated.setdefault(bucket, [earlier]).append(link)
        if not repeated:
            return
        owner: dict[tuple[int, int], tuple[Entry, LinkRole]] = {
            (link.span.line, link.span.column): (entry, link.role)
            for entry in doc.entries for link in entry.links}
        found = []
        for links in repeated.values():
            for index in range(1, len(links)):
                link = links[index]
                if any(_reported_by_duplicates(e, link, owner) for e in links[:index]):
                    continue
                found.append(self.diagnostic(
                    link.span, f"'{link.destination}' is linked already on line "
                    f"{links[0].span.line}"))
        yield from sorted(found, key=lambda d: d.sort_key)


def _reported_by_duplicates(a: Link, b: Link,
                            owner: dict[tuple[int, int], tuple[Entry, LinkRole]]) -> bool:
    first = owner.get((a.span.line, a.span.column))
    second = owner.get((b.span.line, b.span.column))
    if first is None or second is None:
        return False
    if first[0] is second[0]:
        return True  # DUP003
    return first[1] is LinkRole.TITLE and second[1] is LinkRole.TITLE  # DUP001
