"""What an HTTP answer means for a link: status classes, retryable and rate-limited answers,
the waits servers ask for, redirect targets we will not follow, GitHub repository URLs,
and the text of transport failures.  Pure functions of one request or response.
"""

from __future__ import annotations

import email.utils
import ssl

import httpx

from ._types import LinkClass

_PERMANENT = frozenset({301, 308})
_BLOCKED = frozenset({401, 403, 999})
_BROKEN = frozenset({404, 410})
#: github.com first path segments that are not owners.
_GITHUB_RESERVED = frozenset(
    {
        "about", "apps", "collections", "contact", "customer-stories", "enterprise",
        "events", "explore", "features", "issues", "join", "login", "marketplace",
        "new", "notifications", "orgs", "pricing", "pulls", "search", "security",
        "settings", "site", "sponsors", "topics", "trending", "users",
    }
)  # fmt: skip


def _domain_match(host: str, domains: frozenset[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or a subdomain of one."""
    if not domains:
        return False
    if host in domains:
        return True
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(1, len(parts)))


def _parse_delay(headers: httpx.Headers, now: float) -> float | None:
    """Seconds the server asks us to wait: Retry-After, X-RateLimit-Reset, RateLimit-Reset."""
    value = headers.get("retry-after")
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            when = None
        if when is not None:
            return max(0.0, when.timestamp() - now)
    for name in ("x-ratelimit-reset", "ratelimit-reset"):
        value = headers.get(name)
        if value:
            try:
                number = float(value.strip())
            except ValueError:
                continue
            # GitHub sends an epoch time; the IETF draft sends delta seconds.
            return max(0.0, number - now) if number > 1e9 else number
    value = headers.get("ratelimit")
    if value:
        for item in value.split(","):
            key, _, number = item.strip().partition("=")
            if key.strip() == "reset" and number.strip().isdigit():
                return float(number)
    return None


#: Where :func:`_park_location` moves a Location header httpx would fail on.
_PARKED = "x-awesome-lint-location"


async def _park_location(response: httpx.Response) -> None:
    """Response hook: move aside a Location we will not follow (another scheme, or not a
    URL: ``http://[::1``, port 99999).  Even with ``follow_redirects=False`` httpx builds
    the next request from it and raises, so the redirect would surface as a connection
    error before :meth:`Checker._follow` could classify it (unsupported scheme, broken)."""
    location = response.headers.get("location")
    if location is None or not 300 <= response.status_code < 400:
        return
    try:
        target = response.request.url.join(location.strip())
        usable = (target.scheme in ("http", "https") and bool(target.host)
                  and _port_error(target) is None)
    except (httpx.InvalidURL, ValueError, TypeError, UnicodeError):
        usable = False
    if not usable:
        response.headers[_PARKED] = location
        del response.headers["location"]


def _port_error(url: httpx.URL) -> str | None:
    """httpx takes any number as a port; the socket layer raises on one past 65535."""
    port = url.port
    if port is not None and not 0 < port <= 65535:
        return f"port {port} is out of range"
    return None


def _tls_failure(exc: BaseException) -> str | None:
    """The SSL error inside an exception chain, as text, or None."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return f"TLS: {getattr(seen, 'verify_message', '') or seen}"
        seen = seen.__cause__ or seen.__context__
    return None


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _classify_status(status: int, accept: frozenset[int]) -> LinkClass:
    if 200 <= status < 300 or status in accept:
        return LinkClass.OK
    if status in _BROKEN:
        return LinkClass.BROKEN
    if status in _BLOCKED:
        return LinkClass.BLOCKED
    if status == 429:
        return LinkClass.RATE_LIMITED
    if 500 <= status < 600:
        return LinkClass.SERVER_ERROR
    return LinkClass.BROKEN


def _rate_limited(response: httpx.Response) -> bool:
    """429, or GitHub's way of saying it: 403 with ``X-RateLimit-Remaining: 0``."""
    status = response.status_code
    return status == 429 or (
        status == 403 and response.headers.get("x-ratelimit-remaining", "").strip() == "0"
    )


def _retryable(response: httpx.Response) -> bool:
    status = response.status_code
    return _rate_limited(response) or (500 <= status < 600 and status not in (501, 505))


def _github_repo(url: httpx.URL) -> tuple[str, str, bool] | None:
    """(owner, repo, is_repo_root) for a github.com repository URL."""
    if url.host not in ("github.com", "www.github.com") or url.scheme not in ("http", "https"):
        return None
    parts = [p for p in url.path.split("/") if p]
    if len(parts) < 2 or parts[0].lower() in _GITHUB_RESERVED:
        return None
    repo = parts[1].removesuffix(".git")
    return parts[0], repo, len(parts) == 2 and not url.query
