"""Link-checker engine against real HTTP(S) servers on 127.0.0.1 (no mocks, no internet)."""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import itertools
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from awesome_lint.linkcheck import (
    CheckOptions,
    LinkClass,
    LinkResult,
    check_urls,
    clear_cache,
    summarize,
)
from tests.test_linkcheck_server import (
    H2Server,
    Huge,
    LocalServer,
    by_method,
    delayed,
    drip,
    hang,
    reset,
    respond,
    sequence,
)

ROOT = Path(__file__).resolve().parents[1]

#: Short timeouts and backoffs so the whole file runs in seconds.
FAST = CheckOptions(
    allow_private_hosts=True,
    use_cache=False,
    connect_timeout=1.0,
    read_timeout=0.5,
    attempt_timeout=1.0,
    backoff_base=0.05,
    backoff_cap=0.2,
    retry_after_cap=3.0,
    github_token="",
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv


def check_one(url: str, options: CheckOptions = FAST) -> LinkResult:
    return check_urls([url], options)[url]


# -- statuses --------------------------------------------------------------------------


def test_200_is_ok_with_one_head(server: LocalServer) -> None:
    server.routes["/ok"] = respond(200)
    r = check_one(server.url("/ok"))
    assert (r.link_class, r.status, r.attempts) == (LinkClass.OK, 200, 1)
    assert r.final_url == server.url("/ok")
    assert server.hits["/ok"] == 1 and server.log[0].method == "HEAD"


def test_404_is_broken_after_get_confirmation(server: LocalServer) -> None:
    server.routes["/gone"] = respond(404)
    r = check_one(server.url("/gone"))
    assert (r.link_class, r.status) == (LinkClass.BROKEN, 404)
    assert [q.method for q in server.log] == ["HEAD", "GET"]
    assert server.hits["/gone"] == 2 == r.attempts


def test_410_is_broken_without_fallback(server: LocalServer) -> None:
    server.routes["/410"] = respond(410)
    r = check_one(server.url("/410"))
    assert (r.link_class, r.status, server.hits["/410"]) == (LinkClass.BROKEN, 410, 1)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (301, LinkClass.REDIRECT_PERMANENT),
        (308, LinkClass.REDIRECT_PERMANENT),
        (302, LinkClass.REDIRECT_TEMPORARY),
        (307, LinkClass.REDIRECT_TEMPORARY),
    ],
)
def test_redirects_are_followed_hop_by_hop(
    server: LocalServer, status: int, expected: LinkClass
) -> None:
    server.routes["/old"] = respond(status, {"Location": "/mid"})
    server.routes["/mid"] = respond(301, {"Location": server.url("/new")})
    server.routes["/new"] = respond(200)
    r = check_one(server.url("/old"))
    assert (r.link_class, r.status) == (expected, 200)
    assert r.final_url == server.url("/new")
    assert r.redirects == (server.url("/mid"), server.url("/new"))
    assert [server.hits[p] for p in ("/old", "/mid", "/new")] == [1, 1, 1]
    assert r.attempts == 3


def test_redirect_loop_is_broken(server: LocalServer) -> None:
    server.routes["/a"] = respond(302, {"Location": "/b"})
    server.routes["/b"] = respond(302, {"Location": "/a"})
    r = check_one(server.url("/a"))
    assert (r.link_class, r.error) == (LinkClass.BROKEN, "redirect loop")
    assert (server.hits["/a"], server.hits["/b"]) == (1, 1)


def test_too_many_redirects(server: LocalServer) -> None:
    for i in range(12):
        server.routes[f"/r{i}"] = respond(301, {"Location": f"/r{i + 1}"})
    r = check_one(server.url("/r0"), replace(FAST, max_redirects=3))
    assert r.link_class is LinkClass.BROKEN and "too many redirects" in r.error
    assert server.total == 4


def test_redirect_to_file_scheme_is_not_followed(server: LocalServer) -> None:
    server.routes["/f"] = respond(302, {"Location": "file:///etc/passwd"})
    r = check_one(server.url("/f"))
    assert r.link_class is LinkClass.UNSUPPORTED_SCHEME
    assert "file" in r.error and r.final_url == "file:///etc/passwd"
    assert server.total == 1


