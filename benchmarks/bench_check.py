"""Offline `awesome-lint check` speed and memory: seeds and generated lists.

    python benchmarks/bench_check.py [--runs 5] [--sizes 1000,10000,50000] [--select ALL]

Each run is a fresh `awesome-lint check` process (start-up and imports included, as in
pre-commit), timed with a monotonic clock; peak memory is that child's max RSS (wait4).
Prints median wall time, peak RSS and microseconds per entry, so linear growth shows as a
flat last column.  Byte-code caching is switched on for the children (some sandboxes set
PYTHONDONTWRITEBYTECODE, which makes every run recompile every module; a pip install does
not), and one untimed warm-up run fills the cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import seed_style_list

SHARED = Path(__file__).resolve().parents[2] / "shared"


def measure(path: Path, runs: int, extra: list[str]) -> tuple[float, float]:
    """Median wall seconds and max peak RSS (MB) over ``runs`` fresh processes."""
    walls, peaks = [], []
    cmd = [sys.executable, "-m", "awesome_lint", "check", "--format", "concise", "--exit-zero",
           *extra, str(path)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            error = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"check failed on {path}: {error}")
    return statistics.median(walls), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--select", default=None, help="pass --select to check")
    args = parser.parse_args()
    extra = ["--select", args.select] if args.select else []
    rows: list[tuple[str, int, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in sorted(SHARED.glob("seeds/*.txt")):
            target = Path(tmp) / seed.name
            target.write_bytes(seed.read_bytes())
            wall, peak = measure(target, args.runs, extra)
            rows.append((f"seed {seed.name[:3]}", len(target.read_text().splitlines()), wall, peak))
        for size in (int(s) for s in args.sizes.split(",")):
            target = Path(tmp) / f"generated-{size}.md"
            target.write_text(seed_style_list(size), encoding="utf-8")
            wall, peak = measure(target, args.runs, extra)
            rows.append((f"generated {size}", size, wall, peak))
    print(f"{'input':<18} {'entries/lines':>13} {'median s':>9} {'peak MB':>8} {'us/item':>8}")
    for name, count, wall, peak in rows:
        print(f"{name:<18} {count:>13} {wall:>9.3f} {peak:>8.1f} {wall / count * 1e6:>8.1f}")


if __name__ == "__main__":
    main()
