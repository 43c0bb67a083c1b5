"""Glue between the tree and the link checker for ``--links``.

Collects the http(s) destinations a run should fetch (only on changed lines with
``--diff-base``), builds the checker's options from ``[tool.awesome-lint.links]`` and the
command line, and draws a progress bar on a terminal.  The checker itself lives in
:mod:`awesome_lint.linkcheck`; the rules in :mod:`awesome_lint.rules.links.http` read its
results.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from awesome_lint.model import Document

if TYPE_CHECKING:
    from awesome_lint.linkcheck import CheckOptions, LinkResult

CACHE_DIR = ".awesome-lint-cache"


def project_root(start: Path) -> Path:
    """The folder holding ``.git`` above ``start`` (or ``start``'s folder): where the cache
    lives, like ``.ruff_cache``."""
    folder = start.resolve() if start.is_dir() else start.resolve().parent
    return next((p for p in [folder, *folder.parents] if (p / ".git").exists()), folder)


def urls_to_check(document: Document, lines: set[int] | None = None) -> list[str]:
    """http(s) destinations in ``document`` (on ``lines`` only, when given), in order."""
    seen: dict[str, None] = {}
    for link in document.links:
        dest = link.destination
        if not dest.lower().startswith(("http://", "https://")):
            continue
        if lines is not None and not any(n in lines for n in range(link.line,
                                                                    link.span.end_line + 1)):
            continue
        seen.setdefault(dest, None)
    return list(seen)


def check_options(settings: Mapping[str, Any], *, root: Path, use_cache: bool | None,
                  allow_private: bool | None, config_path: str | None = None
                  ) -> CheckOptions:
    """The checker's options from ``[links]`` and the command line.  Settings that widen
    what may be reached come from the command line or environment only (:mod:`trust`)."""
    from awesome_lint.linkcheck import CheckOptions, trust

    timeout = float(settings["timeout"])
    return CheckOptions(
        concurrency=int(settings["concurrency"]),
        per_host=int(settings["per-host"]),
        per_host_interval=float(settings["per-host-interval"]),
        connect_timeout=timeout,
        read_timeout=timeout,
        attempt_timeout=timeout * 1.5,
        retries=int(settings["retries"]),
        deadline=float(settings["deadline"]) or None,
        accept_statuses=frozenset(settings["accept"]),
        skip_hosts=frozenset(settings["skip-hosts"]),
        allow_private_hosts=trust.allow_private_hosts(allow_private, settings, config_path),
        retry_after_cap=float(settings.get("retry-after-cap", 60.0)),
        cache_dir=str(root / CACHE_DIR),
        use_cache=bool(settings["cache"] if use_cache is None else use_cache),
        cache_ttl=float(settings["cache-ttl"]),
        failure_ttl=float(settings["failure-ttl"]),
    )


#: Seconds between two progress lines when stderr is not a terminal (CI logs); the
#: environment variable exists so tests need not wait that long.
PROGRESS_INTERVAL = float(os.environ.get("AWESOME_LINT_PROGRESS_INTERVAL", "5") or 5)


class Progress:
    """``checked/total, rate, ETA``: redrawn in place on a terminal; on anything else (a CI
    log) one plain line every :data:`PROGRESS_INTERVAL` seconds from a timer thread, so a long
    check shows signs of life even while no link finishes.  ``quiet`` silences both."""

    def __init__(self, stream: TextIO = sys.stderr, label: str = "Checking links", *,
                 quiet: bool = False) -> None:
        self.stream = stream
        self.label = label
        self.tty = stream.isatty()
        self.enabled = not quiet
        self.start = time.monotonic()
        self.checked = self.total = 0
        self._stop = threading.Event()
        self._timer: threading.Thread | None = None
        if self.enabled and not self.tty:
            self._timer = threading.Thread(target=self._tick, name="progress", daemon=True)
            self._timer.start()

    def _line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = self.checked / elapsed
        eta = (self.total - self.checked) / rate if rate > 0 else 0.0
        return f"{self.label}: {self.checked}/{self.total}  {rate:.1f}/s  ETA {eta:.0f}s"

    def _tick(self) -> None:
        while not self._stop.wait(PROGRESS_INTERVAL):
            if self.total:
                self.stream.write(self._line() + "\n")
                self.stream.flush()

    def __call__(self, checked: int, total: int) -> None:
        self.checked, self.total = checked, total
        if not self.enabled or not self.tty or total == 0:
            return
        self.stream.write(f"\r{self._line()} ")
        self.stream.flush()

    def done(self) -> None:
        self._stop.set()
        if self._timer is not None:
            self._timer.join()
        if self.enabled and self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def run_checks(urls: Iterable[str], options: CheckOptions, *, quiet: bool = False
               ) -> dict[str, LinkResult]:
    from awesome_lint.linkcheck import check_urls

    progress = Progress(quiet=quiet)
    try:
        return check_urls(list(urls), options, progress)
    finally:
        progress.done()


def summary_line(results: Mapping[str, LinkResult]) -> str:
    from awesome_lint.linkcheck import summarize

    counts = summarize(results)
    parts = ", ".join(f"{n} {cls}" for cls, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    cached = sum(1 for r in results.values() if r.from_cache)
    note = f"; {cached} from the cache" if cached else ""
    return f"Links: {len(results)} checked ({parts or 'none'}{note})."
