"""Draw, and score, the judged sample of findings on the corpus lists.

    python benchmarks/precision/sample.py          # draw: rewrite judged.tsv, keep verdicts
    python benchmarks/precision/sample.py --score  # precision per rule from the verdicts

The sample is stratified by rule and seeded, so it is the same on every machine for the
same findings: every finding of ``awesome-lint check`` (no configuration) on
``../shared/corpus/*.md`` (not the seeds), grouped by rule, and from each rule ``CAP``
findings drawn with ``random.Random(SEED)`` (all of them when a rule has fewer).
LNK005 (missing-file) is left out: the corpus files are copies of READMEs without their
repositories, so every relative link "misses" its file here and says nothing about the rule.

Each row has the list line the finding points at, a verdict (``true``: a maintainer would
want to fix it; ``false``: they would not; ``debatable``) and a one-line reason, judged by
reading the list at that line.  Re-drawing keeps the verdicts of findings already judged
(keyed by file, line, column and rule) and leaves new ones blank.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from awesome_lint.config import Config  # noqa: E402
from awesome_lint.engine import lint  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
OUT = Path(__file__).with_name("judged.tsv")
SEED = 14
CAP = 28
EXCLUDED = {"LNK005": "the corpus files are READMEs without their repositories"}
#: Families judged in a sample of their own (drawing them here would reshuffle every other
#: rule's draw, since one seeded generator serves all rules in code order).
OWN_SAMPLE = {"AWE": "benchmarks/classic/PRECISION.md"}
FIELDS = ["file", "line", "column", "code", "verdict", "reason", "message", "source"]


def findings(corpus: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted(corpus.glob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        lines = text.splitlines()
        for d in lint(text, Config(), path=str(path)):
            if d.code in EXCLUDED or d.code[:3] in OWN_SAMPLE:
                continue
            source = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
            rows.append({"file": path.name, "line": str(d.line), "column": str(d.column),
                         "code": d.code, "verdict": "", "reason": "",
                         "message": " ".join(d.message.split())[:300],
                         "source": " ".join(source.split())[:300]})
    return rows


def draw(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    by_rule: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_rule[row["code"]].append(row)
    rng = random.Random(SEED)
    sample = []
    for code in sorted(by_rule):
        group = by_rule[code]
        sample.extend(group if len(group) <= CAP else rng.sample(group, CAP))
    return sorted(sample, key=lambda r: (r["code"], r["file"], int(r["line"]), int(r["column"])))


def _key(row: dict[str, str]) -> tuple[str, str, str, str]:
    return row["file"], row["line"], row["column"], row["code"]


def read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def score(rows: list[dict[str, str]]) -> str:
    """Per rule: true / false / debatable, and precision = true / judged (debatable counts
    against), with the total over the sample."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        counts[row["code"]][row["verdict"] or "unjudged"] += 1
        counts["ALL"][row["verdict"] or "unjudged"] += 1
    out = [f"{'rule':8} {'n':>4} {'true':>5} {'false':>5} {'debat':>5} {'precision':>9}"]
    for code in [*sorted(c for c in counts if c != "ALL"), "ALL"]:
        c = counts[code]
        n = sum(c.values())
        out.append(f"{code:8} {n:4d} {c['true']:5d} {c['false']:5d} {c['debatable']:5d} "
                   f"{c['true'] / n:9.1%}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--score", action="store_true", help="print precision per rule")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if args.score:
        print(score(read(OUT)))
        return
    judged = {_key(row): row for row in read(OUT)}
    sample = draw(findings(args.corpus))
    for row in sample:
        old = judged.get(_key(row))
        if old is not None:
            row["verdict"], row["reason"] = old["verdict"], old["reason"]
    write(OUT, sample)
    print(f"{len(sample)} findings -> {OUT}")


if __name__ == "__main__":
    main()
