"""Link-checker benchmark: awesome-lint vs lychee vs markdown-link-check on a local internet.

    python benchmarks/links/run.py              # 5,000 URLs (+10% repeats), all tools
    python benchmarks/links/run.py --urls 500   # quick version
    python benchmarks/links/run.py --tools ours,lychee

Everything happens on 127.0.0.0/8: ``server.py`` binds 127.0.0.1 … 127.0.0.50 (one host
per address) and answers with a per-URL latency of 50–500 ms drawn from the seed; 5% of
the URLs are 404, 3% answer 429 with ``Retry-After: 1`` once and then 200, 5% are
permanent redirects to a 200 page and 1% never answer.  Every tool gets the same
Markdown list and the same per-attempt timeout (``--timeout``).  See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KINDS = (("404", 0.05), ("429", 0.03), ("redirect", 0.05), ("hang", 0.01))


# -- the list and its ground truth -----------------------------------------------------


def make_spec(n: int, hosts: int, seed: int) -> tuple[list[dict[str, Any]], list[int]]:
    """``n`` unique URLs with kind, host index, latency; and the 10% repeat indices."""
    rng = random.Random(seed)
    kinds: list[str] = []
    for kind, share in KINDS:
        kinds += [kind] * round(n * share)
    kinds += ["ok"] * (n - len(kinds))
    rng.shuffle(kinds)
    entries = []
    for i, kind in enumerate(kinds):
        entries.append(
            {
                "id": i,
                "kind": kind,
                "host": rng.randrange(hosts) + 1,
                "latency": round(rng.uniform(0.05, 0.5), 4),
                "target_latency": round(rng.uniform(0.05, 0.5), 4),
            }
        )
    repeats = [rng.randrange(n) for _ in range(n // 10)]
    return entries, repeats


def url_of(entry: dict[str, Any], port: int) -> str:
    return f"http://127.0.0.{entry['host']}:{port}/p/{entry['id']}"


def write_inputs(
    entries: list[dict[str, Any]], repeats: list[int], port: int, work: Path
) -> tuple[Path, Path, list[str]]:
    spec: dict[str, list[Any]] = {}
    for e in entries:
        target = f"/t/{e['id']}" if e["kind"] == "redirect" else None
        spec[f"/p/{e['id']}"] = [e["kind"], e["latency"], target]
        if target:
            spec[target] = ["ok", e["target_latency"], None]
    spec_path = work / "spec.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    lines = ["# Benchmark list", "", "## Links", ""]
    urls = []
    for e in entries:
        urls.append(url_of(e, port))
        lines.append(f"- [Item {e['id']}]({urls[-1]}) - A resource number {e['id']}.")
    lines += ["", "## Again", ""]
    for k, i in enumerate(repeats):
        fragment = f"#section-{k}" if k % 2 else ""
        urls.append(url_of(entries[i], port) + fragment)
        lines.append(f"- [Again {i}]({urls[-1]}) - Mentioned twice.")
    md_path = work / "list.md"
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spec_path, md_path, urls


def lower_bounds(
    entries: list[dict[str, Any]], timeout: float, per_host: int, concurrency: int
) -> dict[str, float]:
    """Best possible wall time, counting only the requests any correct checker must make.

    Per URL: its latency (a 429 costs two, a redirect adds its target's, a hang costs
    one timeout).  ``per_host``: max over hosts of that host's sum / per-host limit, the
    brief's bound.  ``with_global``: also total / global limit.  ``with_pauses``: adds the
    1 s ``Retry-After`` host pauses (overlapping pauses merged as if serial: an upper
    estimate of what honouring them costs).
    """
    per: dict[int, float] = defaultdict(float)
    pauses: dict[int, float] = defaultdict(float)
    for e in entries:
        cost = {
            "ok": e["latency"],
            "404": e["latency"],
            "429": 2 * e["latency"],
            "redirect": e["latency"] + e["target_latency"],
            "hang": timeout,
        }[e["kind"]]
        per[e["host"]] += cost
        if e["kind"] == "429":
            pauses[e["host"]] += 1.0
    host_bound = max(v / per_host for v in per.values())
    total = sum(per.values())
    return {
        "per_host": round(host_bound, 3),
        "with_global": round(max(host_bound, total / concurrency), 3),
        "with_pauses": round(max(per[h] / per_host + pauses[h] for h in per), 3),
        "serial_total": round(total, 3),
    }


def truth(entry: dict[str, Any]) -> str:
    return {
        "ok": "ok",
        "404": "broken",
        "429": "ok",
        "redirect": "redirect",
        "hang": "timeout",
    }[entry["kind"]]


# -- running tools ---------------------------------------------------------------------


class Server:
    def __init__(self, spec: Path, hosts: int) -> None:
        self.spec, self.hosts = spec, hosts
        self.proc: subprocess.Popen[str] | None = None
        self.port = self.ctrl = 0

    def start(self, port: int) -> None:
        self.port = port
        self.ctrl = _free_port()
        self.proc = subprocess.Popen(
            [
                *(sys.executable, str(HERE / "server.py"), "--spec", str(self.spec)),
                *("--hosts", str(self.hosts), "--port", str(port), "--ctrl-port", str(self.ctrl)),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if "READY" not in line:
            raise RuntimeError("benchmark server failed to start")

    def call(self, what: str) -> dict[str, Any]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.ctrl}/{what}", timeout=10) as r:
            data: dict[str, Any] = json.loads(r.read())
            return data

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _ports_free(port: int, hosts: int) -> bool:
    for i in range(1, hosts + 1):
        with socket.socket() as s:
            try:
                s.bind((f"127.0.0.{i}", port))
            except OSError:
                return False
    return True


def timed(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``cmd`` under ``/usr/bin/time -v``: wall seconds, peak RSS (MB), output."""
    time_bin = shutil.which("time") or "/usr/bin/time"
    full = [time_bin, "-v", *cmd] if os.path.exists(time_bin) else cmd
    load = os.getloadavg()[0]
    started = time.monotonic()
    proc = subprocess.run(full, capture_output=True, text=True, env=env, check=False)
    wall = time.monotonic() - started
    peak = None
    cpu = sum(
        float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", proc.stderr)
    )
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    if match:
        peak = int(match.group(1)) / 1024
    return {
        "wall": round(wall, 3),
        "cpu_s": round(cpu, 2),
        "load_before": round(load, 2),
        "peak_mb": round(peak, 1) if peak else None,
        "stdout": proc.stdout,
        "stderr": proc.stderr,
        "rc": proc.returncode,
    }


