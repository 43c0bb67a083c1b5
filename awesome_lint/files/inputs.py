"""From command-line arguments to texts ready to parse, with every per-file problem turned into
a report instead of an exception, so one bad file never ends a run (ruff's E902).

:func:`load` walks :func:`awesome_lint.files.discovery.discover`, finds each file's configuration,
drops excluded files and reads the rest; what cannot be read becomes an ``IO001`` report that
every output format carries, and the CLI exits 2 at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from awesome_lint.config import Config
from awesome_lint.diagnostics import FileReport
from awesome_lint.files.discovery import Source
from awesome_lint.files.sources import (
    INPUT_ERROR_CODE,
    InputError,
    input_error_diagnostic,
    read_stdin,
    read_text,
)


@dataclass(frozen=True)
class Loaded:
    """A source that was read: its text and the configuration that applies to it."""

    source: Source
    config: Config
    text: str


def error_report(err: InputError) -> FileReport:
    """A report holding the one ``IO001`` finding for ``err``."""
    return FileReport(err.path, [input_error_diagnostic(err)])


def has_input_errors(reports: Iterable[FileReport]) -> bool:
    return any(d.code == INPUT_ERROR_CODE for r in reports for d in r.diagnostics)


def excluded(path: Path, config: Config) -> bool:
    """Whether ``exclude`` (glob patterns on the path, its name or any tail of it) drops it."""
    text = path.as_posix()
    return any(fnmatch(text, pattern) or fnmatch(path.name, pattern)
               or fnmatch(text, f"*/{pattern}") for pattern in config.exclude)


def load(items: Iterable[Source | InputError], config_for: Callable[[Path], Config]
         ) -> Iterator[Loaded | FileReport]:
    """Each source read, or an error report in its place; an excluded file yields nothing.

    A broken config file raises :class:`ConfigError` (as in ruff, a config error ends the run:
    a typo must never silently lint with other settings)."""
    for item in items:
        if isinstance(item, InputError):
            yield error_report(item)
            continue
        config = config_for(item.path)
        if not item.stdin and excluded(item.path, config):
            continue
        try:
            text = (read_stdin(item.shown, config.max_file_size) if item.stdin
                    else read_text(item.path, config.max_file_size))
        except InputError as err:
            yield error_report(err)
            continue
        yield Loaded(item, config, text)
