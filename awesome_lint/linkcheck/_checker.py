"""One destination's check: address vetting, per-host pacing and concurrency, HEAD→GET
fallback, retries with backoff or the server's Retry-After, redirects and the GitHub API's
second opinion.  :class:`Checker` holds one run's shared state (client, hosts, DNS answers).
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import ssl
import sys
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx

from ..startup import fast_httpcore_imports
from ._guard import forbidden_reason, ip_literal
from ._http import (
    _BROKEN,
    _PARKED,
    _PERMANENT,
    _classify_status,
    _describe,
    _domain_match,
    _github_repo,
    _park_location,
    _parse_delay,
    _port_error,
    _rate_limited,
    _retryable,
    _tls_failure,
)
from ._transport import RoutingTransport
from ._types import GOOD_CLASSES, CheckOptions, LinkClass, LinkResult

T = TypeVar("T")

#: Cap on bytes read from a HEAD response (there should be none).
_HEAD_BODY_CAP = 64 * 1024


class _Fail(Exception):
    """Ends the check of one destination with a class (no HTTP status to classify)."""

    def __init__(self, link_class: LinkClass, error: str, status: int | None = None) -> None:
        super().__init__(error)
        self.link_class = link_class
        self.error = error
        self.status = status


class _AttemptTimeout(Exception):
    """One attempt exceeded ``attempt_timeout``."""


@dataclass
class _Trace:
    """What one destination's check has done so far."""

    attempts: int = 0
    redirects: list[str] = field(default_factory=list)
    final_url: str | None = None
    #: Loop time at which the latest attempt was sent.
    sent_at: float = 0.0
    #: A Retry-After (seconds) not waited for: over the host's budget.
    wait_refused: float | None = None


@dataclass
class _Host:
    """Per-host scheduling state: concurrency slots, pacing, 429 pause, HEAD trouble."""

    sem: asyncio.Semaphore
    next_start: float = 0.0
    pause_until: float = 0.0
    get_only: bool = False
    #: Loop time of the latest complete response from this host.
    last_answer: float = 0.0
    #: Seconds of Retry-After (and RateLimit-Reset) waits granted to this host so far.
    waited: float = 0.0


async def _with_timeout(awaitable: Awaitable[T], seconds: float) -> T:
    """Run ``awaitable`` under a hard deadline (``asyncio.timeout`` where available)."""
    if sys.version_info >= (3, 11):
        try:
            async with asyncio.timeout(seconds):
                return await awaitable
        except TimeoutError as exc:
            raise _AttemptTimeout() from exc
    try:  # pragma: no cover - Python 3.10
        return await asyncio.wait_for(awaitable, seconds)
    except asyncio.TimeoutError as exc:  # pragma: no cover
        raise _AttemptTimeout() from exc