def run_ours(
    md: Path, work: Path, args: argparse.Namespace, cache: Path, concurrency: int,
    failure_ttl: float = 600.0,
) -> tuple[dict[str, Any], dict[str, str]]:
    out = work / "ours.json"
    cmd = [sys.executable, str(Path(__file__)), "--ours-worker", str(md), "--out", str(out)]
    cmd += ["--timeout", str(args.timeout), "--cache-dir", str(cache)]
    cmd += ["--per-host", str(args.per_host), "--concurrency", str(concurrency)]
    cmd += ["--failure-ttl", str(failure_ttl)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_TOKEN": ""}
    res = timed(cmd, env)
    classes: dict[str, str] = {}
    if out.exists():
        data = json.loads(out.read_text(encoding="utf-8"))
        res["internal_wall"] = data["wall"]
        mapping = {
            "ok": "ok",
            "redirect-permanent": "redirect",
            "broken": "broken",
            "timeout": "timeout",
        }
        for url, cls in data["results"].items():
            classes[url] = mapping.get(cls, cls)
    return res, classes


def ours_worker(args: argparse.Namespace) -> None:
    """Child process: extract the list's URLs and check them with our engine."""
    sys.path.insert(0, str(ROOT))
    from awesome_lint.linkcheck import CheckOptions, check_urls

    text = Path(args.ours_worker).read_text(encoding="utf-8")
    urls = re.findall(r"\]\((https?://[^)\s]+)\)", text)
    options = CheckOptions(
        allow_private_hosts=True,
        connect_timeout=args.timeout,
        read_timeout=args.timeout,
        attempt_timeout=args.timeout,
        per_host=args.per_host,
        concurrency=args.concurrency,
        cache_dir=args.cache_dir,
        failure_ttl=args.failure_ttl,
        github_token="",
    )
    started = time.monotonic()
    results = check_urls(urls, options)
    wall = time.monotonic() - started
    payload = {
        "wall": round(wall, 3),
        "results": {u: r.link_class.value for u, r in results.items()},
    }
    Path(args.out).write_text(json.dumps(payload), encoding="utf-8")


def run_lychee(
    md: Path, work: Path, args: argparse.Namespace, extra: list[str]
) -> tuple[dict[str, Any], dict[str, str]]:
    exe = shutil.which("lychee") or str(Path(sys.executable).parent / "lychee")
    out = work / "lychee.json"
    out.unlink(missing_ok=True)
    cmd = [exe, "--format", "json", "--no-progress", "-v", "--timeout", str(int(args.timeout))]
    cmd += ["--output", str(out), *extra, str(md)]
    env = {**os.environ, "GITHUB_TOKEN": "", "NO_COLOR": "1"}
    res = timed(cmd, env)
    classes: dict[str, str] = {}
    if out.exists():
        data = json.loads(out.read_text(encoding="utf-8"))
        shutil.copy(out, work / f"lychee-{len(list(work.glob('lychee-*.json')))}.json")
        for key, cls in (
            ("success_map", "ok"),
            ("redirect_map", "redirect"),
            ("timeout_map", "timeout"),
            ("error_map", None),
        ):
            for items in data.get(key, {}).values():
                for item in items:
                    status = item.get("status", {})
                    found = cls
                    if found is None:
                        text = str(status.get("text", ""))
                        if status.get("code") == 404:
                            found = "broken"
                        elif "timeout" in text.lower() or "timed out" in text.lower():
                            found = "timeout"
                        else:
                            found = f"error:{status.get('code') or text[:40]}"
                    url = item.get("url") or item.get("origin") or ""
                    classes[str(url)] = found
    return res, classes


def run_mlc(
    md: Path, work: Path, args: argparse.Namespace, retry: bool
) -> tuple[dict[str, Any], dict[str, str]]:
    exe = HERE / "node_modules" / ".bin" / "markdown-link-check"
    config = work / "mlc.json"
    config.write_text(
        json.dumps({"timeout": f"{args.timeout}s", "retryOn429": retry}), encoding="utf-8"
    )
    cmd = [str(exe), "-v", "-c", str(config), str(md)]
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
    res = timed(cmd, env)
    classes: dict[str, str] = {}
    for line in res["stdout"].splitlines():
        m = re.match(r"\s*\[(.)\] (\S+) → Status: (\d+)(.*)", line)
        if not m:
            continue
        mark, url, code, rest = m.groups()
        if mark == "✓":
            classes[url] = "ok"
        elif code == "404":
            classes[url] = "broken"
        elif code == "0" and "timeout" in rest.lower():
            classes[url] = "timeout"
        else:
            classes[url] = f"error:{code}"
    return res, classes


def ensure_mlc() -> bool:
    if (HERE / "node_modules" / ".bin" / "markdown-link-check").exists():
        return True
    if not shutil.which("npm"):
        return False
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(HERE), "markdown-link-check"],
        check=False,
        capture_output=True,
    )
    return (HERE / "node_modules" / ".bin" / "markdown-link-check").exists()


