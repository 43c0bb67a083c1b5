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
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from awesome_lint.config import Config, ConfigError, register_table
from awesome_lint.model import (
    Document,
    Entry,
    EntryKind,
    Link,
    LinkForm,
    LinkRole,
    ListItemInfo,
    Section,
    TocEntry,
)
from awesome_lint.startup import paused_gc
from awesome_lint.syntax.ordering import sort_key
from awesome_lint.syntax.slugs import normalise_anchor

TABLE = "format"
PARTS = ("tags", "title", "resources", "description", "badges")
BULLETS = ("*", "-", "+")
INDENTS = ("document", "content", 2, 3, 4)
HARD_BREAKS = ("document", "backslash", "spaces")

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING = re.compile(r"(?:^|[ \t]+)(#+)$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_ITEM_PREFIX = re.compile(r"^( *)([*+-]|\d{1,9}[.)])( +)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])$")
#: Text that may change meaning when it moves next to another part.
_UNSAFE_TEXT = re.compile(r"[`*<>\[\]\\~|]|(?<![^\W_])_|_(?![^\W_])")
_SEPARATOR = re.compile(r"^(--|[-–—:|,])(?=\s|$)\s*")
_KBD = re.compile(r"^<kbd\s*>(.*)</kbd\s*>$", re.IGNORECASE | re.DOTALL)
_COMMENT_ONLY = re.compile(r"^\s*(?:<!--.*?-->\s*)+$", re.DOTALL)


# -- options ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FormatOptions:
    """The ``[tool.awesome-lint.format]`` table."""

    enabled: bool = True
    #: "consistent" (the marker the document uses most) or one of ``* - +``.
    bullet: str = "consistent"
    #: Part order of entries; ``None`` means the order the document already uses most.
    entry_order: tuple[str, ...] | None = None
    #: Nested-list indentation: "document", "content" (the parent's content column) or 2/3/4.
    indent: str | int = "document"
    #: Hard line breaks in list items: "document" (the style it uses most), "backslash",
    #: "spaces".
    hard_break: str = "document"
    sort_entries: bool = False
    renumber: bool = False
    toc: bool = True


def validate(value: Any, where: str) -> FormatOptions:
    """Validate the ``format`` table; unknown keys and wrong types name the key."""
    if not isinstance(value, dict):
        raise ConfigError(f"'{where}' must be a table")
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{where}.{key}"
        if key in ("enabled", "sort-entries", "renumber", "toc"):
            if not isinstance(item, bool):
                raise ConfigError(f"'{name}' must be true or false")
            kwargs[key.replace("-", "_")] = item
        elif key == "bullet":
            if item not in ("consistent", *BULLETS):
                raise ConfigError(f"'{name}' must be one of \"consistent\", \"*\", \"-\", \"+\"")
            kwargs["bullet"] = item
        elif key == "entry-order":
            kwargs["entry_order"] = _entry_order(item, name)
        elif key == "indent":
            if isinstance(item, bool) or item not in INDENTS:
                raise ConfigError(f"'{name}' must be \"document\", \"content\", 2, 3 or 4")
            kwargs["indent"] = item
        elif key == "hard-break":
            if item not in HARD_BREAKS:
                raise ConfigError(f"'{name}' must be \"document\", \"backslash\" or \"spaces\"")
            kwargs["hard_break"] = item
        else:
            from awesome_lint.suggest import did_you_mean

            known = ("bullet", "enabled", "entry-order", "hard-break", "indent", "renumber",
                     "sort-entries", "toc")
            raise ConfigError(f"unknown key '{name}'{did_you_mean(key, known)} "
                              f"(known: {', '.join(known)})")
    return FormatOptions(**kwargs)


def _entry_order(item: Any, name: str) -> tuple[str, ...] | None:
    if item == "document":
        return None
    if not isinstance(item, list) or not all(isinstance(p, str) for p in item):
        raise ConfigError(f"'{name}' must be \"document\" or a list of part names")
    unknown = [p for p in item if p not in PARTS]
    if unknown:
        raise ConfigError(f"'{name}': unknown part {unknown[0]!r} (parts: {', '.join(PARTS)})")
    if len(set(item)) != len(item):
        raise ConfigError(f"'{name}' names a part twice")
    return tuple(item) + tuple(p for p in PARTS if p not in item)


