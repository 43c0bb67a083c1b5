"""How parsing time grows with runs of unmatched brackets (the scaling check that used to sit
in tests/test_parser.py at 20,000 brackets and took over a minute on a busy machine).

    python benchmarks/bench_brackets.py [--sizes 2500,5000,10000,20000] [--runs 3]

Parses ``"[" * n + "x" + "]" * n + "(" * (n // 4)`` in process for each size, best of
``--runs`` (CPU time), and prints each time with its ratio to the previous size: about 2 per
doubling is linear, about 4 quadratic.  The suite keeps the same shape at a small size only
(correctness, no timing).
"""

from __future__ import annotations

import argparse
import time

from awesome_lint.syntax.parser import parse


def shape(n: int) -> str:
    return "[" * n + "x" + "]" * n + "(" * (n // 4) + "\n"


def best_of(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        parse(text)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2500,5000,10000,20000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    previous = None
    print(f"{'n':>8}  {'CPU s':>8}  ratio")
    for n in (int(s) for s in args.sizes.split(",")):
        seconds = best_of(shape(n), args.runs)
        ratio = f"{seconds / previous:5.2f}" if previous else "    -"
        print(f"{n:>8}  {seconds:8.3f}  {ratio}")
        previous = seconds


if __name__ == "__main__":
    main()
