"""Local stand-ins for arXiv's export API, DBLP's search API and Crossref's works API.

Three real HTTP servers on 127.0.0.1 (one per service, as the real ones are separate hosts)
answer from a small world of papers in the formats each service documents: an Atom feed
with ``arxiv:comment``/``arxiv:journal_ref`` (and the error entry arXiv sends for a bad id,
with status 400), DBLP's ``result.hits.hit[].info`` JSON (one hit comes as an object, not a
list), and Crossref's ``work-list`` message.  Faults are scripted per service: ``"429"``
(with Retry-After), ``"503"``, ``"slow"`` (answers after the client's timeout),
``"garbage"`` (a 200 with a malformed body), ``"drop"`` (closes the connection).
Used by the tests and by ``benchmarks/bench_papers.py``; nothing here reaches the internet.
"""

from __future__ import annotations

import http.server
import json
import random
import re
import threading
import time
import unicodedata
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape


@dataclass
class Paper:
    """One paper of the fake world."""

    title: str
    arxiv: str = ""
    year: int = 2020
    comment: str = ""
    journal_ref: str = ""
    #: DBLP records besides the CoRR copy: (venue, year, key, type).
    venues: list[tuple[str, int, str, str]] = field(default_factory=list)
    doi: str = ""
    container: str = ""
    acronym: str = ""
    retracted: bool = False


CONF = "Conference and Workshop Papers"
WORLD: list[Paper] = [
    Paper("Deep Residual Learning for Image Recognition", "1512.03385", 2015, "Tech report",
          venues=[("CVPR", 2016, "conf/cvpr/HeZRS16", CONF)]),
    Paper("Attention Is All You Need", "1706.03762", 2017, "15 pages, 5 figures",
          venues=[("NIPS", 2017, "conf/nips/VaswaniSPUJGKP17", CONF)]),
    Paper("EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks",
          "1905.11946", 2019, "ICML 2019",
          venues=[("ICML", 2019, "conf/icml/TanL19", CONF)]),
    Paper("Selective Kernel Networks", "1903.06586", 2019, "",
          venues=[("CVPR", 2019, "conf/cvpr/LiWHY19", CONF)]),
    Paper("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
          "1810.04805", 2018, "", venues=[("NAACL-HLT (1)", 2019, "conf/naacl/DevlinCLT19",
                                            CONF)]),
    Paper("On the Stability of Widget Training", "2303.00003", 2023,
          "This paper has been withdrawn by the author due to a crucial error in Lemma 3"),
    Paper("Gadget Transformers for Long Documents", "2304.00004", 2023, "12 pages"),
    Paper("Sparse Widgets Meet Dense Gadgets", "2305.00005", 2023, "",
          journal_ref="Proceedings of ICML 2023, PMLR 202"),
    Paper("Tiny Widgets for Mobile Vision", "2306.00006", 2023, "",
          venues=[("CVPR Workshops", 2023, "conf/cvpr/Tiny23", CONF),
                  ("ICCV", 2023, "conf/iccv/Tiny23", CONF)]),
    Paper("Deep Residual Learning for Image Recognition", doi="10.1109/cvpr.2016.90",
          year=2016, container="2016 IEEE Conference on Computer Vision and Pattern "
          "Recognition (CVPR)", acronym="CVPR"),
    Paper("Widget Detection at Scale", doi="10.5555/widgets.2020.17", year=2020,
          container="Journal of Widget Research", retracted=True),
]


def fold(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text).casefold()
    return re.sub(r"[\W_]+", " ", text).split()


