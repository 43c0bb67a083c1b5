"""URL identity: one canonical key per resource, for duplicate detection and fetch dedupe.

Two links point at the same resource when their :func:`canonical_key` values are equal.

Keys of http(s) URLs are themselves URLs, always ``https://``-prefixed, so they can be
printed, fetched and fed back in: ``canonical_key(canonical_key(u)) == canonical_key(u)``.
Anything that is not an http(s) URL with a host (``mailto:``, ``javascript:``, relative
paths, garbage) gets a *conservative* key: surrounding whitespace stripped, the scheme
lowercased, the fragment rule applied, nothing else.

Every function here is total: it never raises on any ``str`` and runs in linear time (the
regular expressions are anchored and free of nested or overlapping quantifiers, so the stdlib
``re`` engine cannot backtrack on them; no network, no I/O).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from contextlib import suppress
from urllib.parse import quote

__all__ = [
    "TRACKING_PARAMS",
    "TRACKING_PREFIXES",
    "arxiv_id",
    "canonical_key",
    "is_http_url",
    "strip_fragment",
]

#: Query parameters that only say where a click came from (compared case-insensitively).
#: Deliberately short: a parameter that selects content must never be dropped.  ``source``,
#: ``si``, ``s`` and ``t`` are *not* here: too many sites use them for content.
TRACKING_PARAMS: frozenset[str] = frozenset({
    "fbclid",  # Facebook
    "gclid", "gclsrc", "dclid", "gbraid", "wbraid",  # Google Ads / DoubleClick
    "_ga", "_gl",  # Google Analytics cross-domain linker
    "msclkid",  # Microsoft Ads
    "yclid",  # Yandex
    "twclid",  # Twitter/X ads
    "igshid",  # Instagram share
    "mc_cid", "mc_eid",  # Mailchimp
    "_hsenc", "_hsmi",  # HubSpot
    "mkt_tok",  # Marketo
    "ref_src", "ref_url",  # Twitter/X embeds
    "ref",  # generic referral tag (?ref=producthunt) -- except on _REF_HOSTS, see below
})
#: Parameter-name prefixes dropped as tracking (``utm_source``, ``utm_medium``, ...).
TRACKING_PREFIXES: tuple[str, ...] = ("utm_",)

# Code hosts whose ``?ref=`` names a branch or tag (API and raw-file endpoints): keep it there.
_REF_HOSTS = frozenset({"api.github.com", "gitlab.com", "codeberg.org", "bitbucket.org",
                        "api.bitbucket.org", "gitea.com"})

# Hosts that serve the same pages under another name; applied after ``www.`` is dropped.
_HOST_ALIASES = {"m.youtube.com": "youtube.com", "export.arxiv.org": "arxiv.org",
                 "dx.doi.org": "doi.org"}

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_SUB_DELIMS = "!$&'()*+,;="
# Characters left as they are in each component (plus "%", whose escapes are fixed later).
_PATH_SAFE = _SUB_DELIMS + ":@/%"
_QUERY_SAFE = _SUB_DELIMS + ":@/?%"  # "&" never reaches it: params are split first
_FRAGMENT_SAFE = _SUB_DELIMS + ":@/?%"
# Fast path: a component with none of these characters is already normalised.
_PATH_DIRTY = re.compile(r"[^A-Za-z0-9\-._~!$&'()*+,;=:@/]")
_QUERY_DIRTY = re.compile(r"[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})?")
# scheme://netloc path ?query of a fragment-less http(s) URL; disjoint classes: linear.
_HTTP_PARTS = re.compile(r"https?://([^/?]*)([^?]*)\??(.*)", re.IGNORECASE | re.DOTALL)
#: An http(s) URL without fragment whose parts are already normal: lowercase scheme and
#: host (no ``www.``, no trailing dot), no userinfo, port or query, a path of characters
#: ``_PATH_DIRTY`` leaves alone.  Its path must still not end in ``_NOT_PLAIN_ENDS`` nor
#: hold a dot segment, and its host must not be one of ``_HOST_ALIASES``.
_PLAIN_HTTP = re.compile(r"https?://(?!www\.)([a-z0-9.-]*[a-z0-9-])"
                         r"((?:/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?)")
_NOT_PLAIN_ENDS = ("/", "/index.html", "/index.htm")
#: The commonest plain URL of a paper list, ``https://arxiv.org/abs/1804.03999v2``, which
#: the arXiv handler keys by its new-style id.
_PLAIN_ARXIV = re.compile(r"https?://arxiv\.org/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5})"
                          r"(?:v[0-9]+)?(?:\.pdf)?")
#: The commonest URL of a classic list, a repository's front page
#: ``https://github.com/Owner/Repo``, which the GitHub handler keys lower-cased (speed trick,
#: listed in awesome_lint.startup: 2.6 -> 0.8 us a URL, 2.8k of awesome-go's 3.3k).  Not a
#: name starting with a dot (a dot segment) nor a ``.git`` or ``index.html`` one (they lose
#: that ending on the general path).
_PLAIN_GITHUB = re.compile(r"https?://github\.com/([A-Za-z0-9_-][A-Za-z0-9_.-]*)"
                           r"/([A-Za-z0-9_-][A-Za-z0-9_.-]*)")
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")

_ARXIV_ID = r"(?P<id>[0-9]{4}\.[0-9]{4,5}|[A-Za-z][A-Za-z\-]*(?:\.[A-Za-z]{2})?/[0-9]{7})"
# arxiv.org/{abs,pdf,html}/<id>[vN][.pdf]; old ids are archive[.SC]/YYMMNNN.
_ARXIV_PATH = re.compile(r"/(?:abs|pdf|html)/(?:arxiv:)?" + _ARXIV_ID + r"(?:v[0-9]+)?(?:\.pdf)?",
                         re.IGNORECASE)
# arXiv DOIs: doi.org/10.48550/arXiv.<id>
_ARXIV_DOI_PATH = re.compile(r"/10\.48550/arxiv\." + _ARXIV_ID + r"(?:v[0-9]+)?", re.IGNORECASE)
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")
_GDOCS_PATH = re.compile(
    r"/(?P<kind>document|spreadsheets|presentation|forms|drawings)(?:/u/[0-9]+)?"
    r"/d/(?P<id>(?:e/)?[A-Za-z0-9_\-]+)(?:/(?P<view>[a-z]+))?")
_GDOCS_VIEWS = frozenset({"edit", "view", "pub", "pubhtml", "preview", "htmlview",
                          "mobilebasic", "viewform", "present", "embed", "copy"})
_GDRIVE_PATH = re.compile(
    r"/(?:u/[0-9]+/)?(?:(?P<file>file)/d|drive/(?:u/[0-9]+/)?(?P<folder>folders))"
    r"/(?P<id>[A-Za-z0-9_\-]+)(?:/(?P<view>view|edit|preview))?")
_GITHUB_ROOT_BRANCHES = frozenset({"master", "main"})

# A parsed, normalised query: (lowercased name, "name=value" as written), in sorted order.
_Params = list[tuple[str, str]]
# A mirror handler: (path, params, fragment) -> (key without fragment, fragment) or None.
_Handler = Callable[[str, _Params, str], "tuple[str, str] | None"]


@functools.lru_cache(maxsize=32768)  # pure; ``fix`` re-lints the same links pass after pass
def canonical_key(url: str, *, keep_fragment: bool = True) -> str:
    """The identity of ``url``: equal keys mean the same resource (see module docstring)."""
    # Whitespace around the URL and before "#" is noise; removing it before anything else
    # keeps keys idempotent and makes ``keep_fragment=False`` commute with key-then-strip.
    base, hash_, fragment = url.strip().partition("#")
    base = base.rstrip()
    try:
        key = _http_key(base, fragment if keep_fragment else "")
    except Exception:  # never raise on hostile input: fall back to the conservative key
        key = None
    if key is not None:
        return key
    # Conservative key: we don't know this scheme's equivalences, so change almost nothing.
    match = _SCHEME.match(base)
    if match and match.end() > 2:  # schemes are case-insensitive (RFC 3986 3.1); not "C:"
        base = match.group().lower() + base[match.end():]
    return base + hash_ + fragment if keep_fragment else base


def strip_fragment(url: str) -> str:
    """``url`` without its ``#fragment`` (the part a server never sees)."""
    return url.partition("#")[0]


