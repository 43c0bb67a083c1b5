"""Pure judgements over entries and records: which links name a paper, normalised titles,
title similarity, and whether a venue mark agrees with a published record.

Shared by the query builder (what to look up) and the ``PAP`` rules (what to report), so
both read an entry the same way.  No I/O, no httpx: cheap to import.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from awesome_lint.model import Entry, Link
from awesome_lint.syntax.urls import arxiv_id, canonical_key
from awesome_lint.venues import Registry, url_hint

from ._types import ArxivRecord, CrossrefRecord, DblpRecord, PaperResults

_DOI = re.compile(r"https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/[^\s?#]+)", re.IGNORECASE)
_LATEX = re.compile(r"\\[a-zA-Z]+|[${}\\]")
_NOT_WORD = re.compile(r"[\W_]+")
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)\s*$")
_WORKSHOP = re.compile(r"\bworkshops?\b|\bW$", re.IGNORECASE)
#: Words every other title has: they make two papers' titles look alike.
_STOP_WORDS = frozenset({"a", "an", "and", "are", "as", "at", "by", "for", "from", "in",
                         "into", "is", "of", "on", "or", "the", "to", "via", "with", "without",
                         "towards", "toward", "using"})
#: At or above this, a DBLP hit is the same paper as the one searched for.
SAME_PAPER = 0.9


@dataclass(frozen=True, slots=True)
class PaperLink:
    """A link of an entry that names a paper, and how."""

    link: Link
    #: "arxiv", "doi", "openreview" or "proceedings".
    kind: str
    #: The arXiv id or the DOI (lower case); "" for the other kinds.
    ident: str = ""


def doi_of(url: str) -> str | None:
    """The DOI of a ``doi.org`` link (arXiv's own DOIs count as arXiv links, not DOIs)."""
    match = _DOI.match(url.strip())
    if match is None or match.group(1).startswith("10.48550/"):
        return None
    return match.group(1).rstrip(".").lower()


def paper_links(entry: Entry) -> tuple[PaperLink, ...]:
    """The entry's links that name a paper, in source order."""
    found: list[PaperLink] = []
    for link in entry.links:
        url = link.destination
        if not url.startswith(("http://", "https://")):
            continue
        if (ident := arxiv_id(url)) is not None:
            found.append(PaperLink(link, "arxiv", ident))
        elif (doi := doi_of(url)) is not None:
            found.append(PaperLink(link, "doi", doi))
        elif canonical_key(url, keep_fragment=False).startswith("https://openreview.net/forum?id="):
            found.append(PaperLink(link, "openreview"))
        elif url_hint(url) is not None:
            found.append(PaperLink(link, "proceedings"))
    return tuple(found)


@functools.lru_cache(maxsize=65536)  # every rule folds every entry's title
def title_key(title: str) -> str:
    """A title folded for comparison: accents, case, LaTeX, punctuation and spacing gone."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", _LATEX.sub("", text).casefold()).split())


def query_words(title: str) -> str:
    """The words of a title, as a DBLP query (its syntax gives ``-`` and ``|`` meaning)."""
    return title_key(title)


def similarity(a: str, b: str) -> float:
    """How alike two titles are, 0..1: the better of the character ratio of the folded titles
    and the share of the shorter title's words found in the longer (lists shorten titles:
    "EfficientNet: Rethinking Model Scaling for CNNs")."""
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb:
        return 1.0  # nothing to compare: never a finding
    if ka == kb:
        return 1.0
    wa, wb = set(ka.split()) - _STOP_WORDS, set(kb.split()) - _STOP_WORDS
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    # the share needs a few content words: one common word ("Network") proves nothing
    share = len(shorter & longer) / len(shorter) if len(shorter) >= 3 else 0.0
    return max(share, SequenceMatcher(None, ka, kb, autojunk=False).ratio())


def same_title(a: str, b: str) -> float:
    """How alike two full titles are, 0..1, for telling a search hit from another paper
    whose title merely contains the searched words ("Deep Layer Aggregation for X")."""
    ka, kb = title_key(a), title_key(b)
    if ka == kb:
        return 1.0
    return SequenceMatcher(None, ka, kb, autojunk=False).ratio()


def searched_title(entry_title: str, arxiv: ArxivRecord | None) -> str:
    """The title the DBLP search used: arXiv's when the entry links a known arXiv paper."""
    return arxiv.title if arxiv is not None and arxiv.title else entry_title


