"""Start-up trick (6): compiled regular expressions and dataclass methods kept between runs
of the command line (:class:`CompiledCache`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import CodeType
from typing import TYPE_CHECKING, Any

from awesome_lint.startup.tables import cache_dir, write_whole

if TYPE_CHECKING:  # pathlib is imported when a path is made (tables.cache_dir)
    from pathlib import Path

# -- 6. compiled regular expressions and dataclass methods, kept between runs -----------------

#: Bumped when the cached form changes.
_COMPILED_FORMAT = 5
#: More entries than this (patterns built from documents or configs, say) and the next save
#: keeps only what its run used.
_COMPILED_CAP = 4000


class _RecordingSre:
    """Stands in for ``_sre`` inside ``re``'s compiler: passes every call on and keeps the
    arguments of the last ``compile``, the whole outcome of parsing a pattern."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self.last: tuple[Any, ...] = ()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def compile(self, *args: Any) -> Any:
        self.last = args
        return self._real.compile(*args)


class CompiledCache:
    """What Python compiles from text on every start and ``.pyc`` files do not keep: the
    ``re`` patterns (216 compiled at import, about 30 ms of a small ``check``) and the methods
    ``dataclasses`` writes as source and ``exec``-s (78 classes, about 25 ms).  Kept in two
    ``marshal`` files in the user's cache folder (read in about 2 ms), named by the exact
    Python build and the regular-expression engine's ``MAGIC``, so another Python never
    reads it.

    Identical by construction: a pattern is replayed from the very arguments ``re``'s
    compiler handed to ``_sre.compile`` for the same text and flags, and a method is the code
    object ``compile`` makes of the same source; ``tests/test_compile_cache.py`` checks every
    entry against a fresh compile.  Installed by the command line only (``__main__.main``),
    never in a library caller's process; anything unexpected (an unreadable file, a Python
    whose ``re`` or ``dataclasses`` differ) falls back to compiling.  The cache folder is
    trusted as Python trusts ``__pycache__``: the code objects read from it run."""

    def __init__(self, path: Path | None) -> None:
        #: The patterns' file; the methods and answers are in :attr:`methods_path`, read on
        #: first use (``--version`` creates no dataclass: 2 ms less to read).
        self.path = path
        parts = _read_dicts(path, 2) if path is not None else [{}, {}]
        self.patterns: dict[tuple[str | bytes, int], tuple[Any, ...]] = parts[0]
        #: String annotations -> code objects (:meth:`expression`): few and small, so they
        #: live beside the patterns, not in the methods' file (``--version`` reads no more).
        self.expressions: dict[str, Any] = parts[1]
        self._methods: list[dict[Any, Any]] | None = None
        self.used: set[object] = set()
        self.patterns_changed = False
        self.methods_changed = False

    @property
    def methods_path(self) -> Path | None:
        return None if self.path is None else self.path.with_name(
            f"{self.path.stem}-methods.marshal")

    @property
    def sources(self) -> dict[str, Any]:
        """Source text -> code object of the methods ``dataclasses`` writes."""
        return self._read_methods()[0]

    @property
    def answers(self) -> dict[tuple[str, str], str]:
        """(what, input) -> answer of a pure function (:func:`remembered`)."""
        return self._read_methods()[1]

    def _read_methods(self) -> list[dict[Any, Any]]:
        if self._methods is None:
            path = self.methods_path
            self._methods = _read_dicts(path, 2) if path is not None else [{}, {}]
        return self._methods

    def pattern(self, compile_: Callable[..., Any], recorder: _RecordingSre, sre: Any,
                p: Any, flags: int) -> Any:
        """``re``'s ``compile(p, flags)``, replayed when this text and these flags were
        compiled before."""
        if type(p) not in (str, bytes) or type(flags) is not int or flags & 128:  # DEBUG
            return compile_(p, flags)
        key = (p, flags)
        args = self.patterns.get(key)
        self.used.add(key)
        if args is not None:
            try:
                return sre.compile(p, args[0], code_words(args[1]), *args[2:])
            except (TypeError, ValueError, RuntimeError, IndexError):  # damaged: compile again
                pass
        compiled = compile_(p, flags)
        last = recorder.last
        if len(last) == 6 and last[0] is p:  # another thread's compile never gets stored
            try:
                self.patterns[key] = (int(last[1]), code_bytes(last[2]), *last[3:])
                self.patterns_changed = True
            except (OverflowError, TypeError):  # a word wider than ``unsigned int``
                pass
        return compiled

    def source(self, text: str) -> Any:
        """The code object of ``text``, as ``exec(text)`` in ``dataclasses`` compiles it."""
        code = self.sources.get(text)
        self.used.add(text)
        if not isinstance(code, CodeType):  # not cached (or a damaged entry)
            code = compile(text, "<string>", "exec", dont_inherit=True)
            self.sources[text] = code
            self.methods_changed = True
        return code

    def expression(self, text: str) -> Any:
        """The code object of ``text`` compiled as an expression, as ``typing.ForwardRef``
        compiles a string annotation.  The first ``compile`` of a process costs about 1 ms
        (the compiler sets itself up): mistletoe's ``Optional['Token']`` made it on every
        ``check``, click's annotations 26 times on ``--version``."""
        code = self.expressions.get(text)
        self.used.add(text)
        if not isinstance(code, CodeType):
            code = compile(text, "<string>", "eval", dont_inherit=True)
            self.expressions[text] = code
            self.patterns_changed = True
        return code

    def save(self) -> None:
        """Write a file again when this run compiled something new for it."""
        if self.patterns_changed and self.path is not None:
            _write_dicts(self.path, [self.patterns, self.expressions], self.used)
        if self.methods_changed and self.methods_path is not None:
            _write_dicts(self.methods_path, self._read_methods(), self.used)


