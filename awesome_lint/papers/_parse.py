"""Readers of the three services' answers: arXiv Atom, DBLP JSON, Crossref JSON.

Each raises :class:`MalformedResponse` on a body it cannot read, so a garbled answer is a
failed lookup (reported, retried on the next run), never a crash and never "no paper".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

from ._types import ArxivRecord, CrossrefRecord, DblpRecord

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_ABS_ID = re.compile(r"arxiv\.org/abs/(.+?)(?:v(\d+))?$")
#: How authors and arXiv admins word a withdrawal in the comment (or the summary).
_WITHDRAWN = re.compile(
    r"\b(?:(?:paper|article|submission|manuscript|preprint|version|work)\s+(?:has\s+been|is|was)"
    r"\s+withdrawn(?!\s+from\b)|withdrawn\s+by\s+(?:the\s+)?(?:authors?|arxiv|admin)|withdrawn\s+due\s+to"
    r"|^withdrawn\b)", re.IGNORECASE)


class MalformedResponse(ValueError):
    """The service answered 200 with a body that is not what its documentation describes."""


def _text(element: ElementTree.Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def parse_arxiv(body: bytes) -> Iterator[ArxivRecord]:
    """The entries of an export API feed (``id_list`` query); error entries are skipped."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as err:
        raise MalformedResponse(f"arXiv answer is not XML ({err})") from None
    if root.tag != f"{_ATOM}feed":
        raise MalformedResponse(f"arXiv answer is not an Atom feed (<{root.tag}>)")
    for entry in root.iter(f"{_ATOM}entry"):
        ident = _text(entry.find(f"{_ATOM}id"))
        match = _ABS_ID.search(ident)
        if match is None:
            continue  # "http://arxiv.org/api/errors#incorrect_id_format_for_..."
        title = _text(entry.find(f"{_ATOM}title"))
        comment = _text(entry.find(f"{_ARXIV}comment"))
        summary = _text(entry.find(f"{_ATOM}summary"))
        published = _text(entry.find(f"{_ATOM}published"))
        year = int(published[:4]) if published[:4].isdigit() else None
        yield ArxivRecord(
            arxiv_id=match.group(1), title=title, version=int(match.group(2) or 1),
            comment=comment, journal_ref=_text(entry.find(f"{_ARXIV}journal_ref")),
            doi=_text(entry.find(f"{_ARXIV}doi")), year=year,
            withdrawn=bool(_WITHDRAWN.search(comment) or _WITHDRAWN.search(summary[:300])))


def _json(body: bytes, service: str) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as err:
        raise MalformedResponse(f"{service} answer is not JSON ({err})") from None


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _year(value: Any) -> int | None:
    text = str(value) if isinstance(value, (str, int)) else ""
    return int(text) if text.isdigit() and 1000 < int(text) < 3000 else None


def parse_dblp(body: bytes) -> tuple[DblpRecord, ...]:
    """The hits of a ``/search/publ/api?format=json`` answer."""
    data = _json(body, "DBLP")
    try:
        hits = data["result"]["hits"]
    except (KeyError, TypeError):
        raise MalformedResponse("DBLP answer has no result.hits") from None
    if not isinstance(hits, dict):
        raise MalformedResponse("DBLP result.hits is not an object")
    raw = hits.get("hit", [])
    if isinstance(raw, dict):  # one hit comes as an object, not a list of one
        raw = [raw]
    if not isinstance(raw, list):
        raise MalformedResponse("DBLP result.hits.hit is not a list")
    records: list[DblpRecord] = []
    for hit in raw:
        info = hit.get("info") if isinstance(hit, dict) else None
        if not isinstance(info, dict) or not isinstance(info.get("title"), str):
            continue
        venue = " ".join(_strings(info.get("venue")))
        records.append(DblpRecord(
            key=str(info.get("key", "")), title=info["title"], venue=venue,
            year=_year(info.get("year")), type=str(info.get("type", "")),
            doi=str(info.get("doi", "")), ee=_strings(info.get("ee"))))
    return tuple(records)


def _date_year(work: dict[str, Any]) -> int | None:
    for key in ("published-print", "published-online", "published", "issued"):
        parts = work.get(key, {}).get("date-parts") if isinstance(work.get(key), dict) else None
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = _year(parts[0][0])
            if year is not None:
                return year
    return None


def _crossref_work(work: Any) -> CrossrefRecord | None:
    if not isinstance(work, dict) or not isinstance(work.get("DOI"), str):
        return None
    titles = _strings(work.get("title"))
    event = work.get("event")
    acronym = event.get("acronym") if isinstance(event, dict) else None
    acronym = acronym if isinstance(acronym, str) else ""
    short = _strings(work.get("short-container-title"))
    withdrawn = ""
    for update in work.get("updated-by", []) if isinstance(work.get("updated-by"), list) else []:
        kind = update.get("type") if isinstance(update, dict) else None
        if kind in ("retraction", "withdrawal", "removal"):
            withdrawn = kind
    return CrossrefRecord(
        doi=work["DOI"].lower(), title=" ".join(titles[0].split()) if titles else "",
        container=(_strings(work.get("container-title")) or ("",))[0],
        acronym=acronym or (short[0] if short else ""), year=_date_year(work),
        type=str(work.get("type", "")), withdrawn_by=withdrawn)


def parse_crossref(body: bytes) -> tuple[CrossrefRecord, ...]:
    """The works of a ``/works?filter=doi:...`` list (or a single ``/works/{doi}``)."""
    data = _json(body, "Crossref")
    if not isinstance(data, dict) or data.get("status") != "ok" or not isinstance(
            data.get("message"), dict):
        raise MalformedResponse("Crossref answer has no ok status and message")
    message = data["message"]
    if data.get("message-type") == "work":
        items: Any = [message]
    else:
        items = message.get("items")
        if not isinstance(items, list):
            raise MalformedResponse("Crossref message has no items list")
    return tuple(r for r in map(_crossref_work, items) if r is not None)


