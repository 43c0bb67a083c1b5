"""Result and option types of the link checker (no network imports here)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum

DEFAULT_SKIP_HOSTS = frozenset({"linkedin.com", "x.com", "twitter.com"})
"""Hosts that refuse automated checks (LinkedIn answers 999, X/Twitter a login wall)."""

DEFAULT_GET_ONLY_HOSTS = frozenset({"amazon.com"})
"""Hosts known to answer ``HEAD`` wrongly (405/503/404), checked with ``GET`` directly."""

DEFAULT_GET_FALLBACK = frozenset({403, 404, 405, 501})
"""``HEAD`` statuses that are confirmed with a ``GET`` before being believed."""

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (compatible; awesome-lint link checker; +https://pypi.org/project/awesome-lint/)"
)


class LinkClass(str, Enum):
    """What a link check concluded; the caller maps each class to a severity."""

    OK = "ok"
    REDIRECT_PERMANENT = "redirect-permanent"  # every hop 301/308, chain ends in success
    REDIRECT_TEMPORARY = "redirect-temporary"  # some hop 302/303/307, chain ends in success
    BROKEN = "broken"  # 404, 410, other 4xx, DNS failure, redirect loop / too many hops
    BLOCKED = "blocked"  # 401, 403, 999: the site refuses robots, the link may be fine
    RATE_LIMITED = "rate-limited"  # still 429 after the retries
    SERVER_ERROR = "server-error"  # 5xx after the retries
    TIMEOUT = "timeout"  # every attempt timed out, or the run deadline passed ("deadline")
    TLS_ERROR = "tls-error"  # certificate or handshake failure
    CONNECTION_ERROR = "connection-error"  # refused / reset / protocol error
    FORBIDDEN_ADDRESS = "forbidden-address"  # resolves to a loopback/private/... address
    UNSUPPORTED_SCHEME = "unsupported-scheme"  # not http(s), or a redirect to file:, ftp:...
    SKIPPED = "skipped"  # host on the skip list; nothing was sent


GOOD_CLASSES = frozenset({LinkClass.OK, LinkClass.REDIRECT_PERMANENT, LinkClass.REDIRECT_TEMPORARY})


@dataclass(frozen=True)
class LinkResult:
    """The outcome for one URL as given (fragment included in ``url``).

    ``status`` is the last HTTP status seen (for redirects: the status where the chain
    ends); ``final_url`` is where the redirect chain ends (``None`` without a response);
    ``redirects`` lists each ``Location`` followed, in order; ``attempts`` counts the HTTP
    requests made for this destination, HEAD, GET fallback, retries, hops and the GitHub
    API included; ``elapsed`` is seconds spent on it (0 when served from the cache).
    """

    url: str
    link_class: LinkClass
    status: int | None
    final_url: str | None
    attempts: int
    elapsed: float
    error: str = ""
    redirects: tuple[str, ...] = ()
    from_cache: bool = False


@dataclass(frozen=True)
class CheckOptions:
    """Every knob of a run; the defaults are what ``awesome-lint check --links`` uses.

    Timeouts are seconds.  A destination (URL without ``#fragment``) is fetched once
    per run however often it appears.  ``github_token`` defaults to ``$GITHUB_TOKEN`` and
    is masked in ``repr``.
    """

    #: Requests in flight over the whole run.
    concurrency: int = 64
    #: Requests in flight to one host (host name as written, lower-cased).
    per_host: int = 4
    #: Minimum seconds between two request starts to the same host (0 = no pacing).
    per_host_interval: float = 0.0
    #: Seconds to establish TCP (+TLS) per attempt.
    connect_timeout: float = 10.0
    #: Seconds of silence tolerated while waiting for response bytes.
    read_timeout: float = 10.0
    #: Hard cap on one attempt from send to complete headers (catches slow drips).
    attempt_timeout: float = 15.0
    #: Seconds for the whole run; unfinished URLs become TIMEOUT "deadline". None = none.
    deadline: float | None = None
    #: Extra attempts after the first on 429, 5xx (not 501), timeouts, resets.
    retries: int = 2
    #: Of those, how many may follow a timeout (each costs a full timeout).
    timeout_retries: int = 1
    #: First backoff in seconds; doubles per retry, full jitter, capped by backoff_cap.
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    #: Longest wait honoured from Retry-After / RateLimit-Reset headers.
    retry_after_cap: float = 60.0
    max_redirects: int = 10
    #: Negotiate HTTP/2 by ALPN on https origins that offer it.
    http2: bool = True
    #: Send HEAD first (GET only on fallback statuses or GET-only hosts).
    head_first: bool = True
    get_fallback_statuses: frozenset[int] = DEFAULT_GET_FALLBACK
    #: Hosts (and their subdomains) checked with GET directly.
    get_only_hosts: frozenset[str] = DEFAULT_GET_ONLY_HOSTS
    #: Extra statuses counted as OK (2xx always are).
    accept_statuses: frozenset[int] = frozenset()
    #: Hosts (and their subdomains) not checked at all: SKIPPED.
    skip_hosts: frozenset[str] = DEFAULT_SKIP_HOSTS
    #: Lift the guard against loopback/private/link-local/multicast/reserved addresses.
    allow_private_hosts: bool = False
    #: Host names (as written in URLs) exempt from that guard, e.g. an intranet docs host.
    private_host_allowlist: frozenset[str] = frozenset()
    #: "host:port" -> "ip:port": connect there, keeping Host and TLS name (curl --connect-to).
    connect_overrides: Mapping[str, str] = field(default_factory=dict)
    #: PEM bundle of trusted CAs; None = httpx's default (certifi).
    ca_file: str | None = None
    #: Token for GitHub; None reads $GITHUB_TOKEN when the run starts, "" disables it.
    github_token: str | None = None
    #: Ask the GitHub API whether a github.com repo really 404s or we are rate limited.
    github_api: bool = True
    github_api_base: str = "https://api.github.com"
    #: Cache directory (the caller passes <project root>/.awesome-lint-cache).
    cache_dir: str | None = ".awesome-lint-cache"
    use_cache: bool = True
    #: How long an OK/redirect result is served from the cache.
    cache_ttl: float = 86400.0
    #: How long a failure is: only long enough that an immediate rerun skips the dead
    #: hosts' timeouts; any later run checks failures again.  0 = always re-check.
    failure_ttl: float = 600.0
    user_agent: str = DEFAULT_USER_AGENT

    def __repr__(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "github_token" and value:
                parts.append("github_token='***'")
            else:
                parts.append(f"{f.name}={value!r}")
        return f"CheckOptions({', '.join(parts)})"


def summarize(results: Mapping[str, LinkResult] | Iterable[LinkResult]) -> dict[str, int]:
    """Count results by class value (``{"ok": 12, "broken": 1}``), classes with zero omitted."""
    values = results.values() if isinstance(results, Mapping) else results
    counts: dict[str, int] = {}
    for result in values:
        key = result.link_class.value
        counts[key] = counts.get(key, 0) + 1
    return counts
