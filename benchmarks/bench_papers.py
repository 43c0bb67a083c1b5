"""`awesome-lint check --papers` on a generated list against local arXiv/DBLP/Crossref.

    python benchmarks/bench_papers.py [--entries 1000] [--pace 0.05] [--seed 1]

The three services are the stand-ins of ``tests/paper_apis.py`` on 127.0.0.1 (nothing
reaches the internet), with per-response latency drawn like the real services answer from
Europe: arXiv 200-600 ms per batch, DBLP 80-250 ms, Crossref 100-300 ms.  The list has
``--entries`` arXiv entries (a venue badge on half of them, some of those wrong, some
arXiv badges on papers published since, a few withdrawn papers and copy-pasted links) plus
one DOI entry in twenty.

Pacing: the services' published guidance (arXiv one request per 3 s, DBLP one per 2 s,
Crossref one per second) scaled by ``--pace`` (AWESOME_LINT_PAPERS_PACE; it applies only to
services whose address the environment sets).  The report gives the measured wall time at
that pace and the floor at the real pace (requests x interval of the slowest service).

Measured: wall time and peak RSS of the whole `awesome-lint` process (a fresh process, as
in CI), requests each service saw, findings per rule; then the same run again with the
cache warm, which must make no request at all.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.paper_apis import CONF, FakeApis, Paper  # noqa: E402

WORDS = ["widget", "gadget", "sparse", "dense", "neural", "transformer", "diffusion", "robust",
         "efficient", "scalable", "contrastive", "graph", "vision", "language", "learning",
         "networks", "detection", "segmentation", "generation", "retrieval", "adaptive",
         "federated", "causal", "implicit"]
VENUES = [("CVPR", "conf/cvpr"), ("ICCV", "conf/iccv"), ("NeurIPS", "conf/nips"),
          ("ICLR", "conf/iclr"), ("ICML", "conf/icml"), ("ECCV", "conf/eccv")]
#: The real services' intervals (seconds between requests) and per-request latency here.
INTERVALS = {"arxiv": 3.0, "dblp": 2.0, "crossref": 1.0}
LATENCY = {"arxiv": (0.2, 0.6), "dblp": (0.08, 0.25), "crossref": (0.1, 0.3)}


def generate(entries: int, seed: int) -> tuple[str, list[Paper]]:
    """A kbd-style list and the world that answers for it."""
    rng = random.Random(seed)
    world: list[Paper] = []
    lines = ["# Generated paper list", "", "## Papers", ""]
    titles: list[tuple[str, str]] = []
    for n in range(entries):
        title = " ".join(rng.sample(WORDS, 5)).title() + f" {n}"
        ident = f"{23 + n // 90000:02d}{1 + (n // 9000) % 12:02d}.{n % 9000 + 10000:05d}"
        year = 2020 + n % 4
        paper = Paper(title, ident, year, "12 pages")
        roll = rng.random()
        if roll < 0.6:
            venue, key = rng.choice(VENUES)
            paper.venues.append((venue, year + 1, f"{key}/P{n}", CONF))
        if roll > 0.995:
            paper.comment = "This paper has been withdrawn by the authors"
        world.append(paper)
        link = ident
        if titles and rng.random() < 0.01:
            link = titles[-1][1]  # the previous entry's link, pasted
        badge = ""
        if paper.venues and rng.random() < 0.5:
            venue, year_ = paper.venues[0][:2]
            if rng.random() < 0.05:
                venue = rng.choice([v for v, _k in VENUES if v != venue])
            badge = f" <kbd>{venue} {year_}</kbd>"
        elif paper.venues and rng.random() < 0.3:
            badge = f" <kbd>arXiv {year}</kbd>"
        lines.append(f"* [{title}](https://arxiv.org/abs/{link}) "
                     f"[[Notes](notes/{n}.md)]{badge}")
        titles.append((title, ident))
        if n % 20 == 0:
            doi = f"10.5555/bench.{n}"
            world.append(Paper(title + " (Journal Version)", doi=doi, year=year + 1,
                               container="Journal of Widget Research"))
            lines.append(f"* [{title} (Journal Version)](https://doi.org/{doi})")
    return "\n".join(lines) + "\n", world


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str, str]:
    """Wall seconds, peak RSS (MB), stdout and stderr of one fresh process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        _pid, _status, usage = os.wait4(proc.pid, 0)  # this child's own peak RSS
        wall = time.perf_counter() - start
        proc.returncode = 0
        out.seek(0)
        err.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read(), err.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--pace", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    text, world = generate(args.entries, args.seed)
    apis = FakeApis(world)
    for name, server in apis.servers.items():
        server.latency = LATENCY[name]
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / ".git").mkdir()
            (root / "README.md").write_text(text, encoding="utf-8")
            env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
                   **apis.env(args.pace), "NO_COLOR": "1"}
            cmd = [sys.executable, "-m", "awesome_lint", "check", "--papers", "--select",
                   "PAP", "--format", "concise", "--exit-zero", "README.md"]
            cold_wall, cold_rss, out, err = run(cmd, root, env)
            cold = apis.requests()
            findings = Counter(line.split()[1] for line in out.splitlines() if " PAP" in line)
            warm_wall, warm_rss, out2, err2 = run(cmd, root, env)
            warm = apis.requests() - cold
    finally:
        apis.close()
    entries = text.count("\n* ")
    floor = max(cold[name] * INTERVALS[name] for name in INTERVALS)
    print(f"list: {entries} entries ({args.entries} arXiv, {entries - args.entries} DOI), "
          f"pace x{args.pace}")
    print(f"cold: {cold_wall:6.1f} s wall, {cold_rss:5.0f} MB peak RSS, requests "
          f"arxiv={cold['arxiv']} dblp={cold['dblp']} crossref={cold['crossref']} "
          f"(total {sum(cold.values())})")
    print(f"      {err.strip().splitlines()[0] if err.strip() else ''}")
    print(f"      findings: {dict(sorted(findings.items()))}")
    print(f"      at the services' real pace the cold run needs >= {floor:.0f} s "
          "(DBLP: one title per request, one request per 2 s)")
    print(f"warm: {warm_wall:6.1f} s wall, {warm_rss:5.0f} MB peak RSS, requests "
          f"{sum(warm.values())}; same findings: {out2 == out}")
    print(f"      {err2.strip().splitlines()[0] if err2.strip() else ''}")


if __name__ == "__main__":
    main()