def test_blocked_statuses(server: LocalServer) -> None:
    server.routes["/401"] = respond(401)
    server.routes["/999"] = respond(999)
    results = check_urls([server.url("/401"), server.url("/999")], FAST)
    assert {r.link_class for r in results.values()} == {LinkClass.BLOCKED}
    assert server.total == 2


def test_accept_statuses_and_mailto(server: LocalServer) -> None:
    server.routes["/401"] = respond(401)
    opts = replace(FAST, accept_statuses=frozenset({401}))
    results = check_urls([server.url("/401"), "mailto:a@b.c"], opts)
    assert results[server.url("/401")].link_class is LinkClass.OK
    assert results["mailto:a@b.c"].link_class is LinkClass.UNSUPPORTED_SCHEME


# -- retries ---------------------------------------------------------------------------


def test_429_honours_retry_after_then_ok(server: LocalServer) -> None:
    server.routes["/rl"] = sequence(respond(429, {"Retry-After": "1"}), respond(200))
    r = check_one(server.url("/rl"))
    assert (r.link_class, r.status, server.hits["/rl"], r.attempts) == (LinkClass.OK, 200, 2, 2)
    assert r.elapsed >= 0.95
    assert server.log[1].at - server.log[0].at >= 0.95


def test_429_every_time_is_rate_limited(server: LocalServer) -> None:
    server.routes["/rl"] = respond(429, {"Retry-After": "0"})
    r = check_one(server.url("/rl"))
    assert (r.link_class, r.status, server.hits["/rl"]) == (LinkClass.RATE_LIMITED, 429, 3)


def test_github_style_403_rate_limit_is_retried_after_reset(server: LocalServer) -> None:
    reset_at = str(int(time.time()) + 1)
    limited = respond(403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset_at})
    server.routes["/api"] = sequence(limited, respond(200))
    r = check_one(server.url("/api"))
    assert (r.link_class, r.status, server.hits["/api"]) == (LinkClass.OK, 200, 2)
    server.routes["/always"] = respond(403, {"X-RateLimit-Remaining": "0"})
    r = check_one(server.url("/always"))
    assert (r.link_class, server.hits["/always"]) == (LinkClass.RATE_LIMITED, 3)


def test_429_pauses_only_its_host() -> None:
    with LocalServer() as a, LocalServer(host="127.0.0.2") as b:
        a.routes["/rl"] = sequence(respond(429, {"Retry-After": "1"}), respond(200))
        a.routes["/next"] = respond(200)
        for i in range(5):
            b.routes[f"/{i}"] = delayed(0.05, respond(200))
        opts = replace(FAST, per_host=1)
        urls = [a.url("/rl"), a.url("/next")] + [b.url(f"/{i}") for i in range(5)]
        results = check_urls(urls, opts)
    assert {r.link_class for r in results.values()} == {LinkClass.OK}
    paused = next(q for q in a.log if q.path == "/next").at - a.log[0].at
    assert paused >= 0.95  # /next waited for the pause
    assert b.log[-1].at - a.log[0].at < 0.9  # host b never paused


def test_503_then_200_is_retried(server: LocalServer) -> None:
    server.routes["/flaky"] = sequence(respond(503), respond(200))
    r = check_one(server.url("/flaky"))
    assert (r.link_class, r.status, server.hits["/flaky"]) == (LinkClass.OK, 200, 2)


def test_500_after_retries_is_server_error(server: LocalServer) -> None:
    server.routes["/down"] = respond(500)
    r = check_one(server.url("/down"))
    assert (r.link_class, r.status, server.hits["/down"]) == (LinkClass.SERVER_ERROR, 500, 3)


