"""CI glue for the GitHub Action: one ``check --format json`` run becomes annotations, a job
summary, step outputs and an exit code.

Why a second step instead of running ``check`` once per format: with ``--links`` a check goes
to the network, failures are never cached, and two runs could disagree (a flaky link broken in
one, fine in the other).  Replaying the JSON contract through the ordinary reporters keeps the
annotations and the summary identical to what ``--format github`` and ``--format markdown``
print.  Usage (what ``scripts/action.sh`` runs)::

    python -m awesome_lint.cli.ci RESULTS.json --fail-on error \\
        --summary "$GITHUB_STEP_SUMMARY" --output "$GITHUB_OUTPUT"
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.files.inputs import has_input_errors
from awesome_lint.report import FileReport, ReportOptions, renderer

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


def head_link_base(env: Mapping[str, str]) -> str | None:
    """``https://github.com/OWNER/REPO/blob/SHA/``: the files at the pull request's head commit
    (from the event payload; ``GITHUB_SHA`` on a push, which is then the head).  On a pull
    request GITHUB_SHA is the test merge commit, whose lines may differ from the branch's."""
    repo = env.get("GITHUB_REPOSITORY")
    if not repo:
        return None
    sha = env.get("GITHUB_SHA", "")
    event = env.get("GITHUB_EVENT_PATH")
    if event:
        try:
            payload = json.loads(Path(event).read_text(encoding="utf-8"))
            sha = payload["pull_request"]["head"]["sha"] or sha
        except (OSError, ValueError, KeyError, TypeError):
            pass
    if not sha:
        return None
    server = (env.get("GITHUB_SERVER_URL") or "https://github.com").rstrip("/")
    return f"{server}/{repo}/blob/{sha}/"


def scope_sentence(diff_base: str | None) -> str:
    """What the run looked at, for the top of the job summary."""
    if diff_base:
        return ("Scope: only lines the pull request added or changed (since its merge base "
                f"with `{diff_base[:12]}`); findings on other lines are not shown.")
    return "Scope: every line of the checked files."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m awesome_lint.cli.ci", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", type=Path, help="output of check --format json")
    parser.add_argument("--fail-on", choices=FAIL_ON, default="error")
    parser.add_argument("--summary", type=Path, help="append the markdown report here")
    parser.add_argument("--output", type=Path, help="append key=value step outputs here")
    parser.add_argument("--diff-base", metavar="REF", default="",
                        help="the --diff-base the check ran with (stated in the summary)")
    args = parser.parse_args(argv)
    try:
        reports = load_reports(json.loads(args.results.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as err:
        print(f"::error title=awesome-lint::cannot read {args.results}: {err}")
        return 2
    options = ReportOptions(color=False, show_source=False)
    sys.stdout.write(renderer("github")(reports, options))
    if args.summary is not None:
        linked = ReportOptions(color=False, show_source=False,
                               link_base=head_link_base(os.environ),
                               scope=scope_sentence(args.diff_base))
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(renderer("markdown")(reports, linked))
    if args.output is not None:
        with args.output.open("a", encoding="utf-8") as output:
            output.writelines(f"{key}={value}\n" for key, value in outputs(reports).items())
    if has_input_errors(reports):
        return 2
    return exit_code(reports, args.fail_on)


if __name__ == "__main__":
    sys.exit(main())