def score(
    classes: dict[str, str], urls: list[str], expected: dict[str, str], strict: bool
) -> tuple[int, dict[str, int]]:
    """Correctly classified URLs (as listed, repeats included) and a tally of misses."""
    good = 0
    misses: dict[str, int] = defaultdict(int)
    for url in urls:
        want = expected[url.split("#", 1)[0]]
        got = classes.get(url) or classes.get(url.split("#", 1)[0], "missing")
        # Peers report a followed permanent redirect as plain success, and
        # markdown-link-check reports a timeout as "Status: 0" (socket hang up).
        ok = got == want or (
            not strict
            and ((want == "redirect" and got == "ok") or (want == "timeout" and got == "error:0"))
        )
        if ok:
            good += 1
        else:
            misses[f"{want}->{got}"] += 1
    return good, dict(misses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=5000, help="unique URLs (default 5000)")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=3.0, help="per-attempt, every tool")
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=64, help="our global limit")
    parser.add_argument("--tools", default="ours,lychee,mlc")
    parser.add_argument("--out", default=str(HERE / "results"))
    parser.add_argument("--ours-worker", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    parser.add_argument("--failure-ttl", type=float, default=600.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ours_worker:
        ours_worker(args)
        return

    tools = set(args.tools.split(","))
    entries, repeats = make_spec(args.urls, args.hosts, args.seed)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="linkbench-") as tmp:
        work = Path(tmp)
        for _ in range(20):
            port = random.randrange(20000, 40000)
            if _ports_free(port, args.hosts):
                break
        spec_path, md, urls = write_inputs(entries, repeats, port, work)
        shutil.copy(md, out_dir / "list.md")
        expected = {url_of(e, port): truth(e) for e in entries}
        server = Server(spec_path, args.hosts)
        server.start(port)
        rows: list[dict[str, Any]] = []
        bounds = lower_bounds(entries, args.timeout, args.per_host, args.concurrency)

        def record(
            name: str,
            res: dict[str, Any],
            classes: dict[str, str],
            strict: bool,
            subset: list[str] | None = None,
            limits: tuple[int, int] | None = None,
        ) -> None:
            stats = server.call("stats")
            listed = subset if subset is not None else urls
            good, misses = score(classes, listed, expected, strict)
            row = {
                "tool": name,
                "wall_s": res["wall"],
                "internal_wall_s": res.get("internal_wall"),
                "peak_mb": res["peak_mb"],
                "cpu_s": res["cpu_s"],
                "load_before": res["load_before"],
                "requests": stats["requests"],
                "connections": stats["connections"],
                "max_in_flight_per_host": stats["max_in_flight_per_host"],
                "correct": good,
                "listed": len(listed),
                "misses": misses,
                "exit_code": res["rc"],
                "x_lower_bound": round(res["wall"] / bounds["per_host"], 2),
                "limits": list(limits) if limits else None,
            }
            if limits:
                own = lower_bounds(entries, args.timeout, limits[1], limits[0])["with_global"]
                row["lower_bound_at_limits_s"] = own
                row["x_lower_bound_at_limits"] = round(res["wall"] / own, 2)
            rows.append(row)
            print(
                f"  {name:<28} wall {row['wall_s']:>7.2f}s  cpu {row['cpu_s']:>6.2f}s  "
                f"load {row['load_before']:.1f}  peak {row['peak_mb']} MB  "
                f"requests {row['requests']:>5}  correct {good}/{len(listed)}  {misses or ''}",
                flush=True,
            )
            server.call("reset")

        try:
            print(
                f"{len(urls)} listed URLs ({len(entries)} unique) on {args.hosts} hosts; "
                f"lower bound {bounds}",
                flush=True,
            )
            if "ours" in tools:
                cache = work / "cache"
                res, cls = run_ours(md, work, args, cache, args.concurrency)
                record(f"awesome-lint (c={args.concurrency},h={args.per_host})", res, cls, True,
                       limits=(args.concurrency, args.per_host))
                res, cls = run_ours(md, work, args, cache, args.concurrency)
                record("awesome-lint warm cache", res, cls, True)
                # The same cache once the failures' short TTL has passed: only the failing
                # URLs (hangs included) are fetched again.
                res, cls = run_ours(md, work, args, cache, args.concurrency, failure_ttl=0.0)
                record("awesome-lint warm, failures expired", res, cls, True)
                shutil.rmtree(cache, ignore_errors=True)
                wide = args.hosts * args.per_host
                res, cls = run_ours(md, work, args, work / "cache2", wide)
                record(f"awesome-lint (c={wide},h={args.per_host})", res, cls, True,
                       limits=(wide, args.per_host))
            if "lychee" in tools:
                res, cls = run_lychee(md, work, args, [])
                record("lychee defaults (c=128,h=10)", res, cls, False)
                matched = [
                    "--max-concurrency",
                    str(args.concurrency),
                    "--host-concurrency",
                    str(args.per_host),
                    "--host-request-interval",
                    "0ms",
                ]
                res, cls = run_lychee(md, work, args, matched)
                record(f"lychee (c={args.concurrency},h={args.per_host})", res, cls, False,
                       limits=(args.concurrency, args.per_host))
                wide = args.hosts * args.per_host
                matched[1] = str(wide)
                res, cls = run_lychee(md, work, args, matched)
                record(f"lychee (c={wide},h={args.per_host})", res, cls, False,
                       limits=(wide, args.per_host))
            if "mlc" in tools and ensure_mlc():
                res, cls = run_mlc(md, work, args, retry=False)
                record("markdown-link-check defaults", res, cls, False)
                if args.urls <= 1000:
                    res, cls = run_mlc(md, work, args, retry=True)
                    record("markdown-link-check --retry", res, cls, False)
        finally:
            server.stop()

    print()
    header = ("| tool | wall s | × bound | × bound at its limits | peak MB | requests "
              "| correct |")
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['tool']} | {r['wall_s']:.2f} | {r['x_lower_bound']} | "
            f"{r.get('x_lower_bound_at_limits', '')} | {r['peak_mb']} | "
            f"{r['requests']} | {r['correct']}/{r['listed']} |"
        )
    ours = {tuple(r["limits"]): r for r in rows
            if r["limits"] and r["tool"].startswith("awesome-lint")}
    for r in rows:
        mine = ours.get(tuple(r["limits"] or ()))
        if mine is not None and not r["tool"].startswith("awesome-lint"):
            ratio = mine["wall_s"] / r["wall_s"]
            print(f"ours / {r['tool']}: {mine['wall_s']:.2f} / {r['wall_s']:.2f} = {ratio:.2f}×")
    cold = next((r for r in rows if r["tool"].startswith("awesome-lint (")), None)
    for r in rows:
        if cold is not None and "warm" in r["tool"]:
            print(f"{r['tool']}: {100 * r['wall_s'] / cold['wall_s']:.1f}% of the cold run")
    print(
        f"\nlower bound (max over hosts of serial latency / {args.per_host}): "
        f"{bounds['per_host']} s; with global limit {args.concurrency}: "
        f"{bounds['with_global']} s; with Retry-After pauses: {bounds['with_pauses']} s"
    )
    result = {
        "config": {k: v for k, v in vars(args).items() if v is not None},
        "listed": len(urls),
        "unique": len(entries),
        "lower_bound_s": bounds,
        "runs": rows,
    }
    name = f"results-{args.urls}.json"
    (out_dir / name).write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"wrote {out_dir / name}")


if __name__ == "__main__":
    main()
