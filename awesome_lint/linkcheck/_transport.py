"""httpx transport that routes each origin to its own small httpcore pool on a vetted IP.

Why not ``httpx.AsyncHTTPTransport``: its single pool re-scans every queued request
against every connection on each state change, which is what makes httpx slower on
loopback as concurrency rises, and it resolves DNS itself, so a DNS-rebinding host
could slip past an address check done beforehand.  Here the engine resolves and vets
the addresses, pins them per origin, and each origin gets a pool sized to the per-host
limit.  The network streams are plain asyncio protocols (no anyio layer per read).
TLS still uses the URL's host name for SNI and certificate checks.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

import httpcore
import httpx

#: Largest chunk handed to httpcore per read; h11 caps a response head at 100 KiB.
_READ_LIMIT = 64 * 1024


class _Protocol(asyncio.Protocol):
    """Buffers incoming bytes and wakes one reader; pauses the socket when full."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False
        self.exc: Exception | None = None
        self.waiter: asyncio.Future[None] | None = None
        self.drain: asyncio.Future[None] | None = None
        self.paused_reading = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def _wake(self) -> None:
        waiter = self.waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)
        self.waiter = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > _READ_LIMIT and self.transport is not None:
            self.paused_reading = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self.eof = True
        self._wake()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = True
        if exc is not None:
            self.exc = exc
        self._wake()
        drain = self.drain
        if drain is not None and not drain.done():
            drain.set_result(None)

    def pause_writing(self) -> None:
        self.drain = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        drain = self.drain
        if drain is not None and not drain.done():
            drain.set_result(None)
        self.drain = None


