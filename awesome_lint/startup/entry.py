"""Start-up tricks (9) and (10) of the command line's entry point: ``inspect`` imported only
when something calls it, and the plain ``check PATH...`` run without click."""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

# -- 9. inspect, imported when called -----------------------------------------------------------


class _DeferredInspect(ModuleType):
    """What ``dataclasses`` gets for ``import inspect``: the real module is imported on the
    first attribute asked of it (``dataclasses`` asks only to write a docstring for a class
    without one, ``inspect.signature``)."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get("inspect") is self:
            del sys.modules["inspect"]
        import inspect

        return getattr(inspect, name)


def defer_inspect() -> bool:
    """Import ``dataclasses`` with a stand-in for ``inspect`` that imports the real module on
    first use.  ``dataclasses`` imports ``inspect`` (with ``ast``, ``dis``, ``tokenize`` and
    ``linecache``: 6-7 ms) for one call, made only for a class without a docstring, and
    every class a ``check`` creates has one; click imports it too, so it pays only with
    :func:`plain_check` (seed 000: about 4 ms of CPU).  Anything else that imports
    ``inspect`` afterwards gets the real module: the stand-in leaves ``sys.modules`` as soon
    as ``dataclasses`` is imported.  False, and nothing changed, when either module is
    already imported."""
    if "inspect" in sys.modules or "dataclasses" in sys.modules:
        return False
    stand_in = _DeferredInspect("inspect")
    sys.modules["inspect"] = stand_in
    try:
        import dataclasses  # noqa: F401  (imported here, with the stand-in)
    finally:
        if sys.modules.get("inspect") is stand_in:
            del sys.modules["inspect"]
    return True


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
    if not argv or argv[0] != "check" or sys.platform.startswith("win"):
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
