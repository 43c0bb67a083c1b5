"""One result per tree: what the syntax layer derives from a parsed document on demand.

The tree is not changed after parsing, so a value derived from it (a table's venue column,
the ``<kbd>`` markup beyond badges, the lines entries start on) is computed once and kept
with the document it belongs to: the latest document per kind of value, as rules of one run
share one tree and ``fix`` makes a new tree per pass.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from awesome_lint.model import Document

T = TypeVar("T")
_KEPT: dict[str, tuple[Document, object]] = {}


def per_tree(kind: str, document: Document, compute: Callable[[Document], T]) -> T:
    """``compute(document)``, once per document and ``kind``."""
    kept = _KEPT.get(kind)
    if kept is not None and kept[0] is document:
        return kept[1]  # type: ignore[return-value]  # stored by this function for ``kind``
    value = compute(document)
    _KEPT[kind] = (document, value)
    return value
