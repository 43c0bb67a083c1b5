"""Link-checking engine: is every URL of a list still reachable, moved or gone?

Importing this package is cheap and side-effect free; httpx is imported only when a
check runs (``awesome_lint.linkcheck._engine``), since link checking is opt-in.

    results = check_urls(urls, CheckOptions(cache_dir=root / ".awesome-lint-cache"))
    summarize(results)  # {"ok": 120, "broken": 2, ...}
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from ._cache import clear_cache
from ._types import (
    DEFAULT_GET_FALLBACK,
    DEFAULT_GET_ONLY_HOSTS,
    DEFAULT_SKIP_HOSTS,
    DEFAULT_USER_AGENT,
    CheckOptions,
    LinkClass,
    LinkResult,
    summarize,
)

__all__ = [
    "DEFAULT_GET_FALLBACK",
    "DEFAULT_GET_ONLY_HOSTS",
    "DEFAULT_SKIP_HOSTS",
    "DEFAULT_USER_AGENT",
    "CheckOptions",
    "LinkClass",
    "LinkResult",
    "check_urls",
    "check_urls_async",
    "clear_cache",
    "summarize",
]

_DEFAULT_OPTIONS = CheckOptions()


async def check_urls_async(
    urls: Iterable[str],
    options: CheckOptions = _DEFAULT_OPTIONS,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, LinkResult]:
    """Check ``urls``; the result maps each URL as given (fragment kept) to its result.

    URLs equal up to their ``#fragment`` share one fetch.  ``progress(checked, total)``
    counts destinations (fragment-less URLs): called once at the start (cache hits
    included) and after each destination finishes.
    """
    from ._engine import run_check

    return await run_check(urls, options, progress)


def check_urls(
    urls: Iterable[str],
    options: CheckOptions = _DEFAULT_OPTIONS,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, LinkResult]:
    """Synchronous ``check_urls_async`` (runs its own event loop; not from inside one)."""
    return asyncio.run(check_urls_async(urls, options, progress))
