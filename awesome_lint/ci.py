"""CI glue for the GitHub Action: one ``check --format json`` run becomes annotations, a job
summary, step outputs and an exit code.

Why a second step instead of running ``check`` once per format: with ``--links`` a check goes
to the network, failures are never cached, and two runs could disagree (a flaky link broken in
one, fine in the other).  Replaying the JSON contract through the ordinary reporters keeps the
annotations and the summary identical to what ``--format github`` and ``--format markdown``
print.  Usage (what ``scripts/action.sh`` runs)::

    python -m awesome_lint.ci RESULTS.json --fail-on error \\
        --summary "$GITHUB_STEP_SUMMARY" --output "$GITHUB_OUTPUT"
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.reporters import FileReport, ReportOptions, renderer

FAIL_ON = ("error", "warning", "never")


def load_reports(payload: dict[str, Any]) -> list[FileReport]:
    """The JSON contract (version 1) back into reports, diagnostics, fixes and data."""
    if payload.get("version") != 1:
        raise ValueError(f"unsupported JSON contract version {payload.get('version')!r}")
    reports: list[FileReport] = []
    for file in payload["files"]:
        diagnostics: list[Diagnostic] = []
        for d in file["diagnostics"]:
            fix = None
            if d.get("fix"):
                fix = Fix(tuple(Edit(**edit) for edit in d["fix"]["edits"]),
                          Applicability(d["fix"]["applicability"]))
            diagnostics.append(Diagnostic(
                code=d["code"], rule=d["rule"], category=d["category"],
                severity=Severity(d["severity"]), line=d["line"], column=d["column"],
                end_line=d["end_line"], end_column=d["end_column"], message=d["message"],
                fix=fix, data=d.get("data")))
        reports.append(FileReport(file["path"], diagnostics))
    return reports


def exit_code(reports: list[FileReport], fail_on: str) -> int:
    """1 when a finding at or above ``fail_on`` remains, else 0."""
    if fail_on == "never":
        return 0
    return int(any(fail_on == "warning" or d.severity is Severity.ERROR
                   for r in reports for d in r.diagnostics))


def outputs(reports: list[FileReport]) -> dict[str, str]:
    """Step outputs: counts a later workflow step can test."""
    found = [d for r in reports for d in r.diagnostics]
    errors = sum(d.severity is Severity.ERROR for d in found)
    return {"findings": str(len(found)), "errors": str(errors),
            "warnings": str(len(found) - errors)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m awesome_lint.ci", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", type=Path, help="output of check --format json")
    parser.add_argument("--fail-on", choices=FAIL_ON, default="error")
    parser.add_argument("--summary", type=Path, help="append the markdown report here")
    parser.add_argument("--output", type=Path, help="append key=value step outputs here")
    args = parser.parse_args(argv)
    try:
        reports = load_reports(json.loads(args.results.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as err:
        print(f"::error title=awesome-lint::cannot read {args.results}: {err}")
        return 2
    options = ReportOptions(color=False, show_source=False)
    sys.stdout.write(renderer("github")(reports, options))
    if args.summary is not None:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(renderer("markdown")(reports, options))
    if args.output is not None:
        with args.output.open("a", encoding="utf-8") as output:
            output.writelines(f"{key}={value}\n" for key, value in outputs(reports).items())
    return exit_code(reports, args.fail_on)


if __name__ == "__main__":
    sys.exit(main())
