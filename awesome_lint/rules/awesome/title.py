"""The head of a classic awesome list: one title, the Awesome badge beside it, no CI badges."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from awesome_lint.config import Validator
from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Document, Link, Section, Span
from awesome_lint.rules import RuleContext, register
from awesome_lint.rules.awesome.classic import ClassicRule
from awesome_lint.syntax import dialect
from awesome_lint.syntax.dialect import BADGE_IMAGES, BADGE_TARGETS, is_badge_image
from awesome_lint.syntax.heads import html_title
from awesome_lint.syntax.linespans import line_length, whole_line

PREFIX = "AWE2"
CATEGORY = "awesome"
#: The tables this family reads, for the schema the engine assembles: ``[dialect]`` decides
#: whether the classic rules (this family and AWE0) apply.
CONFIG_TABLES: dict[str, Validator] = {dialect.TABLE: dialect.validate}

BADGE = f"[![Awesome]({BADGE_IMAGES[0]})]({BADGE_TARGETS[0]})"
#: Build-status images: hosted CI services and GitHub/GitLab workflow badges.
_CI_IMAGE = re.compile(
    r"travis-ci\.(?:org|com)|circleci\.com|ci\.appveyor\.com|/actions/workflows/[^/]+/badge"
    r"|/workflows/[^/]+/badge\.svg|/badges/[^/]+/pipeline\.svg|dev\.azure\.com/.+/_apis/build"
    r"|drone\.io/.+\.svg|semaphoreci\.com/api/.+/badge|buildkite\.com/.+\.svg",
    re.IGNORECASE)
_CI_TEXT = re.compile(r"\bbuild status\b|\btravis\b|\bcircleci\b|\bci status\b", re.IGNORECASE)


def title_section(doc: Document) -> Section | None:
    """The list's title: its first heading when that is of level 1."""
    sections = doc.sections
    return sections[0] if sections and sections[0].level == 1 else None


def _span(doc: Document, line: int) -> Span:
    return whole_line(doc, line)


@register
class TitleHeading(ClassicRule):
    code = "AWE201"
    name = "title-heading"
    category = CATEGORY
    summary = "Classic list without a single level-1 title heading at the top."
    explanation = (
        "A classic awesome list opens with `# Awesome Topic` (or an HTML header with a "
        "logo) and has no other level-1 heading, so GitHub's outline and awesome-lint find "
        "its name. Reported once at the top, or on each extra level-1 heading."
    )
    bad = "## Awesome Go\n\n# Contents"
    good = "# Awesome Go\n\n## Contents"

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        sections = doc.sections
        html = html_title(doc)  # awesome-lint accepts an HTML header as the title
        title = title_section(doc)
        if title is None and not html:
            if sections and not doc.root.blocks:
                yield self.diagnostic(_span(doc, sections[0].line),
                                      "the title heading must be of level 1")
            else:
                yield self.diagnostic(Span(1, 1, 1, 1), "the list has no title heading")
        for section in sections:
            if section.level == 1 and section is not title:
                yield self.diagnostic(_span(doc, section.line),
                                      f"second level-1 heading '{section.title}': the list "
                                      "has one title")


def _badge_links(doc: Document, line: int) -> tuple[list[Link], list[Link]]:
    """On ``line``: Awesome badge images, and the links around them."""
    images = [link for link in doc.links if link.span.line == line and link.image
              and is_badge_image(link.destination)]
    outer = [link for link in doc.links if link.span.line == line and not link.image
             and any(_inside(i.span, link.span) for i in images)]
    return images, outer


def _inside(inner: Span, outer: Span) -> bool:
    return (outer.line, outer.column) < (inner.line, inner.column) and \
        (inner.end_line, inner.end_column) < (outer.end_line, outer.end_column)


