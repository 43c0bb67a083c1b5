"""Hostile shapes (issue #21) stay linear: the work at 4n is about 4x the work at n.

Each shape is what an untrusted pull request can put in a README; on the old code each of
them took time (or memory) quadratic in its size.  The test measures each stage in this
process at two small sizes and asserts the *ratio*: linear gives about 4, quadratic 16, and
the bound of 9 leaves room for a loaded machine.  CPU time of the best of three runs, so
other processes on the machine barely matter; no absolute time limit anywhere.  The same
shapes at 8k to 128k are in ``benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import pytest

from awesome_lint.autofix import apply as fixes
from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.engine import fix_text, lint
from awesome_lint.report import FileReport, ReportOptions, renderer
from awesome_lint.syntax.parser import parse

#: 4n/n work ratio allowed: linear is 4, quadratic 16.
BOUND = 9.0


def _cpu(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


def _ratio(make: Callable[[int], str], run: Callable[[str], object], n: int) -> float:
    small, large = make(n), make(4 * n)
    run(make(max(1, n // 10)))  # warm caches (venue readings, compiled patterns)
    return _cpu(lambda: run(large)) / _cpu(lambda: run(small))


def _lint(text: str) -> object:
    return lint(text)


def _fix(text: str) -> object:
    return fix_text(text, format=True)


def _report(text: str) -> str:
    document = parse(text)
    report = FileReport("README.md", lint(text), document.lines)
    return renderer("text")([report], ReportOptions())


SHAPES: dict[str, tuple[Callable[[int], str], Callable[[str], object], int]] = {
    # scanner._match_bracket: each "[" searched forward up to 4,000 characters
    "brackets": (lambda n: "# L\n\n- " + "[" * n + "\n", _lint, 1500),
    # _parse_destination: each "[a](" scanned to the end of the line
    "destinations": (lambda n: "# L\n\n- " + "[a](" * n + "\n", _lint, 1000),
    # "<a](<" destinations: each searched for ">" to the end of the text
    "angle-destinations": (lambda n: "# L\n\n- " + "[a](<" * n + "\n", _lint, 1000),
    # the comment regex: each "<!--" searched for "-->" to the end of the text
    "comments": (lambda n: "# L\n\n" + "<!-- " * n + "\n", _lint, 3000),
    # _kbd and the stray-</kbd> check: work per badge proportional to the line
    "badges": (lambda n: "# L\n\n- [P](https://e.example/p) " + "<kbd>CVPR 2017</kbd> " * n
               + "\n", _lint, 1500),
    # unclosed badges: the rest of the line copied, and searched for </kbd>, per badge
    "unclosed-badges": (lambda n: "# L\n\n- [P](https://e.example/p) " + "<kbd>CVPR 2017 " * n
                        + "\n", _lint, 1000),
    "unclosed-badges-parse": (lambda n: "# L\n\n- [P](https://e.example/p) "
                              + "<kbd>CVPR 2017 " * n + "\n", parse, 3000),
    # the entry's description: each resource's text replaced throughout the line
    "resources": (lambda n: "# L\n\n- [T](https://e.example/t) " + "".join(
        f"[[N{i}](https://e.example/{i})] " for i in range(n)) + "\n", _lint, 1000),
    # tags after an entry's text: the text before each one copied and stripped
    "trailing-tags": (lambda n: "# L\n\n- [T](https://e.example/t) x" + " [Ab]" * n + "\n",
                      _lint, 3000),
    # one-link lists of broken anchors: every link rescanned per list (table of contents?),
    # every anchor hashed per broken link (suggestions)
    "broken-anchors": (lambda n: "# L\n\n" + "".join(
        f"## H{i}\n\n- [x](#nope{i})\n\n" for i in range(n)), _lint, 2500),
    # suppression comments: every directive tried on every finding
    "disable-next-line": (lambda n: "# L\n\n" + "<!-- awesome-lint-disable-next-line -->\n- [x]()\n"
                          * n, _lint, 1000),
    # duplicates: the earlier entries with one URL rescanned per entry
    "same-url-sections": (lambda n: "# L\n\n" + "".join(
        f"## S{i}\n\n- [E{i}](https://same.example/x)\n\n" for i in range(n)), _lint, 1000),
    # the text reporter: the whole line's tabs expanded per finding
    "long-line": (lambda n: "# L\n\n" + "".join(
        f"w{i} [w{i}]()\t" if i % 5 == 0 else f"w{i}\t" for i in range(n)) + "\n",
        _report, 4000),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_hostile_shape_is_linear(shape: str) -> None:
    make, run, n = SHAPES[shape]
    ratio = _ratio(make, run, n)
    assert ratio < BOUND, f"{shape}: 4x the input took {ratio:.1f}x the CPU time"


def test_fix_of_many_badge_lines_is_linear() -> None:
    def make(n: int) -> str:
        return "# L\n\n" + "".join(
            f"- [P{i}](https://e.example/{i}) <kbd>cvpr 2017</kbd>\n" for i in range(n))

    ratio = _ratio(make, _fix, 500)
    assert ratio < BOUND, f"fix: 4x the input took {ratio:.1f}x the CPU time"


def _edits(n: int) -> tuple[str, list[Diagnostic]]:
    text = "x\n" * n
    found = [Diagnostic("TST001", "t", "c", Severity.WARNING, line, 1, line, 1, "m",
                        fix=Fix((Edit(line, 1, 1, "y"),)))
             for line in range(1, n + 1)]
    return text, found


def test_apply_fixes_counts_no_pairs() -> None:
    """``apply_fixes`` with n edits: the overlap test looks at neighbours only (counted,
    not timed), and every edit is applied."""
    calls = {"n": 0}
    real = fixes._overlaps

    def counting(a: tuple[int, int, str] | tuple[int, int], b: tuple[int, int]) -> bool:
        calls["n"] += 1
        return real(a, b)

    counts = []
    for n in (1000, 4000):
        text, found = _edits(n)
        calls["n"] = 0
        fixes._overlaps = counting  # type: ignore[assignment]
        try:
            result = fixes.apply_fixes(text, found)
        finally:
            fixes._overlaps = real  # type: ignore[assignment]
        assert result.text == "y\n" * n and len(result.applied) == n
        counts.append(calls["n"])
    assert counts[1] <= 4 * counts[0] + 8, counts


def test_badge_memory_is_linear() -> None:
    """One line of n badges: peak memory of parsing grows with n, not n squared (each
    badge kept a copy of the line before it)."""
    peaks = []
    for n in (1000, 4000):
        text = "# L\n\n- [P](https://e.example/p) " + "<kbd>CVPR 2017</kbd> " * n + "\n"
        tracemalloc.start()
        try:
            parse(text)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert peaks[1] / peaks[0] < BOUND, peaks
