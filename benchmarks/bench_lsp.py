"""Diagnostics latency of ``awesome-lint server`` after a didChange, over real stdio.

    python benchmarks/bench_lsp.py [--lines 4000] [--edits 20] [--debounce-ms 50]

Starts the server in a subprocess with a minimal JSON-RPC client (so the client's own
parsing of the diagnostics stays out of the figure), opens a generated seed-style list of
about ``--lines`` lines, then makes ``--edits`` one-character edits in different entries
(each a didChange with an incremental range, as editors send, after a 0.2 s pause) and
times each from sending the change (the whole text to a server that asks for full
sync, as editors do) to receiving the diagnostics published for that
version: every step the editor waits for (JSON-RPC, parse, lint, conversion,
serialisation).  The server lints the first change after a pause at once and debounces
the rest of a burst (``--debounce-ms``, default 50).  Prints the median, min and max in
milliseconds, and the server process's CPU time per edit (from /proc), which does not
depend on what else the machine is running.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import seed_style_list


def sized_list(lines: int) -> str:
    """A generated list of at least ``lines`` lines (entries plus section headings)."""
    entries = int(lines * 0.89)
    text = seed_style_list(entries)
    while text.count("\n") < lines:
        entries += 50
        text = seed_style_list(entries)
    return text


class Client:
    """A minimal JSON-RPC client: the figure is the server's, not a client library's."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.next_id = 0
        self.replies: dict[int, asyncio.Future[Any]] = {}
        #: (version or None, number of diagnostics) of each publish, in arrival order.
        self.publishes: list[tuple[int | None, int]] = []
        self.arrived = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.replies[self.next_id] = future
        self.send({"id": self.next_id, "method": method, "params": params})
        return await future

    async def published(self, version: int, after: int) -> int:
        """Wait for diagnostics of ``version`` (or, from a server that sends no version, the
        first publish after the ``after``-th); return their number."""
        while True:
            for found, count in self.publishes[after:]:
                if found in (version, None):
                    return count
            self.arrived.clear()
            await self.arrived.wait()

    async def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := await stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not length:
                return
            message = json.loads(await stream.readexactly(length))
            if "id" in message and "method" not in message:
                self.replies.pop(message["id"]).set_result(message.get("result"))
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.publishes.append((message["params"].get("version"),
                                       len(message["params"]["diagnostics"])))
                self.arrived.set()
            elif "id" in message:  # a request from the server: answer it
                self.send({"id": message["id"], "result": None})


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(command: list[str], text: str, edits: int, debounce_ms: float
                  ) -> tuple[list[float], float, int]:
    """Wall milliseconds per edit, the server's CPU milliseconds per edit, findings."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "README.md"
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        lines = text.splitlines()
        entries = [n for n, line in enumerate(lines) if line.startswith("* ")]
        process = await asyncio.create_subprocess_exec(
            *command, cwd=folder,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        client = Client(process)
        initialized = await client.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {},
            "initializationOptions": {"debounceMs": debounce_ms}})
        sync = initialized["capabilities"].get("textDocumentSync", 1)
        full = (sync.get("change", 1) if isinstance(sync, dict) else sync) == 1
        client.send({"method": "initialized", "params": {}})
        client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
        findings = await asyncio.wait_for(client.published(1, 0), 120)
        timings: list[float] = []
        step = max(len(entries) // (edits + 1), 1)
        cpu_before = cpu_seconds(process.pid)
        for i in range(edits):
            await asyncio.sleep(0.2)  # a pause, as between an editor's bursts of typing
            line = entries[(i + 1) * step]
            lines[line] = lines[line][:3] + "x" + lines[line][3:]  # inside "* [T|itle"
            at = {"line": line, "character": 3}
            # what an editor sends: the edit, or the whole text to a server that asks for it
            change = {"text": "\n".join(lines) + "\n"} if full else {
                "range": {"start": at, "end": at}, "text": "x"}
            version = i + 2
            seen = len(client.publishes)
            start = time.perf_counter()
            client.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
            await asyncio.wait_for(client.published(version, seen), 120)
            timings.append((time.perf_counter() - start) * 1000)
        cpu = (cpu_seconds(process.pid) - cpu_before) * 1000 / edits
        await client.request("shutdown", None)
        client.send({"method": "exit"})
        assert process.stdin is not None
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 10)
        except asyncio.TimeoutError:  # a server that does not exit on "exit"
            process.kill()
            await process.wait()
        return timings, cpu, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=4000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--debounce-ms", type=float, default=50)
    parser.add_argument("--rumdl", metavar="PATH",
                        help="also measure `rumdl server` (pip install rumdl) on the same list")
    args = parser.parse_args()
    text = sized_list(args.lines)
    servers = {"awesome-lint server": [sys.executable, "-m", "awesome_lint", "server"]}
    if args.rumdl:
        servers["rumdl server"] = [args.rumdl, "server"]
    print(f"list: {text.count(chr(10))} lines; awesome-lint debounce {args.debounce_ms:g} ms")
    for name, command in servers.items():
        timings, cpu, findings = asyncio.run(measure(command, text, args.edits,
                                                     args.debounce_ms))
        print(f"{name}: {findings} findings; didChange -> diagnostics over {len(timings)} "
              f"edits: median {statistics.median(timings):.0f} ms (min {min(timings):.0f}, "
              f"max {max(timings):.0f}); server CPU {cpu:.0f} ms per edit")


if __name__ == "__main__":
    main()
