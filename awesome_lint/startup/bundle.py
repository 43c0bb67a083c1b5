"""Start-up trick (11): the package's own modules imported from one file of code objects
kept in the user's cache folder (:class:`ModuleBundle`)."""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any

from awesome_lint.startup.tables import cache_dir, write_whole

if TYPE_CHECKING:  # pathlib is imported when a path is made (tables.cache_dir)
    from pathlib import Path

#: Bumped when the bundle's form changes.
_BUNDLE_FORMAT = 2
_PACKAGE = "awesome_lint"
#: The file opens with the length of its index, in this many bytes (little-endian).
_HEAD = 8

#: name -> (path relative to the package folder, is a package, source mtime_ns, source
#: size, offset of the module's code in the file after the index, its length).
Index = dict[str, tuple[str, bool, int, int, int, int]]


class ModuleBundle:
    """A meta-path finder and loader for ``awesome_lint``'s own modules, from one file.

    Importing a module the usual way costs about 35 us beyond running it: the path finder
    looks for it in its folder, the loader checks the ``.pyc`` against the source, opens,
    reads and closes it.  A ``check`` imports about 100 of the package's modules; this
    finder keeps their code objects in one file (an index, then each module's ``marshal``
    bytes, read with one ``pread`` when the module is imported) and checks each module's
    source by one ``stat``, the test Python applies to a ``.pyc``: the same size and
    modification time as when its code was stored, else the module is imported the usual
    way and stored afresh at exit.  The bundle belongs to one package folder and one Python
    build (the file's name says which); a missing, damaged or foreign file, or a module
    whose code does not read back, imports the usual way.  The command line installs it
    (``__main__.main``); a library caller's imports are never touched."""

    def __init__(self, root: str, path: Path | None, package: str = _PACKAGE) -> None:
        #: The package folder, as ``awesome_lint.__path__[0]`` names it.
        self.root = root
        self._prefix = package + "."
        self.path = path
        self._fd = -1
        self.index: Index = {}
        self._base = 0
        if path is not None:
            self._open(path)
        #: Modules of the package imported the usual way this run: stored at exit.
        self.missed: set[str] = set()

    def _open(self, path: Path) -> None:
        """Read the index of a bundle made for this folder and keep the file open (a newer
        bundle written meanwhile replaces the name, not this file)."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return
        try:
            size = int.from_bytes(os.pread(fd, _HEAD, 0), "little")
            found = marshal.loads(os.pread(fd, size, _HEAD)) \
                if size <= os.fstat(fd).st_size - _HEAD else None
        except (OSError, EOFError, ValueError, TypeError, OverflowError):
            found = None
        if isinstance(found, tuple) and len(found) == 3 and found[0] == _BUNDLE_FORMAT \
                and found[1] == self.root and isinstance(found[2], dict):
            self._fd, self.index, self._base = fd, found[2], _HEAD + size
        else:
            os.close(fd)

    def _code(self, entry: tuple[str, bool, int, int, int, int]) -> Any:
        """The code object stored for ``entry``; None when it does not read back whole."""
        try:
            blob = os.pread(self._fd, entry[5], self._base + entry[4])
            return marshal.loads(blob) if len(blob) == entry[5] else None
        except (OSError, EOFError, ValueError, TypeError):
            return None

    # -- finder --------------------------------------------------------------------------

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> Any:
        if not name.startswith(self._prefix):
            return None
        entry = self.index.get(name)
        if entry is not None:
            origin = os.path.join(self.root, entry[0])
            try:
                found = os.stat(origin)
            except OSError:
                found = None
            code = self._code(entry) if found is not None \
                and found.st_mtime_ns == entry[2] and found.st_size == entry[3] else None
            if code is not None:
                spec = ModuleSpec(name, self,  # type: ignore[arg-type]  # a Loader by duck typing
                                  origin=origin, is_package=entry[1])
                spec.has_location = True
                spec.loader_state = code
                if entry[1]:
                    spec.submodule_search_locations = [os.path.dirname(origin)]
                return spec
        self.missed.add(name)
        return None

    # -- loader --------------------------------------------------------------------------

    def create_module(self, spec: Any) -> None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        exec(module.__spec__.loader_state, module.__dict__)  # type: ignore[union-attr]

    # -- storing -------------------------------------------------------------------------

    def save(self) -> None:
        """Store the code of the package's modules this run imported the usual way, with
        what the bundle held before."""
        if self.path is None or not self.missed:
            return
        blobs: dict[str, tuple[tuple[str, bool, int, int], bytes]] = {}
        for name in sorted(self.missed):
            entry = _entry_of(sys.modules.get(name), self.root)
            if entry is not None:
                blobs[name] = entry
        self.missed = set()
        if not blobs:
            return
        for name, old in self.index.items():
            if name not in blobs:
                try:
                    blob = os.pread(self._fd, old[5], self._base + old[4])
                except OSError:
                    continue
                if len(blob) == old[5]:
                    blobs[name] = (old[:4], blob)
        index: Index = {}
        offset = 0
        for name, (facts, blob) in blobs.items():
            index[name] = (*facts, offset, len(blob))
            offset += len(blob)
        head = marshal.dumps((_BUNDLE_FORMAT, self.root, index))
        write_whole(self.path, b"".join([len(head).to_bytes(_HEAD, "little"), head,
                                         *(blob for _, blob in blobs.values())]))


def _entry_of(module: ModuleType | None, root: str
              ) -> tuple[tuple[str, bool, int, int], bytes] | None:
    """What the bundle keeps of a module imported from a source file under ``root``: its
    code as the import system made it (from the ``.pyc`` Python checked, or the source),
    with its source's size and modification time before and after reading it."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    get_code = getattr(getattr(spec, "loader", None), "get_code", None)
    if spec is None or get_code is None or not isinstance(origin, str) \
            or not origin.endswith(".py") or not origin.startswith(root + os.sep):
        return None
    try:
        before = os.stat(origin)
        code = get_code(spec.name)
        after = os.stat(origin)
        blob = marshal.dumps(code)
    except (OSError, ImportError, ValueError, SyntaxError):
        return None
    if code is None or (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns,
                                                                after.st_size):
        return None
    return ((os.path.relpath(origin, root), spec.submodule_search_locations is not None,
             after.st_mtime_ns, after.st_size), blob)