@dataclass(frozen=True, slots=True)
class Published:
    """A published version of a paper: where, when, and which record said so."""

    venue: str
    year: int | None
    #: "DBLP conf/cvpr/HeZRS16", "Crossref 10.1109/cvpr.2016.90", "arXiv journal-ref".
    source: str
    workshop: bool = False


def venue_name(registry: Registry, text: str, year: int | None) -> str:
    """A record's venue as a list writes it: the registry's name in force that year."""
    clean = _PARENTHETICAL.sub("", text).strip()
    match = registry.lookup(clean) if clean else None
    if match is None:
        return clean
    return match.venue.name_for(year) if year is not None else match.venue.name


def is_preprint(registry: Registry, venue: str) -> bool:
    match = registry.lookup(venue) if venue.strip() else None
    if match is not None:
        return match.venue.kind == "preprint"
    return venue.strip().casefold() in ("arxiv", "corr", "preprint")


def published_versions(registry: Registry, title: str, hits: tuple[DblpRecord, ...],
                       crossref: tuple[CrossrefRecord, ...] = (),
                       arxiv: ArxivRecord | None = None) -> list[Published]:
    """Every published version found for a paper, main venues before workshops."""
    found: list[Published] = []
    for hit in hits:
        if hit.informal or not hit.venue or same_title(hit.title, title) < SAME_PAPER:
            continue
        name = venue_name(registry, hit.venue, hit.year)
        if is_preprint(registry, name):
            continue
        found.append(Published(name, hit.year, f"DBLP {hit.key}".rstrip(),
                               _is_workshop(registry, hit.venue)))
    for work in crossref:
        where = work.acronym or work.container
        if where and not is_preprint(registry, where):
            found.append(Published(venue_name(registry, where, work.year), work.year,
                                   f"Crossref {work.doi}", _is_workshop(registry, where)))
    if not found and arxiv is not None and arxiv.journal_ref:
        venue = journal_ref_venue(registry, arxiv.journal_ref)
        if venue is not None:
            found.append(Published(venue[0], venue[1], f"arXiv journal-ref "
                                   f"\"{arxiv.journal_ref}\"", False))
    found.sort(key=lambda p: p.workshop)
    return found


def _is_workshop(registry: Registry, venue: str) -> bool:
    match = registry.lookup(_PARENTHETICAL.sub("", venue).strip())
    if match is not None:
        return match.venue.kind == "workshop"
    return bool(_WORKSHOP.search(venue))


def journal_ref_venue(registry: Registry, text: str) -> tuple[str, int | None] | None:
    """The registry venue and year a free-text journal-ref names (``Proc. CVPR 2023``)."""
    year_match = re.search(r"\b(?:19|20)\d{2}\b", text)
    year = int(year_match.group()) if year_match else None
    words = re.findall(r"[A-Za-z][A-Za-z\-&]+", text)
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            match = registry.lookup(phrase)
            if match is not None and not match.loose and match.venue.kind != "preprint":
                name = match.venue.name_for(year) if year else match.venue.name
                return name, year
    return None


def agrees(registry: Registry, venue: str, year: int | None, record: Published) -> bool:
    """Whether a mark (``venue``, ``year``) names this published version."""
    if year is not None and record.year is not None and year != record.year:
        return False
    mine, theirs = registry.lookup(venue), registry.lookup(record.venue)
    if mine is not None and theirs is not None:
        return mine.venue is theirs.venue
    return title_key(venue) == title_key(record.venue)


def entry_records(entry: Entry, links: tuple[PaperLink, ...], results: PaperResults
                  ) -> tuple[ArxivRecord | None, tuple[CrossrefRecord, ...]]:
    """The entry's first known arXiv record and its Crossref records."""
    arxiv = next((results.arxiv.get(p.ident) for p in links
                  if p.kind == "arxiv" and results.arxiv.get(p.ident) is not None), None)
    crossref = tuple(r for p in links if p.kind == "doi"
                     if (r := results.crossref.get(p.ident)) is not None)
    return arxiv, crossref
