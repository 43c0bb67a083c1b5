"""The years a venue registry settles in badge text (``venues.badge_text.settle_year``):
one reading of a mark's year, shared by every notation's badge rules."""

from __future__ import annotations

import pytest

from awesome_lint.venues import parse_badge_text
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
