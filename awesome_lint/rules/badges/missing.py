"""BDG009 missing-badge: a paper entry without a venue mark, where config asks for one."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from awesome_lint.diagnostics import Diagnostic
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.rules.badges.analysis import analysis
from awesome_lint.rules.badges.unknown import host
from awesome_lint.syntax.linespans import rest_of_line

PREFIX = "BDG"
CATEGORY = "badges"
_PAPER_HOSTS = frozenset((
    "arxiv.org", "openreview.net", "openaccess.thecvf.com", "papers.nips.cc",
    "proceedings.neurips.cc", "proceedings.mlr.press", "aclanthology.org",
    "ieeexplore.ieee.org", "dl.acm.org", "link.springer.com", "sciencedirect.com",
    "nature.com", "science.org", "pnas.org", "doi.org", "biorxiv.org", "medrxiv.org",
    "jmlr.org", "ecva.net", "distill.pub", "semanticscholar.org"))


@register
class MissingBadge(Rule):
    code = "BDG009"
    name = "missing-badge"
    category = CATEGORY
    summary = "A paper entry without a venue badge, where `venues.require-badge` asks for one."
    explanation = (
        "In a list whose convention is one venue badge per paper, an entry without one hides "
        "where the paper appeared. Paper entries are those linking to arXiv, OpenReview, a "
        "proceedings site, a publisher or a PDF. Off by default (`require-badge = true`)."
    )
    bad = "* [U-Net](https://arxiv.org/abs/1505.04597)"
    good = "* [U-Net](https://arxiv.org/abs/1505.04597) <kbd>MICCAI 2015</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        if not found.settings.require_badge:
            return
        with_badge = {id(b.entry) for b in found.badges if b.entry is not None}
        for entry in ctx.document.entries:
            if id(entry) in with_badge or entry.badges:
                continue
            url = next((link.destination for link in entry.links if _is_paper(link.destination)),
                       None)
            if url is None:
                continue
            span = rest_of_line(ctx.document, entry.line, entry.marker_column)
            yield self.diagnostic(
                span, f"paper entry '{entry.title}' on line {entry.line} has no venue badge "
                f"(venues.require-badge is on; it links to {host(url)})")


def _is_paper(url: str) -> bool:
    """An arXiv-like host, or a PDF; a URL no parser accepts (``http://[x``) is neither."""
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
    except ValueError:
        return False
    host = (parts.hostname or url).removeprefix("www.").lower()
    if host.endswith(tuple("." + h for h in _PAPER_HOSTS)) or host in _PAPER_HOSTS:
        return True
    return "//" in url and parts.path.lower().endswith(".pdf")
