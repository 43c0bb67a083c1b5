"""Classic awesome-list items: ``- [Name](url) - Description.``

Active only when the document's dialect is classic (:mod:`awesome_lint.syntax.dialect`): the
separator, the description's first letter and final punctuation, and a description that
repeats the name.  Positions come from :mod:`awesome_lint.rules.awesome.classic`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Span
from awesome_lint.rules import RuleContext, register
from awesome_lint.rules.awesome.classic import ClassicItem, ClassicRule, described, items_of
from awesome_lint.rules.awesome.words import lowercase_names
from awesome_lint.startup import EMOJI_CLASS, AsciiTwin

PREFIX = "AWE0"
CATEGORY = "awesome"

#: An emoji run ending the text: ``re`` with the emoji class spelt out (:class:`AsciiTwin`).
_EMOJI = AsciiTwin(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]+$",
                   EMOJI_CLASS + "+$", unsure="(?!)")
_SHORTCODE_END = re.compile(r":[a-z0-9_+-]+:$")
_ONLY_PARENTHETICAL = re.compile(r"^\([^)]*\)$")
_FINAL = "．.!?…"
_CLOSERS = "\"'”’)]*_`»"
#: The first word of a description, after emphasis markers.  The twin spells out the
#: letters and digits up to U+024F, and the symbol and punctuation blocks in ``unsure``'s
#: complement hold none, so it is exact there too (no ``regex`` for "Café", "“go build”",
#: "📋 Copy™").
_LETTER_DIGIT = "A-Za-z0-9ª²³µ¹º¼-¾À-ÖØ-öø-ɏ"
_FIRST_WORD = AsciiTwin(r"[*_]*([\p{L}\p{N}][\p{L}\p{N}.+#'’_-]*)",
                        rf"[*_]*([{_LETTER_DIGIT}][{_LETTER_DIGIT}.+#'’_-]*)",
                        unsure="[^\x00-\u024f\u2000-\u206f\u20a0-\u20cf\u2122\u2190-\u245f"
                               "\u2500-\u2775\u2794-\u2bff\ufe00-\ufe0f\U0001f000-\U0001f0ff"
                               "\U0001f200-\U0001faff]")


def _special(item: ClassicItem) -> bool:
    """Descriptions awesome-lint accepts in any form: only emoji, only a parenthetical."""
    text = item.text if item.text.isascii() else _EMOJI.sub("", item.text)  # ASCII: no emoji
    text = text.strip()
    return not text or bool(_ONLY_PARENTHETICAL.match(text))


@register
class ItemSeparator(ClassicRule):
    code = "AWE001"
    name = "item-separator"
    category = CATEGORY
    fixable = True
    summary = "Classic list item whose name and description are not separated by ` - `."
    explanation = (
        "Classic awesome lists write `- [Name](url) - Description.`: a hyphen with one space "
        "on each side. An en or em dash (which some editors substitute), a colon, or a "
        "hyphen with missing or doubled spaces is rewritten to ` - ` by a safe fix. A "
        "description with no separator at all (`[Name](url) by Author`) is reported without "
        "a fix, since the words may need rephrasing. Only in lists whose dialect is classic."
    )
    bad = "- [Sindre's list](https://github.com/sindresorhus/awesome) – Awesome lists."
    good = "- [Sindre's list](https://github.com/sindresorhus/awesome) - Awesome lists."

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for item in items_of(ctx):
            if item.description is None or item.has_canonical_separator or _special(item):
                continue
            if item.separator is not None:
                shown = item.separator_text.strip() or "whitespace"
                yield self.diagnostic(
                    item.separator, f"'{item.name}': separator '{shown}' should be ' - '",
                    fix=self.replace(item.separator, " - ", description="write ' - '"))
            elif not item.dash_after_links:
                span = item.entry.link.span if item.entry.link else item.description
                yield self.diagnostic(
                    span, f"'{item.name}': name and description must be separated by ' - '")


@register
class DescriptionCapital(ClassicRule):
    code = "AWE002"
    name = "description-capital"
    category = CATEGORY
    fixable = True
    severity = Severity.WARNING
    summary = "Classic list item description that starts with a lower-case letter."
    explanation = (
        "Descriptions are sentences and start with a capital letter. Names their owners "
        "write in lower case (`npm`, `webpack`), mixed-case names (`iOS`, `macOS`, "
        "`jQuery`), code spans, numbers, quotes and scripts without case are fine; so is "
        "the item's own name (AWE004 reports that). The fix capitalises the first letter; it "
        "is unsafe because the word may be a name the data file does not know. Extend the "
        "known names with the `names` option."
    )
    bad = "- [got](https://github.com/sindresorhus/got) - human-friendly HTTP requests."
    good = "- [got](https://github.com/sindresorhus/got) - Human-friendly HTTP requests."
    options: ClassVar[dict[str, Any]] = {"names": []}

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        extra = frozenset(n for n in ctx.options(self)["names"] if n)
        for item in described(items_of(ctx)):
            span = item.description
            assert span is not None
            match = _FIRST_WORD.match(item.raw)
            if match is None or _special(item):
                continue
            word = match.group(1)
            first = word[0]
            if not first.islower() or any(c.isupper() for c in word[1:]):
                continue
            bare = re.sub(r"['’]s$", "", word.rstrip(".,;:!?"))  # "uv's" is uv
            if bare in lowercase_names() or bare in extra or _is_name(bare, item.name):
                continue
            at = Span(span.line, span.column + match.start(1), span.line,
                      span.column + match.start(1))
            yield self.diagnostic(
                at, f"'{item.name}': description starts with lower-case '{word}'",
                fix=self.replace(at, first.upper(), safe=False,
                                 description=f"write '{first.upper()}'"))


def _is_name(word: str, name: str) -> bool:
    """The item's own name (or its first word): AWE004's business, not a capital's."""
    words = name.split()
    return bool(words) and word.casefold() in (name.casefold(), words[0].casefold())


