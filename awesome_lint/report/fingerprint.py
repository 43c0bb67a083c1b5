"""Stable identities for findings, so dashboards (GitHub code scanning, GitLab Code Quality)
track one finding across commits instead of seeing a new one whenever lines shift."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator

from awesome_lint.diagnostics import Diagnostic
from awesome_lint.report import FileReport


def _anchor_text(report: FileReport, d: Diagnostic) -> str:
    """What the finding is about: its source line without surrounding blanks (so moving the
    line keeps the identity), or the message when the lines are unknown."""
    if 0 < d.line <= len(report.lines):
        return " ".join(report.lines[d.line - 1].split())
    return d.message


def fingerprints(reports: list[FileReport]) -> Iterator[tuple[FileReport, Diagnostic, str]]:
    """Each finding with a hex digest of (path, code, source line, occurrence); the
    occurrence number tells apart identical findings on identical lines."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for report in reports:
        for d in report.diagnostics:
            key = (report.path.replace("\\", "/"), d.code, _anchor_text(report, d))
            seen[key] += 1
            text = "\0".join((*key, str(seen[key])))
            yield report, d, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
