"""The link-checking run: scheduling, HTTP attempts, redirects, retries, classification.

Imported only when a check actually runs, because it pulls in httpx.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import os
import random
import socket
import sqlite3
import ssl
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar
from urllib.parse import urlsplit

import httpx

from ..startup import fast_httpcore_imports
from ._cache import ResultCache, open_cache
from ._guard import forbidden_reason, ip_literal
from ._transport import RoutingTransport
from ._types import GOOD_CLASSES, CheckOptions, LinkClass, LinkResult

try:
    from awesome_lint.syntax.urls import strip_fragment
except ImportError:  # pragma: no cover - the helper module ships with the package

    def strip_fragment(url: str) -> str:
        """``url`` without its ``#fragment``."""
        return url.partition("#")[0]


Progress = Callable[[int, int], None]
T = TypeVar("T")

_PERMANENT = frozenset({301, 308})
_BLOCKED = frozenset({401, 403, 999})
_BROKEN = frozenset({404, 410})
#: Cap on bytes read from a HEAD response (there should be none).
_HEAD_BODY_CAP = 64 * 1024
#: github.com first path segments that are not owners.
_GITHUB_RESERVED = frozenset(
    {
        "about", "apps", "collections", "contact", "customer-stories", "enterprise",
        "events", "explore", "features", "issues", "join", "login", "marketplace",
        "new", "notifications", "orgs", "pricing", "pulls", "search", "security",
        "settings", "site", "sponsors", "topics", "trending", "users",
    }
)  # fmt: skip


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


def cache_variant(options: CheckOptions) -> str:
    """Key prefix of the options that change what a URL's result is."""
    text = repr(
        (
            options.allow_private_hosts,
            sorted(options.accept_statuses),
            sorted(options.connect_overrides.items()),
            options.ca_file,
            sorted(options.private_host_allowlist),
        )
    )
    return "v1:" + hashlib.sha256(text.encode()).hexdigest()[:12]


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
        options = self.options
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
            if not location:
                return LinkClass.BROKEN, status, f"redirect {status} without Location"
            location = location.strip()
            all_permanent = all_permanent and status in _PERMANENT
            scheme = location.partition(":")[0].lower() if ":" in location else ""
            if scheme.isalpha() and scheme not in ("http", "https"):
                # file:, ftp:, javascript:, data: ... are recorded, never followed.
                trace.redirects.append(location)
                trace.final_url = location
                raise _Fail(
                    LinkClass.UNSUPPORTED_SCHEME,
                    f"redirect to unsupported scheme {scheme!r}",
                    status,
                )
            try:
                target = current.join(location)
                if (bad_port := _port_error(target)) is not None:
                    raise ValueError(bad_port)
            except (httpx.InvalidURL, ValueError, TypeError) as exc:
                return LinkClass.BROKEN, status, f"invalid redirect Location: {exc}"
            trace.redirects.append(str(target))
            trace.final_url = str(target)
            if target.scheme not in ("http", "https"):
                raise _Fail(
                    LinkClass.UNSUPPORTED_SCHEME,
                    f"redirect to unsupported scheme {target.scheme!r}",
                    status,
                )
            if len(trace.redirects) > options.max_redirects:
                return LinkClass.BROKEN, status, f"too many redirects (> {options.max_redirects})"
            target = target.copy_with(fragment=None)
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


async def run_check(
    urls: Iterable[str], options: CheckOptions, progress: Progress | None
) -> dict[str, LinkResult]:
    """Check every URL once per destination; see ``check_urls_async``."""
    started = time.monotonic()
    given = list(dict.fromkeys(urls))
    dest_of = {u: strip_fragment(u.strip()) for u in given}
    dests = list(dict.fromkeys(dest_of.values()))
    done: dict[str, LinkResult] = {}

    cache: ResultCache | None = None
    variant = cache_variant(options)
    if options.use_cache and options.cache_dir:
        try:
            cache, hits = open_cache(options.cache_dir, options.cache_ttl, options.failure_ttl,
                                     [f"{variant} {d}" for d in dests])
        except (OSError, sqlite3.Error):  # unwritable or broken cache: run without it
            if cache is not None:
                cache.close()
            cache, hits = None, {}
        for key, hit in hits.items():
            done[key.split(" ", 1)[1]] = hit

    total = len(dests)
    count = len(done)
    if progress is not None:
        progress(count, total)

    queues: dict[str, deque[str]] = {}
    for dest in dests:
        if dest in done:
            continue
        try:
            host = (urlsplit(dest).hostname or "").lower()
        except ValueError:
            host = ""
        queues.setdefault(host, deque()).append(dest)

    checker = Checker(options)

    async def worker(queue: deque[str]) -> None:
        nonlocal count
        while queue:
            dest = queue.popleft()
            done[dest] = await checker.check(dest)
            count += 1
            if progress is not None:
                progress(count, total)

    # Twice the per-host limit in workers: a worker sleeping in a retry backoff does not
    # hold a connection slot, so the host stays busy meanwhile.
    width = max(1, options.per_host) * 2
    tasks = [
        asyncio.ensure_future(worker(queue))
        for queue in queues.values()
        for _ in range(min(len(queue), width))
    ]
    try:
        if tasks:
            remaining = None
            if options.deadline is not None:
                remaining = max(0.0, options.deadline - (time.monotonic() - started))
            _finished, unfinished = await asyncio.wait(tasks, timeout=remaining)
            for task in unfinished:
                task.cancel()
            if unfinished:
                await asyncio.gather(*unfinished, return_exceptions=True)
            for task in _finished:
                if not task.cancelled() and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
    finally:
        await checker.aclose()
    for dest in dests:
        if dest not in done:
            done[dest] = LinkResult(dest, LinkClass.TIMEOUT, None, None, 0, 0.0, "deadline")

    if cache is not None:
        try:
            cache.put_many({f"{variant} {d}": r for d, r in done.items()})
        except (OSError, sqlite3.Error):  # a busy or broken cache must not fail the run
            pass
        finally:
            cache.close()
    return {u: replace(done[dest_of[u]], url=u) for u in given}
