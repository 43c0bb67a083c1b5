"""Venue and year implied by a paper URL (CVF, NeurIPS, ACL Anthology, ISCA, arXiv ...)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from awesome_lint.venues.badge_text import compiled, two_digit_year
from awesome_lint.venues.registry import Registry, default_registry


@dataclass(frozen=True, slots=True)
class UrlHint:
    """A venue (name in force that year) and year implied by a paper URL."""

    venue: str
    year: int | None = None


_CVF_SEGMENT = (
    r"(?i)^(?P<conf>cvpr|iccv|eccv|wacv|accv)(?P<w1>w)?_?(?:(?P<w2>workshops?)_)?"
    r"(?P<year>(?:19|20)\d{2})(?P<w3>w|_workshops?|_w)?$"
)
_NEURIPS_HOSTS = frozenset(
    {
        "papers.nips.cc",
        "proceedings.neurips.cc",
        "papers.neurips.cc",
        "datasets-benchmarks-proceedings.neurips.cc",
        "media.neurips.cc",
    }
)
_ACL_EVENTS = {
    "acl": "ACL",
    "naacl": "NAACL",
    "emnlp": "EMNLP",
    "eacl": "EACL",
    "coling": "COLING",
    "aacl": "AACL",
    "conll": "CoNLL",
    "lrec": "LREC",
    "tacl": "TACL",
    "findings": "Findings",
}
_ACL_LETTERS = {
    "P": "ACL",
    "N": "NAACL",
    "D": "EMNLP",
    "E": "EACL",
    "C": "COLING",
    "K": "CoNLL",
    "L": "LREC",
    "Q": "TACL",
}
_ACL_NEW_ID = r"(?i)(?:^|/)(?P<year>(?:19|20)\d{2})\.(?P<event>[a-z]+)-"
_ACL_OLD_ID = r"(?i)(?:^|/)(?P<letter>[A-Z])(?P<yy>\d{2})-\d{4}\b"
_ISCA_EVENTS = {"interspeech": "INTERSPEECH", "eurospeech": "Eurospeech", "icslp": "ICSLP"}


#: An http(s) URL made of characters ``urlsplit`` treats plainly (no userinfo, port, query,
#: fragment, escapes or spaces): host and path read off directly, as ``urlsplit`` would.
_PLAIN_HTTP = r"https?://([A-Za-z0-9.-]+)(/[A-Za-z0-9._~/-]*)?"


def _host(url: str) -> tuple[str, str]:
    """Lower-case host without ``www.``, and the path; scheme-less URLs are accepted."""
    plain = compiled(_PLAIN_HTTP).fullmatch(url.strip())
    if plain is not None:  # the common case, without urlsplit's overhead
        return plain.group(1).lower().removeprefix("www."), plain.group(2) or ""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip() if "//" in url else "//" + url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:  # "Invalid IPv6 URL" and friends: no host, so no hint
        return "", ""
    return host.removeprefix("www."), parts.path


def _named(registry: Registry, name: str, year: int | None) -> UrlHint | None:
    venue = registry.get(name)
    if venue is None:
        return None
    return UrlHint(venue.name if year is None else venue.name_for(year), year)


def _cvf_hint(path: str) -> tuple[str, int] | None:
    segs = [s for s in path.split("/") if s]
    if segs[:1] == ["openaccess"]:
        segs = segs[1:]
    if not segs:
        return None
    seg = segs[0]
    if seg == "content" and len(segs) > 1:
        seg = segs[1]
    elif seg.startswith("content_"):
        seg = seg[len("content_") :]
    m = compiled(_CVF_SEGMENT).match(seg)
    if not m:
        return None
    conf = m.group("conf").upper()
    if m.group("w1") or m.group("w2") or m.group("w3"):
        if conf not in ("CVPR", "ICCV", "ECCV"):
            return None
        conf += " Workshop"
    return conf, int(m.group("year"))


def url_hint(url: str, registry: Registry | None = None) -> UrlHint | None:
    """Venue and year implied by a paper URL, only where the URL names a single venue.

    Covers CVF open access, ECVA, NeurIPS proceedings, PMLR volumes listed in the data,
    JMLR/TMLR, ACL Anthology ids, AAAI, IJCAI, RSS, ISCA, BMVC, KDD and Distill URLs.
    arXiv, OpenReview, Springer or IEEE links return ``None``: they host many venues.
    """
    reg = registry or default_registry()
    host, path = _host(url)
    if host in ("openaccess.thecvf.com", "cv-foundation.org"):
        if (hint := _cvf_hint(path)) is not None:
            return _named(reg, hint[0], hint[1])
        return None
    if host in ("ecva.net", "eccv.ecva.net") and (
        m := re.match(r"/papers/eccv_((?:19|20)\d{2})/", path, re.IGNORECASE)
    ):
        return _named(reg, "ECCV", int(m.group(1)))
    if host in _NEURIPS_HOSTS:
        m = re.search(r"/paper(?:_files/paper)?/((?:19|20)\d{2})/", path)
        year = int(m.group(1)) if m else None
        if host.startswith("datasets-benchmarks") or "Datasets_and_Benchmarks" in path:
            return _named(reg, "NeurIPS Datasets and Benchmarks", year)
        return _named(reg, "NeurIPS", year)
    if host in ("proceedings.mlr.press", "mlr.press") or (
        host in ("jmlr.org", "jmlr.csail.mit.edu") and path.startswith("/proceedings/")
    ):
        m = re.search(r"/v(\d+)(?:/|$)", path)
        found = reg.pmlr_volume(int(m.group(1))) if m else None
        return _named(reg, found[0].name, found[1]) if found else None
    if host in ("jmlr.org", "jmlr.csail.mit.edu"):
        if path.startswith("/tmlr/"):
            return _named(reg, "TMLR", None)
        if m := re.match(r"/papers/v(?:olume)?(\d+)(?:/|$)", path):
            return _named(reg, "JMLR", 1999 + int(m.group(1)))
        return None
    if host in ("aclanthology.org", "aclweb.org", "aclanthology.info"):
        return _acl_hint(reg, path)
    if host == "ojs.aaai.org" and path.startswith("/index.php/AAAI/"):
        return _named(reg, "AAAI", None)
    if host == "aaai.org":
        if m := re.match(r"/ocs/index\.php/AAAI/AAAI(\d{2})/", path):
            return _named(reg, "AAAI", two_digit_year(int(m.group(1))))
        if m := re.match(r"/Papers/AAAI/((?:19|20)\d{2})", path):
            return _named(reg, "AAAI", int(m.group(1)))
        return None
    if host == "ijcai.org" and (m := re.match(r"/proceedings/(\d{4}|\d{2})/", path, re.IGNORECASE)):
        digits = m.group(1)
        year = int(digits) if len(digits) == 4 else two_digit_year(int(digits))
        return _named(reg, "IJCAI", year)
    if host == "roboticsproceedings.org" and (m := re.match(r"/rss(\d{2})/", path)):
        return _named(reg, "RSS", 2004 + int(m.group(1)))
    if host in ("isca-speech.org", "isca-archive.org") and (
        m := re.search(r"/(interspeech|eurospeech|icslp)_((?:19|20)\d{2})/", path, re.IGNORECASE)
    ):
        return UrlHint(_ISCA_EVENTS[m.group(1).lower()], int(m.group(2)))
    if host == "distill.pub" and (m := re.match(r"/((?:19|20)\d{2})/", path)):
        return _named(reg, "Distill", int(m.group(1)))
    if host in ("bmva.org", "bmva-archive.org.uk") and (
        m := re.match(r"/bmvc/((?:19|20)\d{2})/", path)
    ):
        return _named(reg, "BMVC", int(m.group(1)))
    if m := re.fullmatch(r"bmvc((?:19|20)\d{2})\.org", host):
        return _named(reg, "BMVC", int(m.group(1)))
    if host == "kdd.org" and (m := re.match(r"/kdd((?:19|20)\d{2})/", path)):
        return _named(reg, "KDD", int(m.group(1)))
    return None


def _acl_hint(reg: Registry, path: str) -> UrlHint | None:
    """ACL Anthology ids: ``2020.acl-main.1`` (new) or ``P19-1001`` (old letter scheme)."""
    if m := compiled(_ACL_NEW_ID).search(path):
        event, year = m.group("event").lower(), int(m.group("year"))
        if event == "lrec" and year == 2024:  # joint LREC-COLING 2024
            return None
        name = _ACL_EVENTS.get(event)
        return _named(reg, name, year) if name else None
    if m := compiled(_ACL_OLD_ID).search(path):
        name = _ACL_LETTERS.get(m.group("letter").upper())
        return _named(reg, name, two_digit_year(int(m.group("yy")))) if name else None
    return None


def venue_hint_from_url(url: str, registry: Registry | None = None) -> str | None:
    """Name of the venue a paper URL implies (see :func:`url_hint`), else ``None``."""
    hint = url_hint(url, registry)
    return hint.venue if hint else None


_ARXIV_HOSTS = (
    "arxiv.org",
    "export.arxiv.org",
    "ar5iv.org",
    "ar5iv.labs.arxiv.org",
    "xxx.lanl.gov",
)
_ARXIV_NEW = r"(?i)^(?:arxiv:)?(\d{2})(\d{2})\.\d{4,5}(?:v\d+)?(?:\.pdf)?/?$"
_ARXIV_OLD = r"(?i)^(?:arxiv:)?[a-z][a-z-]*(?:\.[a-z-]+)?/(\d{2})(\d{2})\d{3}(?:v\d+)?(?:\.pdf)?/?$"
_ARXIV_PREFIXES = ("abs", "pdf", "html", "format", "ps", "src", "e-print")
#: The common case, ``https://arxiv.org/abs/1907.08610v2``: what :func:`arxiv_year` reads
#: through ``_host`` and ``_ARXIV_NEW``, in one match.
_ARXIV_URL = (r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf|html)/([0-9]{2})([0-9]{2})\.[0-9]{4,5}"
              r"(?:v[0-9]+)?(?:\.pdf)?")


def _arxiv_id_posted(ident: str) -> tuple[int, int | None] | None:
    if m := compiled(_ARXIV_NEW).match(ident):
        return _new_id_posted(int(m.group(1)), int(m.group(2)))
    if m := compiled(_ARXIV_OLD).match(ident):
        yy, mm = int(m.group(1)), int(m.group(2))
        year = 1900 + yy if yy >= 91 else 2000 + yy
        if 1 <= mm <= 12 and (1991, 8) <= (year, mm) <= (2007, 3):
            return year, None
    return None


def _new_id_posted(yy: int, mm: int) -> tuple[int, int | None] | None:
    """(year, month) of a new-style id ``YYMM.NNNNN``, if it is a month the scheme existed."""
    if 1 <= mm <= 12 and (yy, mm) >= (7, 4):  # new scheme began April 2007
        return 2000 + yy, mm
    return None


def arxiv_year(url: str) -> int | None:
    """Submission year of an arXiv URL or id (``arxiv.org/abs/1907.08610`` -> 2019)."""
    posted = arxiv_posted(url)
    return None if posted is None else posted[0]


@functools.lru_cache(maxsize=16384)
def arxiv_posted(url: str) -> tuple[int, int | None] | None:
    """Submission (year, month) of an arXiv URL or id (``arxiv.org/abs/1907.08610`` ->
    (2019, 7)); the month is None for an old-style id (``cs/0112017`` -> (2001, None)).

    Handles abs/pdf/html links, versions (``v2``), ``.pdf`` suffixes, old-style ids and
    bare ``arXiv:`` ids.
    """
    text = url.strip()
    if m := compiled(_ARXIV_URL).fullmatch(text):
        return _new_id_posted(int(m.group(1)), int(m.group(2)))
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    if text.lower().startswith("arxiv:"):
        return _arxiv_id_posted(text)
    host, path = _host(text)
    if host not in _ARXIV_HOSTS:
        return None
    segs = [s for s in path.split("/") if s]
    if segs[:2] == ["ftp", "arxiv"] and len(segs) >= 5:  # /ftp/arxiv/papers/1907/1907.08610.pdf
        return _arxiv_id_posted(segs[-1])
    if len(segs) >= 2 and segs[0] in _ARXIV_PREFIXES:
        return _arxiv_id_posted("/".join(segs[1:]))
    return None
