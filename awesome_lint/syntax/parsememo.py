"""The parse memo: list items of earlier parses, reused when re-parsing an edited text."""

from __future__ import annotations

from dataclasses import dataclass

from awesome_lint.model import Badge, Entry, Link, LinkProblem, Span, Tag
from awesome_lint.syntax.entries import resources_of


@dataclass(slots=True)
class ItemParts:
    """What a list item's own text yields, with the line numbers of ``line``, its first line.

    Everything here but the entry's ``section_path`` and ``list_index`` follows from the
    item's text, its marker and the document's reference definitions."""

    line: int
    #: As scanned (an entry's links typed with their roles): the document's links.
    links: tuple[Link, ...]
    problems: tuple[LinkProblem, ...]
    badges: tuple[Badge, ...]
    legend: tuple[str, str, int] | None  # a tag legend item: name, description, column
    entry: Entry | None

    def placed(self, line: int, section_path: tuple[str, ...], list_index: int
               ) -> ItemParts:
        """These parts for an item now at ``line``, with a fresh entry (entries are mutable,
        so documents never share one).  Frozen objects are reused when the line is the
        same, else rebuilt with their constructors: ``dataclasses.replace`` is several
        times slower, and this runs for every item of a long list."""
        delta = line - self.line
        links, problems, badges = self.links, self.problems, self.badges
        if delta:
            links = tuple([_moved_link(link, delta) for link in links])
            problems = tuple([LinkProblem(p.kind, _moved_span(p.span, delta), p.text,
                                          p.replacement, p.destination) for p in problems])
            badges = tuple([Badge(b.raw, b.venue, b.year, b.suffix, _moved_span(b.span, delta),
                                  _moved_span(b.inner_span, delta), b.closed, b.preceded_by,
                                  b.style) for b in badges])
        entry = self.entry
        if entry is not None:
            own_links, tags = entry.links, entry.tags
            link, resources = entry.link, entry.resources  # (immutable: shared when not moved)
            if delta:
                # as in entries.build_entry: the entry's links are the item's non-image
                # links (moved with their roles); the badges are the item's badges
                own_links = tuple([link for link in links if not link.image])
                tags = tuple([Tag(tag.name, _moved_span(tag.span, delta)) for tag in tags])
                link, resources = own_links[0] if own_links else None, resources_of(own_links)
            entry = Entry(
                kind=entry.kind, title=entry.title, link=link,
                resources=resources, badges=badges, tags=tags,
                description=entry.description, line=line, end_line=entry.end_line + delta,
                section_path=section_path, links=own_links, marker=entry.marker,
                marker_column=entry.marker_column, list_index=list_index)
        return ItemParts(line, links, problems, badges, self.legend, entry)


def _moved_span(span: Span, delta: int) -> Span:
    return Span(span.line + delta, span.column, span.end_line + delta, span.end_column)


def _moved_link(link: Link, delta: int) -> Link:
    dest_span = link.dest_span
    return Link(link.text, link.destination, link.form, _moved_span(link.span, delta),
                None if dest_span is None else _moved_span(dest_span, delta), link.title,
                link.image, link.bracketed, link.role)


ItemKey = tuple[str, str, int]  # the item's own text, its marker and the marker's column


class ParseMemo:
    """List items of earlier parses, reused when re-parsing an edited text.

    ``fix`` parses a document up to three times, each text differing from the one before in
    a few lines (though most lines may have moved): a list item whose own text is unchanged
    yields the same links, badges, problems and entry, moved to its new line.  The scan and
    the entry are two thirds of a parse.  Pass one memo to successive parses of versions of
    one document; it keeps the items of the latest parse and of the one in progress."""

    def __init__(self) -> None:
        self.hits = 0
        self.misses = 0
        self._previous: dict[ItemKey, ItemParts] = {}
        self._current: dict[ItemKey, ItemParts] = {}
        #: The reference definitions every kept item was built with: they decide which
        #: brackets are links and which are tags.
        self._definitions: dict[str, str] = {}
        self._checked: dict[str, str] | None = None  # the parse in progress's, once compared

    def start(self) -> None:
        """Begin a parse: the items of the parse before last are dropped."""
        if self._current:
            self._previous, self._current = self._current, {}
        self._checked = None

    def finish(self) -> None:
        """End a parse: the items of the parse before it are dropped now rather than at the
        next :meth:`start` (which would drop them unread).  Memory trick: ``fix`` lints the
        new tree while they would be kept, and after an edit that moved every item they are
        a second copy of its entries, links and spans (about 30 MB at 50k entries)."""
        if self._current:
            self._previous = {}

    def take(self, key: ItemKey, definitions: dict[str, str]) -> ItemParts | None:
        """The parts kept under ``key``, if built with these ``definitions``."""
        if definitions is not self._checked:
            if definitions != self._definitions:
                self._previous.clear()
                self._current.clear()
                self._definitions = dict(definitions)
            self._checked = definitions
        parts = self._current.get(key)
        if parts is None:
            parts = self._previous.get(key)
        if parts is None:
            self.misses += 1
        else:
            self.hits += 1
        return parts

    def keep(self, key: ItemKey, parts: ItemParts) -> None:
        self._current[key] = parts