def test_head_405_falls_back_to_get_and_host_is_remembered(server: LocalServer) -> None:
    server.routes["/h1"] = by_method(HEAD=respond(405), GET=respond(200))
    server.routes["/h2"] = by_method(HEAD=respond(405), GET=respond(200))
    r1 = check_one(server.url("/h1"), replace(FAST, per_host=1))
    assert (r1.link_class, r1.status, server.hits["/h1"]) == (LinkClass.OK, 200, 2)
    assert [q.method for q in server.log] == ["HEAD", "GET"]
    results = check_urls([server.url("/h1"), server.url("/h2")], replace(FAST, per_host=1))
    assert all(r.link_class is LinkClass.OK for r in results.values())
    # Within one run the second URL of a HEAD-refusing host goes straight to GET.
    assert server.hits["/h1"] + server.hits["/h2"] == 2 + 3


def test_hang_times_out_and_is_retried_once(server: LocalServer) -> None:
    server.routes["/hang"] = hang
    started = time.monotonic()
    r = check_one(server.url("/hang"))
    assert (r.link_class, r.status) == (LinkClass.TIMEOUT, None)
    assert server.hits["/hang"] == 2 == r.attempts  # timeout_retries=1
    assert time.monotonic() - started < 4


def test_hang_is_not_retried_while_its_host_answers_others(server: LocalServer) -> None:
    server.routes["/hang"] = hang
    for i in range(6):
        server.routes[f"/{i}"] = delayed(0.1, respond(200))
    urls = [server.url("/hang")] + [server.url(f"/{i}") for i in range(6)]
    results = check_urls(urls, replace(FAST, per_host=2))
    r = results[server.url("/hang")]
    assert r.link_class is LinkClass.TIMEOUT and "answered other requests" in r.error
    assert server.hits["/hang"] == 1 == r.attempts
    assert summarize(results) == {"ok": 6, "timeout": 1}


def test_slow_drip_hits_the_attempt_timeout(server: LocalServer) -> None:
    server.routes["/drip"] = drip(0.02)  # never 0.5 s silent, never finished
    r = check_one(server.url("/drip"), replace(FAST, timeout_retries=0))
    assert r.link_class is LinkClass.TIMEOUT
    assert server.hits["/drip"] == 1
    assert r.elapsed < 2.5


def test_connection_reset_is_retried_then_connection_error(server: LocalServer) -> None:
    server.routes["/rst"] = reset
    r = check_one(server.url("/rst"))
    assert r.link_class is LinkClass.CONNECTION_ERROR and r.status is None
    assert server.hits["/rst"] == 3 == r.attempts


def test_connection_refused() -> None:
    with LocalServer() as srv:
        url = srv.url("/x")
    r = check_one(url, replace(FAST, retries=0))
    assert r.link_class is LinkClass.CONNECTION_ERROR


def test_huge_body_is_not_downloaded(server: LocalServer) -> None:
    huge = Huge()
    server.routes["/big"] = by_method(HEAD=respond(405), GET=huge)
    r = check_one(server.url("/big"))
    assert (r.link_class, r.status, server.hits["/big"]) == (LinkClass.OK, 200, 2)
    time.sleep(0.2)
    assert huge.sent < 32 * 1024 * 1024  # of 1 GiB; only what socket buffers took
    assert r.elapsed < 1.0


# -- TLS -------------------------------------------------------------------------------


def _self_signed(tmp: Path) -> ssl.SSLContext:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    (tmp / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(tmp / "cert.pem", tmp / "key.pem")
    return ctx


def test_self_signed_certificate_is_tls_error(tmp_path: Path) -> None:
    with LocalServer(ssl_context=_self_signed(tmp_path)) as srv:
        srv.routes["/"] = respond(200)
        r = check_one(srv.url("/"))
        assert r.link_class is LinkClass.TLS_ERROR
        assert "certificate" in r.error.lower()
        assert srv.total == 0


@pytest.fixture(scope="module")
def ca() -> object:
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


def _tls_server(ca: object, *names: str) -> LocalServer:
    cert = ca.issue_cert(*names)  # type: ignore[attr-defined]
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    return LocalServer(ssl_context=ctx)


def test_certificate_from_trusted_ca_is_ok(ca: object, tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))  # type: ignore[attr-defined]
    with _tls_server(ca, "127.0.0.1", "localhost") as srv:
        srv.routes["/"] = respond(200)
        r = check_one(srv.url("/"), replace(FAST, ca_file=str(ca_file)))
        assert (r.link_class, r.status, srv.total) == (LinkClass.OK, 200, 1)
        # Without the CA the same server is a TLS error, before any request.
        r = check_one(srv.url("/"))
        assert r.link_class is LinkClass.TLS_ERROR and srv.total == 1


