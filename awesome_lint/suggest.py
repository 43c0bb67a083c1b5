""""Did you mean ...?" for misspelled rule selectors and config keys, and plain words for
what a config value should be: a typo must name its fix, not just its fault."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'LNK001'?"`` for the closest candidate (case-insensitive), or ``""``."""
    import difflib  # only on a typo: not a cost of every run

    by_lower: dict[str, str] = {}
    for candidate in candidates:
        by_lower.setdefault(candidate.lower(), candidate)
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return f"; did you mean {by_lower[close[0]]!r}?" if close else ""


def unknown_key(where: str, known: Iterable[str], what: str = "key") -> str:
    """``'links.per-hots': unknown key; did you mean 'per-host'? (known: ...)``."""
    names = sorted(known)
    key = where.rsplit(".", 1)[-1]
    return (f"'{where}': unknown {what}{did_you_mean(key, names)} "
            f"(known: {', '.join(names) or 'none'})")


def expected(default: Any, *, minimum: float | None = None) -> str:
    """What a value of the same kind as ``default`` must be, in words."""
    if isinstance(default, bool):
        return "true or false"
    bound = "" if minimum is None else f" ≥ {minimum:g}"
    if isinstance(default, int):
        return f"a whole number{bound}"
    if isinstance(default, float):
        return f"a number{bound}"
    if isinstance(default, str):
        return "a string"
    if isinstance(default, (list, tuple)):
        return "a list"
    if isinstance(default, dict):
        return "a table"
    return f"of type {type(default).__name__}"


def shown(value: Any) -> str:
    """A config value as the user wrote it in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value).replace("'", '"') if "'" not in value else repr(value)
    return repr(value)
