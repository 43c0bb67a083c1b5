"""Paper lookups: arXiv (export API, Atom), DBLP (search API, JSON), Crossref (works, JSON).

``check --papers`` asks the three services about every entry that links a paper and hands
the typed records to the ``PAP`` rules (:mod:`awesome_lint.rules.papers`) as the
``paper_results`` service; rules never do I/O.  Importing this package is cheap: httpx is
imported only when a lookup runs.

    results = lookup([PaperQuery("Deep Residual Learning", ("1512.03385",), (), True)],
                     PaperOptions(cache_dir=".awesome-lint-cache"))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ._types import (
    ARXIV_URL,
    CROSSREF_URL,
    DBLP_URL,
    DEFAULT_TTL,
    Api,
    ArxivRecord,
    CrossrefRecord,
    DblpRecord,
    PaperOptions,
    PaperQuery,
    PaperResults,
)

__all__ = [
    "ARXIV_URL",
    "CROSSREF_URL",
    "DBLP_URL",
    "DEFAULT_TTL",
    "Api",
    "ArxivRecord",
    "CrossrefRecord",
    "DblpRecord",
    "PaperOptions",
    "PaperQuery",
    "PaperResults",
    "lookup",
]


def lookup(queries: Iterable[PaperQuery], options: PaperOptions,
           progress: Callable[[int, int], None] | None = None) -> PaperResults:
    """Look the queries up (cache first); failures are in ``errors``, never raised.
    ``progress(requests_made, requests_expected)`` is called after each request."""
    from ._service import lookup as run

    return run(queries, options, progress)
