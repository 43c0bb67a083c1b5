"""BDG006 unknown-venue and BDG007 year-only-badge: marks that name no venue."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Entry
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.rules.badges.analysis import FoundBadge, analysis
from awesome_lint.rules.badges.canonical import target
from awesome_lint.venues import Registry, arxiv_year, url_hint

PREFIX = "BDG"
CATEGORY = "badges"
#: Notations that write a year and never a venue.
YEAR_NOTATIONS = frozenset({"title-year"})


@register
class UnknownVenue(Rule):
    code = "BDG006"
    name = "unknown-venue"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "A badge whose text is neither a known venue nor a declared topic badge."
    explanation = (
        "A badge promises a venue. `WCAV 2020` is a typo for WACV; `Goodnotes` or `Video` "
        "are not venues at all. Declare venues the registry lacks in `venues.venues` or "
        "`venues.aliases`, and words that tag topics in `venues.topic-badges`. A year-less "
        "badge the list puts on two or more entries is taken as one of its topic badges. "
        "By default only probable typos of a known venue are reported (no registry knows "
        "every venue: `RAS 2019`, `CCPR 2016` are real); `report-all = true` reports every "
        "unknown badge. When one "
        "known venue is a letter swap or edit away, the message names it and an unsafe fix "
        "writes it."
    )
    bad = "* [Focal Loss](https://arxiv.org/abs/1708.02002) <kbd>WCAV 2020</kbd>"
    good = "* [Focal Loss](https://arxiv.org/abs/1708.02002) <kbd>WACV 2020</kbd>"
    options: ClassVar[dict[str, Any]] = {"report-all": False}

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        topics = _topic_habit(found.usable)
        report_all = bool(ctx.options(self)["report-all"])
        for badge in found.usable:
            reading = badge.reading
            if (reading.match is not None or reading.topic
                    or not reading.venue_text or reading.venue_text in topics):
                continue
            where = f"badge {badge.show()} on line {badge.line}"
            near = found.registry.closest(reading.venue_text)
            if near is not None:
                name = near.name_for(reading.year) if reading.year else near.name
                text = target(found, name, reading, badge.style)
                yield self.diagnostic(
                    badge.span, f"{where}: '{reading.venue_text}' is not a known venue; did "
                    f"you mean {near.name}?",
                    fix=self.replace(badge.inner, text, safe=False,
                                     description=f"write {text!r}"))
                continue
            if not report_all:
                continue  # a real venue the registry lacks is not a defect of the list
            hint = ("declare it in venues.venues or venues.aliases" if reading.year else
                    "declare it in venues.topic-badges (a topic) or venues.venues (a venue)")
            yield self.diagnostic(badge.span, f"{where}: '{reading.venue_text}' is not a "
                                  f"known venue; {hint}")


def _topic_habit(badges: Iterable[FoundBadge]) -> frozenset[str]:
    """Year-less badge texts the list uses on several entries (``<kbd>Video</kbd>``,
    ``<kbd>MI</kbd>``): its own topic badges, not misspelt venues."""
    counts = Counter(b.reading.venue_text for b in badges
                     if b.reading.year is None and b.reading.match is None)
    return frozenset(text for text, n in counts.items() if n >= 2)


@register
class YearOnlyBadge(Rule):
    code = "BDG007"
    name = "year-only-badge"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "A badge with a year and no venue (`<kbd>2016</kbd>`)."
    explanation = (
        "A bare year tells readers when, not where. When the entry's link reveals the venue "
        "(openaccess.thecvf.com, papers.nips.cc, proceedings.mlr.press, ...) the message "
        "names it and an unsafe fix writes it. An arXiv preprint keeps its year-only badge "
        "(a year is all a preprint has), and a list that writes years, not venues "
        "(`- **Title** (2015)`), is not judged; blog posts may too (suppress the warning there)."
    )
    bad = ("* [ResNet](https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual"
           "_Learning_CVPR_2016_paper.pdf) <kbd>2016</kbd>")
    good = ("* [ResNet](https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual"
            "_Learning_CVPR_2016_paper.pdf) <kbd>CVPR 2016</kbd>")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        for badge in found.usable:
            reading = badge.reading
            year = reading.year
            if badge.style in YEAR_NOTATIONS:
                continue  # a notation of years (``- **Title** (2015)``): no venue to miss
            if reading.venue_text or year is None or not reading.parsed.suffix_known:
                continue  # (``2016 International Symposium on ...``: the venue follows)
            where = f"badge {badge.show()} on line {badge.line} has a year but no venue"
            hint = _venue_hint(badge.entry, found.registry, year)
            if hint is None:
                if not _preprint(badge.entry):
                    yield self.diagnostic(badge.span, where)
                continue
            name, url = hint
            text = target(found, name, reading, badge.style)
            yield self.diagnostic(
                badge.span, f"{where}; the link {host(url)} suggests {badge.show(text)}",
                fix=self.replace(badge.inner, text, safe=False,
                                 description=f"write {text!r}"))


def _venue_hint(entry: Entry | None, reg: Registry, year: int) -> tuple[str, str] | None:
    """A venue name (in force in ``year``) that the entry's links reveal, with the link."""
    if entry is None:
        return None
    links = ([entry.link] if entry.link is not None else []) + [
        link for link in entry.links if link is not entry.link]
    for link in links:
        hint = url_hint(link.destination, reg)
        if hint is None or (hint.year is not None and hint.year != year):
            continue
        venue = reg.get(hint.venue)
        return (venue.name_for(year) if venue is not None else hint.venue), link.destination
    return None


def _preprint(entry: Entry | None) -> bool:
    """An entry linking an arXiv preprint: a year is all a preprint has (the seeds mark
    preprints ``<kbd>2020</kbd>``), so its year-only badge is no defect."""
    return entry is not None and any(arxiv_year(link.destination) is not None
                                     for link in entry.links)


def host(url: str) -> str:
    """The URL's host without ``www.``, for messages."""
    try:
        name = urlsplit(url if "//" in url else "//" + url).hostname or url
    except ValueError:
        return url
    return name.removeprefix("www.")
