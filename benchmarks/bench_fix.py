"""`awesome-lint fix` against mdformat, on the same files in the same run.

    pip install mdformat mdformat-gfm      # for this benchmark only; not a dependency
    python benchmarks/bench_fix.py [--runs 3] [--sizes 1000,10000,50000] [--corpus 2]

Files: generated seed-style lists (benchmarks/generate.py) of each size, and the largest
lists in ../shared/corpus (skipped when ../shared is absent).  Each run is a fresh process
on a fresh copy of the file, writing it in place, as a user runs the tool: `awesome-lint
fix FILE` (the fixes of findings and an atomic write), `awesome-lint fix --diff FILE` (the
same fixes, a diff built from their edits, nothing written), `awesome-lint format FILE`
(the whole file in canonical layout, the HTML check, the write) and `mdformat --extensions
gfm FILE` (formatting, its HTML validation and the write) and, where installed, `rumdl fmt
--no-cache FILE`.  Prints median wall seconds,
median CPU seconds (user + system, from wait4: on a shared machine wall time also measures
the neighbours), peak RSS (the child's max RSS) and lines per second (by wall time), and
for each file the cost of ``fix --diff`` over ``fix`` (the goal: within 10%).  The same
figures for one command: ``/usr/bin/time -v python -m awesome_lint fix --exit-zero -q FILE``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import seed_style_list

SHARED = Path(__file__).resolve().parents[2] / "shared"

TOOLS = {
    "awesome-lint fix": [sys.executable, "-m", "awesome_lint", "fix", "--exit-zero", "-q"],
    "awesome-lint fix --diff": [sys.executable, "-m", "awesome_lint", "fix", "--diff",
                                "--exit-zero", "-q"],
    "awesome-lint format": [sys.executable, "-m", "awesome_lint", "format", "-q"],
    "mdformat": [sys.executable, "-m", "mdformat", "--extensions", "gfm"],
}
#: rumdl (a Rust Markdown linter and formatter) where installed: ``pip install rumdl``
#: (benchmarks/bench_peers.py, where present, installs the version the issues quote).
RUMDL = shutil.which("rumdl", path=f"{Path(sys.executable).parent}{os.pathsep}"
                                   f"{os.environ.get('PATH', '')}")
if RUMDL:
    TOOLS["rumdl fmt"] = [RUMDL, "fmt", "--no-cache"]


def measure(command: list[str], source: Path, runs: int, work: Path
            ) -> tuple[float, float, float, str]:
    """Median wall and CPU seconds, max peak RSS (MB) over ``runs`` fresh processes, and
    the first line of the error when the tool refused the file."""
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        target = work / source.name
        shutil.copyfile(source, target)
        start = time.perf_counter()
        proc = subprocess.Popen([*command, str(target)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, cwd=work)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) != 0:
            error = proc.stderr.read().decode() if proc.stderr else ""
            lines = [line for line in error.splitlines() if line.strip()]
            return walls[-1], cpus[-1], peaks[-1], (lines[1] if len(lines) > 1
                                                     else error)[:70]
    return statistics.median(walls), statistics.median(cpus), max(peaks), ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--corpus", type=int, default=2, help="how many of the largest "
                        "corpus lists to include")
    args = parser.parse_args()
    try:
        import mdformat  # noqa: F401
    except ImportError:
        raise SystemExit("pip install mdformat mdformat-gfm (benchmark only)") from None
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        sources.mkdir()
        files: list[tuple[str, Path]] = []
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = sources / f"generated-{size}.md"
            path.write_text(seed_style_list(size), encoding="utf-8")
            files.append((f"generated {size:,} entries", path))
        corpus = sorted(SHARED.glob("corpus/*.md"),
                        key=lambda p: -len(p.read_text(encoding="utf-8").splitlines()))
        for path in corpus[: args.corpus]:
            files.append((path.name[:38], path))
        if not corpus:
            print("(../shared absent: corpus lists skipped)")
        print(f"{'file':40} {'lines':>7}  {'tool':23} {'median s':>9} {'cpu s':>6} "
              f"{'peak MB':>8} {'lines/s':>9}")
        for label, path in files:
            lines = len(path.read_text(encoding="utf-8").splitlines())
            cpu_of: dict[str, float] = {}
            for tool, command in TOOLS.items():
                work = Path(tmp) / "work"
                work.mkdir(exist_ok=True)
                wall, cpu, peak, error = measure(command, path, args.runs, work)
                if error:
                    print(f"{label:40} {lines:7d}  {tool:23} refused: {error}", flush=True)
                    continue
                cpu_of[tool] = cpu
                print(f"{label:40} {lines:7d}  {tool:23} {wall:9.2f} {cpu:6.2f} {peak:8.0f} "
                      f"{lines / wall:9.0f}", flush=True)
            fix, diff = cpu_of.get("awesome-lint fix"), cpu_of.get("awesome-lint fix --diff")
            if fix and diff:
                print(f"{label:40} {lines:7d}  fix --diff / fix CPU: {diff / fix:.2f}",
                      flush=True)


if __name__ == "__main__":
    main()
