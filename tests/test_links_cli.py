"""`--links` end to end: the real CLI against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[Counter[str]] = Counter()

    def _answer(self) -> None:
        type(self).seen[self.path] += 1
        routes = {"/ok": (200, {}), "/gone": (404, {}), "/blocked": (403, {}),
                  "/moved": (301, {"Location": "/ok"}), "/temp": (302, {"Location": "/ok"})}
        status, headers = routes.get(self.path, (404, {}))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.seen = Counter()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "GITHUB_TOKEN": ""}
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, text=True,
                          capture_output=True, env=env, timeout=120)


def _list(base: str) -> str:
    return (f"* [Fine]({base}/ok)\n* [Gone]({base}/gone)\n* [Moved]({base}/moved)\n"
            f"* [Blocked]({base}/blocked)\n* [Again]({base}/ok#section)\n")


def test_links_are_classified_with_data(tmp_path: Path, server: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(_list(server), encoding="utf-8")
    result = cli("check", "--links", "--allow-private-hosts", "--select", "LNK1",
                 "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = {(d["line"], d["code"]): d for d in
             json.loads(result.stdout)["files"][0]["diagnostics"]}
    assert sorted(found) == [(2, "LNK101"), (3, "LNK102"), (4, "LNK103")]
    assert found[(2, "LNK101")]["data"]["status"] == 404
    moved = found[(3, "LNK102")]
    assert moved["data"]["final_url"] == f"{server}/ok"
    assert moved["fix"]["applicability"] == "safe"
    assert found[(4, "LNK103")]["severity"] == "warning"
    assert "Links: 4 checked" in result.stderr or "Links: 5 checked" in result.stderr
    assert _Handler.seen["/ok"] >= 1 and _Handler.seen["/ok"] <= 3  # fragment deduplicated
    assert (tmp_path / ".awesome-lint-cache" / ".gitignore").exists()


def test_cache_makes_a_second_run_request_nothing(tmp_path: Path, server: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(_list(server), encoding="utf-8")
    first = cli("check", "--links", "--allow-private-hosts", "--format", "concise",
                cwd=tmp_path)
    before = Counter(_Handler.seen)
    second = cli("check", "--links", "--allow-private-hosts", "--format", "concise",
                 cwd=tmp_path)
    assert _Handler.seen == before  # successes for a day, failures for 10 minutes
    assert "from the cache" in second.stderr and "from the cache" not in first.stderr
    assert "(result from the link cache: --no-cache checks it again)" in second.stdout
    assert second.returncode == first.returncode == 1
    # With failure-ttl = 0 the failures (only) are fetched again.
    (tmp_path / "pyproject.toml").write_text("[tool.awesome-lint.links]\nfailure-ttl = 0\n",
                                             encoding="utf-8")
    cli("check", "--links", "--allow-private-hosts", cwd=tmp_path)
    again = _Handler.seen - before
    assert again["/ok"] == 0 and again["/moved"] == 0
    assert again["/gone"] >= 1
    cli("check", "--links", "--allow-private-hosts", "--no-cache", cwd=tmp_path)
    assert (_Handler.seen - before - again)["/ok"] >= 1
    cleaned = cli("clean", cwd=tmp_path)
    assert cleaned.returncode == 0 and not (tmp_path / ".awesome-lint-cache").exists()


def test_fix_links_rewrites_permanent_redirects(tmp_path: Path, server: str) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "README.md"
    path.write_text(f"* [Moved]({server}/moved)\n* [Temp]({server}/temp)\n", encoding="utf-8")
    result = cli("fix", "--links", "--allow-private-hosts", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == (f"* [Moved]({server}/ok)\n"
                                                f"* [Temp]({server}/temp)\n")


def test_private_addresses_are_never_fetched_by_default(tmp_path: Path, server: str) -> None:
    (tmp_path / "README.md").write_text(_list(server), encoding="utf-8")
    result = cli("check", "--links", "--select", "LNK1", "--format", "concise", cwd=tmp_path)
    assert sum(_Handler.seen.values()) == 0
    assert result.stdout.count("LNK106") == 5


def test_without_links_nothing_is_fetched(tmp_path: Path, server: str) -> None:
    (tmp_path / "README.md").write_text(_list(server), encoding="utf-8")
    cli("check", cwd=tmp_path)
    assert sum(_Handler.seen.values()) == 0


def test_diff_base_fetches_only_changed_links(tmp_path: Path, server: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env=env)

    git("init", "-q", "-b", "main")
    path = tmp_path / "README.md"
    path.write_text(f"* [Gone]({server}/gone)\n", encoding="utf-8")
    git("add", "README.md")
    git("commit", "-qm", "base")
    git("checkout", "-qb", "pr")
    path.write_text(f"* [Gone]({server}/gone)\n* [Blocked]({server}/blocked)\n",
                    encoding="utf-8")
    git("commit", "-qam", "pr")
    result = cli("check", "--links", "--allow-private-hosts", "--diff-base", "main",
                 "--no-cache", "--format", "concise", cwd=tmp_path)
    assert _Handler.seen["/gone"] == 0 and _Handler.seen["/blocked"] >= 1
    assert [line.split()[1] for line in result.stdout.splitlines()] == ["LNK103"]


def test_links_config_is_validated(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("* [A](https://a.org)\n", encoding="utf-8")
    (tmp_path / ".awesome-lint.toml").write_text("[links]\nper-hots = 2\n", encoding="utf-8")
    result = cli("check", cwd=tmp_path)
    assert result.returncode == 2 and "links.per-hots" in result.stderr
