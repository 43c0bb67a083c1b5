"""A list's own layout conventions, inferred from the document: what the FMT rules hold
every list item, heading and blank line to.

Each convention is the strict majority of the cases the document has (more than half);
with no majority there is no convention and nothing deviates from it.  A consistent list
therefore never gets a layout finding, and a list is never held to our taste.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from awesome_lint.model import Document, ListItemInfo

T = TypeVar("T")

_ATX = re.compile(r"^ {0,3}(#{1,6})([ \t]+)\S")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


@dataclass(slots=True)
class Item:
    """A list item with the lines it owns and where its content starts."""

    info: ListItemInfo
    list_index: int
    #: The item's last line (nested lists and continuation lines included).
    last: int
    #: Spaces between the marker and the content; 0 when that is not a plain run of 1 to 4
    #: spaces followed by text (then the item has no spacing to speak of).
    spaces: int
    parent: Item | None = None
    #: The top-level list the item belongs to (its own list when it is not nested).
    block: int = -1

    @property
    def content_column(self) -> int:
        """1-based column of the item's content."""
        return self.info.marker_column + len(self.info.marker) + self.spaces


@dataclass(frozen=True)
class Heading:
    """A top-level ATX heading: its line and the blank lines around it (None: no line)."""

    line: int
    gap: str  # the whitespace between the hashes and the text
    gap_column: int  # 1-based
    blank_before: bool | None
    blank_after: bool | None


@dataclass
class Conventions:
    """How this list writes its list items, by majority."""

    items: list[Item] = field(default_factory=list)
    #: List index -> the items of that list (lists whose every item is plain).
    by_list: dict[int, list[Item]] = field(default_factory=dict)
    #: Bullet lists that other bullet lists touch (only blank lines between): changing
    #: a marker there would merge or split lists.
    touching: set[int] = field(default_factory=set)
    #: Depth -> the bullet most entry lists' items at that depth use.
    bullets: dict[int, str] = field(default_factory=dict)
    #: Lists of entries (every item an entry, not the table of contents): the lists whose
    #: bullets make the convention (prose and TOC lists often use another on purpose).
    entry_lists: set[int] = field(default_factory=set)
    #: Top-level list -> spaces most of its bullet items (nested ones included) put after
    #: the marker: a habit of each list, as sections are often written by different hands.
    spacing: dict[int, int] = field(default_factory=dict)
    #: How far nested lists sit from their parent's marker: "content" (at the parent's
    #: content column) or a number of columns.
    indent: str | int | None = None
    #: Whether nearly all runs of blank lines outside code and HTML (85%) are single.
    single_blank_lines: bool = False
    #: Runs of blank lines outside code and HTML: (first line, last line).
    blank_runs: list[tuple[int, int]] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    #: Whether nearly all headings (85%) have a blank line before (after) them.
    blank_before_headings: bool = False
    blank_after_headings: bool = False
    #: The gap after the hashes most ATX headings use.
    heading_gap: str | None = None


def majority(counts: Counter[T]) -> T | None:
    """The value more than half of the cases have, if any."""
    total = sum(counts.values())
    if not total:
        return None
    value, count = counts.most_common(1)[0]
    return value if 2 * count > total else None


def _habit(counts: Counter[bool]) -> bool:
    """A habit, not a lean: true in nearly every case (85%) of several (at least four), or
    in all cases but one of at least five (a short list has few cases to show it)."""
    total = sum(counts.values())
    return total >= 4 and (counts[True] >= 0.85 * total
                           or (total >= 5 and counts[False] == 1))


def conventions(doc: Document) -> Conventions:
    """The document's conventions (rules read them once per document from
    ``ctx.analysis.layout_conventions``)."""
    conv = Conventions()
    _items(doc, conv)
    conv.touching = _touching(doc)
    entries = {e.line for e in doc.entries}
    toc = {e.span.line for e in doc.toc}
    conv.entry_lists = {i for i, items in conv.by_list.items()
                        if all(x.info.line in entries and x.info.line not in toc
                               for x in items)}
    bullets: defaultdict[int, Counter[str]] = defaultdict(Counter)
    spacing: defaultdict[int, Counter[int]] = defaultdict(Counter)
    for item in conv.items:
        info = item.info
        if not info.ordered and item.list_index in conv.entry_lists:
            bullets[info.depth][info.marker] += 1
        if item.spaces and not info.ordered:
            spacing[item.block][item.spaces] += 1
    conv.bullets = {d: m for d, c in bullets.items() if (m := majority(c)) is not None}
    conv.spacing = {k: s for k, c in spacing.items() if (s := majority(c)) is not None}
    conv.indent = _indent(conv)
    _blank_lines(doc, conv)
    _headings(doc, conv)
    return conv


_MARKER = re.compile(r"[*+-]|\d{1,9}[.)]")


def _plain(info: ListItemInfo) -> bool:
    """An item the layout rules look at: a CommonMark marker, not in a quote, no tabs
    before the marker."""
    if ">" in info.indent_text or "\t" in info.indent_text:
        return False
    marker = info.marker
    if len(marker) == 1:
        # Speed trick (listed in awesome_lint.startup): a one-character marker is plain
        # exactly when it is a bullet (``_MARKER``'s other branch needs two characters):
        # no regex call for a bullet list's every item.
        return marker in "*+-"
    return _MARKER.fullmatch(marker) is not None


