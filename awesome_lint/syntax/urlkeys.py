"""Canonical keys of a document's destinations, each computed once (canonicalising is most
of what the duplicate rules cost); one per document, on the rules' analysis."""

from __future__ import annotations

from awesome_lint.syntax.urls import canonical_key


class UrlKeys:
    """:func:`canonical_key` of each destination, cached with and without its fragment."""

    def __init__(self) -> None:
        #: keep_fragment -> destination -> key
        self._cache: dict[bool, dict[str, str]] = {True: {}, False: {}}
        #: destinations without "#": the same key either way (``canonical_key`` strips
        #: only what follows a "#")
        self._plain: dict[str, str] = {}

    def url(self, url: str, keep_fragment: bool) -> str:
        # Speed trick (listed in awesome_lint.startup): a URL without "#" has one key with
        # or without its fragment, so both callers share one cache entry for it (the
        # duplicate rules ask for both: 10k entries, 10k canonical_key calls fewer).
        cache = self._cache[keep_fragment] if "#" in url else self._plain
        key = cache.get(url)
        if key is None:
            # keep_fragment=True is the default: the URL alone is cheaper for canonical_key's
            # lru cache to key (by itself) than a call with a keyword argument
            key = cache[url] = (canonical_key(url) if keep_fragment
                                else canonical_key(url, keep_fragment=False))
        return key
