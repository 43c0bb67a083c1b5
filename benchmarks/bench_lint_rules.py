"""Cold lint time per rule: the first ``lint_document`` of a process, rule by rule.

    python benchmarks/bench_lint_rules.py [--runs 5] [--select ALL] [--gc] [PATH]

Each run is a fresh process (the rules memoise readings per process, so only the first lint
shows their real cost).  A child parses PATH (default: a generated 10k-entry list), then
either times ``lint_document`` once ("total", rule modules imported inside the timing, as
in ``awesome-lint check``), or imports the rule modules ("load") and times each selected
rule's ``check`` on one shared :class:`RuleContext`.  Rules run with the cyclic garbage
collector paused, as ``lint_document`` runs them; ``--gc`` leaves it running.  Prints the
median over ``--runs`` children of each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def child(path: str, mode: str, select: str | None, keep_gc: bool) -> None:
    import gc

    from awesome_lint import engine
    from awesome_lint.config import Config
    from awesome_lint.rules import RuleContext, all_rules
    from awesome_lint.rules.context import Services
    from awesome_lint.syntax.parser import parse

    with open(path, encoding="utf-8") as handle:
        document = parse(handle.read(), path)
    config = Config(select=(select,), extend_select=()) if select else Config()
    out: dict[str, float] = {}
    if mode == "total":
        start, cpu = time.perf_counter(), time.process_time()
        engine.lint_document(document, config)
        out["total"] = time.perf_counter() - start
        out["total (cpu)"] = time.process_time() - cpu
    else:
        start = time.perf_counter()
        all_rules()
        out["load"] = time.perf_counter() - start
        ctx = RuleContext(document, config, Services())
        if not keep_gc:
            gc.disable()
        for rule in engine.selected_rules(config):
            start = time.perf_counter()
            for _ in rule().check(ctx):
                pass
            out[f"{rule.code} {rule.__name__}"] = time.perf_counter() - start
    print(json.dumps(out))


def medians(path: str, mode: str, runs: int, extra: list[str]) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmd = [sys.executable, __file__, "--child", mode, *extra, path]
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
        for key, value in json.loads(result.stdout.strip().splitlines()[-1]).items():
            samples.setdefault(key, []).append(value)
    return {key: statistics.median(values) for key, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--select", default=None, help="select these rules (default: Config())")
    parser.add_argument("--gc", action="store_true", help="leave the garbage collector on")
    parser.add_argument("--child", choices=("total", "rules"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.path, args.child, args.select, args.gc)
        return
    extra = (["--select", args.select] if args.select else []) + (["--gc"] if args.gc else [])
    with tempfile.TemporaryDirectory() as tmp:
        path = args.path
        if path is None:
            from generate import seed_style_list

            path = str(Path(tmp) / "10k.md")
            Path(path).write_text(seed_style_list(10_000), encoding="utf-8")
        subprocess.run([sys.executable, __file__, "--child", "total", path],
                       capture_output=True, check=True)  # warm the byte-code cache
        per_rule = medians(path, "rules", args.runs, extra)
        total = medians(path, "total", args.runs, extra)
    print(f"median of {args.runs} fresh processes, {path}")
    for key, value in sorted(per_rule.items(), key=lambda kv: -kv[1]):
        if value >= 0.001 or key == "load":
            print(f"  {key:40} {value * 1000:8.1f} ms")
    rules = sum(value for key, value in per_rule.items() if key != "load")
    print(f"  {'sum of rules':40} {rules * 1000:8.1f} ms")
    print(f"  {'cold lint_document':40} {total['total'] * 1000:8.1f} ms")
    print(f"  {'cold lint_document, CPU time':40} {total['total (cpu)'] * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
