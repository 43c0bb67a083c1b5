"""The bracket tag token ``[Gml]``: the one grammar every reader of bracket tags uses.

A token is ``[`` a *bracket word* ``]`` that is not part of a link (``[x](u)``, ``[x][r]``,
``[x]:``) and not escaped (``\\[x]``), an image (``![x]``) or the inner bracket of
``[[x]``.  Readers differ only in which words they take, each a named test on the one
token's word, never a second pattern:

- the parser's leading and trailing entry tags (``Entry.tags``) take any bracket word:
  ``[3D]``, ``[Hang Zhao]``, the things a list writes around a title;
- legends and the ``TAG`` rules take a :data:`TAG_NAME` only: one short word, letter first
  (``[Gml]``, ``[cls.]``; ``[3D-Det]`` and ``[2019]`` are not tag names);
- an item of a legend *list* (``- [Gml] General machine learning``) takes a tag name without
  a dot, of at most 16 characters: ``- [v1.0] First release`` is a changelog line.
"""

from __future__ import annotations

import re

__all__ = ["TAG_NAME", "TOKEN", "TYPING", "is_legend_item_name", "is_tag_name"]

_NAME = r"[A-Za-z][\w&+/.-]{0,23}"
#: A tag name: one short word, letter first, as in ``[Gml]``, ``[Seg]``, ``[cls.]``.
TAG_NAME = re.compile(_NAME)
_LEGEND_ITEM_NAME = re.compile(r"[A-Za-z][\w&+/-]{0,15}")
#: What a bracket may hold to be a token: a letter or digit, then up to 30 word characters,
#: spaces and ``.&/+'’-`` (every :data:`TAG_NAME` is one).
_WORD = r"[A-Za-z0-9][\w .&/+'’-]{0,30}"
#: A token's opening bracket.  The lookbehind comes after the ``[`` (and checks the
#: character before it) so the pattern starts with a literal the engine can search for.
_OPEN = r"\[(?<![\\!\[\]]\[)"
#: The token.
TOKEN = re.compile(_OPEN + "(" + _WORD + r")\](?![(\[:])")
#: A tag being typed: ``[Gm`` right before the cursor (the editor's completion).
TYPING = re.compile(_OPEN + "((?:" + _NAME + ")?)$")


def is_tag_name(word: str) -> bool:
    """Whether a token's word is a tag name (:data:`TAG_NAME`)."""
    return TAG_NAME.fullmatch(word) is not None


def is_legend_item_name(word: str) -> bool:
    """Whether a token's word may name the item of a legend list."""
    return _LEGEND_ITEM_NAME.fullmatch(word) is not None
