"""The canonical form of an awesome list: the formatter behind ``awesome-lint format``.

mdformat rewrites every construct it knows; this formatter owns very little and copies
everything else verbatim.  It walks the typed tree and the source lines and rewrites only:

* list items: the bullet marker (one per document), one space after the marker, nested
  indentation, trailing spaces, hard line breaks (one style), and the layout of one-line
  entries (tags, title, resources, description, badges, single spaces between them);
* ATX headings (one space after the hashes), blank-line runs (one blank line between
  blocks, none doubled), trailing spaces outside code and HTML, the final newline;
* the table of contents: anchors and titles brought up to date from the headings
  (adding or removing TOC entries only with unsafe fixes).

Tables, HTML blocks, code and prose come out exactly as they went in.  Anything the
formatter cannot reproduce exactly (a list item with a quote inside, an entry spread over
several lines, a description with inline markup that would move...) is left alone: being
right matters more than coverage.

Besides the formatted text the formatter returns a *reference* text: the input with only
the changes that alter rendering on purpose (an entry's parts moved, a space put between
two links, a TOC anchor updated, entries sorted).  The engine renders both to HTML and
refuses to write when they differ, so every purely cosmetic change is proven harmless.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

from awesome_lint.autofix.format_entries import (
    _content_start,
    _content_width,
    _document_order,
    _join,
    _Layout,
    _split_entry,
)
from awesome_lint.autofix.format_lines import (
    _ATX,
    _CLOSING,
    _COMMENT_ONLY,
    _SETEXT_UNDERLINE,
    _blank,
    _break_style,
    _Unit,
)
from awesome_lint.autofix.format_lists import _ListWriter
from awesome_lint.autofix.format_options import (
    BULLETS,
    HARD_BREAKS,
    INDENTS,
    PARTS,
    TABLE,
    FormatOptions,
    options_for,
    validate,
)
from awesome_lint.autofix.format_toc import _TocPlan
from awesome_lint.model import Document, Entry, EntryKind, ListItemInfo
from awesome_lint.startup import paused_gc

__all__ = ["BULLETS", "HARD_BREAKS", "INDENTS", "PARTS", "TABLE", "FormatOptions", "Formatted",
           "format_document", "options_for", "validate"]


# -- result -------------------------------------------------------------------------------------
@dataclass
class Formatted:
    text: str
    #: The input with only the changes meant to alter rendering.
    reference: str
    #: Whether the TOC update changed or removed in-page anchors on purpose.
    toc_changed: bool = False
    #: Those anchors' old destinations (``#anchor``).
    toc_rewritten: tuple[str, ...] = ()


# -- the formatter ------------------------------------------------------------------------------
class _Formatter(_ListWriter):
    def __init__(self, doc: Document, options: FormatOptions, unsafe: bool) -> None:
        self.doc = doc
        self.lines = doc.lines
        self.options = options
        self.unsafe = unsafe
        self.items: dict[int, ListItemInfo] = {}
        self.item_list: dict[int, int] = {}
        for index, info in enumerate(doc.lists):
            for item in info.items:
                self.items[item.line] = item
                self.item_list[item.line] = index
        self.entries = {e.line: e for e in doc.entries if e.kind is not EntryKind.TABLE_ROW}
        self.continued = doc.continued_lines
        self.verbatim = doc.code_lines | doc.html_lines
        self.parents = self._parents()
        self.bullet = self._bullet()
        self.frozen = self._frozen_lists()
        self.indent = self._indent_style()
        self.hard_break = self._hard_break_style()
        self.replaced: dict[int, str] = {}
        self.removed: set[int] = set()
        self.inserted: dict[int, list[tuple[int, str]]] = {}  # after line -> (template, text)
        self.toc_changed = False
        self.toc_rewritten: list[str] = []
        self.toc_lines: set[int] = {e.span.line for e in doc.toc}
        if options.toc and doc.toc:
            _TocPlan(self).apply()
        self.layouts = self._layouts()

    # -- document-wide choices --------------------------------------------------------------
    def _parents(self) -> dict[int, int]:
        """Item line -> line of the item it is nested in."""
        parents: dict[int, int] = {}
        stack: list[ListItemInfo] = []
        for line in sorted(self.items):
            item = self.items[line]
            while stack and stack[-1].depth >= item.depth:
                stack.pop()
            if stack and stack[-1].depth == item.depth - 1:
                parents[line] = stack[-1].line
            stack.append(item)
        return parents

    def _bullet(self) -> str | None:
        if self.options.bullet != "consistent":
            return self.options.bullet
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for line, item in self.items.items():
            if not item.ordered and item.indent_text.strip() == "":
                counts[item.marker] += 1
                first.setdefault(item.marker, line)
        if not counts:
            return None
        return max(counts, key=lambda m: (counts[m], -first[m]))

    def _frozen_lists(self) -> set[int]:
        """Bullet lists that touch another bullet list: changing either marker would merge
        them into one list, which changes rendering; mixed-bullets (STY001) fixes those."""
        frozen: set[int] = set()
        bullets = sorted((info.line, index) for index, info in enumerate(self.doc.lists)
                         if not info.ordered)
        for (_, a), (_, b) in itertools.pairwise(bullets):
            first, second = self.doc.lists[a], self.doc.lists[b]
            if first.depth != second.depth or second.line <= first.end_line:
                continue
            between = self.lines[first.end_line: second.line - 1]
            if all(_blank(text) for text in between):
                frozen.update((a, b))
        return frozen

    def _indent_style(self) -> str | int:
        if self.options.indent != "document":
            return self.options.indent
        votes: Counter[str | int] = Counter()
        for line, parent_line in self.parents.items():
            item, parent = self.items[line], self.items[parent_line]
            rel = item.marker_column - parent.marker_column
            content = _content_width(self.lines[parent_line - 1], parent)
            if content is not None and rel == content:
                votes["content"] += 1
            if rel in (2, 3, 4):
                votes[rel] += 1
        if not votes:
            return "content"
        priority: list[str | int] = ["content", 4, 2, 3]
        return max(priority, key=lambda s: (votes[s], -priority.index(s)))

    def _hard_break_style(self) -> str | None:
        if self.options.hard_break != "document":
            return self.options.hard_break
        counts: Counter[str] = Counter()
        in_lists = {n for info in self.doc.lists if info.depth == 0
                    for n in range(info.line, info.end_line + 1)}
        for number in self.continued:
            if number in in_lists:
                style = _break_style(self.lines[number - 1])
                if style:
                    counts[style] += 1
        if not counts or counts["backslash"] == counts["spaces"]:
            return None
        return "backslash" if counts["backslash"] > counts["spaces"] else "spaces"

    # -- entries ----------------------------------------------------------------------------
    def _layouts(self) -> dict[int, str]:
        """Line -> new content for one-line entries whose layout changes."""
        found: dict[int, tuple[Entry, _Layout, int]] = {}
        for line, entry in self.entries.items():
            if entry.end_line != line or line in self.replaced or line in self.toc_lines:
                continue
            item = self.items.get(line)
            if item is None or line in self.verbatim:
                continue
            src = self.lines[line - 1]
            start = _content_start(src, item)
            if start is None:
                continue
            layout = _split_entry(entry, src, start)
            if layout is not None:
                found[line] = (entry, layout, start)
        order = self.options.entry_order or _document_order(
            layout.order for _, layout, _ in found.values())
        out: dict[int, str] = {}
        for line, (_entry, layout, start) in found.items():
            src = self.lines[line - 1]
            new = _join(layout, order)
            if new != src[start:].rstrip(" \t"):
                out[line] = new
        return out

    # -- units ------------------------------------------------------------------------------
    def _blocks(self) -> list[tuple[str, int, int]]:
        found: dict[int, tuple[str, int, int]] = {}
        for section in self.doc.root.walk():
            for block in section.blocks:
                found.setdefault(block.line, (block.kind, block.line, block.end_line))
            if section.level:
                kind = "atx" if section.heading_style == "atx" else "setext"
                found[section.line] = (kind, section.line, section.line)
        for info in self.doc.lists:
            if info.depth == 0:
                found[info.line] = ("list", info.line, info.end_line)
        blocks = sorted(found.values(), key=lambda b: b[1])
        out: list[tuple[str, int, int]] = []
        for index, (kind, first, last) in enumerate(blocks):
            limit = blocks[index + 1][1] - 1 if index + 1 < len(blocks) else len(self.lines)
            last = min(max(first, last), limit)
            if kind == "setext":
                last = first
                while last < limit and not _SETEXT_UNDERLINE.match(self.lines[last - 1]):
                    last += 1
            out.append((kind, first, last))
        return out

    def units(self) -> list[_Unit]:
        units: list[_Unit] = []
        blocks = self._blocks()
        number = 1
        total = len(self.lines)
        index = 0
        while number <= total:
            if index < len(blocks) and blocks[index][1] == number:
                kind, first, last = blocks[index]
                index += 1
                produced = self._unit(kind, first, last)
                units.extend(produced)
                number = max(u.last for u in produced) + 1 if produced else last + 1
                continue
            limit = blocks[index][1] - 1 if index < len(blocks) else total
            if _blank(self.lines[number - 1]):
                number += 1
                continue
            end = number
            while end < limit and not _blank(self.lines[end]):
                end += 1
            units.append(self._plain("other", number, end))
            number = end + 1
        for previous, unit in itertools.pairwise(units):
            between = self.lines[previous.last: unit.first - 1]
            if not between and previous.kind == "html" and _COMMENT_ONLY.match(
                    "\n".join(self.lines[previous.first - 1: previous.last])):
                unit.glue = True
            elif not between and (previous.kind == "table" or previous.kind == unit.kind == "list"
                                  or "other" in (previous.kind, unit.kind)):
                # GFM: a line right after a table is one of its rows; two lists that one
                # bullet makes one list stay tight; and text the tree does not place (a
                # U+2028 line, which it reads as blank) stays where it is
                unit.glue = True
        return units

    def _unit(self, kind: str, first: int, last: int) -> list[_Unit]:
        if kind in ("code", "html"):
            text = self.lines[first - 1: last]
            return [_Unit(kind, first, last, list(text), list(text))]
        if kind == "atx":
            return [self._atx(first)]
        if kind == "list":
            return self._list_units(first, last)
        # paragraph, table, quote, thematic break, setext heading: no blank lines inside
        end = first
        while end < last and not _blank(self.lines[end]):
            end += 1
        return [self._plain(kind, first, end), *self._rest_units(end + 1, last)]

    def _rest_units(self, number: int, last: int) -> list[_Unit]:
        """Lines ``number..last`` left after a block, as verbatim runs between blank lines."""
        units: list[_Unit] = []
        while number <= last:
            if _blank(self.lines[number - 1]):
                number += 1
                continue
            stop = number
            while stop < last and not _blank(self.lines[stop]):
                stop += 1
            units.append(self._plain("other", number, stop))
            number = stop + 1
        return units

    def _plain(self, kind: str, first: int, last: int) -> _Unit:
        ref = self.lines[first - 1: last]
        out = [self._strip(n, self.lines[n - 1]) for n in range(first, last + 1)]
        return _Unit(kind, first, last, list(ref), out)

    def _strip(self, number: int, line: str) -> str:
        """Trailing whitespace goes, except in code and HTML and where it is a hard break."""
        if number in self.verbatim:
            return line
        if number in self.continued and _break_style(line) == "spaces":
            return line
        return line.rstrip(" \t")

    def _atx(self, number: int) -> _Unit:
        line = self.lines[number - 1]
        out = self._strip(number, line)
        match = _ATX.match(line)
        if match is not None and "\t" not in line:
            hashes, rest = match.group(1), (match.group(2) or "")
            closing = _CLOSING.search(rest)
            text, tail = rest, ""
            if closing is not None:
                text, tail = rest[: closing.start()].rstrip(), closing.group(1)
            if text:
                out = f"{hashes} {text}" + (f" {tail}" if tail else "")
        return _Unit("atx", number, number, [line], [out])

    # -- assembly ---------------------------------------------------------------------------
    def run(self) -> Formatted:
        units = self.units()
        ref: list[str] = []
        out: list[str] = []
        previous_last = 0
        for unit in units:
            ref.extend(self.lines[previous_last: unit.first - 1])  # original blank lines
            if out and not unit.glue:
                out.append("")
            ref.extend(unit.ref)
            out.extend(unit.out)
            previous_last = unit.last
        ref.extend(self.lines[previous_last:])
        reference = "\n".join(ref) + "\n" if ref else ""
        text = "\n".join(out) + "\n" if out else ""
        return Formatted(text, reference, self.toc_changed,
                         tuple(self.toc_rewritten))


def format_document(doc: Document, options: FormatOptions | None = None, *,
                    unsafe: bool = False) -> Formatted:
    """The canonical text of ``doc`` (``\\n`` line endings, no BOM) and its reference."""
    options = options or FormatOptions()
    if not doc.lines:
        return Formatted("", "")
    with paused_gc():  # as in the parser: a big tree makes every collection walk it
        return _Formatter(doc, options, unsafe).run()
