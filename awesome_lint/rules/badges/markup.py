"""BDG001 malformed-badge: broken ``<kbd>`` markup, empty badges, odd spacing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix
from awesome_lint.model import Document
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.rules.badges.analysis import MARKUP_STYLES, FoundBadge, analysis
from awesome_lint.rules.badges.canonical import respaced
from awesome_lint.syntax import kbd

PREFIX = "BDG"
CATEGORY = "badges"
_NOT_CLOSABLE = re.compile(r"[\[\]()*`|]")
_WHITESPACE_WORDS = {
    "nbsp": "a non-breaking space", "other-space": "an unusual space character",
    "invisible": "an invisible character", "leading": "a space after the opening tag",
    "trailing": "a space before the closing tag", "repeated": "a doubled space",
}


@register
class MalformedBadge(Rule):
    code = "BDG001"
    name = "malformed-badge"
    category = CATEGORY
    fixable = True
    summary = "Broken badge markup: unclosed or mismatched `<kbd>`, empty badge, bad spacing."
    explanation = (
        "GitHub renders `<kbd>CVPR 2017` without its closing tag as a key box that swallows "
        "the rest of the line, and an empty `<kbd></kbd>` as a blank box. Non-breaking or "
        "doubled spaces, `CVPR2016` without a space, or a badge glued to the link before it "
        "make the same venue look different to readers and to Cmd-F. Spacing is fixed "
        "safely; repairing tags or removing an empty badge is an unsafe fix."
    )
    bad = "* [ResNet](https://arxiv.org/abs/1512.03385)<kbd>CVPR2016</kbd>"
    good = "* [ResNet](https://arxiv.org/abs/1512.03385) <kbd>CVPR 2016</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        for badge in found.badges:
            if badge.style not in MARKUP_STYLES:
                continue  # marks read from prose: their text is the list's, not markup
            # calls, not generators: a list has a badge per entry.  A badge without markup
            # problems is closed and not empty, which is what _spacing reads.
            markup = self._markup(badge)
            if markup is not None:
                yield markup
            elif (spacing := self._spacing(badge)) is not None:
                yield spacing
            if badge.style == "kbd" and _glued(badge.preceded_by):
                where = _neighbour(ctx.document, badge)
                yield self.diagnostic(
                    badge.span, f"badge {badge.show()} on line {badge.line} is glued to the "
                    f"{where} before it; add a space",
                    fix=Fix((Edit(badge.line, badge.span.column, 0, " "),),
                            description="add a space before the badge"))
        for stray in found.strays:
            yield self.diagnostic(
                stray, f"stray </kbd> on line {stray.line} closes no badge",
                fix=self.replace(stray, "", safe=False, description="remove </kbd>"))

    def _markup(self, badge: FoundBadge) -> Diagnostic | None:
        """The finding about a badge's tags: a wrong or missing closing tag, an empty badge."""
        line = badge.line
        if badge.bad_closer is not None:
            text, span = badge.bad_closer
            return self.diagnostic(
                badge.span, f"badge <kbd>{badge.raw} on line {line} is closed with {text} "
                "instead of </kbd>",
                fix=self.replace(span, "</kbd>", safe=False, description="write </kbd>"))
        if not badge.closed:
            fix = None
            if not badge.raw.strip():
                fix = self._remove(badge, "remove the empty <kbd>")
            elif len(badge.raw) <= 40 and not _NOT_CLOSABLE.search(badge.raw):
                fix = Fix((Edit(line, badge.inner.end_column + 1, 0, "</kbd>"),),
                          Applicability.UNSAFE, "add </kbd>")
            return self.diagnostic(
                badge.span, f"badge {badge.show()} on line {line} is never closed with "
                "</kbd>", fix=fix)
        if not badge.raw.strip():
            return self.diagnostic(
                badge.span, f"empty badge {badge.show()} on line {line}",
                fix=self._remove(badge, "remove the empty badge"))
        return None

    def _remove(self, badge: FoundBadge, description: str) -> Fix:
        spaces = len(badge.preceded_by) - len(badge.preceded_by.rstrip(" \t"))
        start = badge.span.column - spaces
        return Fix((Edit(badge.line, start, badge.span.end_column - start + 1, ""),),
                   Applicability.UNSAFE, description)

    def _spacing(self, badge: FoundBadge) -> Diagnostic | None:
        """The finding about the spacing of a closed, non-empty badge's text."""
        parsed = badge.reading.parsed
        glued = parsed.year_style == "glued" and not parsed.two_digit_year
        if not parsed.whitespace and not glued:
            return None  # no problem to report (the common case)
        problems = [_WHITESPACE_WORDS[w] for w in parsed.whitespace]
        fixed = respaced(badge.raw)
        if glued and fixed != " ".join(badge.raw.split()):
            problems.append("no space between venue and year")
        if not problems or fixed == badge.raw:
            return None
        return self.diagnostic(
            badge.span, f"badge {badge.show()} on line {badge.line} has "
            f"{_and(problems)}; write {badge.show(fixed)}",
            fix=self.replace(badge.inner, fixed, description=f"write {fixed!r}"))


def _neighbour(document: Document, badge: FoundBadge) -> str:
    """What a glued badge touches: a link, another badge or plain text."""
    if kbd.CLOSE_AT_END.search(badge.preceded_by):
        return "badge"
    # ``[[Notes](url)]<kbd>``: the link ends one or two characters before the badge
    touching = any(link.span.end_line == badge.line
                   and 1 <= badge.span.column - link.span.end_column <= 2
                   for link in document.links)
    return "link" if touching else "text"


def _glued(before: str) -> bool:
    """Whether the text right before a badge touches it (a link, a badge or a word)."""
    if not before or before[-1].isspace():
        return False
    if kbd.CLOSE_AT_END.search(before):
        return True
    return before[-1] in ")]" or before[-1].isalnum()


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


