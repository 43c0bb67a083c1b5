"""The list's own conventions, inferred once per document from the tree.

Rules that could impose our habits on a list that consistently follows its own ask here
first: which nested bullets belong to which parent item (a ``+ https://github.com/...
[PyTorch]`` under a paper is that paper's resource, not an entry of its own), and which
headings are *labels* rather than sections (``### 2024`` then ``### Conference``: a flat
run of headings where some only name what follows).  Everything is read from the typed
tree (lists, sections), never from raw lines, and computed once per document (rules read
``ctx.analysis.conventions``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from awesome_lint.model import Document, Entry, Section

#: A heading that names a period: ``2024``, ``2019-05``, ``2014.07``, ``May 2021``.
_DATE_TITLE = re.compile(
    r"^(?:(?:19|20)\d{2}(?:\s*[-./]\s*\d{1,2})?|"
    r"[A-Za-z]{3,9}\.?\s+(?:19|20)\d{2}|(?:19|20)\d{2}\s+[A-Za-z]{3,9})"
    r"(?:\s*\(\d+\))?$")
#: Label headings need this many instances before they count as the list's convention.
_MIN_LABELS = 2


@dataclass(frozen=True, slots=True)
class Conventions:
    """What a document consistently does, where that changes what counts as a defect."""

    #: Line of a nested list item -> line of the list item it is nested under.
    parent_item: dict[int, int]
    #: Sections (by ``id``) that are labels for the headings after them, not sections.
    labels: frozenset[int]
    #: ``(parent id, level)`` runs of sibling headings that labels split into groups: a
    #: heading repeated across groups (``### Conference`` under each year) is by design.
    labelled_runs: frozenset[tuple[int, int]]

    def parent_of(self, entry: Entry) -> int | None:
        """The line of the item ``entry`` is nested under; ``None`` for a top-level item."""
        return self.parent_item.get(entry.line)

    def is_label(self, section: Section) -> bool:
        return id(section) in self.labels


def infer(document: Document) -> Conventions:
    labels, runs = _labels(document)
    return Conventions(_parents(document), labels, runs)


def _parents(document: Document) -> dict[int, int]:
    """Each nested list item's parent item: one walk over the items in line order."""
    items = sorted((item.line, info.depth) for info in document.lists for item in info.items)
    parents: dict[int, int] = {}
    stack: list[tuple[int, int]] = []  # (depth, line), depths increasing
    for line, depth in items:
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack and depth > 0:
            parents[line] = stack[-1][1]
        stack.append((depth, line))
    return parents


def is_date_title(title: str) -> bool:
    return bool(_DATE_TITLE.match(" ".join(title.split())))


def _labels(document: Document) -> tuple[frozenset[int], frozenset[tuple[int, int]]]:
    """Label headings, per run of siblings (same parent, same level).

    Two signatures, each the run's majority habit rather than one slip:

    * **calendar headings**: most siblings are dates (``#### 2014-07``); an empty one says
      "nothing this period", so every date heading of the run is a label;
    * **flat label headings**: at least ``_MIN_LABELS`` empty headings are each followed by
      a sibling, and the siblings' titles repeat (``### 2024``, ``### Conference``,
      ``### 2023``, ``### Conference``): the empty ones label the groups.
    """
    labels: set[int] = set()
    runs: set[tuple[int, int]] = set()
    for parent in document.root.walk():
        by_level: dict[int, list[Section]] = {}
        for child in parent.children:
            by_level.setdefault(child.level, []).append(child)
        for level, siblings in by_level.items():
            if len(siblings) < 2:
                continue
            dates = [s for s in siblings if is_date_title(s.title)]
            if len(dates) * 2 > len(siblings):
                labels.update(id(s) for s in dates)
            empty = [s for s, nxt in itertools.pairwise(siblings)
                     if is_empty(s) and nxt.line > s.line]
            titles = Counter(" ".join(s.title.casefold().split()) for s in siblings
                             if not is_empty(s))
            if len(empty) >= _MIN_LABELS and any(n > 1 for n in titles.values()):
                labels.update(id(s) for s in empty)
                runs.add((id(parent), level))
    return frozenset(labels), frozenset(runs)


def is_empty(section: Section) -> bool:
    """Nothing under the heading: no entry, no sub-section, no block but jump targets."""
    return not (section.entries or section.children
                or any(block.kind != "anchor" for block in section.blocks))
