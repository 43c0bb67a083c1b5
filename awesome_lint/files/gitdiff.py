"""Lines a pull request added or changed: for ``--diff-base REF``.

We diff the working tree against the merge base of REF and HEAD, as a pull request's "Files
changed" tab does, so findings on lines the PR did not touch never block it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(RuntimeError):
    pass


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=60, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} timed out") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip()
                       else f"git {args[0]} failed")
    return done.stdout


def merge_base(ref: str, cwd: Path) -> str:
    return _git(["merge-base", ref, "HEAD"], cwd).strip()


def changed_lines(path: Path, base: str) -> set[int] | None:
    """Line numbers of ``path`` added or changed since ``base``; None means every line
    (a file git does not track yet)."""
    folder = path.resolve().parent
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", path.name], cwd=folder,
                             capture_output=True, text=True, check=False)
    if tracked.returncode != 0:
        return None
    diff = _git(["diff", "--no-color", "--no-ext-diff", "-U0", base, "--", path.name], folder)
    lines: set[int] = set()
    for match in _HUNK.finditer(diff):
        start, count = int(match.group(1)), int(match.group(2) or "1")
        lines.update(range(start, start + count))
    return lines
