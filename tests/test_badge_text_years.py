"""The years a venue registry settles in badge text (``venues.badge_text.settle_year``):
one reading of a mark's year, shared by every notation's badge rules; and the one
reading of an arXiv id's year and month."""

from __future__ import annotations

import pytest

from awesome_lint.venues import arxiv_posted, arxiv_year, parse_badge_text
from awesome_lint.venues.badge_text import settle_year

KNOWN = {"IJCAI", "CVPR", "TMI"}


def _settle(text: str) -> tuple[str, int | None, int | None, bool, str | None]:
    parsed, bad = settle_year(parse_badge_text(text), lambda name: name in KNOWN)
    return parsed.venue_text, parsed.year, parsed.month, parsed.two_digit_year, bad


@pytest.mark.parametrize(("text", "expected"), [
    ("IJCAI 19", ("IJCAI", 2019, None, True, None)),   # a space before two digits
    ("CVPR 20219", ("CVPR", None, None, False, "20219")),  # digits that are no year
    ("TMI 201907", ("TMI", 2019, 7, False, None)),      # a year and a month
    ("2021", ("", 2021, None, False, None)),            # a year alone
    ("ResNet 50", ("ResNet 50", None, None, False, None)),  # not a venue: left alone
    ("CVPR 2017", ("CVPR", 2017, None, False, None)),   # already read: unchanged
])
def test_settle_year(text: str, expected: tuple[str, int | None, int | None, bool,
                                                 str | None]) -> None:
    assert _settle(text) == expected


@pytest.mark.parametrize(("url", "posted"), [
    ("https://arxiv.org/abs/1907.08610v2", (2019, 7)),
    ("https://arxiv.org/pdf/2201.00001.pdf", (2022, 1)),
    ("https://ar5iv.labs.arxiv.org/html/1911.05722", (2019, 11)),
    ("arXiv:2006.15055", (2020, 6)),
    ("https://arxiv.org/abs/cs/0112017", (2001, None)),  # old-style id: no month read
    ("https://example.org/1907.08610", None),
])
def test_arxiv_posted_is_the_one_reading_of_an_arxiv_id(
        url: str, posted: tuple[int, int | None] | None) -> None:
    """BDG005's month and every rule's year come from one reading of the id."""
    assert arxiv_posted(url) == posted
    assert arxiv_year(url) == (posted[0] if posted else None)


def test_a_lists_year_digits_are_its_majoritys_whatever_the_apostrophe() -> None:
    """``'87`` and ``’87`` are both two-digit years: the list's notation writes two digits,
    as its badge rules' year habit does (a fix converged on neither before)."""
    from awesome_lint.config import Config
    from awesome_lint.engine import fix_text
    from awesome_lint.syntax.parser import parse
    from awesome_lint.syntax.venuemarks import notation

    text = "".join(f"* [Paper {i}](https://example.org/p{i}) <kbd>{t}</kbd>\n" for i, t in
                   enumerate(["3D Vision 1987", "3D Vision'87", "3D Vision’87"]))
    found = notation(parse(text), "kbd")
    assert (found.separator, found.digits) == ("'", 2)
    config = Config().with_overrides(select=("BDG",), unsafe_fixes=True)
    once = fix_text(text, config).text
    assert "<kbd>3DV'87</kbd>" in once and fix_text(once, config).text == once


@pytest.mark.parametrize(("raw", "expected"), [
    ("CVPR2016", "CVPR 2016"),
    ("CVPR2016 Oral", "CVPR 2016 Oral"),
    ("汽车工程: 规划&决策2023年", "汽车工程: 规划&决策2023年"),  # CJK writes no space there
    ("CVPR 2016", "CVPR 2016"),
])
def test_a_glued_year_is_split_where_the_badge_text_reading_found_it(raw: str,
                                                                      expected: str) -> None:
    from awesome_lint.rules.badges.canonical import respaced

    assert respaced(raw) == expected
