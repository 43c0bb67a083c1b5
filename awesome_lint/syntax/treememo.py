"""One result per tree: what the syntax layer derives from a parsed document on demand.

The tree is not changed after parsing, so a value derived from it (a table's venue column,
the ``<kbd>`` markup beyond badges, the lines entries start on) is computed once and kept
on the document it belongs to (``Document.derived``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from awesome_lint.model import Document

T = TypeVar("T")


def per_tree(kind: str, document: Document, compute: Callable[[Document], T]) -> T:
    """``compute(document)``, once per document and ``kind`` (kept on the tree itself, so
    a tree a ``fix`` pass replaces takes its derived values with it)."""
    try:
        return document.derived[kind]  # type: ignore[return-value]  # stored below for kind
    except KeyError:
        value = document.derived[kind] = compute(document)
        return value
