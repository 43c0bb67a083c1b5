"""Every speed trick of the project, in one place, each saying what it saves.

pre-commit starts ``awesome-lint`` on every commit, so a small ``check`` costs what start-up
costs.  The figures quoted are whole-process CPU times of ``awesome-lint check`` measured by
``benchmarks/bench_peers.py`` (side by side with rumdl and markdownlint-cli2; results and the
command in ``benchmarks/PEERS.md``) unless another benchmark is named.  This module imports
nothing beyond the standard library's cheapest modules, so anything may import it.

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
  character pair that can be UTF-8 read as a single-byte code page; an en dash or a curly
  quote alone no longer pulls it in.
- ``awesome_lint.config``: tomllib only when a config file is read.
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
  (1.14 -> 1.08 s).
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
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
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


def parse_toml(data: bytes) -> dict[str, Any]:
    """TOML bytes (UTF-8) to a dict.  tomllib is imported here, on the first file parsed: a
    run with no config file and warm caches never imports it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    parsed: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
    return parsed


def cached_toml(path: Path, parse: Callable[[bytes], dict[str, Any]] = parse_toml
                ) -> dict[str, Any]:
    """``parse(path's bytes)``, kept in the user's cache folder keyed by a hash of the bytes.

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
    key = f"{path.stem}-{zlib.crc32(raw):08x}-{len(raw)}-py{sys.version_info[0]}" \
          f"{sys.version_info[1]}-v{_CACHE_FORMAT}.marshal"
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
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        partial.write_bytes(blob)
        os.replace(partial, cached)  # readers see the whole file or none
    except OSError:
        pass
    return data
