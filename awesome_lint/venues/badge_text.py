"""Badge text: the lookup keys of names and the parts of a badge (``CVPR 2017 Oral``)."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

YearStyle = Literal["plain", "apostrophe", "dash", "underscore", "glued", "none"]
WhitespaceIssue = Literal["nbsp", "other-space", "invisible", "leading", "trailing", "repeated"]

#: Patterns compile on first use (keeps ``import awesome_lint.venues`` cheap).
compiled = functools.cache(re.compile)

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_NBSP = frozenset("\u00a0\u2007\u202f")
_DBLP_VOLUME = r"\s*\(\d+\)$"
_NOT_ALNUM = r"[\W_]+"


@functools.lru_cache(maxsize=16384)  # badge texts and venue names repeat
def lookup_key(text: str) -> str:
    """Lookup key: invisible characters dropped, whitespace collapsed, casefolded."""
    # The invisible characters are not ASCII: an ASCII text skips the table walk (the
    # registry's 900 spellings: 0.7 ms, not 2.7 ms, on every run that reads a badge).
    if not text.isascii():
        text = text.translate(_INVISIBLE)
    text = " ".join(text.split()).casefold()
    # Only a text ending in ")" can hold a volume: the rest skip the pattern's scan.
    return compiled(_DBLP_VOLUME).sub("", text) if text.endswith(")") else text


def loose_key(key: str) -> str:
    """Second-chance key that ignores spacing and punctuation (``T-RO`` = ``TRO``)."""
    # ``str.isalnum`` is exactly ``re``'s ``\w`` without ``_``: nothing to drop.
    return key if key.isalnum() else compiled(_NOT_ALNUM).sub("", key)


def _whitespace_issues(text: str) -> tuple[WhitespaceIssue, ...]:
    """Whitespace a rule may want to flag in badge text."""
    issues: list[WhitespaceIssue] = []
    if any(c in text for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"):
        issues.append("invisible")
    spaces = {c for c in text if c.isspace() and c != " "}
    if spaces & _NBSP:
        issues.append("nbsp")
    if spaces - _NBSP:
        issues.append("other-space")
    visible = text.translate(_INVISIBLE)
    if visible[:1].isspace():
        issues.append("leading")
    if visible[-1:].isspace():
        issues.append("trailing")
    if compiled(r"\S\s{2,}\S").search(visible):
        issues.append("repeated")
    return tuple(issues)


# --------------------------------------------------------------------------------------
# Badge parsing
# --------------------------------------------------------------------------------------

_YEAR4 = r"(?:18|19|20)\d{2}"
_YEAR_RE = rf"""
      (?P<apos>\s?['’‘`´]\s?(?P<apos_year>{_YEAR4}|\d{{2}})(?!\d))
    | (?P<dash>\s?(?P<dash_sep>[-–—_])\s?(?P<dash_year>{_YEAR4}|\d{{2}})(?!\d))
    | (?P<plain>(?:^|(?<=\s))(?P<plain_year>{_YEAR4})(?!\d))
    | (?P<glued>(?<=[^\W\d_])(?P<glued_year>{_YEAR4}|\d{{2}})(?!\d))
    """
_MONTH_RE = r"-(0[1-9]|1[0-2])(?!\d)"
#: A two-digit year glued or dashed on is only trusted after an acronym (``CVPR19``),
#: so ``ResNet50`` or ``ResNet-50`` are not read as 1950.
_ACRONYM_END = r"(?:^|[\s(])[A-Z0-9&.]*[A-Z][A-Z0-9&.-]*$"
_STRIP = " ,;:-–—_()[]{}|/"
_SUFFIX_WORDS = frozenset(
    """
    oral orals spotlight spotlights poster posters workshop workshops best paper papers
    award awards honorable honourable mention candidate candidates shortlist shortlisted
    finalist finalists highlight highlights talk talks findings demo demos short long
    track industry tutorial invited keynote student abstract abstracts extended contributed
    main conference journal datasets benchmarks benchmark and d&b w presentation accepted
    submission submitted preprint under review in press camera ready full of the
    """.split()  # noqa: SIM905
)
#: Without a year only presentation words are split off: ``CVPR Workshop`` is a venue.
_PRESENTATION_SUFFIX = r"(?i)\s+(?:oral|spotlight|poster|highlight|talk|best\s+paper(?:\s+\w+)?)$"


@dataclass(frozen=True, slots=True)
class ParsedBadge:
    """Badge text split into venue, year and suffix (``CVPR'17 Oral``)."""

    text: str
    venue_text: str
    year: int | None
    suffix: str = ""
    year_style: YearStyle = "none"
    #: The year was written with two digits (``'17``, ``CVPR17``).
    two_digit_year: bool = False
    #: Month of ``arXiv 2025-06``-style badges.
    month: int | None = None
    #: Non-breaking/odd spaces, doubled spaces, leading/trailing blanks, invisible chars.
    whitespace: tuple[WhitespaceIssue, ...] = ()
    #: What stands between the venue and the year's digits (``' `` in ``CVPR' 19``, `` ``
    #: in ``CVPR 2019``, nothing in ``CVPR2019``), spaces normalised.
    year_sep: str = ""
    #: Offset of the year's digits in the text with spaces normalised (-1 without a year).
    year_at: int = -1

    @property
    def irregular_whitespace(self) -> bool:
        """Whether the original text had whitespace a fixer would normalize."""
        return bool(self.whitespace)

    @property
    def suffix_known(self) -> bool:
        """Whether the suffix only uses usual words (Oral, Best Paper, Workshop...)."""
        words = compiled(r"[\w&]+").findall(self.suffix.casefold())
        return all(w in _SUFFIX_WORDS for w in words)


def two_digit_year(yy: int) -> int:
    """Fixed pivot: '00-'49 are 2000s, '50-'99 are 1900s (deterministic, no clock)."""
    return 2000 + yy if yy < 50 else 1900 + yy


#: What :func:`settle_year` reads where :func:`parse_badge_text` found no year: a known
#: venue, a space and two digits (``IJCAI 19``); a known venue and digits that are no year
#: (``CVPR 20219``, or ``TMI 201907``: a year and a month); a lone four-digit number.
_SPACE_TWO_DIGIT = r"^(?P<head>.*[^\W\d_].*?)\s(?P<yy>\d{2})$"
_BAD_DIGITS = r"^(?P<head>.*?[^\W\d_].*?)[\s'’-]*(?P<digits>\d{3}|\d{5,})$"
_FOUR_DIGITS = r"[12]\d{3}"
_YEAR_MONTH = r"((?:19|20)\d{2})(0[1-9]|1[0-2])"


def settle_year(parsed: ParsedBadge, known: Callable[[str], bool]
                ) -> tuple[ParsedBadge, str | None]:
    """``parsed`` with the year a venue registry settles (``known``: whether a name is a
    venue), and the digits that cannot be a year (``CVPR 20219``) or None.  Only text
    :func:`parse_badge_text` left without a year is read again."""
    if parsed.year is not None:
        return parsed, None
    text = parsed.text.strip()
    if compiled(_FOUR_DIGITS).fullmatch(text):  # a year, if a wrong one
        return dataclasses.replace(parsed, venue_text="", year=int(text),
                                   year_style="plain"), None
    venue_text = parsed.venue_text
    if (m := compiled(_SPACE_TWO_DIGIT).match(venue_text)) and known(m["head"]):
        return dataclasses.replace(parsed, venue_text=m["head"],
                                   year=two_digit_year(int(m["yy"])), year_style="plain",
                                   two_digit_year=True), None
    if (m := compiled(_BAD_DIGITS).match(venue_text)) and known(m["head"]):
        parsed = dataclasses.replace(parsed, venue_text=m["head"])
        if (d := compiled(_YEAR_MONTH).fullmatch(m["digits"])) is not None:  # TMI 201907
            return dataclasses.replace(parsed, year=int(d[1]), month=int(d[2]),
                                       year_style="plain"), None
        return parsed, m["digits"]
    return parsed, None


@functools.lru_cache(maxsize=8192)  # lists repeat the same badges ("CVPR 2017") thousands of times
def parse_badge_text(text: str) -> ParsedBadge:
    """Split badge text into venue text, year and suffix.

    Accepts ``CVPR 2017``, ``CVPR'17``, ``CVPR’17``, ``CVPR-2017``, ``CVPR_2017``,
    ``CVPR2017``, ``CVPR17``, ``cvpr 2017 oral``, ``ICML workshop 2020`` and
    ``arXiv 2025-06``.  Whitespace oddities are reported in ``whitespace`` and ignored.
    """
    issues = _whitespace_issues(text)
    clean = " ".join(text.translate(_INVISIBLE).split())
    for m in compiled(_YEAR_RE, re.VERBOSE).finditer(clean):
        style: YearStyle
        if m.group("apos"):
            style, group = "apostrophe", "apos_year"
        elif m.group("dash"):
            style = "underscore" if m.group("dash_sep") == "_" else "dash"
            group = "dash_year"
        elif m.group("plain"):
            style, group = "plain", "plain_year"
        else:
            style, group = "glued", "glued_year"
        digits = m.group(group)
        head = clean[: m.start()]
        if len(digits) == 2 and style != "apostrophe" and not compiled(_ACRONYM_END).search(head):
            continue
        year = two_digit_year(int(digits)) if len(digits) == 2 else int(digits)
        rest = clean[m.end() :]
        month = None
        if style == "plain" and (mm := compiled(_MONTH_RE).match(rest)):
            month, rest = int(mm.group(1)), rest[mm.end() :]
        return ParsedBadge(
            text=text,
            venue_text=head.strip(_STRIP),
            year=year,
            suffix=rest.strip(_STRIP),
            year_style=style,
            two_digit_year=len(digits) == 2,
            month=month,
            whitespace=issues,
            year_sep=clean[len(head.rstrip(_STRIP)):m.start(group)],
            year_at=m.start(group),
        )
    venue_text, suffix = clean.strip(_STRIP), ""
    if m2 := compiled(_PRESENTATION_SUFFIX).search(venue_text):
        venue_text, suffix = venue_text[: m2.start()], m2.group().strip()
    return ParsedBadge(
        text=text, venue_text=venue_text, year=None, suffix=suffix, whitespace=issues
    )
