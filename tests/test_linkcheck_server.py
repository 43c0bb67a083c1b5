"""A scriptable HTTP/1.1 server on 127.0.0.1 for the link-checker tests.

Real sockets, real TLS, no mocks: each route is a coroutine that writes whatever bytes
the scenario needs (hangs, drips, resets, huge bodies), and the server records every
request so tests can assert how many the checker made.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


Handler = Callable[[Request, asyncio.StreamWriter], Awaitable[bool]]
"""Writes a response; returns whether the connection may be kept alive."""


def respond(status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> Handler:
    async def handler(req: Request, writer: asyncio.StreamWriter) -> bool:
        head = [f"HTTP/1.1 {status} X"]
        merged = {"Content-Length": str(len(body)), **(headers or {})}
        head += [f"{k}: {v}" for k, v in merged.items()]
        payload = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        writer.write(payload if req.method == "HEAD" else payload + body)
        await writer.drain()
        return True

    return handler


def delayed(seconds: float, then: Handler) -> Handler:
    async def handler(req: Request, writer: asyncio.StreamWriter) -> bool:
        await asyncio.sleep(seconds)
        return await then(req, writer)

    return handler


def sequence(*handlers: Handler) -> Handler:
    """The n-th request gets the n-th handler; the last one repeats."""
    calls = [0]

    async def handler(req: Request, writer: asyncio.StreamWriter) -> bool:
        index = min(calls[0], len(handlers) - 1)
        calls[0] += 1
        return await handlers[index](req, writer)

    return handler


def by_method(**handlers: Handler) -> Handler:
    async def handler(req: Request, writer: asyncio.StreamWriter) -> bool:
        return await handlers[req.method](req, writer)

    return handler


async def hang(req: Request, writer: asyncio.StreamWriter) -> bool:
    """Never answer (until the client gives up)."""
    await asyncio.sleep(3600)
    return False


def drip(interval: float) -> Handler:
    """Send a response head one byte per ``interval``: never silent, never done in time."""

    async def handler(req: Request, writer: asyncio.StreamWriter) -> bool:
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000:
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(interval)
        return False

    return handler


async def reset(req: Request, writer: asyncio.StreamWriter) -> bool:
    """Abort the TCP connection (RST) without a response."""
    transport = writer.transport
    assert isinstance(transport, asyncio.Transport)
    transport.abort()
    return False


class Huge:
    """A 200 with a 1 GiB body; records how many body bytes were actually sent."""

    def __init__(self) -> None:
        self.sent = 0

    async def __call__(self, req: Request, writer: asyncio.StreamWriter) -> bool:
        size = 1 << 30
        writer.write(f"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\n".encode())
        chunk = b"x" * 65536
        try:
            while self.sent < size:
                writer.write(chunk)
                await writer.drain()
                self.sent += len(chunk)
        except (ConnectionError, OSError):
            pass
        return False


@dataclass
class LocalServer:
    """HTTP(S) server in a background thread, on 127.0.0.1 and an ephemeral port."""

    ssl_context: ssl.SSLContext | None = None
    host: str = "127.0.0.1"
    routes: dict[str, Handler] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    log: list[Request] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    port: int = 0
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _server: asyncio.AbstractServer | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def base(self) -> str:
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def total(self) -> int:
        return sum(self.hits.values())

    def start(self) -> LocalServer:
        ready = threading.Event()
        loop = asyncio.new_event_loop()
        self._loop = loop

        async def boot() -> None:
            self._server = await asyncio.start_server(
                self._serve, self.host, 0, ssl=self.ssl_context
            )
            self.port = self._server.sockets[0].getsockname()[1]

        def main() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(boot())
            ready.set()
            loop.run_forever()

        self._thread = threading.Thread(target=main, daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        loop = self._loop
        if loop is None:
            return

        async def shutdown() -> None:
            if self._server is not None:
                self._server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.sleep(0)

        asyncio.run_coroutine_threadsafe(shutdown(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(10)
        loop.close()
        self._loop = None

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                method, path, _version = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        key, value = line.split(":", 1)
                        headers[key.strip().lower()] = value.strip()
                request = Request(method, path, headers)
                self.log.append(request)
                self.hits[path] += 1
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                try:
                    handler = self.routes.get(path, respond(404))
                    keep = await handler(request, writer)
                except (ConnectionError, OSError):
                    return
                finally:
                    self.in_flight -= 1
                if not keep:
                    return
        finally:
            self._tasks.discard(task)
            with contextlib.suppress(Exception):
                writer.close()


class H2Server:
    """Minimal HTTP/2-over-TLS server (ALPN h2): answers 200 to every request."""

    def __init__(self, ssl_context: ssl.SSLContext) -> None:
        ssl_context.set_alpn_protocols(["h2", "http/1.1"])
        self.ssl_context = ssl_context
        self.log: list[Request] = []
        self.alpn: list[str | None] = []
        self._inner = LocalServer()
        self.port = 0

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> H2Server:
        import h2.config
        import h2.connection
        import h2.events

        outer = self

        class Protocol(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                assert isinstance(transport, asyncio.Transport)
                self.transport = transport
                ssl_object = transport.get_extra_info("ssl_object")
                outer.alpn.append(ssl_object.selected_alpn_protocol() if ssl_object else None)
                config = h2.config.H2Configuration(client_side=False, header_encoding="utf-8")
                self.conn = h2.connection.H2Connection(config=config)
                self.conn.initiate_connection()
                transport.write(self.conn.data_to_send())

            def data_received(self, data: bytes) -> None:
                for event in self.conn.receive_data(data):
                    if isinstance(event, h2.events.RequestReceived):
                        headers = {str(k): str(v) for k, v in event.headers}
                        outer.log.append(Request(headers[":method"], headers[":path"], headers))
                        self.conn.send_headers(
                            event.stream_id,
                            [(":status", "200"), ("content-length", "0")],
                            end_stream=True,
                        )
                self.transport.write(self.conn.data_to_send())

        inner = self._inner
        ready = threading.Event()
        loop = asyncio.new_event_loop()
        inner._loop = loop

        async def boot() -> None:
            server = await loop.create_server(Protocol, "127.0.0.1", 0, ssl=self.ssl_context)
            inner._server = server
            self.port = server.sockets[0].getsockname()[1]

        def main() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(boot())
            ready.set()
            loop.run_forever()

        inner._thread = threading.Thread(target=main, daemon=True)
        inner._thread.start()
        ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.stop()