@register
class AwesomeBadge(ClassicRule):
    code = "AWE202"
    name = "awesome-badge"
    category = CATEGORY
    fixable = True
    summary = "Classic list whose title line lacks the Awesome badge, or shows an old one."
    explanation = (
        "Awesome lists carry `[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)` "
        "on the title line. A list without the badge is reported only with `require = true` "
        "(awesome-lint's rule for lists submitted to sindresorhus/awesome); the unsafe fix "
        "appends it. A badge elsewhere is reported without a fix (moving it is the "
        "author's layout choice). A badge image "
        "from the retired rawgit CDN is rewritten to `https://awesome.re/badge.svg` by a "
        "safe fix; a badge linking elsewhere than awesome.re is reported."
    )
    bad = "# Awesome Go\n\n[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
    good = f"# Awesome Go {BADGE}"
    options: ClassVar[dict[str, Any]] = {"require": False}

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        dialect = ctx.analysis.dialect
        doc = ctx.document
        title = title_section(doc)
        if title is None:
            return
        images, outer = _badge_links(doc, title.line)
        if not images:
            end = line_length(doc, title.line) + 1
            if dialect.badge_line is not None:
                yield self.diagnostic(_span(doc, title.line),
                                      f"the Awesome badge (line {dialect.badge_line}) belongs "
                                      "on the title line")
                return
            if not ctx.options(self)["require"]:
                return
            fix = Fix((Edit(title.line, end, 0, " " + BADGE),), Applicability.UNSAFE,
                      "append the Awesome badge")
            yield self.diagnostic(_span(doc, title.line),
                                  "the title line has no Awesome badge", fix=fix)
            return
        for image in images:
            if image.destination not in BADGE_IMAGES and image.dest_span is not None and \
                    image.dest_span.line == image.dest_span.end_line:
                yield self.diagnostic(
                    image.span, f"outdated Awesome badge image {image.destination}",
                    fix=self.replace(image.dest_span, BADGE_IMAGES[0],
                                     description="use https://awesome.re/badge.svg",
                                     removes=(image.destination,)))
        for link in outer:
            if link.destination.rstrip("/") not in BADGE_TARGETS:
                yield self.diagnostic(link.span, f"the Awesome badge links to "
                                      f"{link.destination}, not {BADGE_TARGETS[0]}")


@register
class CiBadge(ClassicRule):
    code = "AWE203"
    name = "ci-badge"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "Build-status (CI) badge in a classic list's README."
    explanation = (
        "A list's build badge tells readers about the maintainers' link checker, not about "
        "the list, and turns red for reasons that do not concern them; awesome lists leave "
        "it out. Travis, CircleCI, AppVeyor, GitHub Actions and GitLab pipeline badges are "
        "found by their image URL or a 'build status' text. The unsafe fix removes the "
        "badge and its link."
    )
    bad = ("# Awesome Go\n\n[![Build Status](https://github.com/avelino/awesome-go/actions/"
           "workflows/tests.yaml/badge.svg)](https://github.com/avelino/awesome-go/actions)")
    good = "# Awesome Go"

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        for link in doc.links:
            if not link.image:
                continue
            if not (_CI_IMAGE.search(link.destination) or _CI_TEXT.search(link.text)
                    or _CI_TEXT.search(link.title or "")):
                continue
            yield self.diagnostic(link.span, f"CI badge '{link.text or link.destination}'",
                                  fix=_remove_badge(doc, link))


def _remove_badge(doc: Document, image: Link) -> Fix | None:
    """Delete the badge and the link around it, with one neighbouring space or its line."""
    wrapper = next((link for link in doc.links if not link.image and link.span.line ==
                    image.span.line and _inside(image.span, link.span)), None)
    whole = wrapper or image
    span = whole.span
    if span.line != span.end_line:
        return None
    line = doc.line_text(span.line)
    start, end = span.column - 1, span.end_column
    removes = tuple(x.destination for x in (image, wrapper) if x is not None)
    if not (line[:start] + line[end:]).strip():
        return Fix((Edit(span.line, 1, len(line) + 1, ""),), Applicability.UNSAFE,
                   "remove the CI badge line", removes)
    if end < len(line) and line[end] == " ":
        end += 1
    elif start > 0 and line[start - 1] == " ":
        start -= 1
    return Fix((Edit(span.line, start + 1, end - start, ""),), Applicability.UNSAFE,
               "remove the CI badge", removes)
