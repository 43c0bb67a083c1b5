"""How much default `awesome-lint fix` changes in each real list, against its findings.

    python benchmarks/fix_corpus.py [FILES...]     # default: ../shared/corpus/*.md

Columns: lines with findings (default `check`, offline); input lines default `fix`
changes or deletes, and how many of those have findings; lines it adds (the blank lines
between blocks, mostly); the same count for rule fixes alone (no formatting).
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from awesome_lint.engine import fix_text, lint

SHARED = Path(__file__).resolve().parents[2] / "shared"


def changes(before: str, after: str) -> tuple[set[int], int]:
    """Input lines (1-based) changed or deleted, and the number of lines added."""
    old, new = before.splitlines(), after.splitlines()
    touched: set[int] = set()
    added = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                       autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            touched.update(range(i1 + 1, i2 + 1))
        if tag in ("replace", "insert"):
            added += max(0, (j2 - j1) - (i2 - i1))
    return touched, added


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted(SHARED.glob("corpus/*.md"))
    if not paths:
        raise SystemExit("no files (../shared/corpus is absent)")
    print(f"{'list':44} {'lines':>6} {'finding':>8} {'changed':>8} {'on-find':>8} "
          f"{'added':>6} {'rules-only':>10}")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        findings = {d.line for d in lint(text)}
        touched, added = changes(text, fix_text(text, format=True).text)
        rules_only, _ = changes(text, fix_text(text).text)
        print(f"{path.name[:44]:44} {len(text.splitlines()):6d} {len(findings):8d} "
              f"{len(touched):8d} {len(touched & findings):8d} {added:6d} "
              f"{len(rules_only):10d}")


if __name__ == "__main__":
    main()