class _Handler(http.server.BaseHTTPRequestHandler):
    """Routes by the server's service name; the server carries the world and the faults."""

    protocol_version = "HTTP/1.1"
    server: _Server  # type: ignore[assignment]

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        server = self.server
        with server.lock:
            server.seen.append((self.path, self.headers.get("User-Agent", "")))
            server.starts.append(time.monotonic())
            fault = server.faults.popleft() if server.faults else ""
        if server.latency:
            time.sleep(random.uniform(*server.latency))
        if fault == "429":
            self._send(429, b"", "text/plain", {"Retry-After": str(server.retry_after)})
            return
        if fault == "503":
            self._send(503, b"Service Unavailable", "text/plain")
            return
        if fault == "slow":
            time.sleep(server.slow)
        if fault == "drop":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if fault == "garbage":
            self._send(200, b"<html><body>Oops {", "text/html")
            return
        query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        status, body, kind = getattr(self, f"_{server.service}")(query)
        self._send(status, body, kind, server.headers)

    # -- arXiv: Atom feed ----------------------------------------------------------------
    def _arxiv(self, query: dict[str, str]) -> tuple[int, bytes, str]:
        ids = [i for i in query.get("id_list", "").split(",") if i]
        entries, status = [], 200
        for ident in ids:
            if not re.fullmatch(r"\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}", ident):
                status = 400
                entries.append(
                    f"<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_{ident}"
                    f"</id><title>Error</title><summary>incorrect id format for {ident}"
                    "</summary><updated>2024-01-01T00:00:00-05:00</updated><link href="
                    "\"http://arxiv.org/api/errors#incorrect_id_format_for_x\" rel="
                    "\"alternate\" type=\"text/html\"/><author><name>arXiv api core</name>"
                    "</author></entry>")
                continue
            # arXiv answers old-style ids under the archive alone: math.DG/0303109 is
            # math/0303109
            canonical = re.sub(r"^([a-z\-]+)\.[A-Z]{2}/", r"\1/", ident)
            paper = next((p for p in self.server.world if p.arxiv == canonical), None)
            if paper is None:
                continue  # an id arXiv never had: no entry
            ident = paper.arxiv
            version = 2 if paper.comment.startswith("This paper has been withdrawn") else 1
            extra = ""
            if paper.comment:
                extra += f"<arxiv:comment>{escape(paper.comment)}</arxiv:comment>"
            if paper.journal_ref:
                extra += f"<arxiv:journal_ref>{escape(paper.journal_ref)}</arxiv:journal_ref>"
            entries.append(
                f"<entry><id>http://arxiv.org/abs/{ident}v{version}</id>"
                f"<updated>{paper.year}-06-01T00:00:00Z</updated>"
                f"<published>{paper.year}-03-01T17:59:59Z</published>"
                f"<title>{escape(paper.title)}</title><summary>  An abstract.\n</summary>"
                "<author><name>A. Author</name></author>" + extra +
                f"<link href=\"http://arxiv.org/abs/{ident}v{version}\" rel=\"alternate\" "
                "type=\"text/html\"/><link title=\"pdf\" href=\"http://arxiv.org/pdf/"
                f"{ident}v{version}\" rel=\"related\" type=\"application/pdf\"/>"
                "<arxiv:primary_category xmlns:arxiv=\"http://arxiv.org/schemas/atom\" "
                "term=\"cs.CV\" scheme=\"http://arxiv.org/schemas/atom\"/>"
                "<category term=\"cs.CV\" scheme=\"http://arxiv.org/schemas/atom\"/></entry>")
        feed = (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/"
            "Atom\" xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" xmlns:arxiv="
            "\"http://arxiv.org/schemas/atom\"><link href=\"http://arxiv.org/api/query\" "
            "rel=\"self\" type=\"application/atom+xml\"/><title type=\"html\">ArXiv Query: "
            f"id_list={escape(','.join(ids))}</title><id>http://arxiv.org/api/x</id>"
            "<updated>2024-01-01T00:00:00-05:00</updated><opensearch:totalResults>"
            f"{len(entries)}</opensearch:totalResults><opensearch:startIndex>0"
            f"</opensearch:startIndex><opensearch:itemsPerPage>{len(entries)}"
            "</opensearch:itemsPerPage>" + "".join(entries) + "</feed>")
        return status, feed.encode(), "application/atom+xml; charset=utf-8"

    # -- DBLP: search API JSON ----------------------------------------------------------
    def _dblp(self, query: dict[str, str]) -> tuple[int, bytes, str]:
        words = fold(query.get("q", ""))
        hits: list[dict[str, Any]] = []
        for paper in self.server.world:
            if not paper.arxiv or not words or not set(words) <= set(fold(paper.title)):
                continue
            records = [("CoRR", paper.year, f"journals/corr/abs-{paper.arxiv}",
                        "Informal and Other Publications"), *paper.venues]
            for venue, year, key, kind in records:
                info: dict[str, Any] = {
                    "authors": {"author": [{"@pid": "00/0000", "text": "A. Author"}]},
                    "title": paper.title + ".", "venue": venue, "year": str(year),
                    "type": kind, "key": key, "url": f"https://dblp.org/rec/{key}"}
                if venue == "CoRR":
                    info.update(volume=f"abs/{paper.arxiv}",
                                ee=f"https://arxiv.org/abs/{paper.arxiv}")
                hits.append({"@score": "10", "@id": str(len(hits) + 1), "info": info,
                             "url": f"URL#{len(hits) + 1}"})
        limit = int(query.get("h", "30"))
        shown = hits[:limit]
        payload: dict[str, Any] = {
            "@total": str(len(hits)), "@computed": str(len(hits)), "@sent": str(len(shown)),
            "@first": "0"}
        if shown:
            payload["hit"] = shown[0] if len(shown) == 1 else shown
        body = {"result": {"query": query.get("q", ""), "status": {"@code": "200",
                                                                   "text": "OK"},
                           "time": {"@unit": "msecs", "text": "1.00"},
                           "completions": {"@total": "0", "@computed": "0", "@sent": "0"},
                           "hits": payload}}
        return 200, json.dumps(body).encode(), "application/json"

    # -- Crossref: works list ------------------------------------------------------------
    def _crossref(self, query: dict[str, str]) -> tuple[int, bytes, str]:
        wanted = [f.split(":", 1)[1].lower() for f in query.get("filter", "").split(",")
                  if f.startswith("doi:")]
        items = []
        for paper in self.server.world:
            if paper.doi and paper.doi.lower() in wanted:
                work: dict[str, Any] = {
                    "DOI": paper.doi, "type": "proceedings-article" if paper.acronym
                    else "journal-article", "title": [paper.title],
                    "container-title": [paper.container], "publisher": "A Publisher",
                    "issued": {"date-parts": [[paper.year, 6]]},
                    "published": {"date-parts": [[paper.year, 6]]}}
                if paper.acronym:
                    work["event"] = {"name": paper.container, "acronym": paper.acronym}
                if paper.retracted:
                    work["updated-by"] = [{"DOI": "10.5555/notice", "type": "retraction",
                                           "label": "Retraction", "source": "publisher",
                                           "updated": {"date-parts": [[2021, 1, 1]]}}]
                items.append(work)
        body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                "message": {"facets": {}, "total-results": len(items), "items": items,
                            "items-per-page": len(items), "query": {"start-index": 0,
                                                                    "search-terms": None}}}
        return 200, json.dumps(body).encode(), "application/json"


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    paths: ClassVar[dict[str, str]] = {"arxiv": "/api/query", "dblp": "/search/publ/api",
                                       "crossref": "/works"}

    def __init__(self, service: str, world: list[Paper]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.service = service
        self.world = world
        self.lock = threading.Lock()
        self.seen: list[tuple[str, str]] = []
        self.starts: list[float] = []
        self.faults: deque[str] = deque()
        self.latency: tuple[float, float] | None = None
        self.retry_after = 1
        self.slow = 3.0
        #: Extra headers on every normal answer (e.g. Crossref's X-Rate-Limit-*).
        self.headers: dict[str, str] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{self.paths[self.service]}"


class FakeApis:
    """The three services, started together; ``env()`` points awesome-lint at them."""

    def __init__(self, world: list[Paper] | None = None) -> None:
        self.world = WORLD if world is None else world
        self.servers = {name: _Server(name, self.world) for name in ("arxiv", "dblp",
                                                                      "crossref")}
        self._threads = [threading.Thread(target=s.serve_forever, daemon=True)
                         for s in self.servers.values()]
        for thread in self._threads:
            thread.start()

    def __getitem__(self, name: str) -> _Server:
        return self.servers[name]

    def env(self, pace: float = 0.01) -> dict[str, str]:
        return {"AWESOME_LINT_ARXIV_URL": self["arxiv"].url,
                "AWESOME_LINT_DBLP_URL": self["dblp"].url,
                "AWESOME_LINT_CROSSREF_URL": self["crossref"].url,
                "AWESOME_LINT_PAPERS_PACE": str(pace)}

    def requests(self) -> Counter[str]:
        return Counter({name: len(s.seen) for name, s in self.servers.items()})

    def close(self) -> None:
        for server in self.servers.values():
            server.shutdown()
            server.server_close()