def is_http_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) URL with a host, i.e. something fetchable."""
    try:
        return _split_http(url.strip().partition("#")[0].rstrip()) is not None
    except Exception:  # total, like canonical_key
        return False


def arxiv_id(url: str) -> str | None:
    """The arXiv paper id (no version) that ``url`` points to, whatever the mirror or form.

    ``https://arxiv.org/pdf/1804.03999v3.pdf`` -> ``"1804.03999"``; old-style ids keep their
    archive: ``arxiv.org/abs/hep-th/9901001v2`` -> ``"hep-th/9901001"``.  ``None`` otherwise.
    """
    try:
        parts = _split_http(url.strip().partition("#")[0].rstrip())
        if parts is None:
            return None
        host, path = parts[1], parts[3]
        if host == "arxiv.org":
            match = _ARXIV_PATH.fullmatch(_normalize_path(path))
        elif host == "doi.org":
            match = _ARXIV_DOI_PATH.fullmatch(_normalize_path(path))
        else:
            return None
        return _arxiv_id_text(match.group("id")) if match else None
    except Exception:  # total, like canonical_key
        return None


def _http_key(base: str, fragment: str) -> str | None:
    """The URL-shaped key of an http(s) URL (``base`` + ``#fragment``), or ``None``."""
    if not fragment and (paper := _PLAIN_ARXIV.fullmatch(base)) is not None:
        return "https://arxiv.org/abs/" + paper.group(1)  # what _arxiv makes of it
    if not fragment and (repo := _PLAIN_GITHUB.fullmatch(base)) is not None:
        owner, name = repo.group(1, 2)
        if not name.endswith(".git") and name not in ("index.html", "index.htm"):
            return f"https://github.com/{owner.lower()}/{name.lower()}"  # what _github makes
    plain = None if fragment else _PLAIN_HTTP.fullmatch(base)
    if plain is not None:
        # most links of a list: what _split_http and _normalize_path would leave as written
        host, path = plain.group(1, 2)
        if host not in _HOST_ALIASES and "/." not in path and not path.endswith(_NOT_PLAIN_ENDS):
            return _key("", host, "", path, [], "")
    parts = _split_http(base)
    if parts is None:
        return None
    userinfo, host, port, path, query = parts
    path = _normalize_path(path)
    params = _normalize_query(query, host)
    if "\t" in fragment or "\n" in fragment or "\r" in fragment:
        fragment = fragment.translate(_TAB_NEWLINE)
    fragment = _normalize_component(fragment, _QUERY_DIRTY, _FRAGMENT_SAFE)
    return _key(userinfo, host, port, path, params, fragment)


def _key(userinfo: str, host: str, port: str, path: str, params: _Params, fragment: str
         ) -> str:
    """The key of a split and normalised URL: its mirror's key, or the URL reassembled."""
    handler = _HANDLERS.get(host) if not (userinfo or port) else None
    special = handler(path, params, fragment) if handler else None
    if special is not None:
        key, fragment = special
    else:
        if host == "github.com":
            path = _github_lower_owner_repo(path)
        authority = f"{userinfo}@{host}" if userinfo else host
        if port:
            authority += ":" + port
        query = "&".join([raw for _, raw in params]) if params else ""
        key = f"https://{authority}{path}?{query}" if query else f"https://{authority}{path}"
    return f"{key}#{fragment}" if fragment else key


def _split_http(base: str) -> tuple[str, str, str, str, str] | None:
    """(userinfo, host, port, path, query) of an http(s) URL without fragment, else ``None``.

    Parses like browsers (WHATWG): leading C0 controls and spaces are ignored, tabs and
    newlines anywhere are removed.  One anchored regex instead of ``urlsplit``: twice as fast.
    """
    if "\t" in base or "\n" in base or "\r" in base:
        base = base.translate(_TAB_NEWLINE)
    match = _HTTP_PARTS.match(base.lstrip(_C0_OR_SPACE))
    if match is None:
        return None
    netloc = _split_netloc(match.group(1))
    if netloc is None:
        return None
    return (*netloc, match.group(2), match.group(3))


@functools.lru_cache(maxsize=4096)  # pure, and a list's links share few hosts
def _split_netloc(netloc: str) -> tuple[str, str, str] | None:
    """(userinfo, normalised host, port or "" when default/absent); ``None`` if no host.

    Host: lowercased, trailing dots and leading ``www.`` labels dropped, IDNA-encoded when it
    is Unicode and the stdlib codec accepts it (kept as lowercased Unicode otherwise).
    """
    userinfo, _, hostport = netloc.rpartition("@")
    if hostport.startswith("["):  # IPv6 literal (no "]": empty host, rejected below)
        close = hostport.find("]") + 1
        host, port = hostport[:close], hostport[close:].removeprefix(":")
    else:
        host, _, port = hostport.partition(":")
    host = host.lower().rstrip(".")
    if not host.isascii():
        with suppress(UnicodeError):  # not valid IDNA 2003: keep the lowercased Unicode form
            host = host.encode("idna").decode("ascii").rstrip(".")
    start = 0
    while host.startswith("www.", start) and host.find(".", start + 4) != -1:
        start += 4
    host = _HOST_ALIASES.get(host[start:], host[start:])
    if not host or not host.isprintable() or " " in host:
        return None  # no host, or one no resolver accepts (whitespace, control characters)
    if port:
        if not (port.isascii() and port.isdigit()):
            return None
        port = port.lstrip("0") or "0"  # no int(): it rejects over 4300 digits
        if port in ("80", "443"):  # scheme-insensitive keys: both defaults are "no port"
            port = ""
    return userinfo, host, port


def _fix_escape(match: re.Match[str]) -> str:
    """Decode an escaped unreserved character, uppercase other escapes, escape a lone ``%``."""
    hexdigits = match.group(1)
    if hexdigits is None:
        return "%25"
    char = chr(int(hexdigits, 16))
    return char if char in _UNRESERVED else "%" + hexdigits.upper()


def _normalize_component(text: str, dirty: re.Pattern[str], safe: str) -> str:
    """RFC 3986 percent-encoding normalisation (6.2.2.2) plus escaping of illegal characters."""
    if not dirty.search(text):
        return text
    text = quote(text, safe=safe, errors="surrogatepass")
    return _ESCAPE.sub(_fix_escape, text) if "%" in text else text


def _normalize_path(path: str) -> str:
    """Percent-normalise, resolve dot segments, then drop ``index.html`` and trailing slashes."""
    path = _normalize_component(path, _PATH_DIRTY, _PATH_SAFE)
    if "/." in path:
        path = _remove_dot_segments(path)
    end = len(path)  # walk an end index: slicing in a loop would be quadratic
    while True:
        while end and path[end - 1] == "/":
            end -= 1
        if path.endswith("/index.html", 0, end):
            end -= len("index.html")
        elif path.endswith("/index.htm", 0, end):
            end -= len("index.htm")
        else:
            return path[:end]


def _remove_dot_segments(path: str) -> str:
    """Resolve ``.`` and ``..`` segments (RFC 3986 5.2.4) of an absolute path."""
    segments = path.split("/")
    if "." not in segments and ".." not in segments:
        return path
    out: list[str] = []
    for segment in segments[1:]:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    return "/" + "/".join(out)


def _normalize_query(query: str, host: str) -> _Params:
    """Drop tracking parameters and empty pairs, normalise escapes, sort by name (stable)."""
    if not query:
        return []
    params: _Params = []
    keep_ref = host in _REF_HOSTS or host.startswith("gitlab.")
    for raw in query.split("&"):
        if not raw:
            continue
        raw = _normalize_component(raw, _QUERY_DIRTY, _QUERY_SAFE)
        name = raw.partition("=")[0].lower()
        if name.startswith(TRACKING_PREFIXES) or (
                name in TRACKING_PARAMS and not (name == "ref" and keep_ref)):
            continue
        params.append((name, raw))
    params.sort(key=lambda param: param[0])  # stable: repeated names keep their order
    return params


def _param(params: _Params, name: str) -> str | None:
    """Value of the first parameter called ``name`` (already lowercased), if any."""
    for key, raw in params:
        if key == name:
            return raw.partition("=")[2]
    return None


def _arxiv_id_text(raw: str) -> str:
    """Canonical spelling of an id matched by ``_ARXIV_ID``: ``math.GT/0309136``."""
    if "/" not in raw:
        return raw
    archive, _, number = raw.partition("/")
    name, dot, subject = archive.partition(".")
    return f"{name.lower()}{dot}{subject.upper()}/{number}"


def _arxiv(path: str, params: _Params, fragment: str) -> tuple[str, str] | None:
    """abs/pdf/html pages of one paper, any version -> ``https://arxiv.org/abs/<id>``."""
    match = _ARXIV_PATH.fullmatch(path)
    if match is None:
        return None
    return "https://arxiv.org/abs/" + _arxiv_id_text(match.group("id")), fragment


def _doi(path: str, params: _Params, fragment: str) -> tuple[str, str] | None:
    """arXiv DOIs resolve to the abs page: give them the arXiv key."""
    match = _ARXIV_DOI_PATH.fullmatch(path)
    if match is None:
        return None
    return "https://arxiv.org/abs/" + _arxiv_id_text(match.group("id")), fragment


def _openreview(path: str, params: _Params, fragment: str) -> tuple[str, str] | None:
    """``/forum?id=X`` and ``/pdf?id=X`` (any ``noteId``/``referrer``) -> the forum page."""
    paper = _param(params, "id") if path in ("/forum", "/pdf") else None
    return ("https://openreview.net/forum?id=" + paper, fragment) if paper else None


def _youtube_video(video: str | None, fragment: str) -> tuple[str, str] | None:
    """The key of one video, if ``video`` looks like a video id."""
    if video is None or not _YOUTUBE_ID.fullmatch(video):
        return None
    return "https://youtube.com/watch?v=" + video, fragment


def _youtube(path: str, params: _Params, fragment: str) -> tuple[str, str] | None:
    """watch/embed/shorts/live pages -> one key per video; playlists keep their ``list``."""
    if path == "/watch":
        return _youtube_video(_param(params, "v"), fragment)
    if path == "/playlist":
        playlist = _param(params, "list")
        if playlist and _YOUTUBE_ID.fullmatch(playlist):
            return "https://youtube.com/playlist?list=" + playlist, fragment
        return None
    kind, _, video = path[1:].partition("/")
    if kind in ("embed", "shorts", "live", "v"):
        return _youtube_video(video, fragment)
    return None


def _youtu_be(path: str, params: _Params, fragment: str) -> tuple[str, str] | None:
    """``youtu.be/<id>`` short links."""
    return _youtube_video(path[1:], fragment)


def _youtube_nocookie(path: str, params: _Params, fragment: str) -> tuple[str, str] | None:
    """Privacy-enhanced embeds ``youtube-nocookie.com/embed/<id>``."""
    kind, _, video = path[1:].partition("/")
    return _youtube_video(video, fragment) if kind == "embed" else None


def _github_lower_owner_repo(path: str) -> str:
    """GitHub owner and repository names are case-insensitive: lowercase the first two."""
    segments = path.split("/", 3)  # ["", owner, repo, rest]
    segments[1:3] = [segment.lower() for segment in segments[1:3]]
    return "/".join(segments)


def _github(path: str, params: _Params, fragment: str) -> tuple[str, str] | None:
    """Repository front pages (``.git``, ``/tree/master|main``, ``?tab=``, ``#readme``)."""
    segments = _github_lower_owner_repo(path).split("/", 5)
    if len(segments) == 5 and segments[3] == "tree" and segments[4] in _GITHUB_ROOT_BRANCHES:
        segments = segments[:3]
    if len(segments) != 3 or not segments[1] or not segments[2]:
        return None  # not a repository front page: generic rules, owner/repo lowercased
    repo = segments[2]
    while repo.endswith(".git") and len(repo) > len(".git"):
        repo = repo[: -len(".git")]
    # The front page shows the README: ``#readme`` and ``?tab=readme-ov-file`` are cosmetic.
    return f"https://github.com/{segments[1]}/{repo}", "" if fragment == "readme" else fragment


def _google_docs(path: str, params: _Params, fragment: str) -> tuple[str, str] | None:
    """Docs/Sheets/Slides/Forms: one key per (kind, id), whatever the view or ``usp=``."""
    match = _GDOCS_PATH.fullmatch(path)
    if match is None or (match.group("view") or "edit") not in _GDOCS_VIEWS:
        return None
    return f"https://docs.google.com/{match.group('kind')}/d/{match.group('id')}", fragment


def _google_drive(path: str, params: _Params, fragment: str) -> tuple[str, str] | None:
    """Drive files (``/file/d/ID/view``, ``/open?id=ID``) and folders, any ``usp=``."""
    if path == "/open":
        item = _param(params, "id")
        if item and _YOUTUBE_ID.fullmatch(item):  # same alphabet as Drive ids
            return "https://drive.google.com/file/d/" + item, fragment
        return None
    match = _GDRIVE_PATH.fullmatch(path)
    if match is None:
        return None
    kind = "file/d" if match.group("file") else "drive/folders"
    return f"https://drive.google.com/{kind}/{match.group('id')}", fragment


# Mirror handlers by normalised host; a handler returning None means "use the generic key".
_HANDLERS: dict[str, _Handler] = {
    "arxiv.org": _arxiv,
    "doi.org": _doi,
    "openreview.net": _openreview,
    "youtube.com": _youtube,
    "youtu.be": _youtu_be,
    "youtube-nocookie.com": _youtube_nocookie,
    "github.com": _github,
    "docs.google.com": _google_docs,
    "drive.google.com": _google_drive,
}
