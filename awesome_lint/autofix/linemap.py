"""Where each line of fixed text came from, worked out from the edits that made it.

``fix`` applies edits pass after pass; :class:`LineMap` follows them so that, without
diffing the whole file, we know which lines of the result are untouched copies of which
lines on disk.  That gives ``fix --diff`` its hunks (line-aligned, from the edits we know:
a whole-file difflib cost 2.5 s on a 10k-entry list), puts positions of a preview on the
file as it is on disk, and lets ``fix --diff-base`` keep to the lines a pull request
changed.

Lines are the text split at ``\\n`` (a text ending in a newline has a last, empty element).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from awesome_lint.diagnostics import Diagnostic, Edit

CONTEXT = 3


@dataclass(frozen=True)
class _Region:
    """Lines ``first..last`` (1-based, inclusive) of the old text, rewritten as ``new``."""

    first: int
    last: int
    new: list[str]


def edit_end(lines: list[str], edit: Edit) -> tuple[int, int]:
    """The line and 0-based column where ``edit``'s deletion ends (newlines count one)."""
    number = min(edit.line, len(lines))
    remaining = (edit.column - 1 if edit.line <= len(lines) else len(lines[-1])) + edit.delete
    while number < len(lines) and remaining > len(lines[number - 1]):
        remaining -= len(lines[number - 1]) + 1
        number += 1
    return number, min(remaining, len(lines[number - 1]))


def edit_lines(lines: list[str], edit: Edit) -> range:
    """Line numbers an edit changes (a deletion that ends where a line starts, its line
    break included, leaves that line as it was)."""
    first = min(edit.line, len(lines))
    end, column = edit_end(lines, edit)
    if column == 0 and end > first:
        end -= 1
    return range(first, end + 1)


def _regions(lines: list[str], edits: Iterable[Edit]) -> list[_Region]:
    """The edits of one pass as line regions (non-overlapping, in order), each trimmed to
    the lines it really changes."""
    spans: list[tuple[int, int, int, int, str]] = []  # first, col0, last, end col0, insert
    for edit in edits:
        first = min(edit.line, len(lines))
        col = edit.column - 1 if edit.line <= len(lines) else len(lines[-1])
        last, end_col = edit_end(lines, edit)
        spans.append((first, min(col, len(lines[first - 1])), last, end_col, edit.insert))
    spans.sort(key=lambda s: (s[0], s[1], s[2], s[3]))
    groups: list[list[tuple[int, int, int, int, str]]] = []
    for span in spans:
        if groups and span[0] <= groups[-1][-1][2]:
            groups[-1].append(span)
        else:
            groups.append([span])
    out: list[_Region] = []
    for group in groups:
        first = group[0][0]
        last = max(s[2] for s in group)
        text = ""
        starts = [0]
        for number in range(first, last + 1):
            starts.append(starts[-1] + len(lines[number - 1]) + 1)
        old = "\n".join(lines[first - 1: last])
        pos = 0
        for s_line, s_col, e_line, e_col, insert in group:
            start = starts[s_line - first] + s_col
            end = starts[e_line - first] + e_col
            text += old[pos: max(pos, start)] + insert
            pos = max(pos, end)
        new = (text + old[pos:]).split("\n")
        # keep lines the region only passed through as exact copies
        head = 0
        old_lines = lines[first - 1: last]
        while head < min(len(new), len(old_lines)) and new[head] == old_lines[head]:
            head += 1
        tail = 0
        while tail < min(len(new), len(old_lines)) - head and \
                new[-1 - tail] == old_lines[-1 - tail]:
            tail += 1
        out.append(_Region(first + head, last - tail, new[head: len(new) - tail]))
    return out


