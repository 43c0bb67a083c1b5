"""In-process cost of one language-server lint after an edit, with and without the entry memo.

    python benchmarks/bench_entrymemo.py [--lines 4000] [--edits 20]

The path ``awesome-lint server`` takes for a didChange, without JSON-RPC: parse the edited
text with the document's ``ParseMemo`` and lint it, once with an ``EntryMemo`` in the
services (as the server does) and once without.  Each edit appends a word to a different
entry of a generated seed-style list.  Prints the CPU milliseconds per edit (median over the
edits, after one untimed lint that fills the memos), which the machine's other load changes
less than wall time.  ``bench_lsp.py`` gives the whole server's figure.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lsp import sized_list

from awesome_lint.config import Config
from awesome_lint.engine import lint_document
from awesome_lint.rules.context import Services
from awesome_lint.syntax import entrymemo
from awesome_lint.syntax.parser import ParseMemo, parse


def per_edit(text: str, edits: int, memo: bool) -> float:
    """Median CPU milliseconds of parse + lint per edit."""
    config, parse_memo, entry_memo = Config(), ParseMemo(), entrymemo.EntryMemo()
    lines = text.split("\n")

    def lint(version: str) -> None:
        services = Services(entry_memo=entry_memo if memo else None)
        lint_document(parse(version, None, memo=parse_memo), config, services=services)

    lint(text)
    times: list[float] = []
    gc.disable()  # as in the server, which collects when the editor is quiet
    try:
        for n in range(edits):
            edited = list(lines)
            at = 100 + n * (len(lines) - 200) // max(edits, 1)
            edited[at] += " x"
            start = time.process_time()
            lint("\n".join(edited))
            times.append(time.process_time() - start)
            gc.collect()
    finally:
        gc.enable()
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=4000)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    text = sized_list(args.lines)
    print(f"list: {text.count(chr(10)) + 1} lines; CPU ms per edit (parse + lint), median "
          f"of {args.edits}")
    print(f"without the entry memo: {per_edit(text, args.edits, memo=False):.1f}")
    print(f"with the entry memo:    {per_edit(text, args.edits, memo=True):.1f}")


if __name__ == "__main__":
    main()
