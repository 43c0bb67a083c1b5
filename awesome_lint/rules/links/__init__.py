"""Offline link checks: empty and malformed links, swallowed punctuation, anchors, files."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from awesome_lint.diagnostics import Diagnostic
from awesome_lint.model import LinkForm, LinkProblem, ProblemKind
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.syntax.slugs import matching_anchors

#: What ``urlsplit`` takes for a scheme: links with one are not files (checked first, as
#: nearly every link of a list has one and ``urlsplit`` costs 5 µs).
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")

PREFIX = "LNK"
CATEGORY = "links"


def _problems(ctx: RuleContext, *kinds: ProblemKind) -> Iterator[LinkProblem]:
    return (p for p in ctx.document.problems if p.kind in kinds)


#: Empty links with one text on this many entries are the list's deliberate placeholder.
_PLACEHOLDER = 3


@register
class EmptyLink(Rule):
    code = "LNK001"
    name = "empty-link"
    category = CATEGORY
    summary = "Link with an empty destination."
    explanation = (
        "A link written as `[text]()` or `[text](<>)` renders as a link to the page itself: "
        "readers click and nothing happens. Placeholders such as `[[TBP]()]` are better "
        "written as plain text until the target exists. A placeholder the list uses on "
        "purpose, the same text with an empty link on three or more entries "
        "(`[Coming soon]()` in a code column), is its own convention and not reported, nor "
        "is a misspelling of it (`[Comins Soon]()`)."
    )
    bad = "* [U-Net](https://arxiv.org/abs/1505.04597) [[Notes]()]"
    good = "* [U-Net](https://arxiv.org/abs/1505.04597) [[Notes](notes/unet.md)]"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        empty = list(_problems(ctx, ProblemKind.EMPTY_DESTINATION))
        texts = Counter(" ".join(p.text.split("](")[0].lstrip("![").casefold().split())
                        for p in empty)
        placeholders = [text for text, n in texts.items() if n >= _PLACEHOLDER]
        for problem in empty:
            text = problem.text.split("](")[0].lstrip("![")
            folded = " ".join(text.casefold().split())
            if any(difflib.SequenceMatcher(None, folded, p).ratio() >= 0.8
                   for p in placeholders):
                continue  # the list's placeholder convention (or a typo of it)
            label = f"link '{text}'" if text.strip() else "link with no text"
            yield self.diagnostic(problem.span, f"{label} has an empty destination")


@register
class MalformedLink(Rule):
    code = "LNK002"
    name = "malformed-link"
    category = CATEGORY
    fixable = True
    summary = "Link syntax that does not render as meant: stray `)`, unclosed `[` or `(`."
    explanation = (
        "CommonMark silently renders broken link syntax as text: `[[Notes](url))` shows a "
        "stray bracket and parenthesis, `[Notes](url` shows no link at all. Where the intent "
        "is certain (a `)` typed for the closing `]`) the fix is safe; inserting a missing "
        "bracket or parenthesis is offered as an unsafe fix."
    )
    bad = "* [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](notes/resnet.md))"
    good = "* [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](notes/resnet.md)]"

    MESSAGES: ClassVar[dict[ProblemKind, str]] = {
        ProblemKind.EXTRA_PAREN: "resource link closed with ')' instead of ']'",
        ProblemKind.UNCLOSED_BRACKET: "'[' opened before the link is never closed",
        ProblemKind.UNCLOSED_PAREN: "link destination has a space or is never closed with ')'",
    }

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for problem in _problems(ctx, *self.MESSAGES):
            fix = None
            if problem.replacement is not None and problem.span.line == problem.span.end_line:
                fix = self.replace(problem.span, problem.replacement,
                                   safe=problem.kind is ProblemKind.EXTRA_PAREN,
                                   description=f"write {problem.replacement!r}")
            yield self.diagnostic(problem.span, f"{self.MESSAGES[problem.kind]}: "
                                  f"{_clip(problem.text)}", fix=fix)


@register
class SwallowedPunctuation(Rule):
    code = "LNK003"
    name = "bare-url-punctuation"
    category = CATEGORY
    fixable = True
    summary = "Bare URL that runs into full-width or CJK punctuation."
    explanation = (
        "GitHub turns a bare URL into a link up to the next space, so in "
        "`https://x.org/a，more` the full-width comma and the following words become part "
        "of the address and the link breaks. Wrapping the URL in angle brackets ends it "
        "where the author meant."
    )
    bad = "1. Medium, ResNet explained: https://example.org/resnet，a good read"
    good = "1. Medium, ResNet explained: <https://example.org/resnet>，a good read"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for problem in _problems(ctx, ProblemKind.SWALLOWED_PUNCTUATION):
            fix = None
            if problem.replacement is not None:
                fix = self.replace(problem.span, problem.replacement,
                                   description="wrap the URL in <...>",
                                   removes=(problem.text,))  # GitHub's link ends elsewhere
            yield self.diagnostic(
                problem.span,
                f"bare URL swallows {problem.text[len(problem.destination)]!r}: "
                f"the link points to {_clip(problem.text)}", fix=fix)


@register
class BrokenAnchor(Rule):
    code = "LNK004"
    name = "broken-anchor"
    category = CATEGORY
    fixable = True
    summary = "In-page `#anchor` that matches no heading or explicit anchor."
    explanation = (
        "GitHub derives each heading's anchor from its text; renaming a heading silently "
        "breaks every link to it. When exactly one heading matches the anchor after "
        "ignoring case and punctuation, the fix points the link at it."
    )
    bad = "1. [Paper Notes](#paper-notes)\n\n# II. Paper Notes"
    good = "1. [Paper Notes](#ii-paper-notes)\n\n# II. Paper Notes"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        toc_spans = {entry.span for entry in doc.toc}
        for link in doc.links:
            if not link.destination.startswith("#") or link.image:
                continue
            anchor = unquote(link.destination[1:])
            if not anchor or anchor in doc.anchors or anchor.lower() in doc.anchors:
                continue
            candidates = matching_anchors(anchor, doc.anchors)
            if link.span in toc_spans and not candidates:
                continue  # the section is gone: STR004 reports the stale TOC entry
            fix = None
            message = f"anchor '#{anchor}' matches no heading"
            if len(candidates) == 1 and link.dest_span is not None and \
                    link.dest_span.line == link.dest_span.end_line:
                fix = self.replace(link.dest_span, "#" + candidates[0],
                                   description=f"point to #{candidates[0]}",
                                   removes=(link.destination,))
                message += f"; did you mean '#{candidates[0]}'?"
            yield self.diagnostic(link.span, message, fix=fix)


@register
class MissingFile(Rule):
    code = "LNK005"
    name = "missing-file"
    category = CATEGORY
    summary = "Relative link to a file or folder that does not exist."
    explanation = (
        "Links such as `[[Notes](notes/x.md)]` are resolved against the README's folder "
        "(and `/path` against the repository root). A moved or misspelt file gives readers "
        "a 404 on GitHub. Checked only when linting a file on disk."
    )
    bad = "* [DenseNet](https://arxiv.org/abs/1608.06993) [[Notes](notes/densnet.md)]"
    good = "* [DenseNet](https://arxiv.org/abs/1608.06993) [[Notes](notes/densenet.md)]"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        files = ctx.services.files
        if files is None:
            return
        for link in ctx.document.links:
            dest = link.destination
            if not dest or dest.startswith(("#", "//")) or link.form is LinkForm.BARE \
                    or _SCHEME.match(dest):
                continue
            parts = urlsplit(dest)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = unquote(parts.path)
            if not files.exists(path):
                shown = PurePosixPath(path).as_posix()
                yield self.diagnostic(link.span, f"'{shown}' does not exist")


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

