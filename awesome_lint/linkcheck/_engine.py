"""The link-checking run: the cache first, then one queue per host worked by a few
workers each (:class:`~._checker.Checker` checks one destination), under the run's deadline.

Imported only when a check actually runs, because it pulls in httpx.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from ._cache import ResultCache, open_cache
from ._checker import Checker
from ._types import CheckOptions, LinkClass, LinkResult

try:
    from awesome_lint.syntax.urls import strip_fragment
except ImportError:  # pragma: no cover - the helper module ships with the package

    def strip_fragment(url: str) -> str:
        """``url`` without its ``#fragment``."""
        return url.partition("#")[0]


Progress = Callable[[int, int], None]


def cache_variant(options: CheckOptions) -> str:
    """Key prefix of the options that change what a URL's result is."""
    text = repr(
        (
            options.allow_private_hosts,
            sorted(options.accept_statuses),
            sorted(options.connect_overrides.items()),
            options.ca_file,
            sorted(options.private_host_allowlist),
        )
    )
    return "v1:" + hashlib.sha256(text.encode()).hexdigest()[:12]


async def run_check(
    urls: Iterable[str], options: CheckOptions, progress: Progress | None
) -> dict[str, LinkResult]:
    """Check every URL once per destination; see ``check_urls_async``."""
    started = time.monotonic()
    given = list(dict.fromkeys(urls))
    dest_of = {u: strip_fragment(u.strip()) for u in given}
    dests = list(dict.fromkeys(dest_of.values()))
    variant = cache_variant(options)
    cache, done = _read_cache(options, variant, dests)

    total = len(dests)
    count = len(done)
    if progress is not None:
        progress(count, total)

    queues = _queues_by_host(dests, done)
    checker = Checker(options)

    async def worker(queue: deque[str]) -> None:
        nonlocal count
        while queue:
            dest = queue.popleft()
            done[dest] = await checker.check(dest)
            count += 1
            if progress is not None:
                progress(count, total)

    # Twice the per-host limit in workers: a worker sleeping in a retry backoff does not
    # hold a connection slot, so the host stays busy meanwhile.
    width = max(1, options.per_host) * 2
    tasks = [
        asyncio.ensure_future(worker(queue))
        for queue in queues.values()
        for _ in range(min(len(queue), width))
    ]
    try:
        if tasks:
            remaining = None
            if options.deadline is not None:
                remaining = max(0.0, options.deadline - (time.monotonic() - started))
            await _until_done_or_deadline(tasks, remaining)
    finally:
        await checker.aclose()
    for dest in dests:
        if dest not in done:
            done[dest] = LinkResult(dest, LinkClass.TIMEOUT, None, None, 0, 0.0, "deadline")

    if cache is not None:
        _write_cache(cache, variant, done)
    return {u: replace(done[dest_of[u]], url=u) for u in given}


def _read_cache(options: CheckOptions, variant: str, dests: list[str]
                ) -> tuple[ResultCache | None, dict[str, LinkResult]]:
    """The open cache (None without one) and the destinations it already answers."""
    done: dict[str, LinkResult] = {}
    cache: ResultCache | None = None
    if options.use_cache and options.cache_dir:
        try:
            cache, hits = open_cache(options.cache_dir, options.cache_ttl, options.failure_ttl,
                                     [f"{variant} {d}" for d in dests])
        except (OSError, sqlite3.Error):  # unwritable or broken cache: run without it
            if cache is not None:
                cache.close()
            cache, hits = None, {}
        for key, hit in hits.items():
            done[key.split(" ", 1)[1]] = hit
    return cache, done


def _queues_by_host(dests: list[str], done: dict[str, LinkResult]) -> dict[str, deque[str]]:
    """The destinations still to check, one queue per host (per-host limits apply)."""
    queues: dict[str, deque[str]] = {}
    for dest in dests:
        if dest in done:
            continue
        try:
            host = (urlsplit(dest).hostname or "").lower()
        except ValueError:
            host = ""
        queues.setdefault(host, deque()).append(dest)
    return queues


async def _until_done_or_deadline(tasks: Sequence[asyncio.Future[None]], remaining: float | None
                                  ) -> None:
    """Wait for the workers; past the deadline cancel the rest.  A worker's own error
    (a bug: checks never raise) is raised here."""
    _finished, unfinished = await asyncio.wait(tasks, timeout=remaining)
    for task in unfinished:
        task.cancel()
    if unfinished:
        await asyncio.gather(*unfinished, return_exceptions=True)
    for task in _finished:
        if not task.cancelled() and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]


def _write_cache(cache: ResultCache, variant: str, done: dict[str, LinkResult]) -> None:
    try:
        cache.put_many({f"{variant} {d}": r for d, r in done.items()})
    except (OSError, sqlite3.Error):  # a busy or broken cache must not fail the run
        pass
    finally:
        cache.close()
