"""SQLite result cache shared by runs and by processes (pre-commit + editor at once).

WAL mode lets readers and one writer proceed together; ``busy_timeout`` makes a second
writer wait instead of failing; every transaction is one short batch.  Successes (OK and
redirects) are served for ``ttl``; failures only for the much shorter ``failure_ttl``, so a
rerun straight after a run (a fix, then a re-check) does not wait on the same dead hosts
again, while any later run checks them afresh.  Results that made no request (a deadline
cut, a skipped host) are never stored.
A cache that cannot be opened (read-only tree, odd filesystem) is simply not used; a cache
file that is not a cache (truncated, garbage, another schema: a pull request can commit
one) is moved aside with one warning line and a new one is built (:func:`open_cache`).
Rows stamped in the future are stale, so a planted row cannot be trusted forever.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._types import GOOD_CLASSES, LinkClass, LinkResult

if TYPE_CHECKING:
    import sqlite3

DB_NAME = "links.sqlite3"
_DB_FILES = (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal", ".gitignore")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results_v1 (
    key TEXT PRIMARY KEY,
    link_class TEXT NOT NULL,
    status INTEGER,
    final_url TEXT,
    redirects TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    checked_at REAL NOT NULL
)
"""
_COLUMNS = ("key", "link_class", "status", "final_url", "redirects", "attempts", "checked_at")
#: A row stamped later than now plus this is stale (planted, or from a clock gone wrong).
_CLOCK_SKEW = 300.0
#: What sqlite3 says of a file that is not a usable cache (as opposed to a busy or
#: unwritable one, which is left alone).
_BROKEN = ("not a database", "malformed", "wrong schema", "no such column", "no such table",
           "corrupt")
#: Rows older than this are deleted whatever the TTL, to keep the file small.
_PRUNE_AFTER = 30 * 86400.0
_CHUNK = 500
#: Seconds to keep retrying the set-up while another process holds the file.
_SETUP_WAIT = 10.0


class ResultCache:
    """Read-many / write-batch access to ``<directory>/links.sqlite3``."""

    def __init__(self, directory: str | os.PathLike[str], ttl: float,
                 failure_ttl: float = 0.0) -> None:
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        _write_gitignore(path / ".gitignore")
        import sqlite3  # here, so importing the package stays cheap

        self._ttl = ttl
        self._failure_ttl = failure_ttl
        self._db: sqlite3.Connection = sqlite3.connect(
            path / DB_NAME, timeout=10.0, isolation_level=None
        )
        try:
            self._db.execute("PRAGMA busy_timeout=10000")
            self._setup()
        except sqlite3.Error:
            self._db.close()
            raise

    def _setup(self) -> None:
        """Switch to WAL and create the table, retrying while another process does.

        SQLite answers "database is locked" at once, without its busy handler, when two
        processes create the file or switch it to WAL together (pre-commit and an editor
        both starting): wait and retry, like the busy handler would."""
        import sqlite3

        deadline = time.monotonic() + _SETUP_WAIT
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute(_SCHEMA)
                columns = [row[1] for row in self._db.execute("PRAGMA table_info(results_v1)")]
                if columns != list(_COLUMNS):
                    raise sqlite3.DatabaseError(f"wrong schema (columns {', '.join(columns)})")
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) and "busy" not in str(err):
                    raise
                if time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.01, 0.05))

    @property
    def connection(self) -> sqlite3.Connection:
        """The open database, for callers that keep a table of their own in the same file
        (the paper lookups do)."""
        return self._db

    def get_many(self, keys: Sequence[str]) -> dict[str, LinkResult]:
        """Fresh cached results for ``keys`` (``url`` field = the key's URL part)."""
        found: dict[str, LinkResult] = {}
        now = time.time()
        newest = now + _CLOCK_SKEW
        oldest = now - max(self._ttl, self._failure_ttl)
        oldest_failure = now - self._failure_ttl
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT key, link_class, status, final_url, redirects, attempts, checked_at"
                f" FROM results_v1 WHERE checked_at >= ? AND checked_at <= ? AND key IN ({marks})",
                (oldest, newest, *chunk),
            ).fetchall()
            for key, link_class, status, final_url, redirects, attempts, checked_at in rows:
                try:
                    cls = LinkClass(link_class)
                    chain = tuple(str(u) for u in json.loads(redirects))
                except (ValueError, TypeError):
                    continue
                fresh_from = now - self._ttl if cls in GOOD_CLASSES else oldest_failure
                if checked_at < fresh_from:
                    continue
                found[key] = LinkResult(
                    url=key.split(" ", 1)[-1],
                    link_class=cls,
                    status=status,
                    final_url=final_url,
                    attempts=int(attempts),
                    elapsed=0.0,
                    redirects=chain,
                    from_cache=True,
                )
        return found

    def put_many(self, results: Mapping[str, LinkResult]) -> None:
        """Store the results that made requests, in one short transaction."""
        now = time.time()
        rows = [
            (
                key,
                r.link_class.value,
                r.status,
                r.final_url,
                json.dumps(list(r.redirects)),
                r.attempts,
                now,
            )
            for key, r in results.items()
            if r.attempts > 0 and not r.from_cache
        ]
        if not rows:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany("INSERT OR REPLACE INTO results_v1 VALUES (?,?,?,?,?,?,?)", rows)
            self._db.execute("DELETE FROM results_v1 WHERE checked_at < ? OR checked_at > ?",
                             (now - _PRUNE_AFTER, now + _CLOCK_SKEW))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._db.close()