def test_http2_is_negotiated_by_alpn_and_multiplexed(ca: object, tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))  # type: ignore[attr-defined]
    cert = ca.issue_cert("127.0.0.1")  # type: ignore[attr-defined]
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    with H2Server(ctx) as srv:
        urls = [srv.url(f"/{i}") for i in range(8)]
        results = check_urls(urls, replace(FAST, ca_file=str(ca_file), per_host=4))
        assert summarize(results) == {"ok": 8}
        assert len(srv.log) == 8 and {q.method for q in srv.log} == {"HEAD"}
        assert set(srv.alpn) == {"h2"} and len(srv.alpn) <= 4


def test_oversized_response_head_is_refused(server: LocalServer) -> None:
    server.routes["/fat"] = respond(200, {f"X-Pad-{i}": "p" * 1000 for i in range(300)})
    r = check_one(server.url("/fat"), replace(FAST, retries=0))
    assert r.link_class is LinkClass.CONNECTION_ERROR and r.elapsed < 1.0


# -- private-address guard -------------------------------------------------------------


def test_guard_refuses_loopback_without_contacting_it(server: LocalServer) -> None:
    server.routes["/"] = respond(200)
    guarded = replace(FAST, allow_private_hosts=False)
    urls = [
        server.url("/"),
        f"http://localhost:{server.port}/",
        f"http://2130706433:{server.port}/",  # 127.0.0.1 as a decimal "host name"
        f"http://[::ffff:127.0.0.1]:{server.port}/",
    ]
    results = check_urls(urls, guarded)
    for url in urls:
        assert results[url].link_class is LinkClass.FORBIDDEN_ADDRESS, url
        assert results[url].attempts == 0
    assert "loopback" in results[urls[0]].error
    assert server.total == 0


def test_guard_off_reaches_loopback(server: LocalServer) -> None:
    server.routes["/"] = respond(200)
    r = check_one(f"http://localhost:{server.port}/")
    assert r.link_class is LinkClass.OK and server.total == 1


def test_guard_applies_to_connect_overrides(server: LocalServer) -> None:
    server.routes["/"] = respond(200)
    guarded = replace(
        FAST,
        allow_private_hosts=False,
        connect_overrides={"public.example:80": f"127.0.0.1:{server.port}"},
    )
    r = check_one("http://public.example/", guarded)
    assert r.link_class is LinkClass.FORBIDDEN_ADDRESS and server.total == 0


def test_guard_rechecks_every_redirect_hop(server: LocalServer) -> None:
    server.routes["/meta"] = respond(302, {"Location": "http://169.254.169.254/latest/"})
    server.routes["/local"] = respond(301, {"Location": f"http://localhost:{server.port}/x"})
    server.routes["/x"] = respond(200)
    # Only the literal host 127.0.0.1 is exempt, so the first hop is allowed.
    opts = replace(FAST, allow_private_hosts=False, private_host_allowlist=frozenset({"127.0.0.1"}))
    results = check_urls([server.url("/meta"), server.url("/local")], opts)
    for url in (server.url("/meta"), server.url("/local")):
        assert results[url].link_class is LinkClass.FORBIDDEN_ADDRESS, url
    assert "169.254.169.254" in results[server.url("/meta")].error
    assert server.total == 2 and server.hits["/x"] == 0


# -- dedup, limits, deadline, progress ---------------------------------------------------


def test_fragments_are_fetched_once(server: LocalServer) -> None:
    server.routes["/page"] = respond(200)
    urls = [
        server.url("/page#a"),
        server.url("/page#b"),
        server.url("/page"),
        server.url("/page#a"),
    ]
    results = check_urls(urls, FAST)
    assert list(results) == urls[:3]
    assert all(r.link_class is LinkClass.OK for r in results.values())
    assert results[urls[0]].url == urls[0]
    assert server.hits["/page"] == 1


