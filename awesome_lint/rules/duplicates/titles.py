"""Titles in the forms the duplicate rules compare: folded (case, punctuation and spacing
away), tight (no spaces), without a leading ``Acronym:`` or a trailing `` - Source``, and
"nearly the same" (alike, same numbers, only misspelt words apart).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from awesome_lint.model import Entry

_FOLD = re.compile(r"[\W_]+")
#: ASCII bytes lowercased, and every character ``_FOLD`` matches (not a letter or digit)
#: made a space: ``bytes.translate`` is a table lookup, ``str.translate`` a dictionary
#: lookup per character.
_ASCII_FOLD = bytes.maketrans(bytes(range(128)), bytes(
    ord(chr(c).lower()) if chr(c).isalnum() else 32 for c in range(128)))


# -- shared helpers ------------------------------------------------------------------------
def fold_title(text: str) -> str:
    """A title reduced to what identifies it: case, punctuation and spacing folded away."""
    return " ".join(_folded_words(text))


def _folded_words(text: str) -> list[str]:
    """The words of :func:`fold_title`'s result (which joins them with single spaces)."""
    if text.isascii():
        # same result as the regex below: runs of non-alphanumerics separate words
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii").split()
    text = unicodedata.normalize("NFKC", text)
    return _FOLD.sub(" ", text.casefold()).split()


def entry_title(entry: Entry) -> str:
    """The entry's title, or for ``[[CVPR](url)] Title. [[code](...)]`` the text after the
    bracketed venue link (the parser leaves the title empty there)."""
    title = entry.title.strip()
    if title:
        return title
    if entry.link is not None and entry.link.bracketed:
        return entry.description.split(" [", 1)[0].strip()
    return ""




