"""A stratified random sample of AWE findings on the classic lists, for judging precision.

    python benchmarks/classic/sample.py > /tmp/sample.md

Up to four findings per rule (seed 17) from the four lists inference calls classic; the
judged copy is PRECISION.md.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
LISTS = ("sindresorhus__awesome", "vinta__awesome-python", "avelino__awesome-go",
         "ChristosChristofidis__awesome-deep-learning")


def main() -> None:
    from awesome_lint.engine import lint
    from awesome_lint.engine.schema import from_mapping

    config = from_mapping({"select": ["AWE"]})
    by_code: dict[str, list[tuple[str, int, str, str]]] = defaultdict(list)
    for name in LISTS:
        text = (CORPUS / f"{name}.md").read_text(encoding="utf-8")
        lines = text.lstrip("\ufeff").split("\n")
        for found in lint(text, config):
            by_code[found.code].append((name.split("__")[0], found.line, found.message,
                                        lines[found.line - 1]))
    rng = random.Random(17)
    print("| rule | list:line | finding | source (clipped) | verdict |")
    print("| --- | --- | --- | --- | --- |")
    for code in sorted(by_code):
        for name, line, message, source in rng.sample(by_code[code], min(4, len(by_code[code]))):
            clip = source[:110].replace("|", "\\\\|")
            print(f"| {code} | {name}:{line} | {message[:70].replace('|', '/')} | `{clip}` | |")


if __name__ == "__main__":
    main()
