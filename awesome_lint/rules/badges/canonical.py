"""The text a badge should say: the venue's name in force that year, the year as the list
writes years, spacing normalised.  Shared by the rules that suggest a rewrite."""

from __future__ import annotations

from awesome_lint.rules.badges.analysis import Analysis, Reading, year_shape
from awesome_lint.syntax.venuemarks import Notation
from awesome_lint.venues import ParsedBadge, Venue, parse_badge_text
from awesome_lint.venues.badge_text import two_digit_year as two_digit

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
#: Notations whose default way of writing a year the rules know (``CVPR 2017``,
#: ``**[CVPR'17]**``); the others are written only as the list's majority writes them.
DEFAULT_STYLES = frozenset({"kbd", "bold-bracket", "bracket"})


def expected_name(reading: Reading) -> str | None:
    """The venue name this badge should print: a former name only within its era."""
    match = reading.match
    if match is None:
        return None
    year = reading.year
    if match.via == "former_name" and match.rename is not None and match.rename.name:
        if year is None or match.rename.in_force(year, tolerant=True):
            return match.rename.name
        return match.venue.name_for(year)
    return match.venue.name


def year_ok(parsed: ParsedBadge, style: str, habit: tuple[bool, str] | None) -> bool:
    """Whether the year is written the way the list writes years in this notation (its
    ``habit``, when its majority has one), else the way the notation usually does.

    A glued four-digit year (``CVPR2016``) counts as written right: it is a spacing defect,
    which malformed-badge reports.
    """
    if parsed.year is None:
        return True
    if habit is not None:
        return parsed.month is not None or year_shape(parsed) == habit
    if style not in DEFAULT_STYLES:
        return True  # no majority, no default: the list decides
    if style == "bold-bracket" and two_digit(parsed.year % 100) == parsed.year:
        return parsed.year_style == "apostrophe" and parsed.two_digit_year
    return not parsed.two_digit_year and parsed.year_style in ("plain", "glued")


def canonical(name: str, parsed: ParsedBadge, style: str, writer: Notation | None = None
              ) -> str:
    """``NAME YEAR[-MM] [suffix]`` (``NAME'YY`` in bold-bracket lists); as ``writer`` (the
    list's own way of writing a mark) writes it when there is one."""
    if writer is not None and parsed.month is None:
        text = writer.text(name, parsed.year)
        return f"{text} {parsed.suffix}" if parsed.suffix else text
    text = name
    if parsed.year is not None:
        year = parsed.year
        if style == "bold-bracket" and parsed.month is None and two_digit(year % 100) == year:
            text += f"'{year % 100:02d}"
        else:
            text += f" {year}" + (f"-{parsed.month:02d}" if parsed.month else "")
    return f"{text} {parsed.suffix}" if parsed.suffix else text


def respaced(raw: str) -> str:
    """The badge text with spaces normalised and a glued four-digit year split off."""
    clean = " ".join(raw.translate(_INVISIBLE).split())
    parsed = parse_badge_text(clean)
    before = clean[parsed.year_at - 1:parsed.year_at]
    if parsed.year_style == "glued" and not parsed.two_digit_year and before.isascii():
        # (a Latin name only: CJK text writes no space before 2023年)
        clean = f"{clean[:parsed.year_at]} {clean[parsed.year_at:]}"
    return clean


def writer(found: Analysis, style: str) -> Notation | None:
    """How the list writes a mark in ``style``, when its majority says (always for the
    notations without a default)."""
    if style in DEFAULT_STYLES and style not in found.year_habits:
        return None
    return found.notation(style)


def target(found: Analysis, name: str, reading: Reading, style: str) -> str:
    """The canonical text of a badge naming ``name``, written as the list writes marks."""
    return canonical(name, reading.parsed, style, writer(found, style))


def names(venue: Venue) -> str:
    return venue.name if venue.full_name == venue.name else f"{venue.name} ({venue.full_name})"
