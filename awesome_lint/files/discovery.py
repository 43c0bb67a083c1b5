"""Which files a run reads: files as given, READMEs found under folders, glob patterns, stdin.

A folder is searched recursively for ``README*.md`` (any case, ``.markdown`` too), the files
GitHub shows as a folder's front page, translations (``README.zh-CN.md``) included.  Inside a
git work tree the search asks git for tracked and untracked-but-not-ignored files, so every
``.gitignore`` rule (nested files, ``info/exclude``, the global excludes file) applies exactly
as git applies it; outside one it walks the folder and skips hidden folders and
``node_modules``.  The config's ``exclude`` patterns are applied by the caller, per file.

Problems with an argument (no such file, a pattern that matches nothing, a folder without a
README) are returned as :class:`InputError` items in order, so the run reports them and goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from awesome_lint.files.sources import InputError

_README = re.compile(r"readme[^/\\]*\.(?:md|markdown)", re.IGNORECASE)
_GLOB_CHARS = frozenset("*?[")
_SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})


@dataclass(frozen=True)
class Source:
    """One input: ``path`` locates its config and relative links; ``shown`` names it in
    reports; ``stdin`` reads standard input instead of ``path``."""

    path: Path
    shown: str
    stdin: bool = False


def is_readme(name: str) -> bool:
    return _README.fullmatch(name) is not None


def discover(args: list[str], stdin_filename: str | None = None
             ) -> Iterator[Source | InputError]:
    """Sources for the command-line arguments, each file once, in argument order.

    No argument means ``README.md`` (or standard input with ``--stdin-filename``); ``-`` is
    standard input, named ``stdin_filename`` when given."""
    if not args:
        args = ["-"] if stdin_filename else ["README.md"]
    seen: set[Path] = set()
    for raw in args:
        if raw == "-":
            name = stdin_filename or "-"
            yield Source(Path(stdin_filename or "README.md"), name, stdin=True)
            continue
        for item in _expand(raw):
            if isinstance(item, InputError):
                yield item
                continue
            key = Path(os.path.abspath(item))
            if key not in seen:
                seen.add(key)
                yield Source(item, str(item))


def resolve_paths(args: list[str]) -> list[Path]:
    """The files :func:`discover` finds for ``args`` (no standard input), raising the first
    problem: for callers that need every file before they start (``check --watch``)."""
    found: list[Path] = []
    for item in discover(args):
        if isinstance(item, InputError):
            raise item
        if not item.stdin:
            found.append(item.path)
    return found


def _expand(raw: str) -> Iterator[Path | InputError]:
    path = Path(raw)
    if path.is_dir():
        found = readmes_under(path)
        if not found:
            yield InputError(raw, "no README*.md under this folder")
        yield from found
    elif os.path.lexists(path):
        yield path  # a file, FIFO, device...: the reader accepts or refuses it
    elif _GLOB_CHARS & set(raw):
        import glob  # only for a pattern (awesome_lint.startup)

        matches = sorted(glob.glob(raw, recursive=True))
        if not matches:
            yield InputError(raw, "no file matches this pattern")
        for match in matches:
            found_path = Path(match)
            if found_path.is_dir():
                yield from readmes_under(found_path)
            else:
                yield found_path
    else:
        yield InputError(raw, "no such file")


def readmes_under(folder: Path) -> list[Path]:
    """README files under ``folder``, sorted, honouring ``.gitignore`` inside a git work tree."""
    listed = _git_files(folder)
    if listed is None:
        listed = _walk(folder)
    return sorted(folder / name for name in listed
                  if is_readme(name.rsplit("/", 1)[-1]) and (folder / name).is_file())


def _git_files(folder: Path) -> list[str] | None:
    """Tracked and untracked, not ignored, files under ``folder`` (relative to it); None
    outside a git work tree or without git."""
    import subprocess  # only for a folder argument: 2 ms of every run otherwise

    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=folder, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return list(dict.fromkeys(name for name in names if name))


def _walk(folder: Path) -> list[str]:
    out: list[str] = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        relative = os.path.relpath(current, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        out.extend(prefix + name for name in files if is_readme(name))
    return out