def test_per_host_limit_is_respected(server: LocalServer) -> None:
    for i in range(24):
        server.routes[f"/{i}"] = delayed(0.05, respond(200))
    urls = [server.url(f"/{i}") for i in range(24)]
    results = check_urls(urls, replace(FAST, per_host=3))
    assert summarize(results) == {"ok": 24}
    assert server.max_in_flight == 3
    assert server.total == 24


def test_per_host_interval_spaces_request_starts(server: LocalServer) -> None:
    for i in range(4):
        server.routes[f"/{i}"] = respond(200)
    urls = [server.url(f"/{i}") for i in range(4)]
    check_urls(urls, replace(FAST, per_host_interval=0.1))
    starts = [q.at for q in server.log]
    assert all(b - a >= 0.09 for a, b in itertools.pairwise(starts))


def test_deadline_marks_unfinished_urls(server: LocalServer) -> None:
    server.routes["/hang"] = hang
    server.routes["/ok"] = respond(200)
    started = time.monotonic()
    opts = replace(FAST, deadline=0.5, attempt_timeout=5.0, read_timeout=5.0)
    results = check_urls([server.url("/ok"), server.url("/hang")], opts)
    assert time.monotonic() - started < 1.5
    assert results[server.url("/ok")].link_class is LinkClass.OK
    late = results[server.url("/hang")]
    assert (late.link_class, late.error) == (LinkClass.TIMEOUT, "deadline")


def test_progress_and_summary(server: LocalServer) -> None:
    server.routes["/a"] = respond(200)
    server.routes["/b"] = respond(410)
    seen: list[tuple[int, int]] = []
    urls = [server.url("/a"), server.url("/b"), server.url("/a#x"), "https://www.linkedin.com/in/x"]
    results = check_urls(urls, FAST, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3) and len(seen) == 4
    assert summarize(results) == {"ok": 2, "broken": 1, "skipped": 1}
    assert results[urls[3]].attempts == 0


# -- cache -----------------------------------------------------------------------------


def test_cache_serves_successes_and_rechecks_failures(server: LocalServer, tmp_path: Path) -> None:
    server.routes["/ok"] = respond(200)
    server.routes["/old"] = respond(301, {"Location": "/ok"})
    server.routes["/gone"] = respond(410)
    cache_dir = tmp_path / ".awesome-lint-cache"
    opts = replace(FAST, use_cache=True, cache_dir=str(cache_dir), failure_ttl=0.0)
    urls = [server.url(p) for p in ("/ok", "/old", "/gone")]
    first = check_urls(urls, opts)
    assert server.total == 4
    assert (cache_dir / ".gitignore").read_text() == "*\n"
    second = check_urls(urls, opts)
    assert server.total == 5  # only /gone again
    assert second[urls[0]].from_cache and second[urls[1]].from_cache
    assert second[urls[1]].link_class is LinkClass.REDIRECT_PERMANENT
    assert second[urls[1]].final_url == first[urls[1]].final_url
    assert not second[urls[2]].from_cache
    # Expired entries are re-checked; use_cache=False bypasses the cache entirely.
    check_urls(urls, replace(opts, cache_ttl=0.0))
    assert server.total == 9
    check_urls(urls, replace(opts, use_cache=False))
    assert server.total == 13
    assert clear_cache(cache_dir) >= 2
    assert not cache_dir.exists()
    check_urls(urls, opts)
    assert server.total == 17


