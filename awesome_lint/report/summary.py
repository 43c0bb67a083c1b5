"""Run summaries that come on top of a format: ``--statistics`` (findings counted per rule, as
ruff prints them) and ``--show-fixes`` (what ``fix`` changed, or would change, per file)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from awesome_lint.diagnostics import Diagnostic
from awesome_lint.report import FileReport


@dataclass(frozen=True)
class RuleCount:
    """One rule's line of ``--statistics``: how many findings, how many fixable."""

    code: str
    name: str
    count: int
    #: How many of them ``awesome-lint fix`` fixes (safe fixes only).
    fixable: int
    #: How many more ``--unsafe-fixes`` would fix.
    unsafe_fixable: int


def rule_counts(reports: list[FileReport]) -> list[RuleCount]:
    """Findings per rule, most frequent first (then by code)."""
    found = [d for r in reports for d in r.diagnostics]
    counts = Counter(d.code for d in found)
    names = {d.code: d.rule for d in found}
    safe = Counter(d.code for d in found if d.fix is not None and d.fix.is_safe)
    unsafe = Counter(d.code for d in found if d.fix is not None and not d.fix.is_safe)
    return [RuleCount(code, names[code], n, safe[code], unsafe[code])
            for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics_text(reports: list[FileReport]) -> str:
    """``  12  LNK001  [*] rule-name`` lines: count, code, fixability, name."""
    rows = rule_counts(reports)
    if not rows:
        return ""
    width = max(len(str(r.count)) for r in rows)
    code_width = max(len(r.code) for r in rows)
    out = []
    for row in rows:
        marker = "[*]" if row.fixable == row.count else (
            "[-]" if row.fixable or row.unsafe_fixable else "   ")
        out.append(f"{row.count:>{width}}\t{row.code:<{code_width}}\t{marker} {row.name}")
    return "".join(line + "\n" for line in out)


def statistics_json(reports: list[FileReport]) -> str:
    import json  # only for ``--statistics --format json``

    return json.dumps([{"code": r.code, "name": r.name, "count": r.count,
                        "fixable": r.fixable, "unsafe_fixable": r.unsafe_fixable}
                       for r in rule_counts(reports)], indent=2) + "\n"


def _by_rule(diagnostics: list[Diagnostic]) -> list[str]:
    counts = Counter((d.code, d.rule) for d in diagnostics)
    return [f"    {n} × {code} ({rule})" for (code, rule), n in sorted(counts.items())]


def show_fixes(reports: list[FileReport], *, applied: bool) -> str:
    """What was fixed per file (``fix``), or what ``fix`` would fix (``check``)."""
    out: list[str] = []
    total = 0
    for report in reports:
        chosen = report.applied if applied else [
            d for d in report.diagnostics if d.fix is not None and d.fix.is_safe]
        if chosen:
            total += len(chosen)
            out += [f"- {report.path}:", *_by_rule(chosen)]
    plural = "" if total == 1 else "s"
    if not total:
        return "No findings fixed.\n" if applied else "No safe fixes available.\n"
    head = f"Fixed {total} finding{plural}:" if applied else \
        f"Would fix {total} finding{plural} with `awesome-lint fix`:"
    return "\n".join([head, *out]) + "\n"