register_table(TABLE, validate)


def options_for(config: Config) -> FormatOptions:
    found = config.table(TABLE)
    return found if isinstance(found, FormatOptions) else FormatOptions()


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


# -- internal structures ------------------------------------------------------------------------
@dataclass
class _Unit:
    """One top-level block: its input lines and its reference and output lines."""

    kind: str
    first: int
    last: int
    ref: list[str]
    out: list[str]
    #: No blank line before it in the output (it directly follows a comment).
    glue: bool = False


@dataclass
class _Open:
    """A list item whose content is still open while walking a list's lines."""

    depth: int
    old_content: int
    new_content: int
    new_marker_col: int
    new_marker: str

    @property
    def delta(self) -> int:
        return self.new_content - self.old_content


@dataclass
class _Record:
    """One line of a list: the input line number (0 for inserted lines), reference and
    output text, and whether a blank output line must be kept (code and HTML)."""

    number: int
    ref: str
    out: str
    keep: bool = False
    #: For an inserted TOC line: the line whose marker and indentation it copies.
    template: int = 0


class _Bail(Exception):
    """The list cannot be reproduced exactly: copy it verbatim."""


@dataclass
class _Layout:
    """An entry's content split into parts, in source order."""

    tokens: list[_Token]
    order: tuple[str, ...]  # part kinds in source order, repeats collapsed
    clean: bool  # every prose region may move


@dataclass
class _Token:
    """One part of an entry: its kind ("text" before classification), its source text,
    whether whitespace stood before it, and whether it is prose that may move."""

    kind: str
    text: str
    spaced: bool
    clean: bool = True


