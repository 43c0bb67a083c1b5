"""Link-check findings in plain sentences that name the flag or key changing the outcome, and
the progress line on a non-terminal: the real CLI against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        if self.path == "/slow":
            time.sleep(1.2)
        status = {"/ok": 200, "/slow": 200, "/gone": 404, "/blocked": 403, "/busy": 429,
                  "/error": 503}.get(self.path, 404)
        self.send_response(status)
        if status == 429:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "NO_COLOR": "1", "GITHUB_TOKEN": "", **(env or {})}
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, text=True,
                          capture_output=True, env=full, timeout=120)


def _messages(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    [file] = json.loads(result.stdout)["files"]
    return {d["message"].split(" ", 1)[0].rsplit("/", 1)[-1]: d["message"]
            for d in file["diagnostics"]}


def test_every_class_reads_as_a_sentence_naming_its_knob(tmp_path: Path, server: str) -> None:
    refused = f"http://127.0.0.1:{_closed_port()}/x"
    names = ["gone", "blocked", "busy", "error", "slow"]
    entries = "".join(f"* [{n}]({server}/{n})\n" for n in names) + f"* [refused]({refused})\n"
    (tmp_path / "README.md").write_text(f"# List\n\n{entries}", encoding="utf-8")
    (tmp_path / ".awesome-lint.toml").write_text(
        "[links]\nretries = 0\ntimeout = 0.4\ncache = false\n", encoding="utf-8")
    result = cli("check", "--links", "--allow-private-hosts", "--format", "json",
                 cwd=tmp_path)
    found = _messages(result)
    assert found["gone"] == (f"{server}/gone is broken: the server answered HTTP 404 (Not "
                             "Found); if that status is fine for this site, list it in "
                             "links.accept")
    assert found["blocked"].endswith("refused the link checker (HTTP 403 (Forbidden)); people "
                                     "may still reach it: add its host to links.skip-hosts to "
                                     "stop checking it")
    assert "HTTP 429 (Too Many Requests)" in found["busy"] and "links.per-host" in found["busy"]
    assert found["error"] == (f"{server}/error failed with HTTP 503 (Service Unavailable) on "
                              "each of 1 attempts; links.retries sets how often to try again")
    assert "did not answer in time" in found["slow"] and "raise links.timeout" in found["slow"]
    assert found["x"] == (f"{refused} could not be reached: the server refused the "
                          "connection; links.retries sets how often to try again")
    for message in found.values():
        assert "Error:" not in message and "Errno" not in message


def test_private_address_names_the_flag(tmp_path: Path, server: str) -> None:
    (tmp_path / "README.md").write_text(f"# List\n\n* [ok]({server}/ok)\n", encoding="utf-8")
    result = cli("check", "--links", "--no-cache", "--format", "json", cwd=tmp_path)
    [message] = _messages(result).values()
    assert message == (f"{server}/ok was not fetched: 127.0.0.1 resolves to 127.0.0.1, a "
                       "loopback address; pass --allow-private-hosts to check links to "
                       "loopback and private addresses")


def test_progress_lines_on_a_non_terminal_and_quiet(tmp_path: Path, server: str) -> None:
    (tmp_path / "README.md").write_text(
        f"# List\n\n* [slow]({server}/slow)\n* [ok]({server}/ok)\n", encoding="utf-8")
    env = {"AWESOME_LINT_PROGRESS_INTERVAL": "0.3"}
    args = ("check", "--links", "--allow-private-hosts", "--no-cache")
    loud = cli(*args, cwd=tmp_path, env=env)
    progress = [line for line in loud.stderr.splitlines() if line.startswith("Checking links")]
    assert progress, loud.stderr  # the slow link keeps the run going past a few intervals
    assert all("/2 " in line and "/s" in line for line in progress)
    assert "\r" not in loud.stderr and "\x1b" not in loud.stderr  # plain lines in a log
    assert loud.stderr.splitlines()[-1].startswith("Links: 2 checked")
    quiet = cli(*args, "-q", cwd=tmp_path, env=env)
    assert quiet.stderr == "" and quiet.returncode == 0
