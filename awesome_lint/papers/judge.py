"""What the lookups say about each entry of a document, for the ``PAP`` rules.

Kept apart from :mod:`awesome_lint.rules.papers` so that registering the rules costs
nothing: this module (and the records, the title folding and the venue marks it reads) is
imported only when a run has lookup results, i.e. with ``--papers``.
"""

from __future__ import annotations

from dataclasses import dataclass

from awesome_lint.diagnostics import Edit
from awesome_lint.model import Document, Entry
from awesome_lint.syntax.venuemarks import VenueMark, entry_marks, title_without_marks
from awesome_lint.venues import Registry

from ._types import ArxivRecord, CrossrefRecord, PaperResults
from .match import (
    PaperLink,
    Published,
    entry_records,
    paper_links,
    published_versions,
    searched_title,
    similarity,
    title_key,
)


@dataclass(frozen=True, slots=True)
class EntryPapers:
    """What the lookups say about one entry."""

    entry: Entry
    #: The entry's title, venue marks left out.
    title: str
    links: tuple[PaperLink, ...]
    arxiv: ArxivRecord | None
    crossref: tuple[CrossrefRecord, ...]
    published: tuple[Published, ...]
    marks: tuple[VenueMark, ...]
    #: The entry's paper link resolves to a paper with another title (wrong-paper-link):
    #: its records say nothing about the entry's paper.
    wrong: tuple[PaperLink, str, float] | None = None


def entries(document: Document, results: PaperResults, registry: Registry, *,
            min_words: int, min_similarity: float) -> list[EntryPapers]:
    """Every entry that links a paper, with its records."""
    marks = entry_marks(document)
    found: list[EntryPapers] = []
    for entry in document.entries:
        links = paper_links(entry)
        if not links:
            continue
        arxiv, crossref = entry_records(entry, links, results)
        own = marks.get(entry, ())
        title = title_without_marks(entry, own)
        searched = searched_title(title, arxiv)
        hits = results.published(title_key(searched))
        published = tuple(published_versions(registry, searched, hits, crossref, arxiv))
        wrong = _wrong_link(entry, title, links, results, min_words, min_similarity)
        found.append(EntryPapers(entry, title, links, arxiv, crossref, published, own, wrong))
    return found


def _wrong_link(entry: Entry, title: str, links: tuple[PaperLink, ...], results: PaperResults,
                min_words: int, min_similarity: float) -> tuple[PaperLink, str, float] | None:
    """The entry's paper link, the title it resolves to and the similarity, when they
    disagree (the title link first, else the first arXiv or DOI link)."""
    if len(title_key(title).split()) < min_words:
        return None  # nicknames such as "ViT" are not judged
    papers = [p for p in links if p.kind in ("arxiv", "doi")]
    paper = next((p for p in papers if p.link is entry.link), papers[0] if papers else None)
    if paper is None:
        return None
    record = (results.arxiv.get(paper.ident) if paper.kind == "arxiv"
              else results.crossref.get(paper.ident))
    if record is None or not record.title:
        return None
    score = similarity(title, record.title)
    return (paper, record.title, score) if score < min_similarity else None


def has_marks(document: Document) -> bool:
    """Whether the list marks any entry with a venue (its convention includes marks)."""
    return any(not m.placeholder for ms in entry_marks(document).values() for m in ms)


def when(record: Published) -> str:
    return f"{record.venue} {record.year}" if record.year else record.venue


def insertion(document: Document, entry: Entry, text: str, *, leads: bool,
              closes_title: bool = False) -> Edit:
    """Where a new mark goes: before the title link in lists whose marks lead; right after
    the title, before what leads to its URL, in lists whose marks close the title
    (``Source, Title (CVPR 2017): https://...``); else at the end of the entry's first
    line (before any trailing hard-break spaces)."""
    if leads and entry.link is not None:
        return Edit(entry.link.span.line, entry.link.span.column, 0, text + " ")
    line = document.line_text(entry.line)
    link = entry.link
    if closes_title and link is not None and link.span.line == entry.line:
        title_end = len(line[:link.span.column - 1].rstrip(" \t,:;.–—-"))
        return Edit(entry.line, title_end + 1, 0, " " + text)
    return Edit(entry.line, len(line.rstrip()) + 1, 0, " " + text)
