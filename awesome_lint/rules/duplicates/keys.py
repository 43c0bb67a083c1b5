"""Canonical keys of link destinations (and entry titles), computed once per document and
shared by the three duplicate rules: canonicalising is most of what they cost."""

from __future__ import annotations

from awesome_lint.model import Document, Entry
from awesome_lint.rules import RuleContext
from awesome_lint.rules.duplicates.titles import Title
from awesome_lint.syntax import entrymemo
from awesome_lint.syntax.urls import canonical_key


class Keys:
    """Canonical keys of destinations, computed once per document and shared by the three
    rules through ``ctx.services``: canonicalising is most of what they cost."""

    SERVICE = "duplicates.keys"

    def __init__(self, document: Document) -> None:
        self.document = document
        #: keep_fragment -> destination -> key
        self._cache: dict[bool, dict[str, str]] = {True: {}, False: {}}

    @classmethod
    def of(cls, ctx: RuleContext) -> Keys:
        found = ctx.services.get(cls.SERVICE)
        if not isinstance(found, Keys) or found.document is not ctx.document:
            found = cls(ctx.document)
            ctx.services[cls.SERVICE] = found
            memo = entrymemo.of(ctx.services)
            if memo is not None:
                found.titles = memo.titles
                memo.titles.begin(ctx.document, None)
        return found

    #: Titles of the document's versions the language server linted before, if it keeps
    #: them (:mod:`awesome_lint.syntax.entrymemo`).
    titles: entrymemo.Table[Title] | None = None

    def title(self, raw: str) -> Title:
        """``Title.of(raw)``, reused from an earlier version when the caller keeps a memo."""
        table = self.titles
        if table is None:
            return Title.of(raw)
        found = table.take(raw)
        if found is None:
            found = Title.of(raw)
            table.keep(raw, found)
        return found

    def url(self, url: str, keep_fragment: bool) -> str:
        cache = self._cache[keep_fragment]
        key = cache.get(url)
        if key is None:
            # keep_fragment=True is the default: the URL alone is cheaper for canonical_key's
            # lru cache to key (by itself) than a call with a keyword argument
            key = cache[url] = (canonical_key(url) if keep_fragment
                                else canonical_key(url, keep_fragment=False))
        return key

    def entry(self, entry: Entry, keep_fragment: bool) -> str | None:
        """Like :func:`entry_key`, cached."""
        dest = _primary(entry)
        return None if dest is None else self.url(dest, keep_fragment)


def _primary(entry: Entry) -> str | None:
    """The entry's primary destination; ``None`` for none, an empty one or an anchor."""
    dest = entry.link.destination.strip() if entry.link is not None else ""
    return dest if dest and not dest.startswith("#") else None


def entry_key(entry: Entry, *, keep_fragment: bool) -> str | None:
    """The canonical key of the entry's primary link; ``None`` for in-page anchors."""
    dest = _primary(entry)
    return None if dest is None else canonical_key(dest, keep_fragment=keep_fragment)
