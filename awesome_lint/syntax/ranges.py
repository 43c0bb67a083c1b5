"""Offset ranges asked "does one of you hold this offset?" many times: by bisect.

A loop over every range per question is quadratic on a line of many links and tokens,
which is exactly what a hostile README holds.  Ranges may overlap and nest (badges in
link text); the running maximum of their ends answers for all of them at once.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable


class Covered:
    """``offset in Covered(ranges)``: whether a ``[start, end)`` range holds ``offset``."""

    __slots__ = ("reach", "starts")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [start for start, _ in ordered]
        #: The furthest end among the ranges starting at or before each one.
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and self.reach[index] > offset
