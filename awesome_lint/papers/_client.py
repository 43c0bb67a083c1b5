"""The polite HTTP side of the lookups: one paced connection per service, retries that
honour Retry-After, a descriptive User-Agent, and the link checker's address guard.

Each service gets a :class:`Pacer`: one request in flight, starts at least the service's
interval apart, and a pause when the service asks for one (429/503 with Retry-After).  The
three services are paced independently, so a run takes as long as its slowest service.
Hosts are resolved here and vetted with :func:`awesome_lint.linkcheck._guard.forbidden_reason`
(only a base URL the operator set may be loopback or private), then pinned on the link
checker's :class:`RoutingTransport`, so DNS cannot swap the address afterwards.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from awesome_lint.linkcheck._guard import forbidden_reason, ip_literal
from awesome_lint.linkcheck._http import _parse_delay
from awesome_lint.linkcheck._transport import RoutingTransport
from awesome_lint.startup import fast_httpcore_imports
from awesome_lint.version import __version__

from ._types import Api, LookupFailed, PaperOptions

#: Largest answer read (a 100-id arXiv feed is about 300 KB).
MAX_BODY = 8 * 1024 * 1024
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def user_agent(contact: str) -> str:
    """``awesome-lint/1.2 (+https://pypi.org/project/awesome-lint/; mailto:me@example.org)``.

    Crossref puts requests whose User-Agent carries a ``mailto:`` in its polite pool; arXiv
    and DBLP ask for a way to reach whoever runs the client."""
    where = "+https://pypi.org/project/awesome-lint/"
    if contact:
        where += "; " + (contact if ":" in contact or "@" not in contact
                         else f"mailto:{contact}")
    return f"awesome-lint/{__version__} ({where}) paper-check"


class Pacer:
    """One service's schedule: a single request at a time, ``interval`` between starts."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.lock = asyncio.Lock()
        self.next_start = 0.0
        self.last_start = 0.0

    async def wait_turn(self) -> None:
        """Sleep until this service may be asked again (call with ``lock`` held)."""
        delay = self.next_start - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)

    def started(self) -> None:
        self.last_start = time.monotonic()
        self.next_start = max(self.next_start, self.last_start + self.interval)

    def pause(self, seconds: float) -> None:
        self.next_start = max(self.next_start, time.monotonic() + seconds)


class Client:
    """HTTP GETs to the three services, paced per service; counts the requests made."""

    def __init__(self, options: PaperOptions) -> None:
        fast_httpcore_imports()
        self.options = options
        self.transport = RoutingTransport(httpx.create_ssl_context(trust_env=False),
                                          per_host=1, http2=False)
        self.http = httpx.AsyncClient(
            transport=self.transport, follow_redirects=False,
            headers={"User-Agent": user_agent(options.contact),
                     "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(options.timeout))
        self.pacers = {api.name: Pacer(api.interval)
                       for api in (options.arxiv, options.dblp, options.crossref)}
        self.requests = dict.fromkeys(self.pacers, 0)
        self.stop_at = time.monotonic() + options.deadline if options.deadline else None
        #: Called after each request (the CLI draws a progress line on a terminal).
        self.on_request: Callable[[], None] | None = None
        self._vetted: set[tuple[str, str, int]] = set()

    async def close(self) -> None:
        await self.http.aclose()

    async def _vet(self, api: Api, url: str) -> None:
        """Resolve the service's host once and pin the addresses the guard allows."""
        parts = urlsplit(url)
        scheme, host = parts.scheme, (parts.hostname or "")
        port = parts.port or (443 if scheme == "https" else 80)
        if (scheme, host, port) in self._vetted:
            return
        if scheme not in ("http", "https") or not host:
            raise LookupFailed(f"{api.name}: base URL {api.base_url!r} is not http(s)")
        literal = ip_literal(host)
        if literal is not None:
            addresses = [literal]
        else:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
            except OSError as err:
                raise LookupFailed(f"{api.name}: cannot resolve {host} ({err})") from None
            addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        allowed = [a for a in addresses if api.trusted or forbidden_reason(a) is None]
        if not allowed:
            raise LookupFailed(f"{api.name}: {host} resolves to a "
                               f"{forbidden_reason(addresses[0]) or 'forbidden'} address")
        self.transport.pin(scheme, host, port, [(a, port) for a in allowed])
        self._vetted.add((scheme, host, port))

    async def get(self, api: Api, url: str, *, ok_statuses: frozenset[int] = frozenset()
                  ) -> bytes:
        """The body of ``url`` (status 200 or one of ``ok_statuses``), after retries."""
        await self._vet(api, url)
        pacer = self.pacers[api.name]
        options = self.options
        problem = "no attempt"
        async with pacer.lock:  # one request in flight per service
            for attempt in range(options.retries + 1):
                if self.stop_at is not None and max(
                        time.monotonic(), pacer.next_start) > self.stop_at:
                    raise LookupFailed(f"{api.name}: the {options.deadline:g} s deadline "
                                       "passed (the next run goes on from the cache)")
                await pacer.wait_turn()
                pacer.started()
                self.requests[api.name] += 1
                if self.on_request is not None:
                    self.on_request()
                try:
                    async with self.http.stream("GET", url) as response:
                        body = await _read(response)
                except httpx.TimeoutException:
                    problem = "timed out"
                    pacer.pause(api.interval * 2 ** attempt)
                    continue
                except (httpx.HTTPError, OSError) as err:
                    problem = f"{type(err).__name__}: {err}".rstrip(": ")
                    pacer.pause(api.interval * 2 ** attempt)
                    continue
                status = response.status_code
                _adopt_advertised_limit(pacer, response.headers)
                if status == 200 or status in ok_statuses:
                    return body
                problem = f"HTTP {status}"
                if status not in _RETRY_STATUSES:
                    break
                delay = _parse_delay(response.headers, time.time())
                if delay is not None and delay > options.retry_after_cap:
                    problem += (f", asked to wait {delay:.0f} s (over the "
                                f"{options.retry_after_cap:.0f} s cap)")
                    pacer.pause(delay)
                    break
                pacer.pause(delay if delay is not None else api.interval * 2 ** attempt)
        raise LookupFailed(f"{api.name}: {problem} after {attempt + 1} "
                           f"attempt{'s' if attempt else ''}")


def _adopt_advertised_limit(pacer: Pacer, headers: httpx.Headers) -> None:
    """Slow down to a limit the service advertises (Crossref sends ``X-Rate-Limit-Limit: 50``
    and ``X-Rate-Limit-Interval: 1s``); never speed up past the published guidance."""
    limit, interval = headers.get("x-rate-limit-limit"), headers.get("x-rate-limit-interval")
    if not limit or not interval or not limit.strip().isdigit() or int(limit) <= 0:
        return
    seconds = interval.strip().removesuffix("s")
    try:
        per_request = float(seconds) / int(limit)
    except ValueError:
        return
    if per_request > pacer.interval:
        pacer.interval = per_request
        pacer.next_start = max(pacer.next_start, pacer.last_start + per_request)


async def _read(response: httpx.Response) -> bytes:
    """The body, refusing answers over :data:`MAX_BODY` (a service never sends those)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > MAX_BODY:
            await response.aclose()
            raise httpx.DecodingError(f"answer over {MAX_BODY} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
