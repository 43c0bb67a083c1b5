"""One lookup run: cache first, then the three services side by side, batched and paced.

arXiv takes up to ``arxiv_batch`` ids per request (``id_list``), Crossref up to
``crossref_batch`` DOIs (``filter=doi:a,doi:b``); DBLP's search takes one title per request.
A service that fails (after its retries) stops being asked for the rest of the run, which
is what its operators ask of clients, and the run reports it; results from the other
services still reach the rules.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlencode

from ._cache import PaperCache, Payload
from ._parse import MalformedResponse, parse_arxiv, parse_crossref, parse_dblp
from ._types import LookupFailed, PaperOptions, PaperQuery, PaperResults

if TYPE_CHECKING:
    from ._client import Client
from .match import query_words, searched_title, title_key

T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), max(1, size)):
        yield items[start:start + max(1, size)]


def _archive_only(arxiv_id: str) -> str:
    """Old-style ids as arXiv answers them: ``math.GT/0309136`` comes back ``math/0309136``."""
    return re.sub(r"^([a-z\-]+)\.[A-Z]{2}/", r"\1/", arxiv_id)


def _open_cache(options: PaperOptions) -> PaperCache | None:
    if not (options.use_cache and options.cache_dir):
        return None
    try:
        return PaperCache(options.cache_dir, options.cache_ttl)
    except (OSError, sqlite3.Error):
        return None  # a read-only tree or an odd filesystem: run without a cache


async def lookup_async(queries: Iterable[PaperQuery], options: PaperOptions,
                       progress: Callable[[int, int], None] | None = None) -> PaperResults:
    """Look up every arXiv id, DOI and title the queries name; never raises on the network.

    DBLP is searched after arXiv has answered, with arXiv's title for arXiv entries (lists
    shorten titles; arXiv's is the one DBLP indexes)."""
    queries = list(queries)
    ids: dict[str, None] = {}
    dois: dict[str, None] = {}
    for query in queries:
        ids.update(dict.fromkeys(query.arxiv_ids))
        dois.update(dict.fromkeys(d.lower() for d in query.dois))
    results = PaperResults()
    cache = _open_cache(options)
    fresh: dict[str, Payload] = {}
    store = {"arxiv": results.arxiv, "dblp": results.dblp, "crossref": results.crossref}

    def from_cache(keys: list[str]) -> None:
        cached = cache.get_many(keys) if cache is not None and keys else {}
        results.from_cache += len(cached)
        for key, value in cached.items():
            service, _, ident = key.partition(" ")
            store[service][ident] = value  # type: ignore[index]

    def keep(service: str, ident: str, value: Payload) -> None:
        store[service][ident] = value  # type: ignore[index]
        fresh[f"{service} {ident}"] = value

    from_cache([f"arxiv {i}" for i in ids] + [f"crossref {d}" for d in dois])
    opened: list[Client] = []

    def client() -> Client:
        """The HTTP client, made on first use: a run served by the cache never imports
        httpx (about 0.1 s of a warm run)."""
        if not opened:
            from ._client import Client

            made = Client(options)
            if progress is not None:
                # requests still to make, as far as known: DBLP titles are known only
                # after arXiv, so one title per query that searches is assumed
                total = (-(-len(ids) // max(1, options.arxiv_batch))
                         + -(-len(dois) // max(1, options.crossref_batch))
                         + sum(q.search_title for q in queries))
                made.on_request = lambda: progress(sum(made.requests.values()),
                                                   max(total, sum(made.requests.values())))
            opened.append(made)
        return opened[0]

    async def guarded(name: str, job: Callable[[], Awaitable[None]]) -> None:
        try:
            await job()
        except LookupFailed as err:
            results.errors.append(str(err))
        except MalformedResponse as err:
            results.errors.append(f"{name}: {err}")

    async def arxiv() -> None:
        api = options.arxiv
        for batch in _chunks([i for i in ids if i not in results.arxiv], options.arxiv_batch):
            query = urlencode({"id_list": ",".join(batch), "max_results": len(batch)})
            # arXiv answers 400 with an Atom error feed for a malformed id: still a feed
            body = await client().get(api, f"{api.base_url}?{query}",
                                    ok_statuses=frozenset({400}))
            found = {_archive_only(r.arxiv_id): r for r in parse_arxiv(body)}
            for ident in batch:
                keep("arxiv", ident, found.get(_archive_only(ident)))

    async def dblp(arxiv_done: asyncio.Task[None]) -> None:
        await asyncio.wait([arxiv_done])
        titles: dict[str, str] = {}
        for query in queries:
            if not query.search_title:
                continue
            record = next((r for i in query.arxiv_ids if (r := results.arxiv.get(i))), None)
            title = searched_title(query.title, record)
            if key := title_key(title):
                titles.setdefault(key, title)
        from_cache([f"dblp {key}" for key in titles])
        api = options.dblp
        for key, title in titles.items():
            if key in results.dblp:
                continue
            params = urlencode({"q": query_words(title), "format": "json",
                                "h": options.dblp_hits})
            keep("dblp", key, parse_dblp(await client().get(api, f"{api.base_url}?{params}")))

    async def crossref() -> None:
        api = options.crossref
        for batch in _chunks([d for d in dois if d not in results.crossref],
                             options.crossref_batch):
            query = urlencode({"filter": ",".join(f"doi:{d}" for d in batch),
                               "rows": len(batch)})
            found = {r.doi: r for r in parse_crossref(
                await client().get(api, f"{api.base_url}?{query}"))}
            for doi in batch:
                keep("crossref", doi, found.get(doi))

    try:
        arxiv_done = asyncio.ensure_future(guarded("arxiv", arxiv))
        await asyncio.gather(arxiv_done, guarded("dblp", lambda: dblp(arxiv_done)),
                             guarded("crossref", crossref))
    finally:
        results.requests = {"arxiv": 0, "dblp": 0, "crossref": 0}
        if opened:
            await opened[0].close()
            results.requests = dict(opened[0].requests)
        if cache is not None:
            with contextlib.suppress(sqlite3.Error):  # the next run fetches them again
                cache.put_many(fresh)
            cache.close()
    return results


def lookup(queries: Iterable[PaperQuery], options: PaperOptions,
           progress: Callable[[int, int], None] | None = None) -> PaperResults:
    """Synchronous :func:`lookup_async` (runs its own event loop)."""
    return asyncio.run(lookup_async(list(queries), options, progress))
