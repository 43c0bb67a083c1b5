"""Paper identity (``--papers``): published preprints, venue mismatches, wrong paper links
and withdrawn papers, judged against arXiv, DBLP and Crossref.

The rules never touch the network: the CLI runs the lookups first
(:mod:`awesome_lint.papers`) and hands their typed records to the rules as the
``paper_results`` service.  Venue marks come from the syntax layer in every notation a list
uses (:mod:`awesome_lint.syntax.venuemarks`), and a suggested mark is written in the list's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from awesome_lint.config import ConfigError, Validator, checked_value
from awesome_lint.diagnostics import Applicability, Diagnostic, Fix, Severity
from awesome_lint.rules import Rule, RuleContext, register, rule_options
from awesome_lint.rules.context import Analysis as DocumentAnalysis
from awesome_lint.suggest import unknown_key

if TYPE_CHECKING:
    from awesome_lint.papers.judge import EntryPapers

PREFIX = "PAP"
CATEGORY = "papers"

#: [tool.awesome-lint.papers] keys and their defaults (documented in README).  Base URLs
#: are deliberately absent: they come from the environment only (see papers.queries).
PAPER_DEFAULTS: dict[str, Any] = {
    "check": False,
    "contact": "",
    "timeout": 20.0,
    "retries": 2,
    "retry-after-cap": 60.0,
    "deadline": 0.0,
    "cache": True,
    "cache-ttl": 7 * 86400.0,
}


def _validate(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"'{where}' must be a table")
    out = dict(PAPER_DEFAULTS)
    for key, item in value.items():
        if key not in PAPER_DEFAULTS:
            hint = (" (service URLs come from AWESOME_LINT_ARXIV_URL, AWESOME_LINT_DBLP_URL "
                    "and AWESOME_LINT_CROSSREF_URL only)" if "url" in key else "")
            raise ConfigError(unknown_key(f"{where}.{key}", PAPER_DEFAULTS) + hint)
        out[key] = checked_value(f"{where}.{key}", item, PAPER_DEFAULTS[key])
    return out


#: The tables this family reads, for the schema the engine assembles.
CONFIG_TABLES: dict[str, Validator] = {"papers": _validate}


def analysis(ctx: RuleContext) -> list[EntryPapers]:
    """Every entry that links a paper, with its records; [] without lookups (then nothing
    of the paper machinery is imported: offline runs do not pay for it)."""
    if ctx.services.paper_results is None:
        return []
    return ctx.analysis.once(_judged)


def _judged(found: DocumentAnalysis) -> list[EntryPapers]:
    from awesome_lint.papers.judge import entries

    results = found.services.paper_results
    assert results is not None  # analysis() asks only then
    opts = rule_options(found.config, WrongPaperLink)
    return entries(found.document, results, found.venues, min_words=int(opts["min-words"]),
                   min_similarity=float(opts["min-similarity"]))


class _PaperRule(Rule):
    category = CATEGORY
    needs_network = True


@register
class PublishedPreprint(_PaperRule):
    code = "PAP001"
    name = "published-preprint"
    severity = Severity.WARNING
    fixable = True
    summary = "Entry links only the arXiv preprint of a paper that DBLP lists at a venue."
    explanation = (
        "Preprints get published; a reader choosing what to read wants the venue. Checked "
        "only with `--papers`: the arXiv title is searched on DBLP and a conference or "
        "journal version (not a workshop, not CoRR) is suggested as a mark in the list's own "
        "notation (`<kbd>CVPR 2023</kbd>`, `**[CVPR' 23]**`, the venue cell of a table). "
        "The fix is unsafe: the list may prefer the preprint on purpose. A list that marks "
        "no entry with a venue is left alone (its convention is no marks) unless "
        "`lists-without-marks` is set."
    )
    bad = "* [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)"
    good = ("* [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)"
            " <kbd>CVPR 2016</kbd>")
    options: ClassVar[dict[str, Any]] = {"lists-without-marks": False}

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        items = analysis(ctx)
        if not items:
            return
        from awesome_lint.papers.judge import has_marks, insertion, when
        from awesome_lint.papers.match import is_preprint
        from awesome_lint.syntax.venuemarks import BESIDE_TITLE, notation

        reg = ctx.analysis.venues
        document = ctx.document
        if not ctx.options(self)["lists-without-marks"] and not has_marks(document):
            return  # the list writes no venue marks: suggesting one would impose ours
        for item in items:
            if item.arxiv is None or item.wrong or any(p.kind != "arxiv" for p in item.links):
                continue
            if any(not m.placeholder and not is_preprint(reg, m.venue or m.raw)
                   for m in item.marks):
                continue  # it names a venue: venue-mismatch judges that one
            main = [p for p in item.published if not p.workshop]
            if not main:
                continue
            # the first publication (the conference, before a journal extension)
            record = min(main, key=lambda p: p.year or 9999)
            target = next(iter(item.marks), None)
            fix: Fix | None
            if target is not None:
                text = notation(document, target.style).text(record.venue, record.year)
                fix = self.replace(target.inner, text, safe=False,
                                   description=f"write {text!r}")
                span = target.span
            else:
                nota = notation(document)
                mark = nota.mark(record.venue, record.year)
                # a mark goes beside the title only in notations written there (not on an
                # author line, in a table column or before the title)
                fix = Fix((insertion(document, item.entry, mark, leads=nota.leads,
                                     closes_title=nota.style == "title-paren"),),
                          Applicability.UNSAFE,
                          f"add {mark}") if nota.style in BESIDE_TITLE else None
                span = (item.entry.link or item.links[0].link).span
            yield self.diagnostic(
                span, f"arXiv {item.arxiv.arxiv_id} was published at {when(record)} "
                f"({record.source}); the entry names only the preprint", fix=fix,
                data={"venue": record.venue, "year": record.year, "source": record.source})


@register
class VenueMismatch(_PaperRule):
    code = "PAP002"
    name = "venue-mismatch"
    severity = Severity.WARNING
    summary = "Venue mark that disagrees with every published record of the paper."
    explanation = (
        "A badge that says ICCV when the paper appeared at ICLR misleads readers. Checked "
        "only with `--papers` against DBLP (by title), Crossref (for DOI links) and arXiv's "
        "journal-ref. A warning, not an error: the list may cite a version no service "
        "knows; the message says which record was found."
    )
    bad = ("* [Attention Is All You Need](https://arxiv.org/abs/1706.03762) "
           "<kbd>ICML 2017</kbd>")
    good = ("* [Attention Is All You Need](https://arxiv.org/abs/1706.03762) "
            "<kbd>NIPS 2017</kbd>")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        items = analysis(ctx)
        if not items:
            return
        from awesome_lint.papers.judge import when
        from awesome_lint.papers.match import agrees, is_preprint

        reg = ctx.analysis.venues
        for item in items:
            if not item.published or item.wrong:
                continue
            for mark in item.marks:
                if mark.placeholder or not mark.venue or is_preprint(reg, mark.venue):
                    continue
                venue = mark.venue
                if "workshop" in mark.suffix.casefold() and "workshop" not in venue.casefold():
                    venue += " Workshop"  # "CVPR 2023 Workshop" names the workshop
                if any(agrees(reg, venue, mark.year, p) for p in item.published):
                    continue
                found = "; ".join(f"{when(p)} ({p.source})" for p in item.published[:3])
                yield self.diagnostic(
                    mark.span, f"'{mark.raw.strip()}' disagrees with the published record: "
                    f"{found}", data={"found": [p.source for p in item.published]})


@register
class WrongPaperLink(_PaperRule):
    code = "PAP003"
    name = "wrong-paper-link"
    summary = "Entry whose paper link resolves to a paper with another title."
    explanation = (
        "A copy-pasted link often points at the previous entry's paper. Checked only with "
        "`--papers`: the title of the paper an arXiv id or DOI resolves to is compared with "
        "the entry's title after folding case, accents, LaTeX and punctuation; shortened "
        "titles pass (the share of their words found in the paper's title counts). Titles "
        "of fewer than `min-words` words (nicknames such as `ViT`) are not judged."
    )
    bad = "* [Selective Kernel Networks](https://arxiv.org/abs/1905.11946)"
    good = "* [Selective Kernel Networks](https://arxiv.org/abs/1903.06586)"
    #: Below ``min-similarity`` a link points at another paper (lists shorten titles, so
    #: the bar is low); titles of fewer than ``min-words`` words are nicknames.
    options: ClassVar[dict[str, Any]] = {"min-similarity": 0.65, "min-words": 3}

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        items = analysis(ctx)
        for item in items:
            if item.wrong is None:
                continue
            paper, found, score = item.wrong
            where = "arXiv " + paper.ident if paper.kind == "arxiv" else "DOI " + paper.ident
            # the entry the link was copied from: it links the same paper under its title
            other = next((i.entry.line for i in items if i is not item and i.wrong is None
                          and any(p.ident == paper.ident for p in i.links)), None)
            hint = f", the paper of the entry on line {other}" if other else ""
            yield self.diagnostic(
                paper.link.span, f"'{item.title}' links to {where}, \"{found}\"{hint} "
                f"(title similarity {score:.2f})",
                data={"found": found, "similarity": round(score, 3)})


@register
class WithdrawnPaper(_PaperRule):
    code = "PAP004"
    name = "withdrawn-paper"
    summary = "Entry that links a paper arXiv marks withdrawn, or Crossref marks retracted."
    explanation = (
        "A withdrawn preprint has no content in its latest version, and a retracted article "
        "should not be recommended. Checked only with `--papers`: arXiv's comment "
        "(\"This paper has been withdrawn...\") and Crossref's retraction notices."
    )
    bad = "* [A Withdrawn Result](https://arxiv.org/abs/2303.00003)"
    good = "* [The Corrected Result](https://arxiv.org/abs/2304.00004)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        results = ctx.services.paper_results
        if results is None:
            return
        for item in analysis(ctx):
            for paper in item.links:
                if paper.kind == "arxiv":
                    record = results.arxiv.get(paper.ident)
                    if record is not None and record.withdrawn:
                        yield self.diagnostic(
                            paper.link.span, f"arXiv {paper.ident} is withdrawn (v"
                            f"{record.version}: \"{record.comment[:120]}\")")
                elif paper.kind == "doi":
                    work = results.crossref.get(paper.ident)
                    if work is not None and work.withdrawn_by:
                        yield self.diagnostic(
                            paper.link.span, f"DOI {paper.ident} has a {work.withdrawn_by} "
                            "notice (Crossref)")
