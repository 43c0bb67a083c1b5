"""Hostile repositories (issue #21): terminal escapes, redirects and Retry-After, the
private-address guard a config file cannot lift, and a planted link cache.  Real
processes (the CLI in a subprocess) and real servers on 127.0.0.1."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from awesome_lint.linkcheck import LinkClass, check_urls
from awesome_lint.linkcheck._cache import DB_NAME, ResultCache, open_cache
from awesome_lint.linkcheck._types import LinkResult
from tests.test_linkcheck_engine import FAST
from tests.test_linkcheck_server import LocalServer, respond, sequence

ESCAPES = "\x1b[2J\x1b]0;pwned\x07"


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("AWESOME_LINT_")}
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120,
                          env={**base, "NO_COLOR": "1", "GITHUB_TOKEN": "", **(env or {})})


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


# -- terminal ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "concise", "github", "markdown"])
def test_control_characters_never_reach_the_terminal(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "README.md").write_text(
        f"# List\n\n* [Title {ESCAPES}]() \u202eevil\n", encoding="utf-8")
    result = cli("check", "--format", fmt, "README.md", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    shown = result.stdout
    assert not any(ch in shown for ch in "\x1b\x07\u202e"), repr(shown)
    assert "x1b" in shown  # shown, escaped, not dropped
    if fmt == "text":
        assert "\\x1b[2J\\x1b]0;pwned\\x07" in shown


def test_an_error_naming_a_hostile_file_name_is_one_escaped_line(tmp_path: Path) -> None:
    name = "x\x1b[2J\nsecond line.md"
    (tmp_path / name).write_bytes(b"\x00binary")
    result = cli("check", name, cwd=tmp_path)
    assert result.returncode == 2
    shown = result.stdout + result.stderr
    assert "\x1b" not in shown, shown
    lines = [line for line in shown.splitlines() if "binary content" in line]
    assert len(lines) == 1 and "x\\x1b[2J\\x0asecond line.md" in lines[0], shown


def test_junit_stays_well_formed_xml(tmp_path: Path) -> None:
    from xml.etree import ElementTree

    (tmp_path / "README.md").write_text(f"# List\n\n* [Title {ESCAPES}]()\n",
                                        encoding="utf-8")
    result = cli("check", "--format", "junit", "README.md", cwd=tmp_path)
    messages = [f.get("message") or "" for f in
                ElementTree.fromstring(result.stdout).iter("failure")]
    assert any("\\x1b[2J" in m for m in messages), messages


def test_tabs_still_print_and_the_caret_lines_up(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# List\n\n*\t[\x1b]()\n", encoding="utf-8")
    lines = cli("check", "--select", "LNK", "README.md", cwd=tmp_path).stdout.splitlines()
    source = next(i for i, line in enumerate(lines) if line.startswith("      3 | "))
    text = lines[source].split(" | ", 1)[1]
    assert text == "*   [\\x1b]()"
    caret = lines[source + 1]
    assert caret.index("^") - 10 == text.index("[")
    assert caret.count("^") == len("[\\x1b]()")


# -- redirects the checker must classify itself --------------------------------------------

@pytest.mark.parametrize(("location", "expected"), [
    ("data:text/html,hi", LinkClass.UNSUPPORTED_SCHEME),
    ("javascript:alert(1)", LinkClass.UNSUPPORTED_SCHEME),
    ("mailto:someone@example.org", LinkClass.UNSUPPORTED_SCHEME),
    ("http://[::1", LinkClass.BROKEN),
    ("http://127.0.0.1:99999/x", LinkClass.BROKEN),
])
def test_unfollowable_redirects_are_classified_not_connection_errors(
        server: LocalServer, location: str, expected: LinkClass) -> None:
    server.routes["/r"] = respond(301, {"Location": location})
    result = check_urls([server.url("/r")], FAST)[server.url("/r")]
    assert result.link_class is expected, result
    assert result.status == 301
    assert server.hits["/r"] == 1  # classified, not retried as a network failure


# -- Retry-After ---------------------------------------------------------------------------

def test_a_huge_retry_after_is_reported_as_rate_limited_without_waiting(
        server: LocalServer) -> None:
    server.routes["/limited"] = respond(429, {"Retry-After": "86400"})
    server.routes["/ok"] = respond(200)
    started = time.monotonic()
    results = check_urls([server.url("/limited"), server.url("/ok")],
                         replace(FAST, retry_after_cap=60.0))
    assert time.monotonic() - started < 30  # not 86400 s, nor 60 s per retry
    limited = results[server.url("/limited")]
    assert limited.link_class is LinkClass.RATE_LIMITED
    assert "asked to wait 86400 s" in limited.error
    assert server.hits["/limited"] == 1
    assert results[server.url("/ok")].link_class is LinkClass.OK


def test_retry_after_waits_count_against_one_budget_per_host(server: LocalServer) -> None:
    """Budget 1.5 s: the first 1 s wait is granted, the second would pass the budget."""
    for name in ("/a", "/b"):
        server.routes[name] = sequence(respond(429, {"Retry-After": "1"}), respond(200))
    options = replace(FAST, retry_after_cap=1.5, per_host=1)
    results = check_urls([server.url("/a"), server.url("/b")], options)
    classes = sorted(r.link_class.value for r in results.values())
    assert classes == ["ok", "rate-limited"], results
    assert server.hits["/a"] + server.hits["/b"] == 3


# -- the guard a pull request cannot lift ---------------------------------------------------

def _repo_with_private_link(tmp_path: Path, server: LocalServer) -> Path:
    server.routes["/ok"] = respond(200)
    (tmp_path / ".git").mkdir()  # the project root: the cache lives here
    (tmp_path / "README.md").write_text(f"# List\n\n* [Local]({server.url('/ok')})\n",
                                        encoding="utf-8")
    (tmp_path / ".awesome-lint.toml").write_text(
        "[links]\nallow-private-hosts = true\ncache = false\n", encoding="utf-8")
    return tmp_path


def test_a_config_file_cannot_allow_private_hosts(tmp_path: Path,
                                                  server: LocalServer) -> None:
    repo = _repo_with_private_link(tmp_path, server)
    result = cli("check", "--links", "--format", "concise", "README.md", cwd=repo)
    assert server.total == 0, server.log
    assert "loopback address" in result.stdout, result.stdout  # reported, not fetched
    warnings = [line for line in result.stderr.splitlines() if "allow-private-hosts" in line]
    assert len(warnings) == 1 and "is ignored" in warnings[0], result.stderr


def test_the_command_line_or_environment_can(tmp_path: Path, server: LocalServer) -> None:
    repo = _repo_with_private_link(tmp_path, server)
    cli("check", "--links", "--allow-private-hosts", "README.md", cwd=repo)
    assert server.hits["/ok"] >= 1
    before = server.total
    cli("check", "--links", "README.md", cwd=repo,
        env={"AWESOME_LINT_ALLOW_PRIVATE_HOSTS": "1"})
    assert server.total > before


def test_deny_private_hosts_wins_over_the_environment(tmp_path: Path,
                                                      server: LocalServer) -> None:
    repo = _repo_with_private_link(tmp_path, server)
    cli("check", "--links", "--deny-private-hosts", "README.md", cwd=repo,
        env={"AWESOME_LINT_ALLOW_PRIVATE_HOSTS": "1"})
    assert server.total == 0


def test_the_action_forces_the_guard_on(tmp_path: Path, server: LocalServer) -> None:
    from tests.test_action import make_pull_request, run_action

    server.routes["/ok"] = respond(200)
    head = f"# List\n\n* [Local]({server.url('/ok')})\n"
    pr = make_pull_request(tmp_path, "# List\n", head)
    (pr.workspace / ".awesome-lint.toml").write_text(
        "[links]\nallow-private-hosts = true\n", encoding="utf-8")
    result = run_action(pr, links="true", **{"diff_base": "none"})
    assert "--deny-private-hosts" in result.stderr
    assert server.total == 0, server.log


# -- the link cache --------------------------------------------------------------------------

def _result() -> LinkResult:
    return LinkResult(url="https://a.example/", link_class=LinkClass.OK, status=200,
                      final_url=None, attempts=1, elapsed=0.1)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong-schema"])
def test_an_unreadable_cache_is_moved_aside_and_rebuilt(
        tmp_path: Path, damage: str, capfd: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cache"
    cache = ResultCache(folder, ttl=3600)
    cache.put_many({"v https://a.example/": _result()})
    cache.close()
    db = folder / DB_NAME
    for extra in ("-wal", "-shm"):
        (folder / (DB_NAME + extra)).unlink(missing_ok=True)
    if damage == "garbage":
        db.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[:1500])
    else:
        db.unlink()
        with sqlite3.connect(db) as other:
            other.execute("CREATE TABLE results_v1 (key TEXT, something_else TEXT)")
    capfd.readouterr()
    cache, hits = open_cache(folder, 3600, 0, ["v https://a.example/"])
    warning = capfd.readouterr().err.strip().splitlines()
    assert len(warning) == 1 and "moved it to links.sqlite3.broken-" in warning[0], warning
    assert hits == {}
    cache.put_many({"v https://b.example/": _result()})  # rebuilt: usable again
    assert set(cache.get_many(["v https://b.example/"])) == {"v https://b.example/"}
    cache.close()
    assert list(folder.glob(f"{DB_NAME}.broken-*"))
    _, again = open_cache(folder, 3600, 0, ["v https://b.example/"])
    assert again and capfd.readouterr().err == ""  # one warning, not one per run


def test_a_row_from_the_future_is_stale(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, ttl=3600)
    cache.put_many({"v https://a.example/": _result(), "v https://b.example/": _result()})
    cache._db.execute("UPDATE results_v1 SET checked_at = ? WHERE key = ?",
                      (time.time() + 10 * 365 * 86400, "v https://a.example/"))
    found = cache.get_many(["v https://a.example/", "v https://b.example/"])
    assert set(found) == {"v https://b.example/"}
    cache.close()
