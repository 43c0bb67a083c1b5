"""BDG002 non-canonical-venue, BDG003 renamed-venue, BDG008 inconsistent-venue-spelling:
whether a mark names its venue the way the registry and the list itself do."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.rules.badges.analysis import FoundBadge, Reading, analysis, judged
from awesome_lint.rules.badges.canonical import (
    DEFAULT_STYLES,
    expected_name,
    names,
    target,
    year_ok,
)
from awesome_lint.venues import Match, ParsedBadge

PREFIX = "BDG"
CATEGORY = "badges"
_ORG = re.compile(r"^(?:(?:ieee|acm|iapr|ieee/cvf)\s+)+", re.IGNORECASE)
_LOOSE_NAME = re.compile(r"[\W_]+")
#: Marks a spelling needs before it counts as the list's habit.
_HABIT = 2


@dataclass(frozen=True, slots=True)
class _Habits:
    """How this document writes badges, by majority: two-digit years (``CVPR 12``) and,
    per venue, the spelling it uses most (``RAL`` for RA-L)."""

    two_digit_years: bool
    spelling: dict[str, str]
    #: Per notation, the year shape its majority writes (see ``Analysis.year_habits``).
    years: dict[str, tuple[bool, str]]
    #: Venues whose majority spelling stands on one mark: a habit for an alias the list
    #: chose (``RAL``), not for a change of case (``Neurips``).
    single: frozenset[str] = frozenset()


def _habits(badges: Iterable[FoundBadge], years: dict[str, tuple[bool, str]]) -> _Habits:
    # counted per distinct reading: lists repeat a few dozen badge texts thousands of times
    readings: dict[int, Reading] = {}
    counts: Counter[int] = Counter()
    for badge in badges:
        key = id(badge.reading)
        counts[key] += 1
        readings[key] = badge.reading
    digits: Counter[bool] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for key, reading in readings.items():
        if reading.match is None or reading.bad_year:
            continue
        n = counts[key]
        if reading.year is not None:
            digits[reading.parsed.two_digit_year] += n
        spellings.setdefault(reading.match.venue.key, Counter())[reading.venue_text] += n
    majority: dict[str, str] = {}
    single: set[str] = set()
    for venue, written in spellings.items():
        (top, most), *rest = [*written.most_common(2), ("", 0)]
        if most > rest[0][1]:  # a tie is no habit
            majority[venue] = top
            if most < _HABIT:
                single.add(venue)
    return _Habits(digits[True] > digits[False], majority, years, frozenset(single))


@register
class NonCanonicalVenue(Rule):
    code = "BDG002"
    name = "non-canonical-venue"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "A badge names a known venue by an alias or misspelling, or writes the year oddly."
    explanation = (
        "`Neurips 2019`, `CVPR'17`, `TRO 2021` and `NNLS 2020` all name venues the registry "
        "knows under another spelling. One spelling per venue keeps a list searchable and "
        "sortable. The fix writes the canonical `VENUE YEAR`; it is unsafe when the alias is "
        "ambiguous (`MIA` is Medical Image Analysis in imaging lists, and other things "
        "elsewhere). The list's own conventions decide: in a list whose badges mostly "
        "write two-digit years (`CVPR 12`) those are not reported, and an alias that is "
        "the list's usual spelling of its venue (`RAL` for RA-L) is left alone "
        "(inconsistent-venue-spelling reports the exceptions). A warning: an alias is not "
        "wrong under every convention."
    )
    bad = "* [Adam](https://arxiv.org/abs/1412.6980) <kbd>iclr'15</kbd>"
    good = "* [Adam](https://arxiv.org/abs/1412.6980) <kbd>ICLR 2015</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        usable = found.usable
        habits = _habits(usable, found.year_habits)

        def judge(reading: Reading, style: str) -> tuple[str, str, bool] | None:
            verdict = self._judge(reading, style, habits)
            if verdict is None:
                return None
            why, name, safe = verdict
            return why, target(found, name, reading, style), safe

        for badge, verdict in judged(usable, judge):
            if verdict is None:
                continue
            why, text, safe = verdict
            yield self.diagnostic(
                badge.span, f"badge {badge.show()} on line {badge.line}: {why}; "
                f"write {badge.show(text)}",
                fix=self.replace(badge.inner, text, safe=safe,
                                 description=f"write {text!r}"))

    def _judge(self, reading: Reading, style: str, habits: _Habits | None = None
               ) -> tuple[str, str, bool] | None:
        """What is wrong with the text, the name to write and whether the fix is safe."""
        match = reading.match
        name = expected_name(reading)
        if match is None or name is None or reading.bad_year:
            return None
        renamed = (match.via == "former_name" and reading.year is not None
                   and not match.venue.name_ok_for(match.matched, reading.year))
        # renamed-venue rewrites the name of a renamed venue; only the year is judged here
        spelled_ok = renamed or reading.venue_text == name
        written_ok = year_ok(reading.parsed, style,
                             habits.years.get(style) if habits is not None else None)
        if habits is not None:
            if not spelled_ok and not match.loose and not match.ambiguous \
                    and (match.via in ("alias", "full_name") or (
                        match.via == "name" and match.venue.key not in habits.single)) \
                    and habits.spelling.get(match.venue.key) == reading.venue_text:
                spelled_ok = True  # the list's own spelling of this venue
            if not spelled_ok and match.loose and style not in DEFAULT_STYLES \
                    and _LOOSE_NAME.sub("", reading.venue_text).casefold() \
                    == _LOOSE_NAME.sub("", match.matched).casefold():
                spelled_ok = True  # ``ICLR_W`` in prose: the list's punctuation, not a typo
            if not written_ok and habits.two_digit_years and reading.parsed.two_digit_year \
                    and style != "bold-bracket":
                written_ok = True  # the list writes two-digit years throughout
        if spelled_ok and written_ok:
            return None
        why = []
        if not spelled_ok:
            why.append(self._alias(reading, match, name))
        if not written_ok:
            why.append(f"the year is written {_year_written(reading.parsed, style)}")
        return "; ".join(why), name, not match.ambiguous

    @staticmethod
    def _alias(reading: Reading, match: Match, name: str) -> str:
        written = reading.venue_text
        venue = match.venue
        if written.casefold() == name.casefold():
            return f"'{written}' is spelt '{name}'"
        what = {"full_name": "the full name of", "alias": "an alias of",
                "former_name": "a former name of", "name": "a spelling of"}[match.via]
        text = f"'{written}' is {what} {names(venue)}"
        if match.loose:
            text = f"'{written}' looks like '{match.matched}', a spelling of {names(venue)}"
        if match.ambiguous:
            others = [c.name for c in match.candidates[1:]]
            note = match.note or (f"It may also mean {', '.join(others)}" if others else "")
            if note:
                text += f" [ambiguous: {note[:1].lower()}{note[1:].rstrip('.')}]"
        return text


def _year_written(parsed: ParsedBadge, style: str) -> str:
    if style == "bold-bracket" and parsed.two_digit_year:
        return "without an apostrophe"
    if parsed.year_style == "apostrophe":
        return "with an apostrophe"
    if parsed.year_style in ("dash", "underscore"):
        return f"after a {parsed.year_style}"
    if parsed.two_digit_year:
        return "with two digits"
    return "as four digits"


@register
class RenamedVenue(Rule):
    code = "BDG003"
    name = "renamed-venue"
    category = CATEGORY
    fixable = True
    summary = "A former venue name used after the rename (`NIPS 2019` is `NeurIPS 2019`)."
    explanation = (
        "Venues get renamed: NIPS became NeurIPS in 2018. The year on the badge decides: "
        "`NIPS 2017` is right, `NIPS 2019` is not, because the 2019 conference never went "
        "by that name. The fix writes the name in force that year. A list that writes the "
        "former name for most of the venue's marks (`NIPS` throughout) keeps its habit: "
        "inconsistent-venue-spelling reports the mix instead."
    )
    bad = "* [MixMatch](https://arxiv.org/abs/1905.02249) <kbd>NIPS 2019</kbd>"
    good = "* [MixMatch](https://arxiv.org/abs/1905.02249) <kbd>NeurIPS 2019</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = analysis(ctx)
        kept = _former_habit(found.usable)
        for badge in found.usable:
            reading = badge.reading
            match, year = reading.match, reading.year
            if (match is None or year is None or reading.bad_year
                    or match.via != "former_name"
                    or match.venue.name_ok_for(match.matched, year)
                    or match.venue.key in kept):
                continue  # (a list that writes the former name throughout keeps it)
            name = match.venue.name_for(year)
            rename = match.rename
            until = f" after {rename.until}" if rename is not None else ""
            text = target(found, name, reading, badge.style)
            yield self.diagnostic(
                badge.span, f"badge {badge.show()} on line {badge.line}: "
                f"'{reading.venue_text}' was renamed {name}{until}; write "
                f"{badge.show(text)}",
                fix=self.replace(badge.inner, text, safe=not match.ambiguous,
                                 description=f"write {text!r}"))



@register
class InconsistentVenueSpelling(Rule):
    code = "BDG008"
    name = "inconsistent-venue-spelling"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "One venue spelt two ways in the same document (`TRO` and `T-RO`)."
    explanation = (
        "Readers search a list for a venue: when half the entries say `TRO` and the other "
        "half `T-RO`, a search finds half. Reported once per venue, listing every spelling "
        "with its count; former names used in their own era (`NIPS 2017`) do not count."
    )
    bad = ("* [ORB-SLAM2](https://arxiv.org/abs/1610.06475) <kbd>TRO 2017</kbd>\n"
           "* [VINS-Mono](https://arxiv.org/abs/1708.03852) <kbd>T-RO 2018</kbd>")
    good = ("* [ORB-SLAM2](https://arxiv.org/abs/1610.06475) <kbd>T-RO 2017</kbd>\n"
            "* [VINS-Mono](https://arxiv.org/abs/1708.03852) <kbd>T-RO 2018</kbd>")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        groups: dict[tuple[str, str], list[tuple[str, FoundBadge]]] = {}
        names: dict[tuple[str, str], str] = {}
        #: Canonical names and former names in their era, as written, per venue.
        family: dict[tuple[str, str], list[str]] = {}
        for badge in analysis(ctx).usable:
            reading = badge.reading
            if reading.topic or not reading.venue_text:
                continue
            written = reading.venue_text
            match = reading.match
            if match is not None:
                key = ("known", match.venue.key)
                names[key] = match.venue.name
                rename = match.rename
                if written == match.venue.name or (
                        rename is not None and written == rename.name):
                    family.setdefault(key, []).append(written)
                    written = ""  # the name and its former names are one spelling
            elif reading.bad_year is None:
                loose = _LOOSE_NAME.sub("", _ORG.sub("", written.casefold()))
                if not loose:
                    continue
                key = ("unknown", loose)
                names.setdefault(key, written)
            else:
                continue
            groups.setdefault(key, []).append((written, badge))
        for key, members in groups.items():
            counts = Counter(spelling for spelling, _ in members)
            if len(counts) < 2:
                continue
            main = counts.most_common(1)[0][0]
            odd = next(badge for spelling, badge in members if spelling != main)
            parts = []
            for spelling, count in counts.most_common():
                lines = [b.line for s, b in members if s == spelling]
                if not spelling:
                    spelling = "/".join(dict.fromkeys(family[key]))
                where = f"line {lines[0]}" if count == 1 else f"{count}×, first on line {lines[0]}"
                parts.append(f"'{spelling}' ({where})")
            registry_name = f"; the registry spells it '{names[key]}'" if key[0] == "known" else ""
            yield self.diagnostic(
                odd.span, f"venue {names[key]} is spelt {len(counts)} ways in this document: "
                + ", ".join(parts) + registry_name)


def _former_habit(badges: Iterable[FoundBadge]) -> frozenset[str]:
    """Venues whose marks after the rename mostly keep the former name (``2019-NIPS``,
    ``2020-NIPS``, ... in a list that writes ``NIPS`` throughout): three or more such marks,
    more than those with the new name."""
    former: Counter[str] = Counter()
    current: Counter[str] = Counter()
    for badge in badges:
        match, year = badge.reading.match, badge.reading.year
        if match is None or year is None or not match.venue.renames:
            continue
        if match.via == "former_name":
            if not match.venue.name_ok_for(match.matched, year):
                former[match.venue.key] += 1
        elif any(r.name and not match.venue.name_ok_for(r.name, year)
                 for r in match.venue.renames):
            current[match.venue.key] += 1
    return frozenset(k for k, n in former.items() if n >= 3 and n > current[k])