# -- the formatter ------------------------------------------------------------------------------
class _Formatter:
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

    # -- lists ------------------------------------------------------------------------------
    def _list_units(self, first: int, last: int) -> list[_Unit]:
        try:
            records, end = self._list_records(first, last)
        except _Bail:
            records, end = None, last
        if records is None:
            units = [self._plain("list", first, end)]
        else:
            records = self._sorted(records, first, end)
            ref = [r.ref for r in records]
            out = _collapse([(r.out, r.keep) for r in records])
            units = [_Unit("list", first, end, ref, out)]
        units.extend(self._rest_units(end + 1, last))
        return units

    def _list_records(self, first: int, last: int) -> tuple[list[_Record], int]:
        stack: list[_Open] = []
        records: list[_Record] = []
        end = last
        for number in range(first, last + 1):
            src = self.replaced.get(number, self.lines[number - 1])
            if "\t" in src[: len(src) - len(src.lstrip())]:
                raise _Bail
            if number in self.removed:
                continue
            item = self.items.get(number)
            if item is not None:
                records.append(self._item(number, src, item, stack))
            elif _blank(src):
                records.append(self._blank(number, src, stack))
            else:
                record = self._continuation(number, src, stack)
                if record is None:
                    end = number - 1
                    while end > first and _blank(self.lines[end - 1]):
                        end -= 1
                    records = [r for r in records if r.number <= end or r.number == 0]
                    break
                records.append(record)
            for template, text in self.inserted.get(number, ()):
                records.append(_Record(0, text, text, template=template))
        while records and _blank(records[-1].out) and not records[-1].keep:
            records.pop()
        if self.inserted or self.removed:
            for record in records:
                if record.template:
                    self._inserted(record, records)
            self._renumber_toc(records)
        return records, end

    def _item(self, number: int, src: str, item: ListItemInfo, stack: list[_Open]) -> _Record:
        while stack and stack[-1].depth >= item.depth:
            stack.pop()
        if len(stack) != item.depth or ">" in item.indent_text:
            raise _Bail
        old_col = item.marker_column - 1
        if src[:old_col].strip() or src[old_col: old_col + len(item.marker)] != item.marker:
            raise _Bail
        after = src[old_col + len(item.marker):]
        content = after.lstrip(" ")
        spaces = len(after) - len(content)
        if not content.strip() or spaces == 0 or spaces > 4 or content.startswith("\t"):
            raise _Bail
        marker = self._marker(number, item)
        parent = stack[-1] if stack else None
        col = 0 if parent is None else parent.new_marker_col + self._step(parent.new_marker)
        new_content = col + len(marker) + 1
        stack.append(_Open(item.depth, old_col + len(item.marker) + spaces, new_content, col,
                           marker))
        ref = src
        layout = self.layouts.get(number)
        if layout is not None:
            if _collapse_ws(layout) != _collapse_ws(content):
                ref = src[: len(src) - len(content)] + layout  # changes rendering on purpose
            content = layout
        out = " " * col + marker + " " + self._tail(number, content)
        if _THEMATIC.match(out) or _SETEXT_UNDERLINE.match(out):
            raise _Bail
        return _Record(number, ref, out, number in self.verbatim)

    def _marker(self, number: int, item: ListItemInfo) -> str:
        if item.ordered:
            if not self.options.renumber:
                return item.marker
            info = self.doc.lists[self.item_list[number]]
            start = _ORDERED.match(info.items[0].marker)
            own = _ORDERED.match(item.marker)
            if start is None or own is None:
                return item.marker
            index = next(i for i, x in enumerate(info.items) if x.line == number)
            return f"{int(start.group(1)) + index}{own.group(2)}"
        if self.bullet is None or self.item_list[number] in self.frozen:
            return item.marker
        return self.bullet

    def _step(self, parent_marker: str) -> int:
        width = len(parent_marker) + 1
        if self.indent == "content" or not isinstance(self.indent, int):
            return width
        return max(self.indent, width)

    def _tail(self, number: int, content: str) -> str:
        """Line content with trailing whitespace removed and hard breaks in one style."""
        if number in self.verbatim:
            return content
        style = _break_style(content) if number in self.continued else None
        if style is None:
            return content.rstrip(" \t")
        want = self.hard_break or style
        body = content.rstrip(" ") if style == "spaces" else content[:-1]
        if want == "spaces":
            return body.rstrip(" ") + "  " if style == "backslash" else body + "  "
        return body.rstrip(" ") + "\\"

    def _blank(self, number: int, src: str, stack: list[_Open]) -> _Record:
        if number in self.verbatim and stack and len(src) >= stack[-1].old_content:
            return _Record(number, src, " " * (len(src) + stack[-1].delta), True)
        return _Record(number, src, "", number in self.verbatim)

    def _continuation(self, number: int, src: str, stack: list[_Open]) -> _Record | None:
        indent = len(src) - len(src.lstrip(" "))
        lazy = (number - 1) in self.continued and number not in self.verbatim
        if not lazy:
            while stack and indent < stack[-1].old_content:
                stack.pop()
        if not stack:
            if lazy:
                raise _Bail
            return None
        top = stack[-1]
        new_indent = indent + top.delta if indent >= top.old_content else indent
        if new_indent < 0:
            raise _Bail
        text = src[indent:]
        out = " " * new_indent + (text if number in self.verbatim else self._tail(number, text))
        return _Record(number, src, out, number in self.verbatim)

    @staticmethod
    def _inserted(record: _Record, records: list[_Record]) -> None:
        """Give an inserted TOC line the marker and indentation of its template line."""
        found = next((r for r in records if r.number == record.template), None)
        if found is None:
            raise _Bail
        ref_prefix = _ITEM_PREFIX.match(found.ref)
        out_prefix = _ITEM_PREFIX.match(found.out)
        if ref_prefix is None or out_prefix is None:
            raise _Bail
        record.ref = ref_prefix.group(1) + ref_prefix.group(2) + " " + record.ref
        record.out = out_prefix.group(1) + out_prefix.group(2) + " " + record.out
        record.template = 0

    def _renumber_toc(self, records: list[_Record]) -> None:
        """After TOC entries were added or removed, number ordered items 1, 2, 3 again
        (from each list's first number) at every depth."""
        for attr in ("ref", "out"):
            counters: list[tuple[int, int]] = []  # (indent, next number)
            for record in records:
                text = getattr(record, attr)
                match = _ITEM_PREFIX.match(text)
                if match is None:
                    continue
                indent = len(match.group(1))
                while counters and counters[-1][0] > indent:
                    counters.pop()
                number = _ORDERED.match(match.group(2))
                if number is None:
                    continue
                if counters and counters[-1][0] == indent:
                    value = counters[-1][1]
                    counters[-1] = (indent, value + 1)
                else:
                    value = int(number.group(1))
                    counters.append((indent, value + 1))
                marker = f"{value}{number.group(2)}"
                setattr(record, attr, match.group(1) + marker + " " + text[match.end():])

    def _sorted(self, records: list[_Record], first: int, last: int) -> list[_Record]:
        """Sort entries alphabetically by title within each bullet list (opt-in)."""
        if not self.options.sort_entries:
            return records
        lists = [info for info in self.doc.lists
                 if first <= info.line <= last and not info.ordered
                 and info.line not in self.toc_lines
                 and all(item.line in self.entries for item in info.items)]
        for info in sorted(lists, key=lambda i: -i.depth):
            index = {r.number: i for i, r in enumerate(records)}
            starts = [index[item.line] for item in info.items if item.line in index]
            if len(starts) != len(info.items) or len(starts) < 2:
                continue
            stop = index.get(info.end_line)
            if stop is None:
                continue
            bounds = [*starts, stop + 1]
            chunks: list[list[_Record]] = []
            gaps: list[list[_Record]] = []
            for a, b in itertools.pairwise(bounds):
                chunk = records[a:b]
                cut = len(chunk)
                while cut > 1 and _blank(chunk[cut - 1].ref):
                    cut -= 1
                chunks.append(chunk[:cut])
                gaps.append(chunk[cut:])
            keyed = sorted(chunks, key=lambda c: sort_key(self.entries[c[0].number].title))
            merged: list[_Record] = []
            for chunk, gap in zip(keyed, gaps, strict=True):
                merged.extend(chunk)
                merged.extend(gap)
            records[bounds[0]: bounds[-1]] = merged
        return records

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


