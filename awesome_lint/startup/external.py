"""Start-up trick (7): a third-party module run alone, without its package (ftfy's badness
test without ftfy), and a pure function's answers kept between runs."""

from __future__ import annotations

import os
from collections.abc import Callable
from types import ModuleType

from awesome_lint.startup import compiled
from awesome_lint.startup.tables import files_stamp

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

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        return None
    paths: list[str] = []
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            paths.extend(os.path.join(root, file)
                         for file in sorted(f for f in files if f.endswith(".py")))
    stamp = files_stamp(paths)
    return None if stamp is None else f"{package}-{stamp}"


def remembered(what: str, text: str, compute: Callable[[str], str]) -> str:
    """``compute(text)``, kept between runs of the command line (:class:`CompiledCache`) under
    ``what``, which must name the function and the version of the code behind it.  A
    library caller's process computes every time.

    ``ftfy.fix_encoding`` of a line it would change: a list with a garbled emoji paid for
    importing ftfy on every ``check`` (seed 000: 25 ms of 0.11 s)."""
    cache = compiled.active()
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