@register
class DescriptionPunctuation(ClassicRule):
    code = "AWE003"
    name = "description-punctuation"
    category = CATEGORY
    fixable = True
    summary = "Classic list item description that does not end with `.`, `!`, `?` or `…`."
    explanation = (
        "Descriptions are sentences and end with punctuation. A closing quote, bracket or "
        "emphasis after the mark is fine, as is a final emoji or a parenthetical after an "
        "earlier full stop. The safe fix appends a full stop; a description ending in `,`, "
        "`;` or `:` or in HTML is reported without a fix."
    )
    bad = "- [ky](https://github.com/sindresorhus/ky) - Tiny HTTP client based on Fetch"
    good = "- [ky](https://github.com/sindresorhus/ky) - Tiny HTTP client based on Fetch."

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for item in items_of(ctx):
            span = item.description
            if span is None or _special(item) or _well_ended(item):
                continue
            raw = item.raw
            at = Span(span.end_line, span.end_column, span.end_line, span.end_column)
            fix = None
            if raw[-1] not in ",;:>" and not raw.endswith(("\\", "  ")):
                end = Span(span.end_line, span.end_column + 1, span.end_line,
                           span.end_column)
                fix = self.replace(end, ".", description="append '.'")
            yield self.diagnostic(
                at, f"'{item.name}': description does not end with punctuation", fix=fix)


def _well_ended(item: ClassicItem) -> bool:
    text = item.text.rstrip()
    raw = item.raw.rstrip()
    if not text:
        return True
    if raw.endswith("`"):
        return False  # a code span ends it: `logger.log()` is not a full stop
    if (not text.isascii() and _EMOJI.search(text)) or _SHORTCODE_END.search(raw):
        return True
    stripped = text.rstrip(_CLOSERS)
    if stripped and stripped[-1] in _FINAL:
        return True
    return text.endswith(")") and any(c in text for c in _FINAL)


_BOUNDARY = re.compile(r"$|[\s.,!?:-]")


@register
class NameInDescription(ClassicRule):
    code = "AWE004"
    name = "name-in-description"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "Classic list item whose description starts with the item's name."
    explanation = (
        "`- [gin](url) - Gin is a web framework.` says the name twice; the description "
        "should say what the thing is: `- [gin](url) - Web framework.`. Rephrasing needs "
        "a person, so there is no fix."
    )
    bad = "- [ky](https://github.com/sindresorhus/ky) - Ky is a tiny HTTP client."
    good = "- [ky](https://github.com/sindresorhus/ky) - Tiny HTTP client."

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for item in described(items_of(ctx)):
            name = item.name.strip()
            text = item.text
            if not name or not text.casefold().startswith(name.casefold()):
                continue
            if _BOUNDARY.match(text, len(name)) is None:
                continue
            assert item.description is not None
            yield self.diagnostic(item.description,
                                  f"description of '{name}' starts with its name")
