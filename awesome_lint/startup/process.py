"""Start-up tricks (1)-(4): the collector, exit without teardown, httpcore's sniffio import
and the plugin scan (what each saves: the package docstring and each function's)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

from awesome_lint.startup import bundle, compiled

# -- 1. the cyclic garbage collector ----------------------------------------------------------


def collector_off() -> None:
    """Switch the cyclic collector off for the whole command (called first by the CLI, before
    it imports anything else: importing the package made 27 collections, 2 ms of a seed's
    ``check``).

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
    compiled.save_at_exit()
    bundle.save_at_exit()
    os._exit(code)


def closed_stdout() -> int:
    """Point stdout at /dev/null so the final flush cannot raise again (the reader went away,
    ``| head``); the exit code 1, as Python's documentation on SIGPIPE advises."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 1


def exit_code_of(command: Callable[[], object]) -> int:
    """Run a command line's body and give the code to leave with (by :func:`exit_now`): what
    it returns or raises as ``SystemExit`` (a message for a code that is no number, as Python
    prints it), 1 when the reader went away, 2 when memory ran out.  Click's path and the
    plain ``check`` answer these the same way because both come through here."""
    try:
        code: object = command()
    except SystemExit as exit_:
        code = exit_.code
    except BrokenPipeError:  # the reader went away (``| head``): no message, as cat and git
        code = closed_stdout()
    except MemoryError:
        sys.stderr.write("awesome-lint: not enough memory\n")
        code = 2
    if code is not None and not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    return code or 0


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
    marker = f"[{group}]".encode()
    for folder in sys.path:
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith(".dist-info"):
                continue
            try:
                # read as bytes: no text layer per file (11 files: 0.4 -> 0.15 ms)
                with open(os.path.join(entry.path, "entry_points.txt"), "rb") as fh:
                    if marker in fh.read():
                        return True
            except OSError:
                continue
    return False