def test_cache_keeps_failures_briefly(server: LocalServer, tmp_path: Path) -> None:
    """An immediate rerun does not wait on dead hosts again; a later one re-checks them."""
    server.routes["/gone"] = respond(410)
    server.routes["/hang"] = hang
    server.routes["/ok"] = respond(200)
    opts = replace(FAST, use_cache=True, cache_dir=str(tmp_path), failure_ttl=60.0)
    urls = [server.url(p) for p in ("/gone", "/hang", "/ok")]
    first = check_urls(urls, opts)
    assert [first[u].link_class for u in urls] == [LinkClass.BROKEN, LinkClass.TIMEOUT,
                                                   LinkClass.OK]
    seen = server.total
    started = time.monotonic()
    second = check_urls(urls, opts)
    assert server.total == seen  # nothing fetched, no timeout waited for
    assert time.monotonic() - started < FAST.attempt_timeout
    assert all(second[u].from_cache for u in urls)
    assert [second[u].link_class for u in urls] == [first[u].link_class for u in urls]
    assert second[urls[0]].status == 410
    # Past the failure TTL (but within the success TTL) only the failures are fetched.
    third = check_urls(urls, replace(opts, failure_ttl=0.0))
    assert server.total > seen
    assert third[urls[2]].from_cache and not third[urls[0]].from_cache
    assert {q.path for q in server.log[seen:]} == {"/gone", "/hang"}


def test_deadline_cut_results_are_not_cached(server: LocalServer, tmp_path: Path) -> None:
    server.routes["/hang"] = hang
    opts = replace(FAST, use_cache=True, cache_dir=str(tmp_path), failure_ttl=60.0,
                   deadline=0.3, attempt_timeout=5.0, read_timeout=5.0)
    assert check_one(server.url("/hang"), opts).error == "deadline"
    again = check_one(server.url("/hang"), opts)
    assert not again.from_cache and server.total == 2


def test_cache_results_do_not_leak_across_guard_settings(
    server: LocalServer, tmp_path: Path
) -> None:
    server.routes["/ok"] = respond(200)
    opts = replace(FAST, use_cache=True, cache_dir=str(tmp_path))
    check_urls([server.url("/ok")], opts)
    r = check_one(server.url("/ok"), replace(opts, allow_private_hosts=False))
    assert r.link_class is LinkClass.FORBIDDEN_ADDRESS


_WORKER = """
import sys
from awesome_lint.linkcheck import CheckOptions, check_urls, summarize
base, start, cache = sys.argv[1], int(sys.argv[2]), sys.argv[3]
opts = CheckOptions(allow_private_hosts=True, cache_dir=cache, github_token="")
urls = [f"{base}/{i}" for i in range(start, start + 60)]
print(summarize(check_urls(urls, opts)))
"""


def test_two_processes_share_the_cache(server: LocalServer, tmp_path: Path) -> None:
    for i in range(120):
        server.routes[f"/{i}"] = respond(200)
    cache = str(tmp_path / "cache")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, server.base, str(start), cache],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for start in (0, 60)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "'ok': 60" in out
    assert server.total == 120
    opts = replace(FAST, use_cache=True, cache_dir=cache)
    results = check_urls([server.url(f"/{i}") for i in range(120)], opts)
    assert all(r.from_cache for r in results.values())
    assert server.total == 120


_CREATOR = """
import sys
from awesome_lint.linkcheck._cache import ResultCache
from awesome_lint.linkcheck._types import LinkClass, LinkResult
directory, start = sys.argv[1], int(sys.argv[2])
cache = ResultCache(directory, 86400.0, 600.0)
cache.put_many({f"k{i}": LinkResult(f"u{i}", LinkClass.OK, 200, None, 1, 0.1)
                for i in range(start, start + 20)})
cache.close()
"""


def test_processes_creating_the_cache_together_both_keep_it(tmp_path: Path) -> None:
    """SQLite refuses a WAL switch at once while another process makes it; both must
    still get a working cache (before the retry, 24 of 40 such pairs lost one side)."""
    from awesome_lint.linkcheck._cache import ResultCache

    for round_ in range(12):
        directory = tmp_path / str(round_)
        procs = [subprocess.Popen([sys.executable, "-c", _CREATOR, str(directory), str(start)],
                                  cwd=ROOT, stderr=subprocess.PIPE, text=True)
                 for start in (0, 20)]
        for proc in procs:
            _out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
        cache = ResultCache(directory, 86400.0)
        assert len(cache.get_many([f"k{i}" for i in range(40)])) == 40
        cache.close()


# -- GitHub token ----------------------------------------------------------------------


