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


def selector_hint(selector: str) -> str:
    """Did-you-mean over every rule code, family prefix, rule name and category."""
    from awesome_lint.rules import CATEGORIES, all_rules, families

    rules = all_rules()
    words = [r.code for r in rules] + [r.name for r in rules] + list(CATEGORIES)
    return did_you_mean(selector, [*words, *families()])


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


def checked_value(where: str, item: Any, default: Any) -> Any:
    """``item`` when it is of ``default``'s kind (numbers ≥ 0), else a ConfigError in words."""
    from awesome_lint.config import ConfigError

    number = isinstance(default, (int, float)) and not isinstance(default, bool)
    ok = (isinstance(item, bool) if isinstance(default, bool)
          else isinstance(item, (int, float)) and not isinstance(item, bool) and item >= 0
          if number else isinstance(item, type(default)))
    if not ok:
        raise ConfigError(f"'{where}' must be {expected(default, minimum=0 if number else None)}"
                          f", not {shown(item)}")
    return item
