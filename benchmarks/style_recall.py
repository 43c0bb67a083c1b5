"""Recall of every rule family on fixture lists written in each style of ../shared.

    python benchmarks/style_recall.py            # markdown table: recall per style and family
    python benchmarks/style_recall.py --details  # and every missed defect and stray finding
    python benchmarks/style_recall.py --gaps     # the known gaps, as a markdown table
    python benchmarks/style_recall.py --prune-gaps  # delete the gaps the linter now closes
                                                    # (and the allowances that stood in for them)

``fixtures/styles/<style>/`` holds a list written by us in the notation of one corpus list
or seed: ``clean.md`` (a correct list) and ``defects.md`` (the same list with planted
defects), and ``defects.toml`` naming each planted defect's line and expected rule code.
Both lists are checked by the real command line (``awesome-lint check --format json``) with
an empty configuration, all files in one process, so relative links resolve against the
fixture folder as they would in a repository.

A planted defect is *found* when a finding of its rule family (the code's three letters)
lies on its line.  A finding on any other line of ``defects.md`` is a *stray* unless the
sidecar lists it under ``[[allowed]]`` (a consequence of a planted defect, such as the TOC
line of a removed section); every finding on ``clean.md`` is a false positive.  A defect
with a ``gap`` is one today's linter is known to miss: the gap names the notation it does
not understand (see ``tests/test_style_recall.py``, which turns each gap into a strict xfail).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
STYLES = ROOT / "fixtures" / "styles"
#: Rule families planted in the fixtures, in table order.
FAMILIES = ("LNK", "BDG", "DUP", "TAG", "STR", "STY", "FMT", "AWE")
#: The recall the acceptance criterion asks for, per style and overall.
TARGET = 0.95


@dataclass(frozen=True)
class Planted:
    """One planted defect: the line the finding belongs on and the rule expected there."""

    line: int
    code: str
    match: str
    note: str
    gap: str | None = None

    @property
    def family(self) -> str:
        return self.code[:3]


@dataclass(frozen=True)
class Allowed:
    """A finding ``defects.md`` may carry besides the planted ones (not counted in recall)."""

    line: int
    code: str
    match: str
    reason: str


@dataclass(frozen=True)
class Finding:
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}: {self.code} {self.message}"


@dataclass(frozen=True)
class Style:
    """One style's fixture folder and its sidecar."""

    name: str
    folder: Path
    source: str
    notation: str
    defects: tuple[Planted, ...]
    allowed: tuple[Allowed, ...] = ()
    #: Families that do not apply to the style, with the reason.
    not_applicable: dict[str, str] = field(default_factory=dict)
    #: Known false positives on clean lines: ``{code: gap}`` (strict xfail in the tests).
    clean_gaps: dict[str, str] = field(default_factory=dict)

    @property
    def clean(self) -> Path:
        return self.folder / "clean.md"

    @property
    def defective(self) -> Path:
        return self.folder / "defects.md"


@dataclass
class Score:
    """How the linter did on one style."""

    style: Style
    clean_findings: list[Finding]
    #: Every finding on ``defects.md``.
    findings: list[Finding]
    found: list[Planted]
    missed: list[Planted]
    strays: list[Finding]
    #: ``[[allowed]]`` entries no finding uses: stale, they would hide a stray that comes back.
    unused: list[Allowed] = field(default_factory=list)

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0


def load(folder: Path) -> Style:
    data = tomllib.loads((folder / "defects.toml").read_text(encoding="utf-8"))
    return Style(
        name=data["style"], folder=folder,
        source=data.get("corpus") or data.get("seed") or "",
        notation=data.get("notation", ""),
        defects=tuple(Planted(d["line"], d["code"], d["match"], d.get("note", ""), d.get("gap"))
                      for d in data.get("defect", [])),
        allowed=tuple(Allowed(a["line"], a["code"], a["match"], a["reason"])
                      for a in data.get("allowed", [])),
        not_applicable=dict(data.get("not-applicable", {})),
        clean_gaps=dict(data.get("clean-gaps", {})))


