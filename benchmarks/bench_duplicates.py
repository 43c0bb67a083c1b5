"""What the duplicates rules add to offline `awesome-lint check`, on generated lists.

    python benchmarks/bench_duplicates.py [--runs 5] [--sizes 10000,50000] [--duplicates 0.02]

For each size, a seed-style list with ``--duplicates`` of its entries repeating an earlier
paper under a cosmetic URL variant is timed three ways, each a fresh process (start-up,
imports and parsing included, as in pre-commit), median of ``--runs``.  The modes take
turns within each round, so load from other processes spreads over all three, and both
wall time and the child's CPU time (user + system, from wait4) are reported: on a busy
machine CPU time is the steadier measure.

* ``all``: every offline rule (the default selection);
* ``without``: ``--ignore duplicates``, the same run minus this family;
* ``only``: ``--select duplicates`` (start-up + parsing + the family alone).

The overhead is ``(all - without) / without``: what the family adds to a normal check.
``--in-process`` also times the rules alone (``lint_document`` on one parsed tree, no
start-up or parsing), which a busy machine disturbs far less than whole processes.
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

MODES = {"all": [], "without": ["--ignore", "duplicates"], "only": ["--select", "duplicates"]}


def run_once(path: Path, extra: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh ``awesome-lint check`` process."""
    cmd = [sys.executable, "-m", "awesome_lint", "check", "--format", "concise",
           "--exit-zero", *extra, str(path)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        error = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"check failed on {path}: {error}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(path: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds per mode; modes take turns within each round."""
    samples: dict[str, list[tuple[float, float]]] = {mode: [] for mode in MODES}
    for round_ in range(runs):
        order = list(MODES)
        order = order[round_ % len(order):] + order[: round_ % len(order)]
        for mode in order:
            samples[mode].append(run_once(path, MODES[mode]))
    return {mode: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
            for mode, got in samples.items()}


def in_process(text: str, runs: int) -> dict[str, float]:
    """Median CPU seconds of ``lint_document`` per mode, on one parsed tree."""
    from awesome_lint import parse
    from awesome_lint.config import Config
    from awesome_lint.engine import lint_document

    document = parse(text)
    configs = {"all": Config(), "without": Config(ignore=("duplicates",)),
               "only": Config(select=("duplicates",))}
    samples: dict[str, list[float]] = {mode: [] for mode in configs}
    for _ in range(runs):
        for mode, config in configs.items():
            start = time.process_time()
            lint_document(document, config)
            samples[mode].append(time.process_time() - start)
    return {mode: statistics.median(got) for mode, got in samples.items()}


def count_findings(path: Path) -> int:
    cmd = [sys.executable, "-m", "awesome_lint", "check", "--format", "concise",
           "--exit-zero", "--select", "duplicates", str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    return sum(1 for line in out.splitlines() if " DUP0" in line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--duplicates", type=float, default=0.02)
    parser.add_argument("--in-process", action="store_true",
                        help="also time the rules alone, in this process")
    args = parser.parse_args()
    print(f"{'entries':>8} {'findings':>8} {'mode':>8} {'wall s':>7} {'cpu s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            target = Path(tmp) / f"generated-{size}.md"
            target.write_text(seed_style_list(size, duplicates=args.duplicates),
                              encoding="utf-8")
            found = count_findings(target)
            times = measure(target, args.runs)
            for mode, (wall, cpu) in times.items():
                print(f"{size:>8} {found:>8} {mode:>8} {wall:>7.2f} {cpu:>7.2f}")
            base_wall, base_cpu = times["without"]
            print(f"{size:>8} {'':>8} {'overhead':>8} "
                  f"{(times['all'][0] - base_wall) / base_wall:>7.1%} "
                  f"{(times['all'][1] - base_cpu) / base_cpu:>7.1%}")
            if args.in_process:
                rules = in_process(target.read_text(encoding="utf-8"), args.runs)
                print(f"{size:>8} {'':>8} rules only (in process, CPU s): "
                      + ", ".join(f"{mode} {value:.2f}" for mode, value in rules.items())
                      + f"; duplicates add {rules['all'] - rules['without']:.2f} s")


if __name__ == "__main__":
    main()