def code_bytes(words: list[int]) -> bytes:
    """A pattern's compiled code (a list of C ``unsigned int`` words) as bytes: ``marshal``
    reads bytes at copying speed, where a list makes an int object per word (the patterns'
    file: 1.2 -> 0.3 ms, and only the patterns a run compiles are turned back into lists)."""
    import array

    return array.array("I", words).tobytes()


def code_words(blob: bytes) -> list[int]:
    """:func:`code_bytes` back to the list ``_sre.compile`` takes."""
    words: list[int] = memoryview(blob).cast("I").tolist()
    return words


def _read_dicts(path: Path, count: int) -> list[dict[Any, Any]]:
    """The ``count`` dicts a cache file holds; empty ones for a missing or damaged file."""
    import marshal

    try:
        found = marshal.loads(path.read_bytes())
        if isinstance(found, tuple) and len(found) == count \
                and all(isinstance(part, dict) for part in found):
            return list(found)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    return [{} for _ in range(count)]


def _write_dicts(path: Path, parts: list[dict[Any, Any]], used: set[object]) -> None:
    """Write the dicts; over :data:`_COMPILED_CAP` entries, only what this run used."""
    import marshal

    if sum(len(part) for part in parts) > _COMPILED_CAP:
        parts = [{k: v for k, v in part.items() if k in used} for part in parts]
    try:
        blob = marshal.dumps(tuple(parts))
    except ValueError:  # something marshal cannot hold: leave the file as it is
        return
    write_whole(path, blob)


_compiled: CompiledCache | None = None


def compiled_cache_path() -> Path | None:
    """Where this Python's compiled cache lives (None without a cache folder)."""
    import _sre  # type: ignore[import-not-found]

    folder = cache_dir()
    if folder is None:
        return None
    return folder / (f"compiled-{sys.implementation.name}-{sys.hexversion:x}-"
                     f"{_sre.MAGIC}-v{_COMPILED_FORMAT}.marshal")


def keep_compiled() -> CompiledCache | None:
    """Route ``re``'s compiler, ``dataclasses``' ``exec`` and ``typing``'s ``compile`` (string
    annotations) through :class:`CompiledCache` for the rest of this process (the command
    line calls it first; :func:`exit_now` saves).
    None, and nothing changed, on a Python whose internals differ from what it expects."""
    global _compiled
    if _compiled is not None:
        return _compiled
    import builtins
    import dataclasses
    import re
    import typing

    compiler: Any = getattr(re, "_compiler", None) or sys.modules.get("sre_compile")
    sre = getattr(compiler, "_sre", None)
    if compiler is None or sre is None or not callable(getattr(compiler, "compile", None)) \
            or getattr(dataclasses, "exec", builtins.exec) is not builtins.exec \
            or getattr(typing, "compile", builtins.compile) is not builtins.compile:
        return None
    cache = CompiledCache(compiled_cache_path())
    recorder = _RecordingSre(sre)
    original = compiler.compile

    def compile_pattern(p: Any, flags: int = 0) -> Any:
        return cache.pattern(original, recorder, sre, p, flags)

    def exec_source(source: Any, globals_: Any = None, locals_: Any = None) -> None:
        if type(source) is str:
            source = cache.source(source)
        builtins.exec(source, globals_, locals_)

    def compile_expression(source: Any, filename: Any, mode: Any, flags: int = 0,
                           dont_inherit: bool = False, optimize: int = -1) -> Any:
        if type(source) is str and filename == "<string>" and mode == "eval" and not flags \
                and optimize == -1:
            return cache.expression(source)
        # typing has no future imports: not inheriting ours compiles as it would
        return builtins.compile(source, filename, mode, flags, True, optimize)

    compiler._sre = recorder
    compiler.compile = compile_pattern
    dataclasses.exec = exec_source  # type: ignore[attr-defined]  # shadows the builtin there
    typing.compile = compile_expression  # type: ignore[attr-defined]  # ForwardRef's compile
    _compiled = cache
    return cache


def active() -> CompiledCache | None:
    """The cache :func:`keep_compiled` installed in this process (None in a library caller's)."""
    return _compiled


def save_at_exit() -> None:
    """Write what this run compiled anew (called by :func:`~awesome_lint.startup.exit_now`)."""
    if _compiled is not None:
        _compiled.save()


def clear_user_cache() -> list[Path]:
    """Delete the files the start-up cache keeps in :func:`cache_dir` (``awesome-lint clean``): they
    only save time, and every one is rebuilt by the next run that needs it."""
    if _compiled is not None:  # this run saves nothing back at exit
        _compiled.path = None
    from awesome_lint.startup import bundle

    bundle.forget()
    folder = cache_dir()
    removed: list[Path] = []
    if folder is None or not folder.is_dir():
        return removed
    for path in sorted(folder.glob("*.marshal")):
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
