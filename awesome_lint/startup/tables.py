"""Start-up trick (5): bundled TOML data read back with ``marshal``, and the user's cache
folder every cached form lives in."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pathlib is imported when a path is made (tables.cache_dir)
    from pathlib import Path

# -- 5. bundled TOML data without parsing TOML ------------------------------------------------

#: Bumped when the cached form changes.
_CACHE_FORMAT = 1


def cache_dir() -> Path | None:
    """The user's cache folder for awesome-lint: ``$AWESOME_LINT_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/awesome-lint``, else ``~/.cache/awesome-lint``; None when there is no
    home to put it in (never a relative folder under the current directory)."""
    from pathlib import Path  # here: the command line defers what pathlib imports (entry)

    explicit = os.environ.get("AWESOME_LINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "awesome-lint" if os.path.isabs(base) else None


def parse_toml(data: bytes) -> dict[str, Any]:
    """TOML bytes (UTF-8) to a dict.  tomllib is imported here, on the first file parsed: a
    run with no config file and warm caches never imports it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    parsed: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
    return parsed


def cached_toml(path: Path, parse: Callable[[bytes], dict[str, Any]] = parse_toml, *,
                name: str | None = None, depends: tuple[str, ...] = ()) -> dict[str, Any]:
    """``parse(path's bytes)``, kept in the user's cache folder keyed by a hash of the bytes.
    ``name`` (default: the file's stem) names what ``parse`` makes of them; ``depends``: the
    source files of the code behind ``parse``, whose sizes and modification times are part
    of the key (a ``stat`` each), so that other code makes it again.

    Parsing the bundled ``venues.toml`` with tomllib took 10 ms of CPU on every ``check`` of
    a list with badges (35-40 ms on a busy machine); reading the parsed form back with
    ``marshal`` takes under 1 ms.
    The key is the content's hash (plus the Python version, as ``marshal``'s format is
    Python's), so an edited file is parsed again.  Data marshal cannot hold (dates), an
    unreadable or corrupt cache file and a read-only cache folder all fall back to
    parsing."""
    import marshal
    import zlib

    raw = path.read_bytes()
    folder = cache_dir()
    if folder is None:
        return parse(raw)
    stamp = files_stamp(depends) if depends else ""
    if stamp is None:
        return parse(raw)
    code = f"-{stamp}" if stamp else ""
    key = f"{name or path.stem}-{zlib.crc32(raw):08x}-{len(raw)}{code}-py" \
          f"{sys.version_info[0]}{sys.version_info[1]}-v{_CACHE_FORMAT}.marshal"
    cached = folder / key
    try:
        found = marshal.loads(cached.read_bytes())
        if isinstance(found, dict):
            return found
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = parse(raw)
    try:
        blob = marshal.dumps(data)
    except ValueError:  # a value marshal cannot hold: never cached
        return data
    write_whole(cached, blob)
    return data


def files_stamp(paths: Iterable[str | None]) -> str | None:
    """A checksum of the files' names, sizes and modification times (a ``stat`` each, no
    reading): other code behind a cached form, another stamp.  None when a file is gone or
    is no file (a module's ``__file__`` can be None)."""
    import zlib

    try:
        facts = [f"{path}:{found.st_size}:{found.st_mtime_ns}"
                 for path in paths for found in (os.stat(path),)]  # type: ignore[arg-type]
    except (OSError, TypeError):
        return None
    return f"{zlib.crc32(chr(0).join(facts).encode()):08x}"


def write_whole(path: Path, blob: bytes) -> None:
    """Write ``blob`` to ``path`` through a temporary file and a rename, so that readers see
    the whole file or none; a read-only cache folder is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(blob)
        os.replace(partial, path)
    except OSError:
        pass
