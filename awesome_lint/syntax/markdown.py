"""The one place that imports mistletoe, quickly.

Importing mistletoe costs about 0.2 s because ``mistletoe.core_tokens`` builds a set of every
Unicode punctuation character by scanning all 1.1 million code points.  pre-commit runs us on
every commit, so we import it with the scan limited to ASCII and then give ``core_tokens`` a
membership test that answers exactly as the full set would (``tests/test_markdown.py`` checks
every code point).  Only ``in`` is ever used on that set.
"""

from __future__ import annotations

import sys
import unicodedata
from types import ModuleType

#: ``string.punctuation``, written out: the ``string`` module is imported for nothing else
#: (``tests/test_seed_fixed_costs.py`` compares them).
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_PATCHED: list[bool] = []  # non-empty once mistletoe's list patterns are corrected


class UnicodePunctuation:
    """``c in UnicodePunctuation()`` is CommonMark's "Unicode punctuation character" test."""

    def __contains__(self, char: object) -> bool:
        if not isinstance(char, str) or len(char) != 1:
            return False
        return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")


def load() -> ModuleType:
    """Import mistletoe (once) without the full Unicode scan; return the package."""
    if "mistletoe.core_tokens" not in sys.modules:
        real = sys.maxunicode
        sys.maxunicode = 0x7F  # read once, by core_tokens, at import
        try:
            import mistletoe.core_tokens as core_tokens
        finally:
            sys.maxunicode = real
        core_tokens.punctuation = UnicodePunctuation()  # type: ignore[assignment]
    import mistletoe

    if not _PATCHED:
        _ordered_markers_need_a_digit()

    return mistletoe


def _ordered_markers_need_a_digit() -> None:
    """mistletoe 1.x takes a bare ``)`` or ``.`` for an ordered-list marker (``\\d{0,9}``);
    CommonMark wants one to nine digits, so a ``)`` line that closes a multi-line link is
    text, not a list item (cmark-gfm, GitHub's renderer, agrees)."""
    import re

    from mistletoe import block_token

    for token in (block_token.List, block_token.ListItem):
        token.pattern = re.compile(token.pattern.pattern.replace(r"\d{0,9}", r"\d{1,9}"))
    _PATCHED.append(True)