class LineMap:
    """For each line of the current text: the line on disk it is an unchanged copy of (0
    when a fix wrote it) and the nearest line on disk (where a changed line came from)."""

    def __init__(self, count: int) -> None:
        self.exact: list[int] = list(range(1, count + 1))
        self.near: list[int] = list(range(1, count + 1))
        #: Lines on disk that the applied findings name: their spans and the lines their
        #: fixes edit.  ``fix`` changes no other line.
        self.named: set[int] = set()

    def advance(self, lines: list[str], applied: Iterable[Diagnostic]) -> list[str]:
        """Follow one pass of fixes over ``lines``; return the new lines."""
        applied = list(applied)
        edits = [edit for d in applied if d.fix for edit in d.fix.edits]
        for d in applied:
            self.named.update(self.disk_line(n) for n in range(d.line, d.end_line + 1))
        for edit in edits:
            self.named.update(self.disk_line(n) for n in edit_lines(lines, edit))
        regions = _regions(lines, edits)
        new_lines: list[str] = []
        exact: list[int] = []
        near: list[int] = []
        at = 1
        for region in regions:
            new_lines += lines[at - 1: region.first - 1]
            exact += self.exact[at - 1: region.first - 1]
            near += self.near[at - 1: region.first - 1]
            origin = self.near[min(region.first, len(self.near)) - 1]
            new_lines += region.new
            exact += [0] * len(region.new)
            near += [origin] * len(region.new)
            at = region.last + 1
        new_lines += lines[at - 1:]
        exact += self.exact[at - 1:]
        near += self.near[at - 1:]
        self.exact, self.near = exact, near
        return new_lines

    def follow(self, text: str, fixed: str, applied: Iterable[Diagnostic]) -> LineMap | None:
        """Follow one pass of fixes from ``text`` to ``fixed``; None when the edits do not
        account for the result (the map then says nothing rather than something wrong)."""
        if "\n".join(self.advance(text.split("\n"), applied)) != fixed:
            return None
        return self

    def in_scope(self, diagnostics: Iterable[Diagnostic], text: str, wanted: set[int]
                 ) -> list[Diagnostic]:
        """Findings on ``wanted`` lines on disk (or lines fixes wrote) whose fixes edit
        only such lines: ``fix --diff-base`` keeps to the lines a pull request changed."""
        lines = text.split("\n")
        return [d for d in diagnostics
                if self.touches(range(d.line, d.end_line + 1), wanted)
                and (d.fix is None or all(self.on_disk(edit_lines(lines, e), wanted)
                                          for e in d.fix.edits))]

    def disk_line(self, line: int) -> int:
        """The line on disk that ``line`` of the current text is, or came from."""
        if not self.near:
            return 1
        return self.near[min(max(line, 1), len(self.near)) - 1]

    def _origin(self, line: int) -> int:
        return self.exact[min(max(line, 1), len(self.exact)) - 1]

    def on_disk(self, lines: Iterable[int], wanted: set[int]) -> bool:
        """Whether each of ``lines`` is a line on disk in ``wanted`` or one a fix wrote."""
        return all(not self._origin(n) or self._origin(n) in wanted for n in lines)

    def touches(self, lines: Iterable[int], wanted: set[int]) -> bool:
        """Whether any of ``lines`` is a line on disk in ``wanted`` or one a fix wrote."""
        return any(not self._origin(n) or self._origin(n) in wanted for n in lines)


def unified_diff(old: str, new: str, line_map: LineMap, old_name: str, new_name: str
                 ) -> Iterator[str]:
    """A unified diff of ``old`` -> ``new`` (``\\n`` lines), aligned on the lines
    ``line_map`` knows are unchanged copies: hunks come from the edits, not a search."""
    a, b = old.split("\n"), new.split("\n")
    size_a, size_b = _size(a, old), _size(b, new)
    # the line without a line break (the last, when the text does not end with one): it
    # equals only the same such line on the other side
    open_a = size_a - 1 if old and not old.endswith("\n") else -1
    open_b = size_b - 1 if new and not new.endswith("\n") else -1
    # pairs of (old index, new index) of equal lines, increasing on both sides
    anchors: list[tuple[int, int]] = []
    last_old = -1
    for index, origin in enumerate(line_map.exact[:size_b]):
        if origin and last_old < origin - 1 < size_a and a[origin - 1] == b[index] \
                and (origin - 1 == open_a) == (index == open_b):
            anchors.append((origin - 1, index))
            last_old = origin - 1
    anchors.append((size_a, size_b))  # sentinel
    changes: list[tuple[int, int, int, int]] = []  # old start, old end, new start, new end
    i = j = 0
    for ai, bj in anchors:
        if ai > i or bj > j:
            changes.append((i, ai, j, bj))
        i, j = ai + 1, bj + 1
    if not changes:
        return
    yield f"--- {old_name}\n"
    yield f"+++ {new_name}\n"
    group: list[tuple[int, int, int, int]] = [changes[0]]
    for change in changes[1:]:
        if change[0] - group[-1][1] <= 2 * CONTEXT:
            group.append(change)
        else:
            yield from _hunk(group, a, b, old, new, size_a, size_b)
            group = [change]
    yield from _hunk(group, a, b, old, new, size_a, size_b)


def _size(lines: list[str], text: str) -> int:
    """Lines in the file (the empty element after a final newline is not a line)."""
    return len(lines) - 1 if text.endswith("\n") or not text else len(lines)


def _hunk(group: list[tuple[int, int, int, int]], a: list[str], b: list[str], old: str,
          new: str, size_a: int, size_b: int) -> Iterator[str]:
    start_a = max(0, group[0][0] - CONTEXT)
    start_b = max(0, group[0][2] - CONTEXT)
    end_a = min(size_a, group[-1][1] + CONTEXT)
    end_b = min(size_b, group[-1][3] + CONTEXT)
    yield f"@@ -{_range(start_a, end_a)} +{_range(start_b, end_b)} @@\n"
    i = start_a
    for old_start, old_end, new_start, new_end in group:
        for k in range(i, old_start):
            yield from _line(" ", a, k, old, size_a)
        for k in range(old_start, old_end):
            yield from _line("-", a, k, old, size_a)
        for k in range(new_start, new_end):
            yield from _line("+", b, k, new, size_b)
        i = old_end
    for k in range(i, end_a):
        yield from _line(" ", a, k, old, size_a)


def _line(sign: str, lines: list[str], index: int, text: str, size: int) -> Iterator[str]:
    yield f"{sign}{lines[index]}\n"
    if index == size - 1 and not text.endswith("\n"):
        yield "\\ No newline at end of file\n"


def _range(start: int, end: int) -> str:
    """A hunk range as diff writes it: ``start,count`` (1-based; count 1 is left out)."""
    count = end - start
    if count == 1:
        return str(start + 1)
    return f"{start + 1 if count else start},{count}"
