"""List items in canonical form: one bullet, one space after the marker, nested
indentation, hard breaks in one style, continuation lines moved with their items, TOC
lines inserted and renumbered, entries sorted on request."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from awesome_lint.autofix.format_lines import (
    _ITEM_PREFIX,
    _ORDERED,
    _SETEXT_UNDERLINE,
    _THEMATIC,
    _Bail,
    _blank,
    _break_style,
    _collapse,
    _collapse_ws,
    _expanded,
    _expanded_back,
    _Unit,
)
from awesome_lint.autofix.format_options import FormatOptions
from awesome_lint.model import Document, Entry, ListItemInfo
from awesome_lint.syntax.ordering import sort_key


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



class _ListWriter:
    """The formatter's list writing (a base of :class:`~awesome_lint.autofix.formatter.
    _Formatter`, which sets these attributes)."""

    doc: Document
    lines: list[str]
    options: FormatOptions
    items: dict[int, ListItemInfo]
    item_list: dict[int, int]
    entries: dict[int, Entry]
    continued: frozenset[int]
    verbatim: frozenset[int]
    bullet: str | None
    frozen: set[int]
    indent: str | int
    hard_break: str | None
    replaced: dict[int, str]
    removed: set[int]
    inserted: dict[int, list[tuple[int, str]]]
    toc_lines: set[int]
    layouts: dict[int, str]
    #: A run of lines copied as they are, and the runs after a block (the formatter's).
    _plain: Callable[[str, int, int], _Unit]
    _rest_units: Callable[[int, int], list[_Unit]]

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
            original = self.replaced.get(number, self.lines[number - 1])
            src = _expanded(original, verbatim=number in self.verbatim)
            if number in self.removed:
                continue
            item = self.items.get(number)
            if item is not None:
                record = self._item(number, src, item, stack, len(src) - len(original))
            elif _blank(src):
                record = self._blank(number, src, stack)
            else:
                found = self._continuation(number, src, stack)
                if found is None:
                    end = number - 1
                    while end > first and _blank(self.lines[end - 1]):
                        end -= 1
                    records = [r for r in records if r.number <= end or r.number == 0]
                    break
                record = found
            if src is not original:  # the reference keeps the tabs: the guard compares
                record.ref = _expanded_back(original, src, record.ref)
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

    def _item(self, number: int, src: str, item: ListItemInfo, stack: list[_Open],
              expanded: int = 0) -> _Record:
        """``expanded``: columns the tabs of the indentation gained as spaces."""
        while stack and stack[-1].depth >= item.depth:
            stack.pop()
        if len(stack) != item.depth or ">" in item.indent_text:
            raise _Bail
        old_col = item.marker_column - 1 + expanded
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
