"""A local "internet" for the link-check benchmark: 50 hosts on 127.0.0.1 … 127.0.0.50.

One asyncio process, one listening socket per address (same port everywhere), raw
protocol code so the server is never the bottleneck.  Each path's behaviour and latency
come from a JSON spec written by ``run.py``:

    {"/p/17": ["ok" | "404" | "429" | "redirect" | "hang", latency_seconds, target_or_null]}

A "429" path answers 429 with ``Retry-After: 1`` the first time it is asked in a
generation, 200 after.  A control port on 127.0.0.1 serves ``/reset`` (new generation,
zeroed counters) and ``/stats`` (JSON counters).  Only loopback addresses are bound.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import sys
from collections import Counter
from typing import Any

Spec = dict[str, tuple[str, float, str | None]]


class State:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.by_method: Counter[str] = Counter()
        self.by_status: Counter[int] = Counter()
        self.per_path: Counter[str] = Counter()
        self.connections = 0
        self.in_flight: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self.limited: set[str] = set()

    def stats(self) -> dict[str, Any]:
        repeats = sum(1 for n in self.per_path.values() if n > 1)
        return {
            "requests": self.requests,
            "by_method": dict(self.by_method),
            "by_status": {str(k): v for k, v in self.by_status.items()},
            "paths_requested": len(self.per_path),
            "paths_requested_more_than_once": repeats,
            "connections": self.connections,
            "max_in_flight_per_host": max(self.max_in_flight.values(), default=0),
        }


REASONS = {200: "OK", 301: "Moved Permanently", 404: "Not Found", 429: "Too Many Requests"}
BODY = b"<!doctype html><title>ok</title><p>benchmark page</p>\n"


class HttpProtocol(asyncio.Protocol):
    """HTTP/1.1 keep-alive, one request at a time per connection."""

    def __init__(self, state: State, host: str) -> None:
        self.state = state
        self.host = host
        self.buffer = b""
        self.busy = False
        self.closed = False
        self.transport: asyncio.Transport | None = None
        self.handle: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.state.connections += 1

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.handle is not None:
            self.handle.cancel()
        if self.busy:
            self.state.in_flight[self.host] -= 1
            self.busy = False

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > 65536:
            assert self.transport is not None
            self.transport.close()
            return
        self._next()

    def _next(self) -> None:
        if self.busy or self.closed or b"\r\n\r\n" not in self.buffer:
            return
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        try:
            method, target, _version = lines[0].split(" ", 2)
        except ValueError:
            assert self.transport is not None
            self.transport.close()
            return
        close = any(
            line.lower().startswith("connection:") and "close" in line.lower() for line in lines
        )
        path = target.split("#", 1)[0]
        if path.startswith("http://"):  # absolute-form
            path = "/" + path.split("/", 3)[-1]
        st = self.state
        st.requests += 1
        st.by_method[method] += 1
        st.per_path[path] += 1
        st.in_flight[self.host] += 1
        st.max_in_flight[self.host] = max(st.max_in_flight[self.host], st.in_flight[self.host])
        self.busy = True
        kind, latency, location = st.spec.get(path, ("404", 0.05, None))
        if kind == "hang":
            return  # never answer; in flight until the client closes
        if kind == "429" and path not in st.limited:
            st.limited.add(path)
            status, headers = 429, [("Retry-After", "1")]
        elif kind == "429" or kind == "ok":
            status, headers = 200, []
        elif kind == "redirect":
            status, headers = 301, [("Location", location or "/")]
        else:
            status, headers = 404, []
        self.handle = asyncio.get_running_loop().call_later(
            latency, self._respond, method, status, headers, close
        )

    def _respond(
        self, method: str, status: int, headers: list[tuple[str, str]], close: bool
    ) -> None:
        self.handle = None
        if self.closed or self.transport is None:
            return
        body = BODY if status == 200 else b"nope\n"
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'X')}", f"Content-Length: {len(body)}"]
        lines += ["Content-Type: text/html", *(f"{k}: {v}" for k, v in headers)]
        if close:
            lines.append("Connection: close")
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.transport.write(payload if method == "HEAD" else payload + body)
        self.state.by_status[status] += 1
        self.state.in_flight[self.host] -= 1
        self.busy = False
        if close:
            self.transport.close()
            return
        self._next()


class ControlProtocol(asyncio.Protocol):
    def __init__(self, state: State) -> None:
        self.state = state
        self.buffer = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if b"\r\n\r\n" not in self.buffer:
            return
        target = self.buffer.split(b" ", 2)[1].decode()
        if target == "/reset":
            self.state.reset()
            body = b"{}"
        else:
            body = json.dumps(self.state.stats()).encode()
        self.transport.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        self.transport.close()


async def serve(spec: Spec, hosts: int, port: int, ctrl_port: int) -> None:
    loop = asyncio.get_running_loop()
    state = State(spec)
    servers = []
    for i in range(1, hosts + 1):
        host = f"127.0.0.{i}"
        servers.append(
            await loop.create_server(functools.partial(HttpProtocol, state, host), host, port)
        )
    servers.append(await loop.create_server(lambda: ControlProtocol(state), "127.0.0.1", ctrl_port))
    print("READY", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", required=True)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ctrl-port", type=int, required=True)
    args = parser.parse_args()
    with open(args.spec, encoding="utf-8") as fh:
        raw = json.load(fh)
    spec: Spec = {k: (v[0], float(v[1]), v[2]) for k, v in raw.items()}
    try:
        asyncio.run(serve(spec, args.hosts, args.port, args.ctrl_port))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