def similar(a: str, b: str, threshold: float) -> bool:
    """Whether two folded titles reach ``threshold`` (difflib ratio); cheap bounds first."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if not la or not lb or 2.0 * min(la, lb) / (la + lb) < threshold:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


@dataclass(slots=True)
class Title:
    """A title in the forms the comparisons need, computed once per entry.  Read-only by
    convention: not frozen, as lists have 50k titles and a frozen dataclass costs three
    times as much to build."""

    raw: str
    #: Case, punctuation and spacing folded: "flow guided feature aggregation".
    folded: str
    #: ``folded`` without spaces, so "Birds-Eye-View" and "Bird's Eye View" agree.
    tight: str
    #: ``tight`` without a leading ``Acronym:`` or a trailing `` - Source``.
    variants: frozenset[str]
    numbers: tuple[str, ...]
    #: How many different words ``folded`` has (``len(self.words)``).
    size: int
    _words: frozenset[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, raw: str) -> Title:
        words = _folded_words(raw)
        folded, tight = " ".join(words), "".join(words)
        # letters only: no digit for _NUMBER to find
        numbers = () if tight.isalpha() else tuple(_NUMBER.findall(folded))
        return cls(raw, folded, tight, _variants(raw), numbers, len(set(words)))

    @property
    def words(self) -> frozenset[str]:
        """The distinct words of ``folded``.  Memory trick: built when two titles are
        compared and kept while they are (a frozenset of six words is 728 bytes: 36 MB for
        a 50k-entry list)."""
        words = self._words
        if words is None:
            words = self._words = frozenset(self.folded.split())
        return words

    def forget_words(self) -> None:
        """Drop the word set :attr:`words` built (it is built again when asked for)."""
        self._words = None


_NUMBER = re.compile(r"\d+")
_HEAD_SEPARATOR = re.compile(r"[:：]")
_TAIL_SEPARATOR = re.compile(r"\s[-–—|]\s")
_NO_VARIANTS: frozenset[str] = frozenset()
#: A leading ``Acronym:`` that names the item (``RegNet:``, ``PYVA:``): one word, no digit.
#: "NIPS 2016 Tutorial: GANs", "CS224d: Deep Learning for NLP" and "YOLOv3: ..." name
#: another item than the rest of their title does.
_NAME_HEAD = re.compile(r"^[^\W\d_][^\s\d]*$")
#: Near matching needs titles of this many words: one- and two-word titles are names
#: ("gonfiguration" is not a typo of "configuration").
MIN_WORDS = 3
#: Titles that differ in more words than this are not "only misspelt words apart".
MAX_WORD_EDITS = 3


def _variants(raw: str) -> frozenset[str]:
    """The title without a leading ``Acronym:`` or a trailing `` - Source`` (tight forms),
    when what is left has ``MIN_WORDS`` words: "Deep Learning - Nvidia" is not a copy of
    "Deep Learning", but "RegNet: Designing Network Design Spaces" is one of its rest."""
    cores: list[str] = []
    if ":" in raw or "：" in raw:
        head, rest = _HEAD_SEPARATOR.split(raw, maxsplit=1)
        if _NAME_HEAD.match(head.strip()):
            cores.append(rest)
    if "-" in raw or "|" in raw or "–" in raw or "—" in raw:  # what _TAIL_SEPARATOR needs
        tail = _TAIL_SEPARATOR.split(raw)
        if len(tail) > 1:
            cores.append(" ".join(tail[:-1]))
    if not cores:
        return _NO_VARIANTS
    folded = (fold_title(core) for core in cores)
    return frozenset(f.replace(" ", "") for f in folded if f.count(" ") + 1 >= MIN_WORDS)


def words_align(a: Title, b: Title) -> bool:
    """Every word only one title has is a near spelling of a word only the other has
    (a typo, a plural): "prior-baesd" ~ "prior-based", but "Kimi-VL" !~ "MiMo-VL"."""
    words_a, words_b = a.words, b.words
    only_a, only_b = words_a - words_b, words_b - words_a
    if bool(only_a) != bool(only_b) or max(len(only_a), len(only_b)) > MAX_WORD_EDITS:
        return False
    return _each_near(only_a, only_b) and _each_near(only_b, only_a, flipped=True)


def _each_near(words: frozenset[str], others: frozenset[str], flipped: bool = False) -> bool:
    """Whether every word has a near word among ``others``; ``_near_word`` always gets the
    first title's word first.  Loops rather than all(any(...)): no generators for the
    thousands of pairs that get here."""
    for word in words:
        for other in others:
            if _near_word(other, word) if flipped else _near_word(word, other):
                break
        else:
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _near_word(a: str, b: str) -> bool:
    """Two words a typo or a plural apart (cached: lists reuse their vocabulary); a word
    with a prefix or a suffix other than a plural added is another word ("supervised",
    "unsupervised"; "Fast", "Faster")."""
    if a.endswith(b) or b.endswith(a):
        return False
    if a.startswith(b) or b.startswith(a):
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return longer[len(shorter):] in ("s", "es")
    return similar(a, b, 0.6)


def titles_match(a: Title, b: Title, threshold: float) -> bool:
    """Whether two titles name one item: equal once folded; one is the other plus a
    leading ``Acronym:`` or a trailing `` - Source``; or at least ``threshold`` alike with
    the same numbers and only misspelt words apart (so "Qwen2.5-VL" is not "Qwen3-VL")."""
    if a.tight == b.tight:
        return True
    if not a.tight or not b.tight:
        return False
    return a.tight in b.variants or b.tight in a.variants or _alike(a, b, threshold)


def _alike(a: Title, b: Title, threshold: float) -> bool:
    """At least ``threshold`` alike, same numbers, only misspelt words apart.  Cheapest
    tests first: this runs for every pair a blocking key brings together."""
    la, lb = len(a.folded), len(b.folded)
    return (threshold < 1.0 and 2.0 * min(la, lb) >= threshold * (la + lb)
            and a.numbers == b.numbers and a.size >= MIN_WORDS
            and b.size >= MIN_WORDS and words_align(a, b)
            and similar(a.folded, b.folded, threshold))