_bundle: ModuleBundle | None = None


def bundle_path(root: str) -> Path | None:
    """Where the bundle of the package in ``root`` lives for this Python (None without a
    cache folder)."""
    import zlib

    folder = cache_dir()
    if folder is None:
        return None
    return folder / (f"modules-{sys.implementation.name}-{sys.hexversion:x}-"
                     f"o{sys.flags.optimize}-{zlib.crc32(root.encode()):08x}"
                     f"-v{_BUNDLE_FORMAT}.marshal")


def keep_modules() -> ModuleBundle | None:
    """Import the rest of the package's modules through :class:`ModuleBundle` (the command
    line calls it first; :func:`~awesome_lint.startup.exit_now` stores what was missing).
    None, and nothing changed, when the package is not imported from a folder."""
    global _bundle
    if _bundle is not None:
        return _bundle
    package = sys.modules.get(_PACKAGE)
    locations = getattr(package, "__path__", None)
    if not locations or len(locations) != 1 or not os.path.isabs(locations[0]):
        return None
    root = locations[0]
    _bundle = ModuleBundle(root, bundle_path(root))
    sys.meta_path.insert(0, _bundle)
    return _bundle


def forget() -> None:
    """Save nothing at exit (``awesome-lint clean`` has just emptied the cache folder)."""
    if _bundle is not None:
        _bundle.path = None


def save_at_exit() -> None:
    """Store what this run imported the usual way (called by
    :func:`~awesome_lint.startup.exit_now`)."""
    if _bundle is not None:
        _bundle.save()
