"""Audit of default `awesome-lint fix` on real lists: does it change only what it reports?

    python benchmarks/fix_audit.py [FILES...]   # default: ../shared/seeds and ../shared/corpus

For each list: `check` (default settings, offline), then `fix` as the command runs it, and
four counts, judged by cmark-gfm (GitHub's renderer):

* unflagged: non-blank input lines that `fix` changed or deleted although no finding of
  `check` covers them or edits them;
* lost: link, image and HTML-anchor occurrences of the rendered input missing from the
  rendered output, beyond those the applied fixes declare they remove;
* render: stretches of the rendered output that differ from the input's outside the lines
  `fix` changed (each changed line is a declared region: the unflagged count says whether
  a finding names it);
* clean changed: 1 for a list `check` passes that `fix` nevertheless changes.

`refused` says `fix` wrote nothing (its guard refused, exit 2); the counts are then 0.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from awesome_lint.autofix import guards
from awesome_lint.config import Config
from awesome_lint.engine import UnsafeFixError, fix_text, lint
from awesome_lint.files.sources import FileResolver
from awesome_lint.rules.context import Services

SHARED = Path(__file__).resolve().parents[2] / "shared"


@dataclass
class Audit:
    name: str
    lines: int
    findings: int
    unflagged: int = 0
    lost: int = 0
    render: int = 0
    clean_changed: int = 0
    refused: str = ""


def shared_lists() -> list[Path]:
    return sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/*.md"))


def run_fix(text: str, path: Path) -> tuple[str, Counter[str]]:
    """What `awesome-lint fix PATH` writes (offline), and the destinations it declares gone.

    `fix` formats the whole file until `awesome-lint format` exists to do that (issue #15)."""
    from awesome_lint.cli import main as cli

    formats = "format" not in getattr(cli, "commands", {})
    result = fix_text(text, Config(), path=str(path),
                      services=Services(files=FileResolver.for_file(path)), format=formats)
    return result.text, result.intended


def _deleted_lines(lines: list[str], line: int, column: int, delete: int) -> range:
    """The lines an edit's deletion reaches into (a line ending counts as one character),
    and the line after a deleted line ending, which the line diff sees as changed."""
    end, left = line, delete - (len(lines[line - 1]) - column + 2) if line <= len(lines) else 0
    while left > 0 and end < len(lines):
        end += 1
        left -= len(lines[end - 1]) + 1
    return range(line, end + 2 if delete else end + 1)


def audit(path: Path) -> Audit:
    text = path.read_text(encoding="utf-8")
    found = lint(text, Config(), path=str(path))
    # a finding names its own lines and those its fix edits (a duplicate merged upwards)
    flagged = {n for d in found for n in range(d.line, d.end_line + 1)}
    lines = text.split("\n")
    for edit in (e for d in found if d.fix for e in d.fix.edits):
        flagged.update(edit.line + k for k in range(edit.insert.count("\n") + 1))
        flagged.update(_deleted_lines(lines, edit.line, edit.column, edit.delete))
    report = Audit(path.name, text.count("\n"), len(found))
    try:
        fixed, removed = run_fix(text, path)
    except UnsafeFixError as err:
        report.refused = f"line {err.line}: {err}"
        return report
    if fixed == text:
        return report
    report.clean_changed = int(not found)
    declared = guards.Declared.of_diff(text, fixed)
    report.unflagged = sum(1 for n in declared.before if n not in flagged and lines[n - 1].strip())
    lost = guards.unaccounted(guards.render(text), guards.render(fixed), removed.elements())
    report.lost = sum(lost.values())
    report.render = len(guards.differences(text, fixed, declared))
    return report


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or shared_lists()
    if not paths:
        raise SystemExit("no files (../shared is absent)")
    print(f"{'list':44} {'lines':>6} {'finds':>6} {'unflagged':>9} {'lost':>5} "
          f"{'render':>6} {'clean-changed':>13}  refused")
    totals = Counter[str]()
    for path in paths:
        a = audit(path)
        totals.update(unflagged=a.unflagged, lost=a.lost, render=a.render,
                      clean_changed=a.clean_changed, refused=int(bool(a.refused)))
        print(f"{a.name[:44]:44} {a.lines:6d} {a.findings:6d} {a.unflagged:9d} {a.lost:5d} "
              f"{a.render:6d} {a.clean_changed:13d}  {a.refused[:100]}")
    print(f"{'total':44} {'':6} {'':6} {totals['unflagged']:9d} {totals['lost']:5d} "
          f"{totals['render']:6d} {totals['clean_changed']:13d}  {totals['refused']} refused")


if __name__ == "__main__":
    main()
