"""Canonical keys of link destinations (and entry titles), computed once per document and
shared by the three duplicate rules: canonicalising is most of what they cost."""

from __future__ import annotations

from collections.abc import Callable

from awesome_lint.model import Entry
from awesome_lint.rules import RuleContext
from awesome_lint.rules.context import Analysis as DocumentAnalysis
from awesome_lint.rules.duplicates.titles import Title
from awesome_lint.syntax import entrymemo
from awesome_lint.syntax.urls import canonical_key


class Keys:
    """Canonical keys of destinations and titles' comparison forms, computed once per
    document and shared by the three rules: canonicalising is most of what they cost."""

    #: ``url(destination, keep_fragment)``: the canonical key, from the analysis' cache.
    url: Callable[[str, bool], str]

    def __init__(self, analysis: DocumentAnalysis) -> None:
        self.document = analysis.document
        self.url = analysis.url_keys.url
        memo = analysis.services.entry_memo
        if memo is not None:
            self.titles = memo.titles
            memo.titles.begin(self.document, None)

    @classmethod
    def of(cls, ctx: RuleContext) -> Keys:
        return ctx.analysis.once(cls)

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
