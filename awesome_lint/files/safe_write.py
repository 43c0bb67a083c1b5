"""Writing a fixed file back: the one place ``fix`` changes a file on disk.

What a user expects of an in-place fixer, and what a hostile checkout tries to break:

* A read-only file stays unwritten (one line, exit 2) unless ``--force`` says otherwise.
* A symlinked README is written through the link: the target changes, the link stays.
* A file with hard links, or whose owner we cannot give to a new file, is rewritten in
  place (the links and the owner stay); any other file is replaced by an atomic rename, so
  a crash never leaves half a file.  Mode and owner are kept either way.
* A file edited by someone else since we read it is not overwritten.
* File and folder are fsynced, so the rename survives a power cut.
* Our temporary files are named ``.NAME.awesome-lint-PID-RANDOM.tmp``; one left by a
  killed ``fix`` (its process gone) is removed by the next write to that folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

#: Marks our temporary files: ``.README.md.awesome-lint-1234-9f8e7d6c.tmp``.
TEMP_TAG = ".awesome-lint-"
TEMP_SUFFIX = ".tmp"
BACKUP_SUFFIX = ".bak"


class WriteRefused(Exception):
    """One line saying why a fixed file was not written."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason


def write_fixed(path: str | os.PathLike[str], text: str, *, original: str,
                force: bool = False) -> None:
    """Write ``text`` to ``path``, which held ``original`` when it was read.

    Raises :class:`WriteRefused` for a read-only file (unless ``force``) or a file that
    changed since it was read, and ``OSError`` for what the system refuses."""
    shown = os.fspath(path)
    target = Path(os.path.realpath(path))  # through symlinks, to the file itself
    try:
        info = target.stat()
    except FileNotFoundError:
        raise WriteRefused(shown, "was removed while being fixed; not written") from None
    if not stat.S_ISREG(info.st_mode):
        raise WriteRefused(shown, "is not a regular file; not written")
    if not force and not _writable(target, info):
        raise WriteRefused(shown, "is read-only; not written (use --force to write it "
                                  "anyway)")
    if _current(target) != original.encode("utf-8"):
        raise WriteRefused(shown, "changed on disk since it was read; not written (run "
                                  "fix again)")
    remove_stale_temps(target)
    data = text.encode("utf-8")
    if info.st_nlink > 1 or not _replace(target, data, info, original, shown):
        _rewrite_in_place(target, data, info, original, force)


def _writable(target: Path, info: os.stat_result) -> bool:
    """Whether the user may write the file as it is (root may write anything, so the mode
    bits decide: a 0444 file is read-only to every user)."""
    if info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) == 0:
        return False
    return os.access(target, os.W_OK)


def _current(target: Path) -> bytes:
    with open(target, "rb") as handle:
        return handle.read()


def temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}{TEMP_TAG}{os.getpid()}-"
                            f"{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _replace(target: Path, data: bytes, info: os.stat_result, original: str, shown: str
             ) -> bool:
    """Write a temporary file beside ``target`` and rename it over it; False (nothing
    changed) when the new file could not get the old one's owner."""
    tmp = temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.fchown(handle.fileno(), info.st_uid, info.st_gid)
                except PermissionError:
                    tmp.unlink()
                    return False
            os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
            os.fsync(handle.fileno())
        # The last moment to notice a concurrent edit before it would be lost.
        if _current(target) != original.encode("utf-8"):
            raise WriteRefused(shown, "changed on disk since it was read; not written "
                                       "(run fix again)")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_folder(target.parent)
    return True


def _rewrite_in_place(target: Path, data: bytes, info: os.stat_result, original: str,
                      force: bool) -> None:
    """Overwrite the file's own bytes (hard links and owner stay).  This is not atomic, so
    the old text is first saved beside it as ``.NAME.awesome-lint-PID-RANDOM.bak`` and
    removed once the new text is synced: a ``.bak`` left behind (never removed by us) is
    the file as it was before a ``fix`` that was killed mid-write."""
    backup = temp_name(target).with_suffix(BACKUP_SUFFIX)
    fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(original.encode("utf-8"))
        os.fsync(handle.fileno())
    mode = stat.S_IMODE(info.st_mode)
    made_writable = False
    try:
        if force and not mode & stat.S_IWUSR:
            os.chmod(target, mode | stat.S_IWUSR)
            made_writable = True
        with open(target, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        if made_writable:
            os.chmod(target, mode)
    backup.unlink()
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); folders cannot be opened for this on Windows."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove our temporary files for ``target`` whose writing process is gone (a killed
    ``fix``); return what was removed.  Files of a live process are left alone."""
    removed: list[Path] = []
    prefix = f".{target.name}{TEMP_TAG}"
    try:
        names = os.listdir(target.parent)
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = name[len(prefix):-len(TEMP_SUFFIX)].split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        stale = target.parent / name
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(stale).st_mode):
                stale.unlink()
                removed.append(stale)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's), or cannot tell: keep the file
    return True
