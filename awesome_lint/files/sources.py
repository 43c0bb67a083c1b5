"""Reading and writing list files safely: the only module that touches the files we lint.

Bad input (missing, unreadable, binary, not UTF-8, too large, a FIFO or a device) becomes an
:class:`InputError` naming the file, line and cause; the CLI reports it as an ``IO001`` finding
and goes on with the other files.  Reads are bounded by ``max-file-size`` whatever the source.
Writes go to a temporary file in the same folder and are renamed over the original, keeping
its mode, so a crash never leaves half a file.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from awesome_lint.diagnostics import Diagnostic, Severity


class InputError(Exception):
    """One clear line about a file we cannot lint."""

    def __init__(self, path: str, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        where = path if line is None else f"{path}:{line}:{column or 1}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message


def decode(data: bytes, path: str) -> str:
    """UTF-8 text from bytes, refusing binary content and invalid UTF-8 with a position."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(path, "binary content (NUL byte); not a markdown file", line,
                         nul - data.rfind(b"\n", 0, nul))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - data.rfind(b"\n", 0, err.start)
        raise InputError(path, f"invalid UTF-8 (byte 0x{data[err.start]:02x}); save the file "
                         "as UTF-8", line, column) from None


#: Code and name of the synthetic finding that stands for a file we could not read, so every
#: output format carries it (ruff's E902).  Not a rule: it cannot be selected or ignored.
INPUT_ERROR_CODE = "IO001"
INPUT_ERROR_NAME = "input-error"

_KINDS = ((stat.S_ISDIR, "is a directory"), (stat.S_ISFIFO, "is a named pipe (FIFO)"),
          (stat.S_ISCHR, "is a character device"), (stat.S_ISBLK, "is a block device"),
          (stat.S_ISSOCK, "is a socket"))


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is refused ("is a named pipe (FIFO)"), None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((what for test, what in _KINDS if test(mode)), "is not a regular file")
    return kind if kind == "is a directory" else f"{kind}, not a regular file"


def read_bounded(stream: BinaryIO, shown: str, max_size: int,
                 size_hint: int | None = None) -> bytes:
    """At most ``max_size`` bytes from ``stream``; reading one byte more tells "too large"
    without ever holding more than the limit (endless stdin, /dev/zero).

    ``size_hint`` (a regular file's size from ``fstat``): speed trick, listed in
    awesome_lint.startup: the first read asks for that many bytes and one more instead of
    allocating a buffer the size of the limit (10 MB) for every file; a file that grew
    since is read on, up to the limit, as without the hint."""
    try:
        if size_hint is None or size_hint >= max_size:
            data = stream.read(max_size + 1)
        else:
            want = size_hint + 1
            data = stream.read(want)
            if len(data) == want:  # it grew: the rest, up to one byte over the limit
                data += stream.read(max_size + 1 - want)
    except MemoryError:
        raise InputError(shown, "not enough memory to read it") from None
    except OSError as err:
        raise InputError(shown, f"cannot read: {err.strerror or err}") from None
    if len(data) > max_size:
        raise InputError(shown, f"over the {max_size:,}-byte limit (max-file-size)")
    return data


def read_text(path: Path, max_size: int) -> str:
    """The text of a regular file, refusing FIFOs, devices and sockets before opening them
    (a FIFO's open() would wait for a writer forever) and reading at most the limit."""
    shown = str(path)
    try:
        reason = _not_regular(path.stat().st_mode)
        if reason is not None:
            raise InputError(shown, reason)
        # O_NONBLOCK: if the path became a FIFO since stat(), open() must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            reason = _not_regular(info.st_mode)
            if reason is not None:
                raise InputError(shown, reason)
            if info.st_size > max_size:
                raise InputError(shown, f"file is {info.st_size:,} bytes, over the "
                                 f"{max_size:,}-byte limit (max-file-size)")
            data = read_bounded(handle, shown, max_size, info.st_size)
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except PermissionError:
        raise InputError(shown, "permission denied (the file is not readable)") from None
    except OSError as err:
        raise InputError(shown, f"cannot read: {err.strerror or err}") from None
    try:
        return decode(data, shown)
    except MemoryError:
        raise InputError(shown, "not enough memory to decode it") from None


def read_stdin(shown: str, max_size: int) -> str:
    """Standard input as text, bounded like a file."""
    return decode(read_bounded(sys.stdin.buffer, shown, max_size), shown)


def input_error_diagnostic(err: InputError) -> Diagnostic:
    """The finding that reports ``err`` in every output format (at 1:1 when it has no place)."""
    return Diagnostic(code=INPUT_ERROR_CODE, rule=INPUT_ERROR_NAME, category="input",
                      severity=Severity.ERROR, line=err.line or 1, column=err.column or 1,
                      end_line=err.line or 1, end_column=err.column or 1,
                      message=err.message, path=err.path)


@dataclass(frozen=True)
class FileResolver:
    """Answers "does this relative link target exist?" for the links rules."""

    base: Path
    root: Path

    @classmethod
    def for_file(cls, path: Path) -> FileResolver:
        base = path.resolve().parent
        root = next((p for p in [base, *base.parents] if (p / ".git").exists()), base)
        return cls(base, root)

    def names(self, folder: str = ".") -> frozenset[str]:
        """The file names in ``folder`` (``/folder`` from the repository root), or none."""
        target = (self.root / folder.lstrip("/")) if folder.startswith("/") else (
            self.base / folder)
        try:
            return frozenset(entry.name for entry in target.iterdir())
        except (OSError, ValueError):
            return frozenset()

    def exists(self, link_path: str) -> bool:
        target = (self.root / link_path.lstrip("/")) if link_path.startswith("/") else (
            self.base / link_path)
        try:
            return target.exists()
        except (OSError, ValueError):
            return False