def _write_gitignore(ignore: Path) -> None:
    """``*`` in the cache's ``.gitignore``, created only if nothing is there: never written
    through a symlink (a dangling one committed to the repository would make us create
    its target)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(ignore, flags, 0o644)
    except FileExistsError:  # a file, or a symlink whether dangling or not
        return
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("*\n")


def open_cache(directory: str | os.PathLike[str], ttl: float, failure_ttl: float,
               keys: Sequence[str]) -> tuple[ResultCache, dict[str, LinkResult]]:
    """Open the cache and read ``keys`` from it.  A file that is not a usable cache is
    renamed ``links.sqlite3.broken-<time>`` (kept for a look, never read again), one
    warning line goes to stderr and a new cache is built."""
    import sqlite3

    cache: ResultCache | None = None
    try:
        cache = ResultCache(directory, ttl, failure_ttl)
        return cache, cache.get_many(keys)
    except sqlite3.DatabaseError as err:
        if cache is not None:
            cache.close()
        if not any(word in str(err) for word in _BROKEN):
            raise
        moved = _move_aside(Path(directory))
        sys.stderr.write(f"awesome-lint: warning: link cache {Path(directory) / DB_NAME} is "
                         f"unreadable ({err}); moved it to {moved.name} and started a new "
                         "one\n")
    return ResultCache(directory, ttl, failure_ttl), {}


def _move_aside(folder: Path) -> Path:
    stamp = time.strftime("%Y%m%d%H%M%S")
    moved = folder / f"{DB_NAME}.broken-{stamp}"
    os.replace(folder / DB_NAME, moved)
    for extra in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(folder / (DB_NAME + extra), folder / f"{moved.name}{extra}")
    return moved


def clear_cache(directory: str | os.PathLike[str]) -> int:
    """Delete the link cache files in ``directory`` (and the directory once empty).

    Returns how many files were removed; a missing directory is not an error.  Only the
    cache's own files are touched, so a mistaken path cannot wipe a user's folder.
    """
    path = Path(directory)
    removed = 0
    for name in _DB_FILES:
        try:
            (path / name).unlink()
            removed += 1
        except FileNotFoundError:
            continue
    for broken in path.glob(f"{DB_NAME}.broken-*"):
        with contextlib.suppress(OSError):
            broken.unlink()
            removed += 1
    with contextlib.suppress(OSError):
        path.rmdir()
    return removed
