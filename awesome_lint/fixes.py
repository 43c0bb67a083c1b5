"""Apply text edits: the one place that turns diagnostics' fixes into new text.

Edits address the document's lines (no BOM, ``\\n`` endings).  Fixes are applied whole or
not at all; a fix whose edits overlap one already accepted waits for the next pass, as in
ruff, and passes repeat until nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from awesome_lint.diagnostics import Diagnostic, Edit, Fix


@dataclass(frozen=True)
class Applied:
    text: str
    applied: list[Diagnostic]


def line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    if line > len(starts):  # an insertion past the last line (a final newline)
        return len(text)
    return min(starts[line - 1] + column - 1, len(text))


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], *, unsafe: bool = False
                ) -> Applied:
    """One pass: apply every non-overlapping fix; return the text and the diagnostics fixed."""
    starts = line_starts(text)
    chosen: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    applied: list[Diagnostic] = []
    seen_fixes: set[Fix] = set()
    for diagnostic in sorted(diagnostics, key=lambda d: d.sort_key):
        fix = diagnostic.fix
        if fix is None or (not fix.is_safe and not unsafe) or fix in seen_fixes:
            continue
        ranges = [_range(starts, text, edit) for edit in fix.edits]
        if any(_overlaps(r, t) for r in ranges for t in taken):
            continue
        seen_fixes.add(fix)
        taken.extend((start, end) for start, end, _ in ranges)
        chosen.extend(ranges)
        applied.append(diagnostic)
    for start, end, insert in sorted(chosen, key=lambda r: (r[0], r[1]), reverse=True):
        text = text[:start] + insert + text[end:]
    return Applied(text, applied)


def _range(starts: list[int], text: str, edit: Edit) -> tuple[int, int, str]:
    start = _offset(starts, text, edit.line, edit.column)
    return start, min(len(text), start + edit.delete), edit.insert


def _overlaps(a: tuple[int, int, str] | tuple[int, int], b: tuple[int, int]) -> bool:
    start, end = a[0], a[1]
    if start == end or b[0] == b[1]:  # insertions conflict only at the same point
        return start == b[0] or b[0] < start < b[1] or start < b[0] < end
    return start < b[1] and b[0] < end
