"""Product and project names misspelt in a classic awesome list (``Javascript``, ``Github``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Document, LinkForm, Span
from awesome_lint.rules import RuleContext, register
from awesome_lint.rules.awesome.classic import ClassicRule
from awesome_lint.rules.awesome.words import find_lines
from awesome_lint.syntax.prose import not_prose
from awesome_lint.syntax.slugs import slug

PREFIX = "AWE1"
CATEGORY = "awesome"

_PROSE_BLOCKS = ("paragraph", "quote")


def _prose_lines(doc: Document) -> dict[int, bool]:
    """Line -> whether it is a heading, for every line of prose outside code and HTML."""
    out: dict[int, bool] = {}
    for section in doc.root.walk():
        for block in section.blocks:
            if block.kind in _PROSE_BLOCKS:
                for number in range(block.line, block.end_line + 1):
                    out[number] = False
        if section.level and section.heading_style == "atx":
            out[section.line] = True
    for entry in doc.entries:
        for number in range(entry.line, entry.end_line + 1):
            out[number] = False
    for info in doc.lists:
        for item in info.items:
            out[item.line] = False
    for number in doc.code_lines | doc.html_lines:
        out.pop(number, None)
    return out


def _masked(doc: Document, lines: set[int]) -> dict[int, list[tuple[int, int]]]:
    """Per line of ``lines``, the 0-based ranges that hold URLs, images or package names."""
    out: dict[int, list[tuple[int, int]]] = {}
    links = [link for link in doc.links if link.span.line in lines
             or link.span.end_line in lines]
    for link in links:  # `[pytorch](...)`, `Tool: [git](...)`: a package or command name
        text = link.text.strip()
        if link.span.line == link.span.end_line and len(text.split()) == 1 and \
                not any(c.isupper() for c in text):
            out.setdefault(link.span.line, []).append((link.span.column - 1,
                                                       link.span.end_column))
    for link in links:
        spans: list[Span] = []
        if link.image or link.form in (LinkForm.BARE, LinkForm.AUTOLINK, LinkForm.HTML):
            spans.append(link.span)
        elif link.dest_span is not None:
            spans.append(link.dest_span)
        for span in spans:
            if span.line == span.end_line:
                out.setdefault(span.line, []).append((span.column - 1, span.end_column))
            else:
                out.setdefault(span.line, []).append((span.column - 1, 10**9))
                out.setdefault(span.end_line, []).append((0, span.end_column))
    return out


@register
class ProductSpelling(ClassicRule):
    code = "AWE101"
    name = "product-spelling"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "Product or project name spelt differently from how its owner writes it."
    explanation = (
        "`Javascript`, `Github`, `Nodejs` and `Mac OS` are `JavaScript`, `GitHub`, "
        "`Node.js` and `macOS`. The names and their sources are in "
        "`awesome_lint/data/spelling.toml`; add or override corrections with the `words` "
        "option (a table of wrong = right). Words inside code spans, URLs, images and HTML "
        "tags, glued to `.`, `-` or `_` (file and package names), and one-word lower-case "
        "link texts (`[pytorch](...)`, a package named as its repository) are left alone. "
        "The fix is safe; in a heading it is offered only when the heading's anchor stays "
        "the same."
    )
    bad = "- [ky](https://github.com/sindresorhus/ky) - HTTP client for Javascript."
    good = "- [ky](https://github.com/sindresorhus/ky) - HTTP client for JavaScript."
    options: ClassVar[dict[str, Any]] = {"words": {}}

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        extra = {k: v for k, v in ctx.options(self)["words"].items()
                 if k and isinstance(v, str)}
        doc = ctx.document
        prose = _prose_lines(doc)
        # (every line searched in one scan, the prose lines' finds kept: a find depends on
        # its own line only, and searching is cheaper than gathering the prose lines)
        hits = [(index + 1, prose[index + 1], found)
                for index, found in sorted(find_lines(doc.lines, extra).items())
                if index + 1 in prose]
        masks = _masked(doc, {number for number, _, _ in hits}) if hits else {}
        for number, heading, found in hits:
            skip = masks.get(number, []) + not_prose(doc, number)  # code spans, HTML tags
            for word in found:
                end = word.start + len(word.wrong)
                if any(a < end and word.start < b for a, b in skip):
                    continue
                span = Span(number, word.start + 1, number, end)
                fix = None
                if not heading or slug(word.wrong) == slug(word.right):
                    fix = self.replace(span, word.right, description=f"write '{word.right}'")
                yield self.diagnostic(span, f"'{word.wrong}' is written '{word.right}'",
                                      fix=fix)
