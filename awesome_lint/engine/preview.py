"""What ``fix --check``/``--diff`` and ``format --check``/``--diff`` say about a result.

A preview describes the file as it is on disk: positions of the findings left are mapped
back through the edits (:mod:`awesome_lint.autofix.linemap`), and the diff is built from the edits
that were applied rather than by diffing the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from awesome_lint.diagnostics import Diagnostic
from awesome_lint.engine import FixResult


def on_disk(result: FixResult) -> list[Diagnostic]:
    """The findings left after fixing, at the lines on disk they are on (or came from)."""
    line_map = result.line_map
    if line_map is None or not result.changed:
        return result.remaining
    out = []
    for d in result.remaining:
        line, end = line_map.disk_line(d.line), line_map.disk_line(d.end_line)
        out.append(d if (line, end) == (d.line, d.end_line) else
                   replace(d, line=line, end_line=max(line, end)))
    return sorted(out, key=lambda d: d.sort_key)


def unsafe_hidden(result: FixResult) -> int:
    """Findings left whose fix is unsafe (applied only with ``--unsafe-fixes``)."""
    return sum(1 for d in result.remaining if d.fix is not None and not d.fix.is_safe)


def diff(result: FixResult, name: str) -> Iterator[str]:
    """A unified diff of the result against the file, ``a/NAME`` to ``b/NAME``."""
    old, new = _body(result.original), _body(result.text)
    if result.line_map is not None:
        from awesome_lint.autofix.linemap import unified_diff

        yield from unified_diff(old, new, result.line_map, f"a/{name}", f"b/{name}")
        return
    import difflib  # the formatter rewrites whole blocks: no edits to build hunks from

    yield from difflib.unified_diff(old.splitlines(keepends=True),
                                    new.splitlines(keepends=True), f"a/{name}", f"b/{name}")


def _body(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