def _items(doc: Document, conv: Conventions) -> None:
    rows: list[tuple[ListItemInfo, int, int]] = []
    for index, listed in enumerate(doc.lists):
        for position, entry in enumerate(listed.items):
            last = listed.items[position + 1].line - 1 if position + 1 < len(listed.items) \
                else listed.end_line
            rows.append((entry, index, max(entry.line, last)))
    rows.sort(key=lambda r: r[0].line)
    stack: list[Item] = []
    for info, index, last in rows:
        if not _plain(info):
            continue
        while stack and not (stack[-1].info.depth < info.depth and info.line <= stack[-1].last):
            stack.pop()
        parent = stack[-1] if stack and stack[-1].info.depth == info.depth - 1 else None
        item = Item(info, index, last, _spaces(doc.line_text(info.line), info), parent,
                    parent.block if parent is not None else index)
        conv.items.append(item)
        conv.by_list.setdefault(index, []).append(item)
        stack.append(item)
    for index in [i for i, items in conv.by_list.items()
                  if len(items) != len(doc.lists[i].items)]:
        del conv.by_list[index]  # a list partly in a quote or tab-indented: left alone


def _spaces(src: str, info: ListItemInfo) -> int:
    after = src[info.marker_column - 1 + len(info.marker):]
    content = after.lstrip(" ")
    spaces = len(after) - len(content)
    if not content or content.startswith("\t") or not 1 <= spaces <= 4:
        return 0
    return spaces


def _touching(doc: Document) -> set[int]:
    """Bullet lists separated from the previous bullet list at their depth by blank lines
    only (nested lists of the first may lie between: they end with it)."""
    touching: set[int] = set()
    by_depth: defaultdict[int, list[int]] = defaultdict(list)
    for index, info in sorted(enumerate(doc.lists), key=lambda pair: pair[1].line):
        if not info.ordered:
            by_depth[info.depth].append(index)
    for indexes in by_depth.values():
        for a, b in itertools.pairwise(indexes):
            first, second = doc.lists[a], doc.lists[b]
            if second.line > first.end_line and all(
                    not doc.line_text(n).strip()
                    for n in range(first.end_line + 1, second.line)):
                touching.update((a, b))
    return touching


def _indent(conv: Conventions) -> str | int | None:
    """The nesting most nested lists use (one vote per list)."""
    votes: Counter[str | int] = Counter()
    lists = 0
    for items, parent in nested_lists(conv):
        if not parent.spaces:
            continue
        lists += 1
        rel = list_indent(items, parent)
        if rel == parent.content_column - parent.info.marker_column:
            votes["content"] += 1
        if rel in (2, 3, 4):
            votes[rel] += 1
    if not lists:
        return None
    styles: list[str | int] = ["content", 4, 2, 3]
    best = max(styles, key=lambda style: votes[style])
    return best if 2 * votes[best] > lists else None


def nested_lists(conv: Conventions) -> Iterator[tuple[list[Item], Item]]:
    """Each nested list (its items) with the item it is nested in."""
    for items in conv.by_list.values():
        if items and items[0].parent is not None:
            yield items, items[0].parent


def list_indent(items: list[Item], parent: Item) -> int:
    """How far the nested list sits from its parent's marker."""
    return items[0].info.marker_column - parent.info.marker_column


def _blank_lines(doc: Document, conv: Conventions) -> None:
    skip = doc.code_lines | doc.html_lines
    start = 0
    counts: Counter[bool] = Counter()
    total = len(doc.lines)
    for number in range(1, total + 2):
        blank = number <= total and number not in skip and not doc.line_text(number).strip()
        if blank:
            start = start or number
            continue
        if start:
            conv.blank_runs.append((start, number - 1))
            if start > 1 and number <= total:  # between blocks, not at the file's edges
                counts[number - start == 1] += 1
            start = 0
    conv.single_blank_lines = _habit(counts)


def _headings(doc: Document, conv: Conventions) -> None:
    in_lists = {n for info in doc.lists if info.depth == 0
                for n in range(info.line, info.end_line + 1)}
    skip = doc.code_lines | doc.html_lines | in_lists
    total = len(doc.lines)
    gaps: Counter[str] = Counter()
    before: Counter[bool] = Counter()
    after: Counter[bool] = Counter()
    for section in doc.sections:
        line = section.line
        if section.heading_style != "atx" or line in skip:
            continue
        match = _ATX.match(doc.line_text(line))
        if match is None:
            continue
        above = doc.line_text(line - 1) if line > 1 else ""
        heading = Heading(
            line, match.group(2), match.start(2) + 1,
            # a comment right above belongs to the heading (awesome-lint-disable-next-line)
            None if line == 1 or _COMMENT_LINE.match(above) else not above.strip(),
            None if line == total else not doc.line_text(line + 1).strip())
        conv.headings.append(heading)
        gaps[heading.gap] += 1
        if heading.blank_before is not None:
            before[heading.blank_before] += 1
        if heading.blank_after is not None:
            after[heading.blank_after] += 1
    conv.heading_gap = majority(gaps)
    conv.blank_before_headings = _habit(before)
    conv.blank_after_headings = _habit(after)
