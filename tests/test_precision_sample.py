"""The judged sample of findings on the corpus lists (benchmarks/precision/judged.tsv).

The verdicts are data a person wrote after reading each list at the finding's line; these
tests keep them honest: every row judged with a reason, the precision bar met per rule and
overall, and the sample still the one the current rules draw (so a rule change that adds
or removes findings shows up here and gets judged).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks" / "precision"))

import sample  # noqa: E402

VERDICTS = {"true", "false", "debatable"}


def _rows() -> list[dict[str, str]]:
    return sample.read(sample.OUT)


def test_every_finding_is_judged_with_a_reason() -> None:
    rows = _rows()
    assert len(rows) >= 150
    for row in rows:
        assert row["verdict"] in VERDICTS, row
        assert len(row["reason"]) >= 10, row
        assert "__" in row["file"] and row["file"].endswith(".md"), row  # corpus, not seeds


def test_precision_per_rule_and_overall() -> None:
    """True / judged, debatable counted against: at least 95% overall, 90% per rule."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in _rows():
        counts[row["code"]][row["verdict"]] += 1
    total = Counter[str]()
    for code, verdicts in counts.items():
        total.update(verdicts)
        assert verdicts["true"] / sum(verdicts.values()) >= 0.9, (code, verdicts)
    assert total["true"] / sum(total.values()) >= 0.95, total


def test_the_sample_is_what_the_rules_draw_today() -> None:
    if not sample.CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    drawn = sample.draw(sample.findings(sample.CORPUS))
    keys = [(r["file"], r["line"], r["column"], r["code"]) for r in drawn]
    assert keys == [(r["file"], r["line"], r["column"], r["code"]) for r in _rows()]
