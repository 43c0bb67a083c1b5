"""One entry's line in canonical layout: its parts (tags, title, resources, description,
badges) in the document's order, single spaces between them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from awesome_lint.autofix.format_options import PARTS
from awesome_lint.model import Entry, EntryKind, LinkForm, LinkRole, ListItemInfo

#: Text that may change meaning when it moves next to another part.
_UNSAFE_TEXT = re.compile(r"[`*<>\[\]\\~|]|(?<![^\W_])_|_(?![^\W_])")
_SEPARATOR = re.compile(r"^(--|[-–—:|,])(?=\s|$)\s*")
_KBD = re.compile(r"^<kbd\s*>(.*)</kbd\s*>$", re.IGNORECASE | re.DOTALL)


@dataclass
class _Layout:
    """An entry's content split into parts, in source order."""

    tokens: list[_Token]
    order: tuple[str, ...]  # part kinds in source order, repeats collapsed
    clean: bool  # every prose region may move


@dataclass
class _Token:
    """One part of an entry: its kind ("text" before classification), its source text,
    whether whitespace stood before it, and whether it is prose that may move."""

    kind: str
    text: str
    spaced: bool
    clean: bool = True



def _content_start(src: str, item: ListItemInfo) -> int | None:
    start = item.marker_column - 1 + len(item.marker)
    if src[start: start + 1] != " ":
        return None
    while start < len(src) and src[start] == " ":
        start += 1
    return start


def _content_width(src: str, item: ListItemInfo) -> int | None:
    start = _content_start(src, item)
    return None if start is None else start - (item.marker_column - 1)


def _split_entry(entry: Entry, src: str, start: int) -> _Layout | None:
    """The entry's line as parts; None when any part is not where a one-line layout needs
    it (reference links, bare URLs, unclosed badges, parts over several lines)."""
    if entry.kind not in (EntryKind.LINK_TITLED, EntryKind.TEXT_THEN_URL):
        return None
    number = entry.line
    strong: list[tuple[int, int, str]] = []
    for tag in entry.tags:
        if tag.span.line != number or tag.span.end_line != number:
            return None
        strong.append((tag.span.column - 1, tag.span.end_column, "tags"))
    for link in entry.links:
        if link.span.line != number or link.span.end_line != number:
            return None
        if link.role is LinkRole.DESCRIPTION:
            continue
        if link.form is not LinkForm.INLINE or link.image:
            return None
        s, e = link.span.column - 1, link.span.end_column
        if link.bracketed:
            if s < 1 or src[s - 1] != "[" or src[e: e + 1] != "]":
                return None
            strong.append((s - 1, e + 1, "resources"))
        elif link.role is LinkRole.TITLE:
            strong.append((s, e, "title"))  # a text-titled entry: checked below
        elif link.role is LinkRole.RESOURCE:
            strong.append((s, e, "resources"))
        else:
            return None
    for badge in entry.badges:
        if badge.span.line != number or badge.span.end_line != number or not badge.closed:
            return None
        strong.append((badge.span.column - 1, badge.span.end_column, "badges"))
    strong.sort()
    if entry.kind is EntryKind.TEXT_THEN_URL and any(k == "title" for *_, k in strong):
        # the parser reads "<kbd>ICLR 2015</kbd> [VGG](url)" as text-titled; with nothing
        # but badges and tags before the link, the link is the title all the same
        s = next(s for s, _, k in strong if k == "title")
        if not all(k in ("tags", "badges") for b, _, k in strong if b < s):
            return None
        entry_kind = EntryKind.LINK_TITLED
    else:
        entry_kind = entry.kind
    end = len(src.rstrip(" \t"))
    tokens: list[_Token] = []
    pos = start
    spaced = False
    for s, e, kind in strong:
        if s < pos or e > end:
            return None
        gap = src[pos:s]
        if gap.strip():
            tokens.append(_text_token(gap, spaced or gap[:1].isspace()))
            spaced = gap[-1:].isspace()
        else:
            spaced = spaced or bool(gap)
        text = src[s:e]
        if kind == "badges":
            match = _KBD.match(text)
            if match is not None and "<" not in match.group(1):
                text = "<kbd>" + " ".join(match.group(1).split()) + "</kbd>"
        tokens.append(_Token(kind, text, spaced))
        pos, spaced = e, False
    if src[pos:end].strip():
        tokens.append(_text_token(src[pos:end], src[pos:pos + 1].isspace()))
    return _classify(entry_kind, tokens)