def _expire(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_exception(TimeoutError())


async def _wait(fut: asyncio.Future[None], timeout: float | None) -> None:
    """Await ``fut`` with a timer handle instead of a wrapper task (cheaper)."""
    if timeout is None:
        await fut
        return
    handle = asyncio.get_running_loop().call_later(timeout, _expire, fut)
    try:
        await fut
    finally:
        handle.cancel()


class _AsyncioStream(httpcore.AsyncNetworkStream):
    """Minimal httpcore network stream over an asyncio transport."""

    def __init__(self, transport: asyncio.Transport, protocol: _Protocol) -> None:
        self._transport = transport
        self._protocol = protocol

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        proto = self._protocol
        if not proto.buffer and not proto.eof:
            proto.waiter = asyncio.get_running_loop().create_future()
            try:
                await _wait(proto.waiter, timeout)
            except TimeoutError as exc:
                raise httpcore.ReadTimeout("read timed out") from exc
        if proto.buffer:
            data = bytes(proto.buffer[:max_bytes])
            del proto.buffer[:max_bytes]
            if proto.paused_reading and len(proto.buffer) <= _READ_LIMIT:
                proto.paused_reading = False
                self._transport.resume_reading()
            return data
        if proto.exc is not None:
            raise httpcore.ReadError(str(proto.exc) or type(proto.exc).__name__)
        return b""

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        if self._transport.is_closing():
            raise httpcore.WriteError("connection closed")
        self._transport.write(buffer)
        drain = self._protocol.drain
        if drain is not None:
            try:
                await _wait(drain, timeout)
            except TimeoutError as exc:
                raise httpcore.WriteTimeout("write timed out") from exc

    async def aclose(self) -> None:
        self._transport.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            new_transport = await loop.start_tls(
                self._transport,
                self._protocol,
                ssl_context,
                server_hostname=server_hostname,
                ssl_handshake_timeout=timeout,
            )
        except (TimeoutError, asyncio.TimeoutError) as exc:
            self._transport.close()
            raise httpcore.ConnectTimeout("TLS handshake timed out") from exc
        except (ssl.SSLError, OSError, ConnectionError) as exc:
            self._transport.close()
            raise httpcore.ConnectError(f"{type(exc).__name__}: {exc}") from exc
        if new_transport is None:  # pragma: no cover - only for non-TLS protocols
            raise httpcore.ConnectError("TLS upgrade failed")
        assert isinstance(new_transport, asyncio.Transport)
        self._protocol.transport = new_transport
        return _AsyncioStream(new_transport, self._protocol)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            proto = self._protocol
            return bool(proto.buffer) or proto.eof or self._transport.is_closing()
        if info == "server_addr":
            return self._transport.get_extra_info("peername")
        if info == "client_addr":
            return self._transport.get_extra_info("sockname")
        if info in ("ssl_object", "socket"):
            return self._transport.get_extra_info(info)
        return None


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects to pre-vetted addresses whatever host name httpcore asks for."""

    def __init__(self, addresses: Sequence[tuple[str, int]]) -> None:
        self.addresses = tuple(addresses)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        last: Exception | None = None
        for address, real_port in self.addresses:
            try:
                coro = loop.create_connection(_Protocol, address, real_port)
                transport, protocol = await asyncio.wait_for(coro, timeout)
            except (TimeoutError, asyncio.TimeoutError) as exc:
                raise httpcore.ConnectTimeout(
                    f"connect to {address}:{real_port} timed out"
                ) from exc
            except OSError as exc:
                last = exc
                continue
            assert isinstance(transport, asyncio.Transport)
            sock = transport.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return _AsyncioStream(transport, protocol)
        raise httpcore.ConnectError(f"{type(last).__name__}: {last}" if last else "no address")

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:  # pragma: no cover - never used
        raise httpcore.ConnectError("unix sockets are not supported")

    async def sleep(self, seconds: float) -> None:  # pragma: no cover - httpcore retries off
        await asyncio.sleep(seconds)


_EXC_MAP: tuple[tuple[type[Exception], type[httpx.HTTPError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
)


def _map_exc(exc: Exception) -> Exception:
    for source, target in _EXC_MAP:
        if isinstance(exc, source):
            mapped = target(str(exc))
            mapped.__cause__ = exc
            return mapped
    return exc


class _ResponseStream(httpx.AsyncByteStream):
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for part in self._stream:
                yield part
        except httpcore.TimeoutException as exc:
            raise _map_exc(exc) from exc
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise _map_exc(exc) from exc

    async def aclose(self) -> None:
        await self._stream.aclose()


Origin = tuple[bytes, bytes, int]


class RoutingTransport(httpx.AsyncBaseTransport):
    """One httpcore pool per origin, each bound to the addresses vetted for it.

    Requests for an origin that was never pinned fail with ``ConnectError``: nothing
    reaches the network without having passed the engine's address check.
    """

    def __init__(
        self,
        ssl_context: ssl.SSLContext,
        *,
        per_host: int,
        http2: bool,
        keepalive_expiry: float = 15.0,
    ) -> None:
        self._ssl = ssl_context
        self._per_host = per_host
        self._http2 = http2
        self._keepalive = keepalive_expiry
        self._pools: dict[Origin, httpcore.AsyncConnectionPool] = {}
        self._pins: dict[Origin, tuple[tuple[str, int], ...]] = {}

    def pin(self, scheme: str, host: str, port: int, addresses: Sequence[tuple[str, int]]) -> None:
        """Allow ``scheme://host:port`` and connect it only to ``addresses`` (ip, port)."""
        key = (scheme.encode("ascii"), host.encode("ascii"), port)
        addrs = tuple(addresses)
        if self._pins.get(key) == addrs:
            return
        self._pins[key] = addrs
        old = self._pools.pop(key, None)
        if old is not None:  # pragma: no cover - addresses only change between runs
            asyncio.get_running_loop().create_task(old.aclose())

    def _pool(self, key: Origin) -> httpcore.AsyncConnectionPool:
        pool = self._pools.get(key)
        if pool is None:
            addresses = self._pins.get(key)
            if addresses is None:
                raise httpx.ConnectError("origin was not vetted")
            # h2 multiplexes, so one connection per origin suffices then; for HTTP/1.1
            # the pool matches the per-host limit plus one spare for a redirect hop.
            pool = httpcore.AsyncConnectionPool(
                ssl_context=self._ssl,
                max_connections=self._per_host + 1,
                max_keepalive_connections=self._per_host + 1,
                keepalive_expiry=self._keepalive,
                http1=True,
                http2=self._http2 and key[0] == b"https",
                network_backend=PinnedBackend(addresses),
            )
            self._pools[key] = pool
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.raw_scheme
        port = url.port or (443 if scheme == b"https" else 80)
        pool = self._pool((scheme, url.raw_host, port))
        req = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=scheme, host=url.raw_host, port=port, target=url.raw_path),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            resp = await pool.handle_async_request(req)
        except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise _map_exc(exc) from exc
        except httpcore.UnsupportedProtocol as exc:
            raise _map_exc(exc) from exc
        return httpx.Response(
            status_code=resp.status,
            headers=resp.headers,
            stream=_ResponseStream(resp.stream),
            extensions=resp.extensions,
        )

    async def aclose(self) -> None:
        pools = list(self._pools.values())
        self._pools.clear()
        for pool in pools:
            await pool.aclose()