# -- the table of contents ----------------------------------------------------------------------
class _TocPlan:
    """Bring TOC anchors and titles up to date; add and remove entries only when unsafe."""

    def __init__(self, formatter: _Formatter) -> None:
        self.f = formatter
        self.doc = formatter.doc
        self.headings = [s for s in self.doc.sections]
        self.by_anchor = {s.anchor: s for s in self.headings}
        self.links = {link.span: link for link in self.doc.links}

    def resolve(self, anchor: str) -> tuple[bool, Section | None]:
        """Whether the anchor exists, and the heading it leads to (if any)."""
        anchor = unquote(anchor)
        found = self.by_anchor.get(anchor) or self.by_anchor.get(anchor.lower())
        if found is not None:
            return True, found
        line = self.doc.anchors.get(anchor, self.doc.anchors.get(anchor.lower()))
        if line is None:
            return False, None
        after = [s for s in self.headings if line <= s.line <= line + 5]
        return True, (after[0] if after else None)

    def apply(self) -> None:
        doc = self.doc
        entries = [e for e in doc.toc if e.span.line == e.span.end_line]
        resolved: list[Section | None] = []
        exists: list[bool] = []
        for entry in entries:
            ok, heading = self.resolve(entry.anchor)
            exists.append(ok)
            resolved.append(heading)
        levels = self._levels(entries, resolved)
        used = {id(h) for h in resolved if h is not None}
        for index, entry in enumerate(entries):
            if exists[index]:
                continue
            heading = self._match(entry)
            if heading is None:
                if self.f.unsafe:
                    self._remove(entry)
                continue
            used.add(id(heading))
            resolved[index] = heading
            self._update(entry, heading)
        if self.f.unsafe:
            self._add(entries, resolved, levels, used)

    def _levels(self, entries: list[TocEntry], resolved: list[Section | None]
                ) -> dict[int, int]:
        votes: dict[int, Counter[int]] = {}
        for entry, heading in zip(entries, resolved, strict=True):
            if heading is not None:
                votes.setdefault(entry.depth, Counter())[heading.level] += 1
        return {depth: c.most_common(1)[0][0] for depth, c in votes.items()}

    def _match(self, entry: TocEntry) -> Section | None:
        """The single heading whose text matches a broken anchor, if there is one.

        Its anchor must match the broken one but for case and punctuation, or (a shortened
        anchor such as ``#deep`` for "Deep Learning") start like it while its title is the
        entry's text.  A renamed heading is never guessed from its position: an anchor
        that GitHub resolves and we slug differently would be moved to another heading."""
        loose = normalise_anchor(unquote(entry.anchor))
        by_anchor = [h for h in self.headings if normalise_anchor(h.anchor) == loose]
        if len(by_anchor) == 1:
            return by_anchor[0]
        text = normalise_anchor(entry.text)
        by_title = [h for h in self.headings if loose and text
                    and normalise_anchor(h.title) == text
                    and normalise_anchor(h.anchor).startswith(loose)]
        return by_title[0] if len(by_title) == 1 else None

    def _link(self, entry: TocEntry) -> Link | None:
        link = self.links.get(entry.span)
        if link is None or link.dest_span is None or link.form is not LinkForm.INLINE:
            return None
        return link

    def _update(self, entry: TocEntry, heading: Section) -> None:
        link = self._link(entry)
        if link is None or link.dest_span is None:
            return
        number = entry.span.line
        src = self.f.replaced.get(number, self.f.lines[number - 1])
        start, end = entry.span.column - 1, entry.span.end_column
        whole = src[start:end]
        d_start, d_end = link.dest_span.column - 1, link.dest_span.end_column
        if d_start < start or d_end > end:
            return
        new = whole[: d_start - start] + "#" + heading.anchor + whole[d_end - start:]
        if new != whole:
            self.f.replaced[number] = src[:start] + new + src[end:]
            self.f.toc_changed = True
            self.f.toc_rewritten.append(link.destination)

    def _remove(self, entry: TocEntry) -> None:
        number = entry.span.line
        item = self.f.items.get(number)
        src = self.f.lines[number - 1]
        if item is None or number in self.f.replaced:
            return
        rest = src[entry.span.end_column:].strip()
        nxt = self.f.items.get(number + 1)
        if rest or (nxt is not None and nxt.depth > item.depth):
            return
        self.f.removed.add(number)
        self.f.toc_changed = True
        self.f.toc_rewritten.append("#" + entry.anchor)

    def _add(self, entries: list[TocEntry], resolved: list[Section | None],
             levels: dict[int, int], used: set[int]) -> None:
        pairs = [(h, e) for h, e in zip(resolved, entries, strict=True) if h is not None]
        if not pairs or not levels:
            return
        depth_of = {level: depth for depth, level in levels.items()}
        first = min(h.line for h, _ in pairs)
        last = max(h.line for h, _ in pairs)
        templates = {e.depth: e for _, e in pairs if self._link(e) is not None
                     and e.span.line not in self.f.removed}
        for heading in self.headings:
            if not first < heading.line < last or id(heading) in used:
                continue
            depth = depth_of.get(heading.level)
            if depth is None or depth not in templates or re.search(r"[\[\]`*_<>\\]",
                                                                      heading.title):
                continue
            before = [e for h, e in pairs if h.line < heading.line]
            if not before:
                continue
            anchor_line = max(e.span.line for e in before)
            after_line = self._after_children(anchor_line, depth)
            template = templates[depth]
            self.f.inserted.setdefault(after_line, []).append(
                (template.span.line, f"[{heading.title}](#{heading.anchor})"))
            used.add(id(heading))
            self.f.toc_changed = True

    def _after_children(self, line: int, depth: int) -> int:
        """The last TOC line that belongs under ``line`` deeper than ``depth``."""
        toc = sorted(e.span.line for e in self.doc.toc)
        out = line
        for number in toc:
            if number <= line:
                continue
            entry = next(e for e in self.doc.toc if e.span.line == number)
            if entry.depth <= depth:
                break
            out = number
        return out


