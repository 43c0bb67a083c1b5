"""Records, queries and options of the paper lookups (no network imports here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: Where the three services live; tests and mirrors override them from the environment
#: only (``AWESOME_LINT_ARXIV_URL``...), never from a file in the repository.
ARXIV_URL = "https://export.arxiv.org/api/query"
DBLP_URL = "https://dblp.org/search/publ/api"
CROSSREF_URL = "https://api.crossref.org/works"

#: A week: papers rarely change venue, and every lookup costs the services a request.
DEFAULT_TTL = 7 * 86400.0


class LookupFailed(Exception):
    """A service could not answer one request after the retries; the run goes on."""


@dataclass(frozen=True, slots=True)
class ArxivRecord:
    """One arXiv paper as the export API describes it (latest version)."""

    arxiv_id: str
    title: str
    version: int
    #: The author's comment (``10 pages, CVPR 2023``; ``This paper has been withdrawn``).
    comment: str = ""
    journal_ref: str = ""
    doi: str = ""
    year: int | None = None
    #: The comment or summary says the paper was withdrawn.
    withdrawn: bool = False


@dataclass(frozen=True, slots=True)
class DblpRecord:
    """One DBLP hit: a publication with its venue and year."""

    key: str
    title: str
    venue: str
    year: int | None
    #: "Conference and Workshop Papers", "Journal Articles", "Informal and Other
    #: Publications" (arXiv's CoRR copies)...
    type: str = ""
    doi: str = ""
    ee: tuple[str, ...] = ()

    @property
    def informal(self) -> bool:
        """A preprint copy (CoRR) rather than a published version."""
        return self.venue.casefold() == "corr" or self.type.startswith("Informal")


@dataclass(frozen=True, slots=True)
class CrossrefRecord:
    """One Crossref work (a DOI's metadata)."""

    doi: str
    title: str
    container: str = ""
    #: The event or container acronym (``CVPR``), when the record has one.
    acronym: str = ""
    year: int | None = None
    type: str = ""
    #: "retraction" / "withdrawal" when an update notice names this work.
    withdrawn_by: str = ""


@dataclass(frozen=True, slots=True)
class PaperQuery:
    """What one entry asks of the services."""

    title: str = ""
    arxiv_ids: tuple[str, ...] = ()
    dois: tuple[str, ...] = ()
    #: Search DBLP by title (entries with an arXiv, OpenReview or proceedings link).
    search_title: bool = False


@dataclass(frozen=True, slots=True)
class Api:
    """One service: where it is, how politely to call it."""

    name: str
    base_url: str
    #: Seconds between two request starts (the service's published guidance).
    interval: float
    #: The base URL was given by the operator (environment or Python API): its host may be
    #: loopback or private (a local mirror, a test server).
    trusted: bool = False


@dataclass(frozen=True)
class PaperOptions:
    """Every knob of a lookup run; defaults follow each service's published guidance."""

    #: arXiv: "no more than one request every three seconds", a single connection.
    arxiv: Api = Api("arxiv", ARXIV_URL, 3.0)
    #: DBLP FAQ: "waiting for at least one or two seconds between two consecutive requests".
    dblp: Api = Api("dblp", DBLP_URL, 2.0)
    #: Crossref list queries: one at a time, at most a few per second (polite pool).
    crossref: Api = Api("crossref", CROSSREF_URL, 1.0)
    #: Contact for the User-Agent (``mailto:`` puts Crossref requests in its polite pool).
    contact: str = ""
    timeout: float = 20.0
    retries: int = 2
    #: Longest Retry-After honoured; a longer one ends that service's lookups for the run.
    retry_after_cap: float = 60.0
    #: ids per arXiv request (``id_list``) and DOIs per Crossref request (``filter=doi:``).
    arxiv_batch: int = 100
    crossref_batch: int = 20
    dblp_hits: int = 10
    #: Seconds for the whole run (0 = none).  Lookups not made by then are left for the
    #: next run, which starts where this one stopped: everything answered is cached.
    deadline: float = 0.0
    cache_dir: str | None = None
    use_cache: bool = True
    cache_ttl: float = DEFAULT_TTL


@dataclass
class PaperResults:
    """What the lookups found, by identifier; ``None`` means "asked, no such paper"."""

    arxiv: dict[str, ArxivRecord | None] = field(default_factory=dict)
    #: Normalised title -> the DBLP hits for it.
    dblp: dict[str, tuple[DblpRecord, ...]] = field(default_factory=dict)
    crossref: dict[str, CrossrefRecord | None] = field(default_factory=dict)
    #: One line per service that failed ("dblp: HTTP 503 after 3 attempts").
    errors: list[str] = field(default_factory=list)
    #: HTTP requests made, per service.
    requests: Mapping[str, int] = field(default_factory=dict)
    from_cache: int = 0

    def published(self, title_key: str) -> tuple[DblpRecord, ...]:
        return self.dblp.get(title_key, ())
