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
    run = _Run(list(queries), options, progress)
    run.from_cache([f"arxiv {i}" for i in run.ids] + [f"crossref {d}" for d in run.dois])
    try:
        arxiv_done = asyncio.ensure_future(run.guarded("arxiv", run.arxiv))
        await asyncio.gather(arxiv_done, run.guarded("dblp", lambda: run.dblp(arxiv_done)),
                             run.guarded("crossref", run.crossref))
    finally:
        await run.close()
    return run.results


class _Run:
    """One lookup run: what to ask, what is known (cache and answers), the client."""

    def __init__(self, queries: list[PaperQuery], options: PaperOptions,
                 progress: Callable[[int, int], None] | None) -> None:
        self.queries = queries
        self.options = options
        self.progress = progress
        self.ids: dict[str, None] = {}
        self.dois: dict[str, None] = {}
        for query in queries:
            self.ids.update(dict.fromkeys(query.arxiv_ids))
            self.dois.update(dict.fromkeys(d.lower() for d in query.dois))
        self.results = PaperResults()
        self.cache = _open_cache(options)
        #: Answers fetched in this run, stored in the cache at the end.
        self.fresh: dict[str, Payload] = {}
        self.store = {"arxiv": self.results.arxiv, "dblp": self.results.dblp,
                      "crossref": self.results.crossref}
        self._client: Client | None = None

    def from_cache(self, keys: list[str]) -> None:
        cached = self.cache.get_many(keys) if self.cache is not None and keys else {}
        self.results.from_cache += len(cached)
        for key, value in cached.items():
            service, _, ident = key.partition(" ")
            self.store[service][ident] = value  # type: ignore[index]

    def keep(self, service: str, ident: str, value: Payload) -> None:
        self.store[service][ident] = value  # type: ignore[index]
        self.fresh[f"{service} {ident}"] = value

    def client(self) -> Client:
        """The HTTP client, made on first use: a run served by the cache never imports
        httpx (about 0.1 s of a warm run)."""
        if self._client is None:
            from ._client import Client

            made = Client(self.options)
            progress = self.progress
            if progress is not None:
                # requests still to make, as far as known: DBLP titles are known only
                # after arXiv, so one title per query that searches is assumed
                total = (-(-len(self.ids) // max(1, self.options.arxiv_batch))
                         + -(-len(self.dois) // max(1, self.options.crossref_batch))
                         + sum(q.search_title for q in self.queries))
                made.on_request = lambda: progress(sum(made.requests.values()),
                                                   max(total, sum(made.requests.values())))
            self._client = made
        return self._client

    async def guarded(self, name: str, job: Callable[[], Awaitable[None]]) -> None:
        try:
            await job()
        except LookupFailed as err:
            self.results.errors.append(str(err))
        except MalformedResponse as err:
            self.results.errors.append(f"{name}: {err}")

    async def arxiv(self) -> None:
        api = self.options.arxiv
        for batch in _chunks([i for i in self.ids if i not in self.results.arxiv],
                             self.options.arxiv_batch):
            query = urlencode({"id_list": ",".join(batch), "max_results": len(batch)})
            # arXiv answers 400 with an Atom error feed for a malformed id: still a feed
            body = await self.client().get(api, f"{api.base_url}?{query}",
                                           ok_statuses=frozenset({400}))
            found = {_archive_only(r.arxiv_id): r for r in parse_arxiv(body)}
            for ident in batch:
                self.keep("arxiv", ident, found.get(_archive_only(ident)))

    async def dblp(self, arxiv_done: asyncio.Task[None]) -> None:
        await asyncio.wait([arxiv_done])
        titles: dict[str, str] = {}
        for query in self.queries:
            if not query.search_title:
                continue
            record = next((r for i in query.arxiv_ids if (r := self.results.arxiv.get(i))),
                          None)
            title = searched_title(query.title, record)
            if key := title_key(title):
                titles.setdefault(key, title)
        self.from_cache([f"dblp {key}" for key in titles])
        api = self.options.dblp
        for key, title in titles.items():
            if key in self.results.dblp:
                continue
            params = urlencode({"q": query_words(title), "format": "json",
                                "h": self.options.dblp_hits})
            self.keep("dblp", key,
                      parse_dblp(await self.client().get(api, f"{api.base_url}?{params}")))

    async def crossref(self) -> None:
        api = self.options.crossref
        for batch in _chunks([d for d in self.dois if d not in self.results.crossref],
                             self.options.crossref_batch):
            query = urlencode({"filter": ",".join(f"doi:{d}" for d in batch),
                               "rows": len(batch)})
            found = {r.doi: r for r in parse_crossref(
                await self.client().get(api, f"{api.base_url}?{query}"))}
            for doi in batch:
                self.keep("crossref", doi, found.get(doi))

    async def close(self) -> None:
        """Close the client (counting its requests) and store the fresh answers."""
        self.results.requests = {"arxiv": 0, "dblp": 0, "crossref": 0}
        if self._client is not None:
            await self._client.close()
            self.results.requests = dict(self._client.requests)
        if self.cache is not None:
            with contextlib.suppress(sqlite3.Error):  # the next run fetches them again
                self.cache.put_many(self.fresh)
            self.cache.close()


def lookup(queries: Iterable[PaperQuery], options: PaperOptions,
           progress: Callable[[int, int], None] | None = None) -> PaperResults:
    """Synchronous :func:`lookup_async` (runs its own event loop)."""
    return asyncio.run(lookup_async(list(queries), options, progress))