# -- entry layout -------------------------------------------------------------------------------
def _content_start(src: str, item: ListItemInfo) -> int | None:
    start = item.marker_column - 1 + len(item.marker)
    if src[start: start + 1] != " ":
        return None
    while start < len(src) and src[start] == " ":
        start += 1
    return start


def _content_width(src: str, item: ListItemInfo) -> int | None:
    start = _content_start(src, item)
    return None if start is None else start - (item.marker_column - 1)


def _split_entry(entry: Entry, src: str, start: int) -> _Layout | None:
    """The entry's line as parts; None when any part is not where a one-line layout needs
    it (reference links, bare URLs, unclosed badges, parts over several lines)."""
    if entry.kind not in (EntryKind.LINK_TITLED, EntryKind.TEXT_THEN_URL):
        return None
    number = entry.line
    strong: list[tuple[int, int, str]] = []
    for tag in entry.tags:
        if tag.span.line != number or tag.span.end_line != number:
            return None
        strong.append((tag.span.column - 1, tag.span.end_column, "tags"))
    for link in entry.links:
        if link.span.line != number or link.span.end_line != number:
            return None
        if link.role is LinkRole.DESCRIPTION:
            continue
        if link.form is not LinkForm.INLINE or link.image:
            return None
        s, e = link.span.column - 1, link.span.end_column
        if link.bracketed:
            if s < 1 or src[s - 1] != "[" or src[e: e + 1] != "]":
                return None
            strong.append((s - 1, e + 1, "resources"))
        elif link.role is LinkRole.TITLE:
            strong.append((s, e, "title"))  # a text-titled entry: checked below
        elif link.role is LinkRole.RESOURCE:
            strong.append((s, e, "resources"))
        else:
            return None
    for badge in entry.badges:
        if badge.span.line != number or badge.span.end_line != number or not badge.closed:
            return None
        strong.append((badge.span.column - 1, badge.span.end_column, "badges"))
    strong.sort()
    if entry.kind is EntryKind.TEXT_THEN_URL and any(k == "title" for *_, k in strong):
        # the parser reads "<kbd>ICLR 2015</kbd> [VGG](url)" as text-titled; with nothing
        # but badges and tags before the link, the link is the title all the same
        s = next(s for s, _, k in strong if k == "title")
        if not all(k in ("tags", "badges") for b, _, k in strong if b < s):
            return None
        entry_kind = EntryKind.LINK_TITLED
    else:
        entry_kind = entry.kind
    end = len(src.rstrip(" \t"))
    tokens: list[_Token] = []
    pos = start
    spaced = False
    for s, e, kind in strong:
        if s < pos or e > end:
            return None
        gap = src[pos:s]
        if gap.strip():
            tokens.append(_text_token(gap, spaced or gap[:1].isspace()))
            spaced = gap[-1:].isspace()
        else:
            spaced = spaced or bool(gap)
        text = src[s:e]
        if kind == "badges":
            match = _KBD.match(text)
            if match is not None and "<" not in match.group(1):
                text = "<kbd>" + " ".join(match.group(1).split()) + "</kbd>"
        tokens.append(_Token(kind, text, spaced))
        pos, spaced = e, False
    if src[pos:end].strip():
        tokens.append(_text_token(src[pos:end], src[pos:pos + 1].isspace()))
    return _classify(entry_kind, tokens)


