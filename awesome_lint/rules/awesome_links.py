"""awesome-lint's ``double-link`` for classic lists: one URL linked twice within a section.

URL identity is the duplicates family's :func:`awesome_lint.urls.canonical_key`.  Pairs the
duplicates family already reports are left to it: two entries' name links (DUP001) and two
links inside one entry (DUP003).  What remains is a URL repeated within a section through
a description link, an intro paragraph or an item that is not an entry.  In-page anchors
(``#contents`` back-to-top links), images, HTML links (badges and logos) and the homepage the
title links to are meant to repeat and are not compared.  Links in headings are compared
across the whole document: two headings that link one target (``Tool: [du](.../GNU_Screen)``)
are a copy-paste slip wherever they are.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from awesome_lint.classic import ClassicRule
from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Entry, Link, LinkForm, LinkRole
from awesome_lint.rules import RuleContext, register
from awesome_lint.urls import canonical_key

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
        "A URL that a section links twice (an entry and a description link elsewhere "
        "pointing to the same project, an intro paragraph repeating an entry) is usually a "
        "copy-paste slip. URLs are compared by canonical key (scheme, `www.`, trailing "
        "slash, tracking parameters). Two entries with one URL are DUP001's and two links "
        "inside one entry DUP003's, so they are not reported again here. No fix: which "
        "link should go is the author's call."
    )
    bad = ("- [got](https://github.com/sindresorhus/got) - HTTP.\n"
           "- [ky](https://github.com/sindresorhus/ky) - Like [got](https://github.com/"
           "sindresorhus/got/) for browsers.")
    good = ("- [got](https://github.com/sindresorhus/got) - HTTP.\n"
            "- [ky](https://github.com/sindresorhus/ky) - Tiny HTTP client for browsers.")

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        owner: dict[tuple[int, int], tuple[Entry, LinkRole]] = {}
        for entry in doc.entries:
            for link in entry.links:
                owner[(link.span.line, link.span.column)] = (entry, link.role)
        heading_lines = [s.line for s in doc.sections]
        keys: dict[str, str] = {}
        title = next((s.line for s in doc.sections if s.level == 1), 0)
        home = {canonical_key(link.destination) for link in doc.links
                if link.span.line == title and not link.image}
        seen: dict[tuple[int, str], list[Link]] = {}
        headings = set(heading_lines)
        for link in doc.links:
            dest = link.destination.strip()
            if link.image or not dest or dest.startswith("#") or link.form is LinkForm.HTML \
                    or link.span.line in doc.html_lines:
                continue
            key = keys.get(dest)
            if key is None:
                key = keys[dest] = canonical_key(dest)
            if key in home:
                continue  # the list's own homepage, linked from its title, may recur
            # a heading names one thing: the same target in two headings is a slip wherever
            # they are, so heading links share one bucket
            section = -1 if link.span.line in headings else bisect.bisect_right(
                heading_lines, link.span.line)
            earlier = seen.setdefault((section, key), [])
            earlier.append(link)
            if len(earlier) == 1 or any(_reported_by_duplicates(e, link, owner)
                                        for e in earlier[:-1]):
                continue
            yield self.diagnostic(link.span, f"'{link.destination}' is linked already "
                                  f"on line {earlier[0].span.line}")


def _reported_by_duplicates(a: Link, b: Link,
                            owner: dict[tuple[int, int], tuple[Entry, LinkRole]]) -> bool:
    first = owner.get((a.span.line, a.span.column))
    second = owner.get((b.span.line, b.span.column))
    if first is None or second is None:
        return False
    if first[0] is second[0]:
        return True  # DUP003
    return first[1] is LinkRole.TITLE and second[1] is LinkRole.TITLE  # DUP001
