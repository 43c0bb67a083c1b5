"""Every speed trick of the project, in one place, each saying what it saves.

pre-commit starts ``awesome-lint`` on every commit, so a small ``check`` costs what start-up
costs.  The figures quoted are whole-process CPU times of ``awesome-lint check`` measured by
``benchmarks/bench_peers.py`` (side by side with rumdl and markdownlint-cli2; results and the
command in ``benchmarks/PEERS.md``) unless another benchmark is named.  This module imports
nothing beyond the standard library's cheapest modules, so anything may import it.

The tricks here: (1) the cyclic collector off, (2) no interpreter teardown, (3) httpcore's
sniffio import, (4) the plugin scan, (5) bundled TOML read back with ``marshal``, (6) compiled
regular expressions (their code as bytes) and dataclass methods kept between runs
(:class:`CompiledCache`: about 45 ms of a seed's ``check``, the first run in a cache folder
excepted), (7) ftfy only for a
line it would change, and its answers kept, (8) the ``regex`` package only for non-ASCII
text (:class:`AsciiTwin`: 8 ms; used by ``syntax.slugs``, ``syntax.ordering`` and
``rules.awesome.items``).

Tricks that live elsewhere because they are a module's own business, not start-up plumbing,
are listed here so that one file still names them all:

- ``awesome_lint.cli``: a command's module is imported only when that command runs
  (``cli.LazyCommands``), and each imports the engine and the parser inside its function, so
  ``--version`` costs click alone (0.064 -> 0.043 s) and ``rules``/``explain`` never import
  the parser, mistletoe or the engine (``tests/test_startup.py``).
- ``awesome_lint.cli.run``: the link checker (asyncio: 50-70 ms) is imported only when a file
  wants its links checked.
- ``awesome_lint.rules``: the families import when first asked for, and only the families a
  selection can match (:data:`awesome_lint.rules.index.RULE_INDEX`, a table of every
  built-in code tested to agree with the rule classes).
- ``awesome_lint.syntax.mojibake``: ftfy (50-100 ms to import) only for a line holding a
  character pair that can be UTF-8 read as a single-byte code page and that ftfy's own
  ``badness.is_bad`` flags (loaded alone, :func:`module_alone`): ftfy returns every other line
  unchanged.  Its answers are kept between runs (:func:`remembered`), so a list with a
  garbled emoji (seeds 000 and 001) stops paying 25 ms for ftfy on every ``check``.
- ``awesome_lint.syntax.markdown``: mistletoe imported with its Unicode punctuation scan
  limited to ASCII and an exact membership test put in its place (0.2 s).
- ``awesome_lint.rules.badges.analysis``: the venue registry built only when a badge or a
  venue mark needs reading (7 ms of CPU: two thirds of a 3-line file's run after imports).
- ``awesome_lint.venues.registry.load_registry``: the bundled venues, once checked, and the
  registry's indexes kept between runs (:func:`cached_toml` with ``depends``: 5.5 -> 3.0 ms);
  ``Registry._add`` makes one entry per spelling for both indexes, and ``lookup_key`` and
  ``loose_key`` skip a pattern that cannot change an ASCII or alphanumeric key.
- ``awesome_lint.rules.NETWORK_FAMILIES``: an offline selection never imports the families
  whose every rule needs the network (LNK1, PAP).
- ``awesome_lint.engine.fix_text``: the fix appliers (``autofix.apply``, ``autofix.linemap``)
  imported by ``fix`` only; ``awesome_lint.cli.options``: ``click.shell_completion`` only
  when completing a word (``tests/test_startup.py``).
- Every dataclass a ``check`` creates has a docstring: ``dataclasses`` calls
  ``inspect.signature`` to write one for a class without (27 classes: 1.3 ms).
- ``awesome_lint.venues.badge_text.lookup_key``: an ASCII text skips the invisible-character
  table (``str.translate`` with a table walks it per character): 2 ms of every run that
  builds the registry.
- ``awesome_lint.config``: tomllib only when a config file is read.
- ``awesome_lint.files.discovery``: subprocess (for ``git ls-files``, 2 ms) only for a folder
  argument; ``awesome_lint.report.summary``: json only for ``--statistics --format json``
  (``tests/test_startup.py``).
- ``awesome_lint.syntax.parser``: the line breaks mistletoe would split at and GitHub does not
  hidden with one ``re.sub`` (awesome-go: 2 ms) instead of ``str.translate`` with a table
  (40 ms).
- ``awesome_lint.engine`` (memory, with the collector off): ``fix`` cuts the one cycle of a
  tree (a section's ``parent``) when it lets a tree go: before the guard and the re-parse of
  each pass, and when it returns, so reference counting frees it (12 files of 10k entries
  in one ``fix``: peak RSS 369 -> 160 MB); the fixed body is the input itself when it needs
  no newline or BOM change.  ``syntax.parser.ParseMemo.finish`` drops the items of the
  parse before last once a parse ends.  ``rules.duplicates``: word sets built only while two
  titles are compared, and a link seen once indexed as a pair (50k entries: ``fix`` peak
  RSS 372 -> 292 MB, ``check`` 259 -> 218 MB; ``tests/test_memory.py``).

Per-entry tricks (the hot paths of a long list; figures are ``check`` on 10k generated
entries, whole-process CPU, medians of alternating runs against the version before):

- ``awesome_lint.model._fast_frozen_init``: the frozen tree nodes (``Span``, ``Link``,
  ``Badge``...) store their fields through their slots' descriptors instead of
  ``object.__setattr__`` by name: a ``Link`` builds in 0.6 us instead of 1.06 us
  (1.14 -> 1.08 s); those methods are compiled through (6) like dataclasses' own.
- ``awesome_lint.syntax.scanner``: in a block without backslashes or backticks, the common
  shapes are read in one regex match each, shapes whose bracket pair is certain without
  the block's bracket pass (``_SIMPLE_LINK`` ``[t](url)``, ``_SIMPLE_LABEL`` ``[Tag]``,
  ``_BRACKETED_LINK`` ``[[Notes](url)]``, recorded with ``Lookahead.known_pair`` so the pass
  never runs for most entries); a closed ``<kbd>`` badge in one match
  (``_SIMPLE_KBD_REST``); no reference lookup when the document defines no label.  Pinned
  to the general paths by ``tests/test_scan_fast_paths.py``.  With the items below, the
  parse of 10k entries went 595 -> 440 ms (in process).
- ``awesome_lint.syntax.entries``: an ASCII entry's ``<kbd>`` elements by ``str.find`` in
  its lower-cased copy instead of three regex scans (``_ascii_kbd_elements``); a one-line
  item's link offsets read from the columns, worked out once for the entry and its
  description.
- ``awesome_lint.syntax.parser``: a section's path worked out once per section, not per
  item (``_Builder._section_path``); ``Entry``, ``Link`` and ``Badge`` built with
  positional arguments in the per-item paths (keywords cost 2.5 times as much).
- ``awesome_lint.syntax.lines``: no line-ending regex for text without CR; the nesting
  check skips at once the lines that start with neither a blank nor ``>``.
  ``awesome_lint.syntax.tags._entry_text``: a one-line entry's text without the line loop.
- ``awesome_lint.syntax.kbd.stray_closers``: a line with one badge tested directly, no
  bisect; code-span ticks only for a closer outside every badge.
- ``awesome_lint.rules.duplicates.entries.DuplicateTitle._near_pairs``: row i's values in
  locals for its window.
- ``awesome_lint.syntax.scanner`` (memory): a badge keeps the cached reading's copy of its
  text, and link texts of up to ``_SHARED_LABEL`` characters are interned (``Notes``
  once, not once per entry): 50k entries, ``fix`` peak RSS 300 -> 292 MB, ``check``
  216 -> 210 MB.

Together: ``check`` of 10k generated entries 1.16 -> 0.95 s CPU, of 50k 5.17 -> 4.27 s
(medians of 5 alternating runs: ``python benchmarks/bench_peers.py --only check --sizes
10000,50000 --baseline afc7674``).

Per-entry tricks, round 2 (each pinned to the path it skips by
``tests/test_per_entry_tricks.py``; figures are per-call micro-benchmarks times the calls a
10k-entry ``check`` makes; whole-process figures at the end):

- ``awesome_lint.engine._with_path``: a finding's copy with its path built positionally
  (1.4 us) instead of ``dataclasses.replace`` (3.2 us): 1,360 findings, about 2.5 ms.
- ``awesome_lint.syntax.blocks._plain_item``: an item whose text starts with a character
  no list-marker or thematic-break pattern can start with skips the three ``line + "\n"``
  copies and matches (0.59 -> 0.36 us a line): about 3 ms.
- ``awesome_lint.files.sources.read_bounded``: the first read asks for the size ``fstat``
  gave plus one byte, not for a buffer the size of the limit (10 MB): 0.7 ms a file.
- ``awesome_lint.syntax.entries.build_entry``: a bracketed link (``[[Notes](url)]``) is
  a resource without its label being stripped and lower-cased, and the gap before it is
  cut only when it decides; whether a leading ``[Tag]`` lies inside one of up to
  ``_FEW_LINKS`` links asked of the links directly, not through a ``Covered`` built for
  the entry (12.0 -> 10.9 us to build an entry with a leading tag, best of 7).
  ``awesome_lint.syntax.parser._Builder.list_block``: one
  ``str.find`` for the marker column, no continuation call for a one-line item.  With the
  item above, the in-process parse of 10k entries went about 410 -> 400 ms.
- ``awesome_lint.syntax.layout_conventions._plain``: a one-character marker is read
  without a regex (10k ``fullmatch`` calls).
- ``awesome_lint.rules.duplicates.entries.DuplicateTitle._near_pairs``: row i's word set
  read once for its window, not once per neighbour.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType, ModuleType
from typing import Any, NoReturn

# -- 1. the cyclic garbage collector ----------------------------------------------------------


def collector_off() -> None:
    """Switch the cyclic collector off for the whole command (called first by the CLI).

    Each parse and lint makes hundreds of thousands of objects that live until the process
    exits, and every collection walked them all again (0.2 s of a 2.3 s ``fix`` on 10k
    entries, ``benchmarks/bench_fix.py``).  The trees hold one cycle (a section and its
    parent), which ``fix`` cuts for every tree it lets go (see the module's list)."""
    gc.disable()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector around one big build (the parser's tree, the formatter's
    output) for library callers that keep it on: a tree of 50k entries allocates millions of
    objects that all stay alive, and repeated full collections over them made parsing grow
    faster than linearly (7.8 s instead of 5.1 s for 50k entries, ``bench_check.py``)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def collecting() -> Iterator[None]:
    """The collector back on while the link checker runs: asyncio and httpx leave cycles
    (exceptions, frames, futures) that would otherwise pile up for the whole run."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()


# -- 2. no interpreter teardown ---------------------------------------------------------------


def exit_now(code: int) -> NoReturn:
    """Flush and leave without the interpreter's teardown: freeing the tree of a 10k-entry
    list object by object took 0.6 s of a 4.2 s ``fix`` (``bench_fix.py``).  Everything is
    written and flushed by then; mypy exits the same way."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a closed pipe (``| head``): nothing left to say
        pass
    if _compiled is not None:
        _compiled.save()
    os._exit(code)


# -- 3. httpcore's import of sniffio ----------------------------------------------------------


def fast_httpcore_imports() -> None:
    """Make httpcore's per-lock ``import sniffio`` fail fast when sniffio is absent.

    httpcore tries ``import sniffio`` for every lock and event it creates; a missing module
    is searched on ``sys.path`` again each time (about 1/3 of the CPU of a link check,
    ``benchmarks/links``).  ``sys.modules[name] = None`` is Python's documented negative
    import cache."""
    import importlib.util

    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


# -- 4. the plugin entry-point scan -----------------------------------------------------------


def any_plugin_declared(group: str) -> bool:
    """Whether any installed distribution declares entry points in ``group``.

    ``importlib.metadata`` costs about 30 ms to import and scan every distribution;
    this reads the ``entry_points.txt`` files directly (one ``scandir`` per ``sys.path``
    folder: 0.6 ms with 25 distributions installed), and only a hit pays for
    ``importlib.metadata``."""
    marker = f"[{group}]"
    for folder in sys.path:
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith(".dist-info"):
                continue
            try:
                with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as fh:
                    if marker in fh.read():
                        return True
            except OSError:
                continue
    return False


# -- 5. bundled TOML data without parsing TOML ------------------------------------------------

#: Bumped when the cached form changes.
_CACHE_FORMAT = 1


def cache_dir() -> Path | None:
    """The user's cache folder for awesome-lint: ``$AWESOME_LINT_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/awesome-lint``, else ``~/.cache/awesome-lint``; None when there is no
    home to put it in (never a relative folder under the current directory)."""
    explicit = os.environ.get("AWESOME_LINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "awesome-lint" if os.path.isabs(base) else None


def clear_user_cache() -> list[Path]:
    """Delete the files this module keeps in :func:`cache_dir` (``awesome-lint clean``): they
    only save time, and every one is rebuilt by the next run that needs it."""
    if _compiled is not None:  # this run saves nothing back at exit
        _compiled.path = None
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
    try:
        stamps = [f"{source}:{found.st_size}:{found.st_mtime_ns}"
                  for source in depends for found in (os.stat(source),)]
    except (OSError, TypeError):  # a source gone, or no file (``__file__`` is None)
        return parse(raw)
    code = f"-{zlib.crc32(chr(0).join(stamps).encode()):08x}" if stamps else ""
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
    _write_whole(cached, blob)
    return data


def _write_whole(path: Path, blob: bytes) -> None:
    """Write ``blob`` to ``path`` through a temporary file and a rename, so that readers see
    the whole file or none; a read-only cache folder is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(blob)
        os.replace(partial, path)
    except OSError:
        pass


# -- 6. compiled regular expressions and dataclass methods, kept between runs -----------------

#: Bumped when the cached form changes.
_COMPILED_FORMAT = 4
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
        self.patterns: dict[tuple[str | bytes, int], tuple[Any, ...]] = \
            _read_dicts(path, 1)[0] if path is not None else {}
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

    def save(self) -> None:
        """Write a file again when this run compiled something new for it."""
        if self.patterns_changed and self.path is not None:
            _write_dicts(self.path, [self.patterns], self.used)
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
    _write_whole(path, blob)


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
    """Route ``re``'s compiler and ``dataclasses``' ``exec`` through :class:`CompiledCache`
    for the rest of this process (the command line calls it first; :func:`exit_now` saves).
    None, and nothing changed, on a Python whose internals differ from what it expects."""
    global _compiled
    if _compiled is not None:
        return _compiled
    import builtins
    import dataclasses
    import re

    compiler: Any = getattr(re, "_compiler", None) or sys.modules.get("sre_compile")
    sre = getattr(compiler, "_sre", None)
    if compiler is None or sre is None or not callable(getattr(compiler, "compile", None)) \
            or getattr(dataclasses, "exec", builtins.exec) is not builtins.exec:
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

    compiler._sre = recorder
    compiler.compile = compile_pattern
    dataclasses.exec = exec_source  # type: ignore[attr-defined]  # shadows the builtin there
    _compiled = cache
    return cache


# -- 7. ftfy only for a line it would change, and its answers kept ----------------------------


def module_alone(package: str, name: str) -> ModuleType | None:
    """The module ``package.name`` executed on its own, without ``package/__init__.py``
    (None if it cannot be: not installed, or it needs its package).

    ``ftfy.badness`` needs only ``re``; its package imports ftfy's code-page tables and
    wcwidth (25 ms even with :class:`CompiledCache` warm), which ``ftfy.badness.is_bad``, the
    test ftfy itself applies before changing a line, does not use."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
        folders = list(spec.submodule_search_locations or []) if spec else []
        for folder in folders:
            path = os.path.join(folder, f"{name}.py")
            if not os.path.isfile(path):
                continue
            alone = importlib.util.spec_from_file_location(
                f"awesome_lint._alone.{package}.{name}", path)
            if alone is None or alone.loader is None:
                return None
            module = importlib.util.module_from_spec(alone)
            alone.loader.exec_module(module)
            return module
    except (ImportError, OSError, SyntaxError):
        pass
    return None


def package_stamp(package: str) -> str | None:
    """A checksum of the names, sizes and modification times of the package's Python files:
    another version of it installed, another stamp (a ``stat`` per file, no reading)."""
    import importlib.util
    import zlib

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        return None
    facts = []
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for file in sorted(f for f in files if f.endswith(".py")):
                try:
                    found = os.stat(os.path.join(root, file))
                except OSError:
                    return None
                facts.append(f"{root}/{file}:{found.st_size}:{found.st_mtime_ns}")
    return f"{package}-{zlib.crc32(chr(0).join(facts).encode()):08x}"


def remembered(what: str, text: str, compute: Callable[[str], str]) -> str:
    """``compute(text)``, kept between runs of the command line (:class:`CompiledCache`) under
    ``what``, which must name the function and the version of the code behind it.  A
    library caller's process computes every time.

    ``ftfy.fix_encoding`` of a line it would change: a list with a garbled emoji paid for
    importing ftfy on every ``check`` (seed 000: 25 ms of 0.11 s)."""
    cache = _compiled
    if cache is None:
        return compute(text)
    key = (what, text)
    cache.used.add(key)
    answer = cache.answers.get(key)
    if answer is None:
        answer = compute(text)
        cache.answers[key] = answer
        cache.methods_changed = True
    return answer


# -- 8. the ``regex`` package only for non-ASCII text -----------------------------------------


class AsciiTwin:
    """A ``regex`` pattern (Unicode properties, which ``re`` lacks) beside an ``re`` pattern
    that does exactly the same on ASCII text.  ``regex`` costs 8 ms of CPU to import and to
    compile its property classes, on every run; most headings, titles and first words of a
    list are ASCII, and only the first non-ASCII one loads it.

    ``sub`` and ``search`` take the twin for an ASCII text; ``match`` also for a text whose
    characters up to the one after the twin's match are ASCII, which is exact for the
    patterns given here: no lookaround, so a match is decided by the characters it covers and
    the one that stops it.  ``tests/test_ascii_twins.py`` checks every twin against its
    ``regex`` pattern on every ASCII character and on generated texts."""

    __slots__ = ("_full", "ascii", "flags", "pattern")

    def __init__(self, pattern: str, ascii: str, flags: int = 0) -> None:
        import re

        self.pattern = pattern
        self.flags = flags
        self.ascii = re.compile(ascii, flags)
        self._full: Any = None

    def full(self) -> Any:
        """The ``regex`` pattern, compiled on first use."""
        if self._full is None:
            import regex

            self._full = regex.compile(self.pattern, self.flags)
        return self._full

    def sub(self, repl: str, text: str) -> str:
        found: str = (self.ascii if text.isascii() else self.full()).sub(repl, text)
        return found

    def search(self, text: str) -> Any:
        return (self.ascii if text.isascii() else self.full()).search(text)

    def match(self, text: str) -> Any:
        found = self.ascii.match(text)
        if text.isascii() or (found is not None and text[:found.end() + 1].isascii()):
            return found
        return self.full().match(text)
