"""BDG004 implausible-year and BDG005 badge-before-preprint: years a venue cannot have."""

from __future__ import annotations

import re
from collections.abc import Iterator

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Entry, LinkRole
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.rules.badges.analysis import Reading, analysis, judged
from awesome_lint.rules.badges.settings import YearWindow
from awesome_lint.rules.badges.unknown import YEAR_NOTATIONS
from awesome_lint.venues import Venue, arxiv_posted, arxiv_year

PREFIX = "BDG"
CATEGORY = "badges"


@register
class ImplausibleYear(Rule):
    code = "BDG004"
    name = "implausible-year"
    category = CATEGORY
    summary = "A badge year when the venue did not meet, or a year that cannot be right."
    explanation = (
        "ICCV meets in odd years only (since 1999), ECCV in even years, ACCV in even years "
        "since 2010, MIDL since 2018: `ICCV 2018` is a typo for 2017 or 2019, or the wrong "
        "venue. Years before `venues.year-window.min` or more than `max-ahead` years after "
        "the current year are typos too. Venues whose dates the registry has not confirmed "
        "get a warning instead of an error."
    )
    bad = "* [Mask R-CNN](https://arxiv.org/abs/1703.06870) <kbd>ICCV 2018</kbd>"
    good = "* [Mask R-CNN](https://arxiv.org/abs/1703.06870) <kbd>ICCV 2017</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        window = found.settings.year_window
        this_year = ctx.today.year

        def judge(reading: Reading, style: str) -> tuple[str, Severity | None] | None:
            return self._problem(reading, window, this_year)

        for badge, problem in judged(found.usable, judge):
            if problem is not None:
                text, severity = problem
                yield self.diagnostic(badge.span, f"badge {badge.show()} on line "
                                      f"{badge.line}: {text}", severity=severity)

    @staticmethod
    def _problem(reading: Reading, window: YearWindow, this_year: int
                 ) -> tuple[str, Severity | None] | None:
        """What is wrong with the year (and the severity, when not the rule's own)."""
        if reading.topic:
            return None
        if reading.bad_year is not None:
            return f"'{reading.bad_year}' is not a year", None
        year = reading.year
        if year is None:
            return None
        if year < window.min:
            return f"{year} is before {window.min} (venues.year-window.min)", None
        if year > this_year + window.max_ahead:
            return f"{year} is more than {window.max_ahead} year(s) after {this_year}", None
        venue = reading.venue
        if venue is not None and venue.held_in(year) is False:
            return _not_held(venue, year), None if venue.confirmed else Severity.WARNING
        return None


def _not_held(venue: Venue, year: int) -> str:
    """Why ``venue`` had no edition in ``year``, in words."""
    name = venue.name
    if year < venue.first_year:
        return f"{name} did not exist yet in {year} (first held {venue.first_year})"
    if venue.last_year is not None and year > venue.last_year:
        return f"{name} ended in {venue.last_year}"
    if year in venue.not_held:
        return f"{name} was not held in {year}"
    cadence = venue.cadence
    if venue.cadence_since is not None and year < venue.cadence_since:
        cadence = venue.cadence_before or cadence
    since = f" since {venue.cadence_since}" if venue.cadence_since else ""
    if cadence == "odd-years":
        return f"{name} meets in odd years only{since}; {year} is even"
    if cadence == "even-years":
        return f"{name} meets in even years only{since}; {year} is odd"
    held = venue.held_years(year)
    if held:
        return f"{name} was not held in {year} (nearest editions: " + ", ".join(
            str(y) for y in sorted(held, key=lambda y: abs(y - year))[:2]) + ")"
    return f"{name} was not held in {year}"


@register
class BadgeBeforePreprint(Rule):
    code = "BDG005"
    name = "badge-before-preprint"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "The badge year is earlier than the year of the entry's arXiv preprint."
    explanation = (
        "An arXiv identifier carries its submission date: `arxiv.org/abs/1907.08610` was "
        "posted in July 2019. A paper published at `CVPR 2018` rarely appears on arXiv a "
        "year later, so the badge year (or the link) is probably wrong. The usual gap is "
        "allowed: a preprint posted up to twelve months after the meeting (the registry "
        "knows the month of late-year venues such as NeurIPS; mid-year otherwise) is not "
        "reported. A warning, since later preprints do exist."
    )
    bad = "* [EfficientNet](https://arxiv.org/abs/1905.11946) <kbd>ICML 2017</kbd>"
    good = "* [EfficientNet](https://arxiv.org/abs/1905.11946) <kbd>ICML 2019</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for badge in analysis(ctx).usable:
            year = badge.reading.year
            if (badge.entry is None or year is None or not badge.year_written
                    or badge.reading.topic or badge.reading.bad_year
                    or badge.style in YEAR_NOTATIONS):
                continue
            found = _preprint(badge.entry)
            if found is None or year >= found[1] \
                    or _usual_gap(found[0], year, badge.reading.venue):
                continue
            url, posted = found
            yield self.diagnostic(
                badge.span, f"badge {badge.show()} on line {badge.line} says {year}, but "
                f"the entry's arXiv preprint {_short_url(url)} dates from {posted}")


def _preprint(entry: Entry) -> tuple[str, int] | None:
    """The entry's own arXiv link (title first, then resources) and its year."""
    if entry.link is not None:
        year = arxiv_year(entry.link.destination)
        if year is not None:
            return entry.link.destination, year
    for link in entry.links:
        if link.role in (LinkRole.TITLE, LinkRole.RESOURCE) and link is not entry.link:
            year = arxiv_year(link.destination)
            if year is not None:
                return link.destination, year
    return None


#: Months after the meeting within which a preprint is a usual late posting (PIXOR: CVPR
#: 2018, arXiv February 2019); later than that, the badge year is usually wrong (TIDE:
#: "ECCV 2018" for an ECCV 2020 paper).
_GAP_MONTHS = 12
#: Meeting month assumed when the registry has none: mid-year, as CVPR and ICML.
_MID_YEAR = 6


def _usual_gap(url: str, year: int, venue: Venue | None) -> bool:
    """Whether ``url`` was posted within ``_GAP_MONTHS`` of the venue's meeting (the
    registry's ``month``; mid-year when unknown): NeurIPS 2021 (December) and a preprint
    of July 2022.  Old-style ids (no month) allow the next year."""
    found = arxiv_posted(url)
    if found is None:
        return False
    posted, posted_month = found
    if posted_month is None:
        return posted <= year + 1
    month = venue.month if venue is not None and venue.month is not None else _MID_YEAR
    return (posted - year) * 12 + posted_month - month <= _GAP_MONTHS


def _short_url(url: str) -> str:
    return re.sub(r"^https?://(?:www\.)?", "", url)