def _text_token(region: str, spaced: bool) -> _Token:
    """Prose between parts: runs of spaces made single where no markup can care."""
    text = region.strip()
    clean = not _UNSAFE_TEXT.search(text)
    return _Token("text", " ".join(text.split()) if clean else text, spaced, clean)


def _classify(kind_of_entry: EntryKind, tokens: list[_Token]) -> _Layout | None:
    """Name the prose regions: a prefix glued to the title, the title of a text-titled entry,
    the description.  More prose than that and the entry keeps its layout."""
    out: list[_Token] = []
    linked = kind_of_entry is EntryKind.LINK_TITLED
    if linked and not any(t.kind == "title" for t in tokens):
        return None
    title_done = False
    description = False
    for index, token in enumerate(tokens):
        if token.kind != "text":
            title_done = title_done or token.kind == "title"
            out.append(token)
            continue
        if linked and not title_done:
            # a prefix (an emoji, a star) before the title: it stays glued to the title
            if index + 1 >= len(tokens) or tokens[index + 1].kind != "title" or any(
                    t.kind != "tags" for t in out):
                return None
            token.kind = "prefix"
        elif not linked and not title_done:
            if any(t.kind != "tags" for t in out):
                return None
            token.kind, title_done = "title", True
        elif not description:
            token.kind, description = "description", True
        else:
            return None
        out.append(token)
    merged: list[_Token] = []
    for token in out:
        if merged and merged[-1].kind == "prefix":
            glue = " " if token.spaced else ""
            merged[-1] = _Token("title", merged[-1].text + glue + token.text,
                                merged[-1].spaced, merged[-1].clean)
        else:
            merged.append(token)
    order: list[str] = []
    for token in merged:
        if not order or order[-1] != token.kind:
            order.append(token.kind)
    # one part split around another: keep the order the author chose
    clean = all(t.clean for t in merged) and len(set(order)) == len(order)
    return _Layout(merged, tuple(order), clean)


def _document_order(orders: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The part order most entries use: pairwise majorities, default order on ties."""
    wins: Counter[tuple[str, str]] = Counter()
    for order in orders:
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                wins[(a, b)] += 1
    edges = {(a, b) for a in PARTS for b in PARTS if a != b and wins[(a, b)] > wins[(b, a)]}
    remaining = list(PARTS)
    result: list[str] = []
    while remaining:
        ready = [p for p in remaining if not any((q, p) in edges for q in remaining)]
        if not ready:
            return PARTS  # a cycle: fall back to the default
        result.append(ready[0])
        remaining.remove(ready[0])
    return tuple(result)


def _join(layout: _Layout, order: tuple[str, ...]) -> str:
    """The entry's parts in ``order``, single spaces between them.  Next to prose with
    markup only runs of spaces shrink: a space is never added or removed there."""
    tokens = layout.tokens
    present = [k for k in order if k in layout.order]
    if layout.clean and list(layout.order) != present:
        rank = {kind: i for i, kind in enumerate(order)}
        moved = sorted(tokens, key=lambda t: rank[t.kind])
        if moved[0].kind in ("tags", "title", "resources", "badges") or moved[0] is tokens[0]:
            tokens = moved
    out = ""
    previous: _Token | None = None
    for token in tokens:
        canonical = previous is None or (previous.clean and token.clean)
        space = (" " if canonical or token.spaced else "") if previous is not None else ""
        match = _SEPARATOR.match(token.text) if token.kind == "description" else None
        if match is not None and canonical:
            sep, rest = match.group(1), token.text[match.end():]
            out += ("" if sep in (":", ",") else space) + sep + (" " + rest if rest else "")
        else:
            out += space + token.text
        previous = token
    return out