def styles(root: Path = STYLES) -> list[Style]:
    """Every style folder under ``fixtures/styles``, by name."""
    return [load(p.parent) for p in sorted(root.glob("*/defects.toml"))]


def run(paths: list[Path]) -> dict[Path, list[Finding]]:
    """Findings of ``awesome-lint check`` (no configuration) per file, in one process."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "empty.toml"
        config.write_text("", encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "awesome_lint", "check", "--format", "json", "--exit-zero",
             "--config", str(config), *map(str, paths)],
            capture_output=True, text=True, cwd=ROOT, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"awesome-lint check failed ({proc.returncode}): {proc.stderr}")
    report = json.loads(proc.stdout)
    out: dict[Path, list[Finding]] = {p.resolve(): [] for p in paths}
    for entry in report["files"]:
        path = (ROOT / entry["path"]).resolve()
        out[path] = [Finding(d["line"], d["code"], " ".join(d["message"].split()))
                     for d in entry["diagnostics"]]
    return out


def score(style: Style, clean: list[Finding], defective: list[Finding]) -> Score:
    found, missed = [], []
    for planted in style.defects:
        hit = any(f.line == planted.line and f.code[:3] == planted.family for f in defective)
        (found if hit else missed).append(planted)
    expected = {p.line for p in style.defects} | {(a.line, a.code) for a in style.allowed}
    strays = [f for f in defective
              if f.line not in expected and (f.line, f.code) not in expected]
    used = {(f.line, f.code) for f in defective}
    unused = [a for a in style.allowed if (a.line, a.code) not in used]
    return Score(style, clean, defective, found, missed, strays, unused)


def measure(selected: list[Style] | None = None) -> list[Score]:
    chosen = styles() if selected is None else selected
    paths = [p for s in chosen for p in (s.clean, s.defective)]
    results = run(paths)
    return [score(s, results[s.clean.resolve()], results[s.defective.resolve()])
            for s in chosen]


def _cell(found: int, total: int) -> str:
    return f"{found}/{total}" if total else "·"


def table(scores: list[Score]) -> str:
    """Markdown: per style, found/planted per family, recall, clean-list and stray findings."""
    head = ["style", *FAMILIES, "recall", "clean findings", "strays"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    totals: Counter[str] = Counter()
    planted_totals: Counter[str] = Counter()
    for s in scores:
        found = Counter(p.family for p in s.found)
        planted = Counter(p.family for p in s.style.defects)
        totals.update(found)
        planted_totals.update(planted)
        rows.append("| " + " | ".join([
            s.style.name, *(_cell(found[f], planted[f]) for f in FAMILIES),
            f"{s.recall:.0%}", str(len(s.clean_findings)), str(len(s.strays))]) + " |")
    n_found, n_planted = sum(totals.values()), sum(planted_totals.values())
    rows.append("| " + " | ".join([
        "**all**", *(_cell(totals[f], planted_totals[f]) for f in FAMILIES),
        f"**{n_found / n_planted:.1%}**" if n_planted else "·",
        str(sum(len(s.clean_findings) for s in scores)),
        str(sum(len(s.strays) for s in scores))]) + " |")
    return "\n".join(rows)


def details(scores: list[Score]) -> str:
    out = []
    for s in scores:
        for p in s.missed:
            gap = f"  [gap: {p.gap}]" if p.gap else ""
            out.append(f"- {s.style.name}: missed {p.code} on line {p.line} "
                       f"(`{p.match}`: {p.note}){gap}")
        for f in s.strays:
            out.append(f"- {s.style.name}: stray finding on defects.md line {f}")
        for f in s.clean_findings:
            out.append(f"- {s.style.name}: finding on clean.md line {f}")
        for a in s.unused:
            out.append(f"- {s.style.name}: no {a.code} on line {a.line} uses its [[allowed]] "
                       f"entry ({a.reason})")
    return "\n".join(out)


def gaps(scores: list[Score]) -> str:
    """Markdown: every known gap (style, notation, rule, line, example, what is missing)."""
    rows = ["| style | rule | defects.md line | planted text | gap | today |",
            "|---|---|---|---|---|---|"]
    for s in scores:
        for p in s.style.defects:
            if p.gap:
                today = "found" if p in s.found else "missed"
                rows.append(f"| {s.style.name} | {p.code} | {p.line} | {_code(p.match)} | "
                            f"{p.gap} | {today} |")
        for code, gap in s.style.clean_gaps.items():
            shown = [f for f in s.clean_findings if f.code == code]
            where = f"clean.md {shown[0].line}" if shown else "clean.md"
            message = _code(shown[0].message) if shown else ""
            rows.append(f"| {s.style.name} | {code} | {where} | {message} | {gap} "
                        f"| {'false positive' if shown else 'gone'} |")
    return "\n".join(rows)


def _code(text: str) -> str:
    """``text`` as a markdown code span that survives backticks and table pipes inside."""
    return "`` " + text.replace("|", "\\|") + " ``"


def prune(scores: list[Score]) -> list[str]:
    """Delete the ``gap`` of every defect now found, every ``[clean-gaps]`` entry whose
    finding is gone and every ``[[allowed]]`` finding that stood in for a gap and no longer
    comes, in place (the strict xfails that turned red turn green); say which."""
    done: list[str] = []
    for s in scores:
        closed = {(p.line, p.code) for p in s.found if p.gap}
        gone = {code for code in s.style.clean_gaps
                if not any(f.code == code for f in s.clean_findings)}
        stale = {(a.line, a.code) for a in s.unused if "gap" in a.reason}
        if not closed and not gone and not stale:
            continue
        path = s.style.folder / "defects.toml"
        out: list[str] = []
        key: tuple[int, str] | None = None
        for text in path.read_text(encoding="utf-8").split("\n"):
            if text.startswith("["):
                key = None
            elif text.startswith("line = "):
                key = (int(text.split("=", 1)[1]), "")
            elif text.startswith("code = ") and key is not None:
                key = (key[0], text.split("=", 1)[1].strip().strip('"'))
            if text.startswith("gap = ") and key in closed:
                done.append(f"{s.style.name}: {key[1]} on line {key[0]} found, gap removed")
                continue
            if text.split(" = ", 1)[0] in gone:
                done.append(f"{s.style.name}: clean {text.split(' = ', 1)[0]} gone, removed")
                continue
            out.append(text)
        text = "\n".join(out).replace("[clean-gaps]\n\n", "")
        if stale:
            text, dropped = _drop_allowances(text, stale)
            done += [f"{s.style.name}: allowed {code} on line {line} no longer comes, removed"
                     for line, code in dropped]
        path.write_text(text, encoding="utf-8")
    return done


def _drop_allowances(text: str, stale: set[tuple[int, str]]
                     ) -> tuple[str, list[tuple[int, str]]]:
    """``text`` without the ``[[allowed]]`` tables naming one of ``stale`` (line, code)."""
    blocks = re.split(r"\n(?=\[)", text)
    kept: list[str] = []
    dropped: list[tuple[int, str]] = []
    for block in blocks:
        line = re.search(r"^line = (\d+)$", block, re.MULTILINE)
        code = re.search(r'^code = "([^"]*)"$', block, re.MULTILINE)
        key = (int(line[1]), code[1]) if line and code else None
        if block.startswith("[[allowed]]") and key in stale:
            assert key is not None
            dropped.append(key)
            continue
        kept.append(block)
    return "\n".join(kept).rstrip("\n") + "\n", dropped


def overall(scores: list[Score]) -> float:
    found = sum(len(s.found) for s in scores)
    total = found + sum(len(s.missed) for s in scores)
    return found / total if total else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true",
                        help="also list every missed defect and every stray finding")
    parser.add_argument("--gaps", action="store_true",
                        help="print the known gaps (notations not understood) instead")
    parser.add_argument("--prune-gaps", action="store_true",
                        help="delete from the sidecars the gaps the linter now closes")
    args = parser.parse_args(argv)
    scores = measure()
    if args.prune_gaps:
        print("\n".join(prune(scores)) or "no gap closed")
        return 0
    if args.gaps:
        print(gaps(scores))
        return 0
    print(table(scores))
    if args.details:
        print()
        print(details(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
