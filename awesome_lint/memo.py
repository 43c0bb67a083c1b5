"""One value per document, shared by everything that reads the same tree.

What several rules derive from the whole tree (conventions, dialect, item layouts, classic
items) is computed once per document and kept in the run's shared services with the document
it belongs to.  It lives below ``syntax`` so that the syntax-layer inferences can memoise
themselves without importing the rules.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from awesome_lint.model import Document

T = TypeVar("T")


def per_document(services: MutableMapping[str, Any], key: str, document: Document,
                 compute: Callable[[Document], T]) -> T:
    """``compute(document)``, once per document: kept in ``services`` under ``key`` with the
    document it belongs to, and computed again only for another document."""
    cached = services.get(key)
    if isinstance(cached, tuple) and cached[0] is document:
        found: T = cached[1]
        return found
    found = compute(document)
    services[key] = (document, found)
    return found
