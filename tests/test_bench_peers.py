"""benchmarks/bench_peers.py measures what it says: each child's own CPU and peak memory."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_peers.py"


def _bench() -> ModuleType:
    sys.path.insert(0, str(BENCH.parent))
    try:
        return importlib.import_module("bench_peers")
    finally:
        sys.path.remove(str(BENCH.parent))


@pytest.mark.skipif(shutil.which("time") is None and not Path("/usr/bin/time").exists(),
                    reason="GNU time is absent")
def test_peak_memory_is_the_childs_own(tmp_path: Path) -> None:
    bench = _bench()
    ballast = bytearray(120 * 1024 * 1024)  # a large parent must not raise the children's peaks
    ballast[::4096] = b"x" * len(ballast[::4096])
    source = tmp_path / "in.md"
    source.write_text("# x\n")
    small = bench.Tool("small", [sys.executable, "-c", "import sys"])
    big = bench.Tool("big", [sys.executable, "-c",
                             "import sys; b = bytearray(80 * 1024 * 1024); b[::4096] = "
                             "b'x' * len(b[::4096])"])
    failing = bench.Tool("failing", [sys.executable, "-c", "raise SystemExit(3)"])
    cells = bench.measure([small, big, failing], source, runs=2, budget=20.0)
    assert len(ballast) > 0
    small_cell, big_cell, failed_cell = cells
    assert len(small_cell.cpu) == len(big_cell.cpu) == 2
    assert max(small_cell.rss_mb) < 60, small_cell.rss_mb
    assert min(big_cell.rss_mb) > 80, big_cell.rss_mb
    assert big_cell.median_cpu() > 0
    assert failed_cell.failed.startswith("failed (exit 3")
    table = bench.table("t", [small, big, failing], [("in", cells)])
    assert "| in | " in table and "failed (exit 3" in table
    assert "ours/big" in table and "ours/failing" in table


def test_ratio_of_medians() -> None:
    bench = _bench()
    ours, peer = bench.Cell(cpu=[0.2, 0.4, 0.3]), bench.Cell(cpu=[0.1, 0.1, 0.2])
    assert bench.ratio(ours, peer) == "3.00×"
    assert bench.ratio(ours, bench.Cell(failed="failed")) == "–"
