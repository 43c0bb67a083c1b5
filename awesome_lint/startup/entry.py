"""Start-up tricks (9) and (10) of the command line's entry point: ``inspect`` and
``ipaddress`` imported only when something calls them, and the plain ``check PATH...`` run
without click."""

from __future__ import annotations

import os
import sys
from types import ModuleType
from typing import Any

# -- 9. modules imported for one rare call, imported when called ------------------------------


class _Deferred(ModuleType):
    """What a module importing ``name`` gets while :func:`import_deferring` imports it: the
    real module is imported on the first attribute asked of the stand-in."""

    def __getattr__(self, attribute: str) -> Any:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        import importlib

        return getattr(importlib.import_module(name), attribute)


def import_deferring(module: str, deferred: tuple[str, ...]) -> bool:
    """Import ``module`` with stand-ins for the modules ``deferred`` that import the real
    ones on first use; anything that imports them afterwards gets the real modules (the
    stand-ins leave ``sys.modules`` as soon as ``module`` is imported).  False, and nothing
    changed, when any of them is already imported.

    - ``dataclasses`` imports ``inspect`` (with ``ast``, ``dis``, ``tokenize`` and
      ``linecache``: 6-7 ms) for one call, made only for a class without a docstring, and
      every class a ``check`` creates has one; click imports it too, so the command line
      defers it only for :func:`plain_check` (seed 000: about 4 ms of CPU).
    - ``dataclasses`` imports ``copy`` (with ``weakref``: 1 ms) for ``asdict`` and
      ``astuple`` only, which a ``check`` never calls.
    - ``urllib.parse`` (imported by ``pathlib``) imports ``ipaddress`` (1 ms) to check a
      URL whose host is in brackets (``http://[::1]/``).  The command line imports nothing
      that reads the start-up cache, where ``pathlib`` comes in, before deferring it."""
    if module in sys.modules or any(name in sys.modules for name in deferred):
        return False
    stand_ins = {name: _Deferred(name) for name in deferred}
    sys.modules.update(stand_ins)
    try:
        __import__(module)
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    return True


def defer_inspect() -> bool:
    """``dataclasses`` imported with ``inspect`` and ``copy`` deferred
    (:func:`import_deferring`)."""
    return import_deferring("dataclasses", ("inspect", "copy"))


def defer_ipaddress() -> bool:
    """``urllib.parse`` imported with ``ipaddress`` deferred (:func:`import_deferring`)."""
    return import_deferring("urllib.parse", ("ipaddress",))


# -- 10. the plain ``check`` without click ----------------------------------------------------


def plain_check(argv: list[str]) -> tuple[list[str], bool] | None:
    """The paths of ``awesome-lint check [--exit-zero] PATH...``, and whether
    ``--exit-zero`` was given, when the command line is that and nothing else (no other
    option, no ``-`` for standard input), on a platform and with streams where click would
    write the report unchanged; None for every other command line.

    ``__main__.main`` then runs the check through the API and prints its text report itself,
    as ``cli.check`` does, and never imports click and the command modules (about 9 ms of a
    seed's ``check``, with the parts of the standard library only click imports: ``uuid``,
    ``ipaddress``, ``gettext``, ``locale``, ``platform``).  pre-commit's hook runs exactly
    this command line.  ``tests/test_plain_check.py`` compares its output and exit code with
    click's on every list of ``../shared`` and the error cases."""
    if not argv or argv[0] != "check" or sys.platform.startswith("win") \
            or "_AWESOME_LINT_COMPLETE" in os.environ:  # click's shell completion
        return None
    paths = [arg for arg in argv[1:] if arg != "--exit-zero"]
    if any(path.startswith("-") for path in paths):
        return None
    if not (_writes_as_is(sys.stdout) and _writes_as_is(sys.stderr)):
        return None
    return paths, len(paths) < len(argv) - 1


def _writes_as_is(stream: object) -> bool:
    """Whether ``click.echo`` writes to ``stream`` itself rather than to a wrapper of its
    own: a text stream whose encoding is set and is not ASCII (click's
    ``_force_correct_text_stream``)."""
    import codecs

    encoding = getattr(stream, "encoding", None)
    if stream is None or not isinstance(encoding, str) \
            or getattr(stream, "errors", None) is None:
        return False
    try:
        return codecs.lookup(encoding).name != "ascii"
    except LookupError:
        return False


def echo(text: str, *, err: bool = False, color: bool | None = None) -> None:
    """``click.echo(text, nl=False, err=err, color=color)`` for the streams
    :func:`plain_check` accepted: written and flushed.  Text holding an escape character is
    handed to click itself, which strips colour codes from a stream that is no terminal."""
    if "\x1b" in text:
        import click

        click.echo(text, nl=False, err=err, color=color)
        return
    stream = sys.stderr if err else sys.stdout
    if text:
        stream.write(text)
    stream.flush()