def test_github_token_goes_only_to_https_github_hosts(ca: object, tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))  # type: ignore[attr-defined]
    token = "ghp_secret123"
    with (
        _tls_server(ca, "github.com", "api.github.com", "example.org") as tls,
        LocalServer() as plain,
    ):
        tls.routes["/o/r"] = respond(429, {"Retry-After": "0"})  # the page rate-limits us
        tls.routes["/o/missing"] = respond(404)
        tls.routes["/repos/o/r"] = respond(200)
        tls.routes["/repos/o/missing"] = respond(404)
        tls.routes["/elsewhere"] = respond(200)
        plain.routes["/o/r"] = respond(200)
        opts = replace(
            FAST,
            ca_file=str(ca_file),
            github_token=token,
            connect_overrides={
                "github.com:443": f"127.0.0.1:{tls.port}",
                "api.github.com:443": f"127.0.0.1:{tls.port}",
                "example.org:443": f"127.0.0.1:{tls.port}",
                "github.com:80": f"127.0.0.1:{plain.port}",
            },
        )
        assert token not in repr(opts)
        urls = [
            "https://github.com/o/r",
            "https://github.com/o/missing",
            "https://example.org/elsewhere",
            "http://github.com/o/r",
        ]
        results = check_urls(urls, opts)
    assert results[urls[0]].link_class is LinkClass.OK  # the API says the repo exists
    assert results[urls[1]].link_class is LinkClass.BROKEN
    assert "repository not found" in results[urls[1]].error
    assert results[urls[2]].link_class is LinkClass.OK
    assert results[urls[3]].link_class is LinkClass.OK
    assert token not in repr(results)
    for req in tls.log:
        host = req.headers["host"]
        expected = f"Bearer {token}" if host in ("github.com", "api.github.com") else None
        assert req.headers.get("authorization") == expected, (host, req.path)
    assert {q.headers["host"] for q in tls.log} == {"github.com", "api.github.com", "example.org"}
    assert tls.hits["/repos/o/r"] == 1 and tls.hits["/repos/o/missing"] == 1
    assert tls.hits["/o/r"] == 3  # HEAD + 2 retries, then the API
    assert all("authorization" not in q.headers for q in plain.log) and plain.total == 1


def test_token_defaults_to_environment(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_env")
    server.routes["/"] = respond(200)
    check_one(server.url("/"), replace(FAST, github_token=None))
    assert "authorization" not in server.log[0].headers  # not a GitHub host


# -- pure helpers ----------------------------------------------------------------------


def test_retry_delay_headers() -> None:
    import httpx

    from awesome_lint.linkcheck._http import _parse_delay

    now = time.time()
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert _parse_delay(httpx.Headers({"Retry-After": "7"}), now) == 7
    assert 28 <= (_parse_delay(httpx.Headers({"Retry-After": date}), now) or 0) <= 31
    assert _parse_delay(httpx.Headers({"X-RateLimit-Reset": str(int(now) + 20)}), now) == (
        pytest.approx(20, abs=1.5)
    )
    assert _parse_delay(httpx.Headers({"RateLimit-Reset": "12"}), now) == 12
    assert _parse_delay(httpx.Headers({"RateLimit": "limit=10, remaining=0, reset=5"}), now) == 5
    assert _parse_delay(httpx.Headers({"Retry-After": "soon"}), now) is None


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-global"),
        ("::1", "loopback"),
        ("fe80::1%eth0", "link-local"),
        ("::ffff:10.0.0.1", "*"),  # IPv4-mapped
        ("64:ff9b::a00:1", "*"),  # NAT64 of 10.0.0.1
        ("2002:a00:1::1", "*"),  # 6to4 of 10.0.0.1
        ("8.8.8.8", None),
        ("2606:4700::1111", None),
    ],
)
def test_forbidden_addresses(address: str, reason: str | None) -> None:
    from awesome_lint.linkcheck._guard import forbidden_reason

    got = forbidden_reason(address)
    assert got == reason if reason != "*" else got is not None


def test_import_has_no_side_effects() -> None:
    code = (
        "import sys, awesome_lint.linkcheck as l; "
        "assert 'httpx' not in sys.modules and 'sqlite3' not in sys.modules, sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
