"""GitHub heading anchors: the slug rules of github-slugger, and inline-markdown stripping.

GitHub slugs the *rendered text* of a heading: lower-case it, drop every character that is
not a letter, mark, number, connector punctuation, space or hyphen, then turn each space into
a hyphen.  Repeated slugs get ``-1``, ``-2``... in document order.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Collection, Iterable
from typing import Any

from awesome_lint.startup import AsciiTwin
from awesome_lint.syntax.lookahead import code_spans

#: ``regex`` (Unicode properties) only for a non-ASCII heading (:class:`AsciiTwin`).
_NOT_SLUG = AsciiTwin(r"[^\p{L}\p{M}\p{N}\p{Pc} -]", r"[^A-Za-z0-9_ -]")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_EMPHASIS = re.compile(r"(?<![\w\\])[*_]+|[*_]+(?![\w])|~~")
#: Whether a text holds inline markup: ``MARKUP_PLAIN``, written to start with a character
#: class, which ``re`` scans for in C (speed trick, listed in awesome_lint.startup: a
#: description 0.8 -> 0.3 us, 12k texts a run of awesome-go; pinned to ``MARKUP_PLAIN`` by
#: tests/test_scan_fast_paths.py).
MARKUP_PLAIN = r"[\[<`*_~&\\]|:[a-z0-9_+-]+:"
_MARKUP = re.compile(r"[\[<`*_~&\\:](?:(?<=:)[a-z0-9_+-]+:|(?<!:))")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_text(markdown: str, *, emoji: str = "") -> str:
    """The text GitHub renders for an inline markdown fragment (close enough for slugs).

    ``:shortcode:`` emoji become ``emoji``: GitHub renders them as a character that the slug
    then drops, so a heading ``:fire: Hot`` has the anchor ``-hot``."""
    if not _MARKUP.search(markdown):
        return markdown.strip()  # the common case: a plain title
    text, codes = _hide_code(markdown)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _HTML_TAG.sub("", text)
    text = _SHORTCODE.sub(emoji, text)
    return _finish(text, codes).strip()


def _hide_code(markdown: str) -> tuple[str, list[str]]:
    """Code spans swapped for placeholders (their text is literal), and their texts."""
    codes: list[str] = []
    pieces: list[str] = []
    done = 0
    for start, end in code_spans(markdown):
        run = len(markdown[start:end]) - len(markdown[start:end].lstrip("`"))
        codes.append(markdown[start + run:end - run].strip())
        pieces += [markdown[done:start], f"\x00{len(codes) - 1}\x00"]
        done = end
    pieces.append(markdown[done:])
    return "".join(pieces), codes


def _finish(text: str, codes: list[str]) -> str:
    """Emphasis markers and escapes dropped, entities decoded, code spans put back."""
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    return re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], text)


#: ``[text](dest)`` / ``[text][ref]`` whose text may hold one level of brackets
#: (``[<sup>[TOC]</sup>](#toc)``, ``[[pdf]](url)``).
_NESTED_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\](?:\([^)]*\)|\[[^\]]*\])")
_NESTED_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)")


def heading_text(markdown: str) -> str:
    """The text GitHub slugs for a heading's inline markdown (already stripped of the
    ``#`` markers and surrounding space), checked against github-slugger on every heading
    of the corpus lists (tests/test_slugs_oracle.py):

    * ``:shortcode:`` emoji keep their name: ``## :anger: Table of Contents`` is
      ``#anger-table-of-contents``;
    * images render no text (an image-only heading slugs to ``""``), links their text,
      HTML tags their content: ``CLI Tools &nbsp;[<sup>[TOC]</sup>](#x)`` is
      ``cli-tools-toc``;
    * entities are decoded (``&nbsp;`` becomes a no-break space, which the slug drops);
    * nothing is trimmed after the markup is gone, so a trailing badge leaves its space:
      ``## Title [![CI](badge)](url)`` is ``#title-``.
    """
    if not _MARKUP.search(markdown) and "!" not in markdown:
        return markdown
    text, codes = _hide_code(markdown)
    text = _HTML_TAG.sub("", text)
    text = _NESTED_IMAGE.sub("", text)
    text = _NESTED_LINK.sub(lambda m: m.group(1), text)
    text = _SHORTCODE.sub(lambda m: m.group(0)[1:-1], text)
    return _finish(text, codes)


def slug(text: str) -> str:
    """github-slugger's slug of already-rendered heading text."""
    return str(_NOT_SLUG.sub("", text.lower())).replace(" ", "-")


_LOOSE = AsciiTwin(r"[\p{P}\p{S}\s]+", r"[\t\n\v\f\r !-/:-@\[-`{-~]+")


@functools.lru_cache(maxsize=65536)
def normalise_anchor(anchor: str) -> str:
    """Loose form used to suggest a heading for a broken anchor: case, hyphens, accents."""
    return str(_LOOSE.sub("", anchor.lower()))


_ENUMERATOR = re.compile(r"^(?:(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})|\d+)-+")


@functools.lru_cache(maxsize=65536)
def _bare_anchor(anchor: str) -> str:
    """``normalise_anchor`` of ``anchor`` without a leading section number."""
    return normalise_anchor(_ENUMERATOR.sub("", anchor.lower()))


@functools.lru_cache(maxsize=8)
def _anchor_index(anchors: tuple[str, ...]
                  ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The candidate anchors by loose form and by bare loose form, in the given order:
    built once per set of anchors (a document's), not once per broken link."""
    exact: dict[str, list[str]] = {}
    bare: dict[str, list[str]] = {}
    for anchor in anchors:
        if anchor.startswith("user-content-"):
            continue
        exact.setdefault(normalise_anchor(anchor), []).append(anchor)
        bare.setdefault(_bare_anchor(anchor), []).append(anchor)
    return ({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in bare.items()})


#: The last anchor collection indexed, with its size and index: one document's anchors are
#: asked about once per broken link, and hashing them into the lru_cache key each time
#: (a tuple of every anchor) was quadratic on many headings and many broken links.
_LAST_INDEXED: list[tuple[object, int, Any]] = []


def _index_of(anchors: Iterable[str]
              ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    if isinstance(anchors, Collection) and _LAST_INDEXED:
        known, size, index = _LAST_INDEXED[0]
        if known is anchors and size == len(anchors):
            return index  # type: ignore[no-any-return]
    listed = tuple(anchors)
    index = _anchor_index(listed)
    if isinstance(anchors, Collection):
        _LAST_INDEXED[:] = [(anchors, len(listed), index)]
    return index


def matching_anchors(anchor: str, anchors: Iterable[str]) -> list[str]:
    """Anchors that ``anchor`` most likely meant, ignoring case, punctuation and a leading
    section number (``#resources`` for ``# I. Resources``).  Exact loose matches win."""
    target = normalise_anchor(anchor)
    target_bare = _bare_anchor(anchor)
    by_loose, by_bare = _index_of(anchors)
    exact = list(by_loose.get(target, ()))
    if exact or not target_bare:
        return exact
    return list(by_bare.get(target_bare, ()))


class Slugger:
    """Hands out unique slugs in document order, as GitHub does for repeated headings."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def add(self, text: str) -> str:
        base = slug(text)
        candidate = base
        while candidate in self.seen:
            self.seen[base] += 1
            candidate = f"{base}-{self.seen[base]}"
        self.seen.setdefault(candidate, 0)
        return candidate
