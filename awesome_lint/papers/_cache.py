"""Paper records in the link cache's SQLite file, in a table of their own.

The file, its WAL mode, its set-up retries and its ``.gitignore`` are the link checker's
(:class:`awesome_lint.linkcheck._cache.ResultCache`); papers add ``papers_v1`` with their own
TTL (a week by default).  "No such paper" answers are stored too: they are answers.
Failed lookups are not stored, so the next run asks again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from awesome_lint.linkcheck._cache import ResultCache

from ._types import ArxivRecord, CrossrefRecord, DblpRecord

_SCHEMA = """
CREATE TABLE IF NOT EXISTS papers_v1 (
    key TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    fetched_at REAL NOT NULL
)
"""
_CHUNK = 500
#: Rows older than this are deleted whatever the TTL.
_PRUNE_AFTER = 90 * 86400.0

Payload = ArxivRecord | CrossrefRecord | tuple[DblpRecord, ...] | None


def encode(value: Payload) -> str:
    if value is None:
        return "null"
    if isinstance(value, tuple):
        return json.dumps([asdict(r) for r in value])
    return json.dumps(asdict(value))


def decode(key: str, text: str) -> Payload:
    """The record stored under ``key`` (its prefix says which service it came from)."""
    data: Any = json.loads(text)
    if data is None:
        return None
    service = key.split(" ", 1)[0]
    if service == "dblp":
        return tuple(DblpRecord(**{**item, "ee": tuple(item.get("ee", ()))}) for item in data)
    if service == "arxiv":
        return ArxivRecord(**data)
    return CrossrefRecord(**data)


class PaperCache:
    """Read-many / write-batch access to the paper records of one cache directory."""

    def __init__(self, directory: str, ttl: float) -> None:
        self._results = ResultCache(directory, ttl)
        self._db = self._results.connection
        self._db.execute(_SCHEMA)
        self._ttl = ttl

    def get_many(self, keys: Sequence[str]) -> dict[str, Payload]:
        found: dict[str, Payload] = {}
        oldest = time.time() - self._ttl
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            rows = self._db.execute(
                f"SELECT key, payload FROM papers_v1 WHERE fetched_at >= ? AND key IN "
                f"({','.join('?' * len(chunk))})", (oldest, *chunk)).fetchall()
            for key, payload in rows:
                try:
                    found[key] = decode(key, payload)
                except (ValueError, TypeError):
                    continue  # a row from another version: fetched again
        return found

    def put_many(self, values: Mapping[str, Payload]) -> None:
        if not values:
            return
        now = time.time()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany("INSERT OR REPLACE INTO papers_v1 VALUES (?,?,?)",
                                 [(k, encode(v), now) for k, v in values.items()])
            self._db.execute("DELETE FROM papers_v1 WHERE fetched_at < ?", (now - _PRUNE_AFTER,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._results.close()
