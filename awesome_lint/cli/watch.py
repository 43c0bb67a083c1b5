"""``awesome-lint check --watch``: check again whenever a checked file or its config changes.

Each check is the same command without ``--watch``, run as a child process: a run sees the
files and configuration exactly as saved, and no state from the run before leaks into it.
Changes are found by polling the files' modification time, size and inode twice a second
(no extra dependency; an editor's atomic save replaces the inode, which counts too).
Ctrl-C ends the watch without a traceback, with exit status 130 as for any interrupted
command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import NoReturn

from awesome_lint.config import ConfigError
from awesome_lint.engine.schema import find_config
from awesome_lint.files.discovery import resolve_paths
from awesome_lint.files.sources import InputError

POLL_SECONDS = 0.5
#: Clear the screen and move the cursor home (only on a terminal).
CLEAR = "\x1b[2J\x1b[H"

Stamp = tuple[int, int, int] | None


def watched_files(paths: list[str], config_path: str | None) -> list[Path]:
    """The files a check reads: the inputs and the configuration that applies to each."""
    files = resolve_paths(paths)
    found: dict[Path, None] = dict.fromkeys(files)
    if config_path:
        found[Path(config_path)] = None
    else:
        for folder in {f.resolve().parent for f in files}:
            config = find_config(folder).path
            if config:
                found[Path(config)] = None
    return list(found)


def _stamp(path: Path) -> Stamp:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def _stamps(files: Iterable[Path]) -> dict[Path, Stamp]:
    return {path: _stamp(path) for path in files}


def check_command(argv: list[str]) -> list[str]:
    """This process's command line without ``--watch``, run as a module."""
    return [sys.executable, "-m", "awesome_lint", *(a for a in argv if a != "--watch")]


def _run_once(command: list[str], count: int, stream_is_tty: bool) -> None:
    if stream_is_tty:
        sys.stdout.write(CLEAR)
    sys.stdout.write(f"[{time.strftime('%H:%M:%S')}] check #{count}\n")
    sys.stdout.flush()
    # its own session: Ctrl-C interrupts the watch, which ends the check it is waiting for
    # (otherwise the check would print click's "Aborted!" too)
    subprocess.run(command, check=False, start_new_session=os.name == "posix")
    sys.stdout.write("Watching for changes; press Ctrl-C to stop.\n")
    sys.stdout.flush()


def watch_and_check(paths: list[str], config_path: str | None,
                    argv: list[str] | None = None) -> NoReturn:
    """Check, then check again after every change, until interrupted."""
    command = check_command(sys.argv[1:] if argv is None else argv)
    tty = sys.stdout.isatty()
    count = 0
    try:
        files = _files_or_fail(paths, config_path)
        stamps = _stamps(files)
        while True:
            count += 1
            _run_once(command, count, tty)
            while True:
                time.sleep(POLL_SECONDS)
                now = _stamps(files)
                if now != stamps:
                    break
            time.sleep(0.05)  # let a save that writes in pieces finish
            # a folder's README may have appeared, a config file moved; on an error the
            # check reports it, and the watch goes on with the files it had
            with suppress(InputError, ConfigError):
                files = watched_files(paths, config_path)
            stamps = _stamps(files)
    except KeyboardInterrupt:
        sys.stdout.write("\n")
        sys.stdout.flush()
        sys.exit(130)


def _files_or_fail(paths: list[str], config_path: str | None) -> list[Path]:
    try:
        return watched_files(paths, config_path)
    except (InputError, ConfigError) as err:
        sys.stderr.write(f"awesome-lint: {err}\n")
        sys.exit(2)