class Checker:
    """One run's shared state: the client, per-host queues, DNS answers, the cache."""

    def __init__(self, options: CheckOptions) -> None:
        fast_httpcore_imports()
        self.options = options
        self.loop = asyncio.get_running_loop()
        token = options.github_token
        if token is None:
            token = os.environ.get("GITHUB_TOKEN", "")
        self._token = token.strip()
        api = httpx.URL(options.github_api_base.rstrip("/"))
        self._api_base = api
        self._token_hosts = {"github.com", "api.github.com"}
        if api.scheme == "https" and api.host:
            self._token_hosts.add(api.host)
        self._hosts: dict[str, _Host] = {}
        self._allowlist = {h.lower().strip("[]") for h in options.private_host_allowlist}
        self._dns: dict[tuple[str, int], asyncio.Future[tuple[tuple[str, int], ...]]] = {}
        self._global = asyncio.Semaphore(max(1, options.concurrency))
        if options.ca_file:
            context = ssl.create_default_context(cafile=options.ca_file)
        else:
            context = httpx.create_ssl_context(trust_env=False)
        self._transport = RoutingTransport(
            context, per_host=max(1, options.per_host), http2=options.http2
        )
        self.client = httpx.AsyncClient(
            transport=self._transport,
            headers={
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            },
            timeout=httpx.Timeout(
                connect=options.connect_timeout,
                read=options.read_timeout,
                write=options.read_timeout,
                pool=options.attempt_timeout,
            ),
            follow_redirects=False,
            trust_env=False,
            event_hooks={"response": [_park_location]},
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    # -- addresses ---------------------------------------------------------------------

    def _host(self, host: str) -> _Host:
        state = self._hosts.get(host)
        if state is None:
            state = _Host(asyncio.Semaphore(max(1, self.options.per_host)))
            state.get_only = _domain_match(host, self.options.get_only_hosts)
            self._hosts[host] = state
        return state

    async def _resolve(self, host: str, port: int) -> tuple[tuple[str, int], ...]:
        """Addresses to connect to for host:port, honouring ``connect_overrides``."""
        override = self.options.connect_overrides.get(f"{host}:{port}")
        target_host, target_port = host, port
        if override:
            target_host, _, port_text = override.rpartition(":")
            target_host = target_host.strip("[]")
            target_port = int(port_text)
        literal = ip_literal(target_host)
        if literal is not None:
            return ((literal, target_port),)
        infos = await self.loop.getaddrinfo(
            target_host, target_port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )
        seen: dict[tuple[str, int], None] = {}
        for _family, _type, _proto, _canon, sockaddr in infos:
            seen[(str(sockaddr[0]), int(sockaddr[1]))] = None
        return tuple(seen)

    async def _vet(self, url: httpx.URL) -> None:
        """Resolve the URL's host once per run, refuse forbidden addresses, pin the rest."""
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        key = (host, port)
        fut = self._dns.get(key)
        if fut is None:
            fut = self.loop.create_future()
            self._dns[key] = fut
            try:
                addrs = await _with_timeout(self._resolve(host, port), self.options.connect_timeout)
            except _AttemptTimeout:
                fut.set_exception(_Fail(LinkClass.TIMEOUT, f"DNS lookup of {host} timed out"))
            except (OSError, ValueError, UnicodeError) as exc:
                fut.set_exception(_Fail(LinkClass.BROKEN, f"DNS lookup of {host} failed: {exc}"))
            except BaseException:  # cancelled (deadline): let a later caller retry
                del self._dns[key]
                fut.cancel()
                raise
            else:
                fut.set_result(addrs)
        try:
            addrs = await asyncio.shield(fut)
        except _Fail as failure:
            raise _Fail(failure.link_class, failure.error) from None
        if not addrs:
            raise _Fail(LinkClass.BROKEN, f"DNS lookup of {host} returned no address")
        if not self.options.allow_private_hosts and host not in self._allowlist:
            for address, _port in addrs:
                reason = forbidden_reason(address)
                if reason is not None:
                    raise _Fail(
                        LinkClass.FORBIDDEN_ADDRESS, f"{host} resolves to {address} ({reason})"
                    )
        self._transport.pin(url.scheme, host, port, addrs)

    # -- one HTTP exchange ----------------------------------------------------------------

    async def _send(
        self, state: _Host, url: httpx.URL, method: str, trace: _Trace
    ) -> httpx.Response:
        """One attempt, inside the host's and the run's concurrency limits."""
        options = self.options
        async with state.sem:
            while True:  # reserve a start time: pacing interval and any 429 pause
                now = self.loop.time()
                start = max(now, state.next_start, state.pause_until)
                state.next_start = start + options.per_host_interval
                if start <= now:
                    break
                await asyncio.sleep(start - now)
                if state.pause_until <= self.loop.time():
                    break  # no new pause while we slept
            if state.get_only:  # learnt while this request waited for its slot
                method = "GET"
            async with self._global:
                trace.attempts += 1
                trace.sent_at = self.loop.time()
                headers = {}
                if self._token and url.scheme == "https" and url.host in self._token_hosts:
                    headers["Authorization"] = f"Bearer {self._token}"
                request = self.client.build_request(method, url, headers=headers)
                response = await _with_timeout(self._exchange(request), options.attempt_timeout)
                state.last_answer = self.loop.time()
                return response

    async def _exchange(self, request: httpx.Request) -> httpx.Response:
        response = await self.client.send(request, stream=True)
        try:
            if request.method == "HEAD":
                # Lets a keep-alive connection be reused; h11 never yields a HEAD body.
                read = 0
                async for chunk in response.aiter_raw():
                    read += len(chunk)
                    if read > _HEAD_BODY_CAP:
                        break
        finally:
            # GET bodies are never read: closing early drops the HTTP/1.1 connection
            # (or resets the HTTP/2 stream) instead of downloading anything.
            await response.aclose()
        return response

    def _backoff(self, retry: int) -> float:
        ceiling = min(self.options.backoff_cap, self.options.backoff_base * (2**retry))
        return float(ceiling / 2 + random.uniform(0, ceiling / 2))

    async def _hop(self, url: httpx.URL, method: str, trace: _Trace) -> httpx.Response:
        """Fetch one URL (one redirect hop) with HEAD→GET fallback and retries."""
        options = self.options
        host = url.host
        state = self._host(host)
        retries = 0
        timeouts = 0
        while True:
            if state.get_only:
                method = "GET"
            await self._vet(url)
            try:
                response = await self._send(state, url, method, trace)
            except (_AttemptTimeout, httpx.TimeoutException) as exc:
                timeouts += 1
                if isinstance(exc, httpx.ConnectTimeout):
                    what = f"connect timed out after {options.connect_timeout:g} s"
                elif isinstance(exc, httpx.TimeoutException):
                    what = f"no data for {options.read_timeout:g} s"
                else:
                    what = f"no complete response within {options.attempt_timeout:g} s"
                # A host that answered other requests while this one hung is up: the URL
                # itself hangs, and a retry would just burn another full timeout.
                if state.last_answer > trace.sent_at:
                    what += " (the host answered other requests meanwhile)"
                elif retries < options.retries and timeouts <= options.timeout_retries:
                    await asyncio.sleep(self._backoff(retries))
                    retries += 1
                    continue
                raise _Fail(LinkClass.TIMEOUT, what) from None
            except httpx.HTTPError as exc:
                tls = _tls_failure(exc)
                if tls is not None:
                    raise _Fail(LinkClass.TLS_ERROR, tls) from None
                if retries < options.retries and not isinstance(
                    exc, httpx.UnsupportedProtocol | httpx.LocalProtocolError
                ):
                    await asyncio.sleep(self._backoff(retries))
                    retries += 1
                    continue
                raise _Fail(LinkClass.CONNECTION_ERROR, _describe(exc)) from None
            status = response.status_code
            method = response.request.method
            limited = _rate_limited(response)
            if (
                method == "HEAD"
                and status in options.get_fallback_statuses
                and status not in options.accept_statuses
                and not limited
            ):
                if status in (405, 501):
                    state.get_only = True  # the host does not do HEAD: skip it next time
                method = "GET"
                continue
            if _retryable(response) and retries < options.retries:
                now = self.loop.time()
                asked = _parse_delay(response.headers, time.time())
                if asked is not None and asked > options.retry_after_cap - state.waited:
                    # A wait past the host's budget (retry_after_cap seconds in all): the
                    # answer stands (rate-limited) instead of stalling every link on it.
                    trace.wait_refused = asked
                    return response
                delay = asked if asked is not None else self._backoff(retries)
                if asked is not None:
                    state.waited += asked
                retries += 1
                if limited:
                    # Pause this host's queue (requests in flight finish); others go on.
                    state.pause_until = max(state.pause_until, now + delay)
                else:
                    await asyncio.sleep(delay)
                continue
            return response

    # -- one destination -----------------------------------------------------------------

    async def check(self, dest: str) -> LinkResult:
        """Check one destination (URL without fragment); never raises."""
        started = self.loop.time()
        trace = _Trace()
        status: int | None = None
        try:
            link_class, status, error = await self._follow(dest, trace)
        except _Fail as failure:
            link_class, status, error = failure.link_class, failure.status, failure.error
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug or an exotic failure must not end the run
            link_class, error = LinkClass.CONNECTION_ERROR, _describe(exc)
        return LinkResult(
            url=dest,
            link_class=link_class,
            status=status,
            final_url=trace.final_url,
            attempts=trace.attempts,
            elapsed=round(self.loop.time() - started, 4),
            error=error,
            redirects=tuple(trace.redirects),
        )

    async def _follow(self, dest: str, trace: _Trace) -> tuple[LinkClass, int | None, str]:
        """Fetch ``dest`` hop by hop along its redirects; the class, the last status and
        the error text of where it ends."""
        options = self.options
        url = _checkable(dest, options)
        method = "HEAD" if options.head_first else "GET"
        visits: dict[str, int] = {str(url): 1}
        all_permanent = True
        current = url
        while True:
            response = await self._hop(current, method, trace)
            status = response.status_code
            trace.final_url = str(current)
            location = response.headers.get("location") or response.headers.get(_PARKED)
            if not (300 <= status < 400 and status not in options.accept_statuses):
                break
            all_permanent = all_permanent and status in _PERMANENT
            target = _redirect_target(current, location, status, trace, options.max_redirects)
            if isinstance(target, str):
                return LinkClass.BROKEN, status, target
            key = str(target)
            seen = visits.get(key, 0)
            # One revisit is allowed after a Set-Cookie (cookie-check redirects).
            if seen >= 2 or (seen and "set-cookie" not in response.headers):
                return LinkClass.BROKEN, status, "redirect loop"
            visits[key] = seen + 1
            current = target
        link_class = _classify_status(status, options.accept_statuses)
        if link_class is LinkClass.BLOCKED and _rate_limited(response):
            link_class = LinkClass.RATE_LIMITED
        error = ""
        if link_class is LinkClass.OK and trace.redirects:
            link_class = (
                LinkClass.REDIRECT_PERMANENT if all_permanent else LinkClass.REDIRECT_TEMPORARY
            )
        elif link_class not in GOOD_CLASSES:
            error = f"HTTP {status}"
            if trace.wait_refused is not None:
                error += (f" (asked to wait {trace.wait_refused:g} s, over the "
                          f"{options.retry_after_cap:g} s allowed per host)")
            if link_class in (LinkClass.BROKEN, LinkClass.RATE_LIMITED) and options.github_api:
                return await self._ask_github(url, link_class, status, error, trace)
        return link_class, status, error

    async def _ask_github(
        self, url: httpx.URL, link_class: LinkClass, status: int, error: str, trace: _Trace
    ) -> tuple[LinkClass, int | None, str]:
        """Tell a missing github.com repository from an anti-robot 404/429 via the API."""
        repo = _github_repo(url)
        if repo is None or (link_class is LinkClass.BROKEN and status not in _BROKEN):
            return link_class, status, error
        owner, name, is_root = repo
        api = self._api_base.join(f"{self._api_base.path.rstrip('/')}/repos/{owner}/{name}")
        try:
            response = await self._hop(api, "GET", trace)
        except _Fail:
            return link_class, status, error
        api_status = response.status_code
        if api_status in _BROKEN:
            return LinkClass.BROKEN, status, f"HTTP {status}; GitHub API: repository not found"
        if 200 <= api_status < 400:
            if is_root:
                trace.final_url = str(url)
                return LinkClass.OK, api_status, ""
            return link_class, status, f"{error}; GitHub API: repository exists"
        return link_class, status, f"{error}; GitHub API answered {api_status}"


def _checkable(dest: str, options: CheckOptions) -> httpx.URL:
    """``dest`` as a URL the checker fetches; :class:`_Fail` for one it never fetches."""
    try:
        url = httpx.URL(dest.strip())
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise _Fail(LinkClass.BROKEN, f"invalid URL: {exc}") from None
    if url.scheme not in ("http", "https"):
        raise _Fail(LinkClass.UNSUPPORTED_SCHEME, f"unsupported scheme {url.scheme!r}")
    if not url.host:
        raise _Fail(LinkClass.BROKEN, "invalid URL: no host")
    if (bad_port := _port_error(url)) is not None:
        raise _Fail(LinkClass.BROKEN, f"invalid URL: {bad_port}")
    if _domain_match(url.host, options.skip_hosts):
        raise _Fail(LinkClass.SKIPPED, f"{url.host} is on the skip list")
    return url


def _redirect_target(current: httpx.URL, location: str | None, status: int, trace: _Trace,
                     max_redirects: int) -> httpx.URL | str:
    """Where a redirect from ``current`` leads (fragment dropped), recorded in ``trace``; the
    reason it is broken as text; :class:`_Fail` for a scheme never followed."""
    if not location:
        return f"redirect {status} without Location"
    location = location.strip()
    scheme = location.partition(":")[0].lower() if ":" in location else ""
    if scheme.isalpha() and scheme not in ("http", "https"):
        # file:, ftp:, javascript:, data: ... are recorded, never followed.
        trace.redirects.append(location)
        trace.final_url = location
        raise _Fail(LinkClass.UNSUPPORTED_SCHEME, f"redirect to unsupported scheme {scheme!r}",
                    status)
    try:
        target = current.join(location)
        if (bad_port := _port_error(target)) is not None:
            raise ValueError(bad_port)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        return f"invalid redirect Location: {exc}"
    trace.redirects.append(str(target))
    trace.final_url = str(target)
    if target.scheme not in ("http", "https"):
        raise _Fail(LinkClass.UNSUPPORTED_SCHEME,
                    f"redirect to unsupported scheme {target.scheme!r}", status)
    if len(trace.redirects) > max_redirects:
        return f"too many redirects (> {max_redirects})"
    return target.copy_with(fragment=None)
