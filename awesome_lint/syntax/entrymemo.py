"""Per-entry values the rules derive, kept between lints of successive versions of one document.

The speed trick of the language server (and only there): while a maintainer types, each lint
sees a text that differs from the one before in a line or two.  :class:`~awesome_lint.syntax.parser.
ParseMemo` already reuses the unchanged list items; this memo reuses what the rules derive
from each unchanged entry:

- ``tags``: an entry's topic tags (:func:`awesome_lint.syntax.tags.entry_tags`), about a
  tenth of a lint of a 4k-line list;
- ``titles``: an entry title's comparison forms (``Title.of`` in
  :mod:`awesome_lint.rules.duplicates.titles`).

``python benchmarks/bench_entrymemo.py`` (parse + lint CPU per edit of a 4k-line list, with
and without it) and ``python benchmarks/bench_lsp.py`` (the server's CPU per didChange) show
what it saves; the CLI's cold ``check`` never creates one, so it pays nothing for it
(``python benchmarks/bench_check.py --sizes 10000``).  Findings are the same with and without
it: ``tests/test_entrymemo.py`` compares them over random edits and on real lists.

A value is kept under a key holding everything it is computed from (an entry's own lines and
line numbers, say), plus a *context* per table (the reference definitions, the legend, the
settings) whose change empties that table.  Like ``ParseMemo``, a table keeps the values of
the latest document and of the one in progress, so memory stays bounded by two versions.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Generic, TypeVar

from awesome_lint.model import Document, Entry

V = TypeVar("V")



class Table(Generic[V]):
    """One kind of derived value, by key, for the latest two versions of a document."""

    def __init__(self) -> None:
        self._previous: dict[Hashable, V] = {}
        self._current: dict[Hashable, V] = {}
        self._document: Document | None = None
        self._context: Any = None

    def begin(self, document: Document, context: Any) -> None:
        """Start (or go on with) a lint of ``document`` whose values depend on ``context``."""
        if context != self._context:
            self._previous.clear()
            self._current.clear()
            self._context = context
        elif document is not self._document and self._current:
            self._previous, self._current = self._current, {}
        self._document = document

    def take(self, key: Hashable) -> V | None:
        """The value kept under ``key`` by this version or the one before; ``None``: compute
        it and :meth:`keep` it."""
        value = self._current.get(key)
        if value is None:
            value = self._previous.get(key)
            if value is not None:
                self._current[key] = value
        return value

    def keep(self, key: Hashable, value: V) -> None:
        self._current[key] = value


class EntryMemo:
    """The tables of one document (the language server keeps one per open document)."""

    def __init__(self) -> None:
        self.tags: Table[Any] = Table()
        self.titles: Table[Any] = Table()


def entry_key(document: Document, entry: Entry) -> Hashable | None:
    """What an entry's own values follow from: its place, marker and own lines (its links,
    badges and tags come from those and the document's reference definitions, which callers
    put in the table's context).  ``None`` when a code line is among them: not kept."""
    code = document.code_lines
    first, last = entry.line, entry.end_line
    if code and any(n in code for n in range(first, last + 1)):
        return None
    lines = document.lines
    own = lines[first - 1] if first == last else tuple(lines[first - 1: last])
    return (first, last, entry.marker_column, entry.marker, own)
