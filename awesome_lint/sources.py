"""Reading and writing list files safely: the only module that touches the files we lint.

Bad input (missing, binary, not UTF-8, too large) becomes an :class:`InputError` naming the
file, line and cause; writes go to a temporary file in the same folder and are renamed over
the original, keeping its mode, so a crash never leaves half a file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

README_NAMES = ("README.md", "readme.md", "Readme.md", "README.markdown", "README")


class InputError(Exception):
    """One clear line about a file we cannot lint."""

    def __init__(self, path: str, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        where = path if line is None else f"{path}:{line}:{column or 1}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


def resolve_paths(paths: list[str]) -> list[Path]:
    """Expand directories to the README inside them; keep files as given."""
    out: list[Path] = []
    for raw in paths or ["README.md"]:
        path = Path(raw)
        if path.is_dir():
            found = next((path / n for n in README_NAMES if (path / n).is_file()), None)
            if found is None:
                raise InputError(raw, "directory has no README.md")
            out.append(found)
        elif path.exists():
            out.append(path)
        else:
            raise InputError(raw, "no such file")
    return out


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


def read_text(path: Path, max_size: int) -> str:
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > max_size:
            raise InputError(shown, f"file is {size:,} bytes, over the {max_size:,}-byte "
                             "limit (max-file-size)")
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(shown, "is a directory") from None
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except OSError as err:
        raise InputError(shown, f"cannot read: {err.strerror or err}") from None
    return decode(data, shown)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one rename, keeping the file's permission bits."""
    data = text.encode("utf-8")
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


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