def _text_token(region: str, spaced: bool) -> _Token:
    """Prose between parts: runs of spaces made single where no markup can care."""
    text = region.strip()
    clean = not _UNSAFE_TEXT.search(text)
    return _Token("text", " ".join(text.split()) if clean else text, spaced, clean)


def _classify(kind_of_entry: EntryKind, tokens: list[_Token]) -> _Layout | None:
    """Name the prose regions: a prefix glued to the title, the title of a text-titled entry,
    the description.  More prose than that and the entry keeps its layout."""
    out: list[_Token] = []
    linked = kind_of_entry is EntryKind.LINK_TITLED
    if linked and not any(t.kind == "title" for t in tokens):
        return None
    title_done = False
    description = False
    for index, token in enumerate(tokens):
        if token.kind != "text":
            title_done = title_done or token.kind == "title"
            out.append(token)
            continue
        if linked and not title_done:
            # a prefix (an emoji, a star) before the title: it stays glued to the title
            if index + 1 >= len(tokens) or tokens[index + 1].kind != "title" or any(
                    t.kind != "tags" for t in out):
                return None
            token.kind = "prefix"
        elif not linked and not title_done:
            if any(t.kind != "tags" for t in out):
                return None
            token.kind, title_done = "title", True
        elif not description:
            token.kind, description = "description", True
        else:
            return None
        out.append(token)
    merged: list[_Token] = []
    for token in out:
        if merged and merged[-1].kind == "prefix":
            glue = " " if token.spaced else ""
            merged[-1] = _Token("title", merged[-1].text + glue + token.text,
                                merged[-1].spaced, merged[-1].clean)
        else:
            merged.append(token)
    order: list[str] = []
    for token in merged:
        if not order or order[-1] != token.kind:
            order.append(token.kind)
    # one part split around another: keep the order the author chose
    clean = all(t.clean for t in merged) and len(set(order)) == len(order)
    return _Layout(merged, tuple(order), clean)


