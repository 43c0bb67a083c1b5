"""Product and project names as their owners write them: ``awesome_lint/data/spelling.toml``.

Read once per process.  :func:`matcher` builds one alternation of every wrong form (longest
first), so a line is scanned once however many names the table holds.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from awesome_lint.startup import cached_toml
from awesome_lint.syntax.linespans import joined

DATA = Path(__file__).resolve().parents[2] / "data" / "spelling.toml"
#: Characters that glue a word to its neighbour: ``github.com``, ``node-js``, ``my_github``
#: (after a word only when a word character follows: a full stop ends a sentence).  A slash
#: separates words (``Javascript/C++``); URLs are masked by the caller.
_GLUE = ".-_@#"
#: Two word characters (a wrong form's first and last).
_WORDLIKE = re.compile(r"\w\w")


@dataclass(frozen=True, slots=True)
class Names:
    """The product-name spellings the spelling rule knows."""

    #: wrong form -> right form
    corrections: Mapping[str, str]
    #: names written in lower case by their owners
    lowercase: frozenset[str]


@functools.lru_cache(maxsize=1)
def builtin() -> Names:
    data = cached_toml(DATA)
    corrections = {wrong: entry["right"] for entry in data["name"] for wrong in entry["wrong"]}
    return Names(corrections, frozenset(data["lowercase"]["names"]))


def lowercase_names() -> frozenset[str]:
    return builtin().lowercase


@functools.lru_cache(maxsize=8)
def _compiled(extra: tuple[tuple[str, str], ...], *, trie: bool = True
              ) -> tuple[re.Pattern[str], dict[str, str]]:
    """The search for every wrong form, its group 1 the form found, run over the text with a
    newline before it (:func:`_found`), and the corrections.  ``trie=False``: the plain
    longest-first alternation behind a lookbehind, what the speed tricks answer as."""
    table = dict(builtin().corrections)
    table.update(extra)
    table = {wrong: right for wrong, right in table.items() if wrong and wrong != right}
    glue = re.escape(_GLUE)
    after = rf"(?![\w]|[{glue}]\w)"
    if not trie:
        alternation = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
        return re.compile(rf"(?<![\w{glue}])({alternation}){after}"), table
    # Speed trick: the lookahead on the wrong forms' first letters lets the matcher skip
    # most positions before it tries the alternation (~20% faster).
    firsts = "".join(sorted({re.escape(wrong[0]) for wrong in table}))
    if all(_WORDLIKE.fullmatch(wrong[0] + wrong[-1]) for wrong in table):
        # Speed trick (listed in awesome_lint.startup): the character before a form read as
        # the pattern's first (a class, which re scans for in C) instead of a lookbehind
        # tried at every position (awesome-go's prose 12 -> 8.5 ms).  The same matches: the
        # text gets a newline first, so every form has a character before it, and a form
        # ends in a word character, so the one before the next is never the last one's.
        return re.compile(rf"[^\w{glue}](?=[{firsts}])({_trie(table)}){after}"), table
    return re.compile(rf"(?=[{firsts}])(?<![\w{glue}])({_trie(table)}){after}"), table


def _found(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, str]]:
    """(offset, form) of each wrong form :func:`_compiled`'s ``pattern`` finds in ``text``."""
    for m in pattern.finditer("\n" + text):
        yield m.start(1) - 1, m.group(1)


#: A node of the prefix tree: next character -> node ("" marks a word's end).
_Node = dict[str, "_Node"]


def _trie(words: Iterable[str]) -> str:
    """The alternation of ``words`` as a prefix tree: ``Git(?:hub|Hub|lab)`` instead of one
    branch per word, so a position is tried against the words sharing its first letters
    only (speed trick, listed in awesome_lint.startup: the search of awesome-go's prose
    17 -> 12 ms).  It matches what the longest-first alternation matches: the words that
    match at one position are prefixes of one another, so they lie on one path of the tree,
    which is tried longest first (a word that ends inside the tree is an optional tail).
    Pinned to that alternation by ``tests/test_classic_list_tricks.py``."""
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: _Node) -> str:
        alternatives = [re.escape(char) + branch(child)
                        for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(alternatives) == 1 else body + "?"

    return branch(root)


@dataclass(frozen=True, slots=True)
class Misspelling:
    """One wrongly spelt product name in a text and its right form."""

    start: int  # 0-based offset in the text given
    wrong: str
    right: str


def find(text: str, extra: Mapping[str, str] | None = None) -> list[Misspelling]:
    """Whole-word misspellings in ``text`` (a word glued to ``.``, ``-``, ``/``... is a
    file name, package or URL part and is left alone)."""
    pattern, table = _compiled(tuple(sorted((extra or {}).items())))
    return [Misspelling(at, form, table[form]) for at, form in _found(pattern, text)]


def find_lines(lines: Sequence[str], extra: Mapping[str, str] | None = None
               ) -> dict[int, list[Misspelling]]:
    """:func:`find` of each of ``lines`` (offsets within its line), by index, for the lines
    that hold any (a list is mostly lines without).

    Speed trick (listed in awesome_lint.startup): one scan of the lines joined by newlines
    instead of a call per line (awesome-go, 3.5k prose lines: about 4 ms).  The same
    matches: no wrong form holds a newline, so none spans two lines, and a newline is
    neither a word nor a glue character, so the look-arounds at a line's ends answer as at
    the ends of a string.  Falls back to :func:`find` per line when a line or a configured
    wrong form holds a newline.  Pinned to :func:`find` by
    ``tests/test_classic_list_tricks.py``."""
    pattern, table = _compiled(tuple(sorted((extra or {}).items())))
    text, starts = joined(lines)
    if text.count("\n") != len(lines) - 1 or any("\n" in wrong for wrong in table):
        return {index: found for index, line in enumerate(lines) if (found := find(line, extra))}
    out: dict[int, list[Misspelling]] = {}
    for at, form in _found(pattern, text):
        index = bisect.bisect_right(starts, at) - 1
        out.setdefault(index, []).append(Misspelling(at - starts[index], form, table[form]))
    return out
