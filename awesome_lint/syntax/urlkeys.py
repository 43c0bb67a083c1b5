"""Canonical keys of a document's destinations, each computed once (canonicalising is most
of what the duplicate rules cost); one per document, on the rules' analysis."""

from __future__ import annotations

from awesome_lint.syntax.urls import canonical_key


class UrlKeys:
    """:func:`canonical_key` of each destination, cached with and without its fragment."""

    def __init__(self) -> None:
        #: keep_fragment -> destination -> key
        self._cache: dict[bool, dict[str, str]] = {True: {}, False: {}}

    def url(self, url: str, keep_fragment: bool) -> str:
        cache = self._cache[keep_fragment]
        key = cache.get(url)
        if key is None:
            # keep_fragment=True is the default: the URL alone is cheaper for canonical_key's
            # lru cache to key (by itself) than a call with a keyword argument
            key = cache[url] = (canonical_key(url) if keep_fragment
                                else canonical_key(url, keep_fragment=False))
        return key