def _document_order(orders: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The part order most entries use: pairwise majorities, default order on ties."""
    wins: Counter[tuple[str, str]] = Counter()
    for order in orders:
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                wins[(a, b)] += 1
    edges = {(a, b) for a in PARTS for b in PARTS if a != b and wins[(a, b)] > wins[(b, a)]}
    remaining = list(PARTS)
    result: list[str] = []
    while remaining:
        ready = [p for p in remaining if not any((q, p) in edges for q in remaining)]
        if not ready:
            return PARTS  # a cycle: fall back to the default
        result.append(ready[0])
        remaining.remove(ready[0])
    return tuple(result)


def _join(layout: _Layout, order: tuple[str, ...]) -> str:
    """The entry's parts in ``order``, single spaces between them.  Next to prose with
    markup only runs of spaces shrink: a space is never added or removed there."""
    tokens = layout.tokens
    present = [k for k in order if k in layout.order]
    if layout.clean and list(layout.order) != present:
        rank = {kind: i for i, kind in enumerate(order)}
        moved = sorted(tokens, key=lambda t: rank[t.kind])
        if moved[0].kind in ("tags", "title", "resources", "badges") or moved[0] is tokens[0]:
            tokens = moved
    out = ""
    previous: _Token | None = None
    for token in tokens:
        canonical = previous is None or (previous.clean and token.clean)
        space = (" " if canonical or token.spaced else "") if previous is not None else ""
        match = _SEPARATOR.match(token.text) if token.kind == "description" else None
        if match is not None and canonical:
            sep, rest = match.group(1), token.text[match.end():]
            out += ("" if sep in (":", ",") else space) + sep + (" " + rest if rest else "")
        else:
            out += space + token.text
        previous = token
    return out


# -- helpers ------------------------------------------------------------------------------------
def _break_style(line: str) -> str | None:
    """The hard-break style a line ends with, if it ends with one."""
    if line.endswith("  ") and line.strip():
        return "spaces"
    stripped = line.rstrip("\\")
    if (len(line) - len(stripped)) % 2 == 1:
        return "backslash"
    return None


def _blank(line: str) -> bool:
    """CommonMark's blank line: spaces and tabs only (``str.strip`` would also take U+2028,
    NBSP and the like, which make a line of text)."""
    return not line.strip(" \t")


def _collapse_ws(text: str) -> str:
    return " ".join(text.split())


def _collapse(lines: list[tuple[str, bool]]) -> list[str]:
    """No doubled blank lines, except inside code and HTML."""
    out: list[str] = []
    for text, keep in lines:
        if _blank(text) and not keep and out and _blank(out[-1]):
            continue
        out.append(text)
    return out


def format_document(doc: Document, options: FormatOptions | None = None, *,
                    unsafe: bool = False) -> Formatted:
    """The canonical text of ``doc`` (``\\n`` line endings, no BOM) and its reference."""
    options = options or FormatOptions()
    if not doc.lines:
        return Formatted("", "")
    with paused_gc():  # as in the parser: a big tree makes every collection walk it
        return _Formatter(doc, options, unsafe).run()
