"""Block structure: mistletoe's block tokens, with a fast path for plain list runs.

mistletoe reads about 35 000 lines a second, a third of our parse.  Most of an awesome list
is runs of headings, blank lines, one-line bullet items and plain paragraphs whose
structure is certain, so
those runs get tokens shaped exactly like mistletoe's (same names, attributes and quirks)
without it.  Everything else still goes to mistletoe, one segment at a time.

The document is cut before ATX headings at column 0.  A chunk whose lines are all plain
(blank, such a heading, a ``* text`` item whose text cannot open a block of its own, or a
paragraph line that cannot start or interrupt a block and does not continue an item) is
built here.  Other chunks (nested, ordered or continued lists) are read by
:mod:`awesome_lint.syntax.listblocks`, mistletoe's own algorithm for the few token types
lists use, which gives up on anything else.  What it gives up on is parsed by mistletoe
together with the heading that follows: when that heading comes back as a top-level
heading, the segment closed before it (no open fence, HTML block, list or definition
swallowed it) and what follows parses the same as it would in one piece.  Otherwise the
rest of the document is parsed in one piece.  ``tests/test_blocks.py`` and
``tests/test_listblocks.py`` compare the paths on generated and real lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from awesome_lint.syntax.blocktokens import (
    HEADING,
    LIST_MARKER,
    THEMATIC_BREAK,
    BlankLine,
    Heading,
    List,
    ListItem,
    Paragraph,
)
from awesome_lint.syntax.listblocks import chunk_tokens

# mistletoe 1.x's patterns (tests/test_blocks.py checks they still match).
_HEADING = HEADING
_THEMATIC_BREAK = THEMATIC_BREAK
_LIST_MARKER = LIST_MARKER

#: A bullet whose text starts a paragraph: one space after the marker, then non-space.
_BULLET = re.compile(r"[*+-] \S")
_BLANK, _HEADING_LINE, _ITEM, _TEXT, _OTHER = range(5)


@dataclass
class Blocks:
    """The top-level block tokens (with 1-based ``line_number``) and the link reference
    definitions, label → (destination, title), first definition winning."""

    children: list[Any] = field(default_factory=list)
    footnotes: dict[str, tuple[str, str]] = field(default_factory=dict)


def block_tokens(body: str) -> Blocks:
    """Block tokens of ``body`` (lines joined by ``\\n``, with a final newline)."""
    lines = body.split("\n")
    lines.pop()  # after the final newline
    kinds = [_kind(line) for line in lines]
    for index in range(1, len(kinds)):
        if kinds[index] == _TEXT and kinds[index - 1] == _ITEM:
            kinds[index] = _OTHER  # lazy continuation of the item: left to mistletoe
    blocks = Blocks()
    pending = -1  # the first line of chunks left to mistletoe, if any
    for start, stop, plain in _runs(kinds):
        tokens = (_plain_tokens(lines, kinds, start, stop) if plain
                  else chunk_tokens(lines, start, stop))
        if tokens is None:
            if pending < 0:
                pending = start
            continue
        if pending >= 0:
            if not _mistletoe_segment(lines, pending, start + 1, blocks):
                _mistletoe_segment(lines, pending, len(lines), blocks, probe=False)
                return blocks
            pending = -1
        blocks.children.extend(tokens)
    if pending >= 0:
        _mistletoe_segment(lines, pending, len(lines), blocks, probe=False)
    return blocks


def _kind(line: str) -> int:
    if not line:
        return _BLANK
    first = line[0]
    if first in " \t" and not line.strip(" \t"):  # (a line opening with text: no copy)
        return _BLANK
    if first == "#":
        return _HEADING_LINE if _HEADING.match(line + "\n") else _OTHER
    if first in "*+-" and _BULLET.match(line) and _plain_item(line):
        return _ITEM
    return _TEXT if _plain_text(line) else _OTHER


def _plain_text(line: str) -> bool:
    """Whether the line can only be paragraph text, wherever it stands: it starts no block
    (heading, quote, list, rule, fence, HTML, definition, indented code), is no setext
    underline and no table row."""
    first = line[0]
    if first.isspace() or first in "#>+-=<:|" or "|" in line:
        return False
    if first in "*_" or first.isdigit():
        return not (_LIST_MARKER.match(line + "\n") or _THEMATIC_BREAK.match(line + "\n"))
    if first in "`~":
        return not line.startswith(("```", "~~~"))
    # A definition's label ends at its first "]": one on this line, not followed by ":" and
    # with no escape before it, settles that none starts here.
    return first != "[" or ("]" in line and "]:" not in line and "\\" not in line)


def _plain_item(line: str) -> bool:
    """Whether the item's text is a paragraph and the line no thematic break."""
    first = line[2]
    if first in "#><" or line.startswith(("```", "~~~"), 2):
        return False  # heading, quote, HTML block, code fence
    if first == "[" and line.find("]:", 2) >= 0:
        return False  # may be a link reference definition
    if not first.isspace() and first not in "-_*+" and not first.isdigit():
        # Speed trick (listed in awesome_lint.startup): no pattern below can match (each
        # needs a marker, digit or rule character after at most three spaces, and a rule
        # line has nothing else), so the three "+ \n" copies and matches are skipped; the
        # tests above read the line from its third character, without copying the text.
        return True
    text = line[2:]
    return not (_LIST_MARKER.match(text + "\n") or _THEMATIC_BREAK.match(text + "\n")
                or _THEMATIC_BREAK.match(line + "\n"))


def _runs(kinds: list[int]) -> Iterator[tuple[int, int, bool]]:
    """(first index, stop index, plain) of maximal runs of plain chunks, and of each other
    chunk alone; chunks start at headings."""
    cuts = [0, *(i for i, kind in enumerate(kinds) if kind == _HEADING_LINE and i), len(kinds)]
    run_start = 0
    for start, stop in pairwise(cuts):
        if _OTHER not in kinds[start:stop]:
            continue
        if start > run_start:
            yield run_start, start, True
        yield start, stop, False
        run_start = stop
    if run_start < len(kinds):
        yield run_start, len(kinds), True


def _plain_tokens(lines: list[str], kinds: list[int], start: int, stop: int) -> list[Any]:
    """Tokens of a plain run, as mistletoe builds them (line numbers are 1-based)."""
    out: list[Any] = []
    index = start
    while index < stop:
        kind = kinds[index]
        if kind == _BLANK:
            out.append(BlankLine(index + 1))
            index += 1
        elif kind == _HEADING_LINE:
            marks = len(lines[index]) - len(lines[index].lstrip("#"))
            out.append(Heading(index + 1, marks))
            index += 1
        elif kind == _TEXT:
            out.append(Paragraph(index + 1))
            index += 1
            while index < stop and kinds[index] == _TEXT:
                index += 1
        else:
            token, index = _plain_list(lines, kinds, index, stop)
            out.append(token)
    return out


def _plain_list(lines: list[str], kinds: list[int], index: int, stop: int
                ) -> tuple[List, int]:
    """A list of one-line items sharing a marker, and the index after it.

    Blank lines before another item stay in the item above (mistletoe counts them as its
    children); before a heading or the end, only the last of them is read again at the
    top level, as mistletoe's list item backs up one line."""
    marker = lines[index][0]
    token = List(index + 1)
    items = token.children
    while True:
        number = index + 1
        after = number
        while after < stop and kinds[after] == _BLANK:
            after += 1
        if after < stop and kinds[after] == _ITEM:
            # (Speed trick, listed in awesome_lint.startup: no blank line between two
            # items, the common case, builds the children without a generator.)
            items.append(ListItem(number, marker, [Paragraph(number)] if after == number else
                                  [Paragraph(number),
                                   *[BlankLine(n + 1) for n in range(number, after)]]))
            index = after
            if lines[after][0] != marker:
                return token, index
            continue
        items.append(ListItem(number, marker, [Paragraph(number)]))
        return token, (after - 1 if after > number else after)


def _mistletoe_segment(lines: list[str], start: int, stop: int, blocks: Blocks,
                       probe: bool = True) -> bool:
    """Parse ``lines[start:stop]`` with mistletoe into ``blocks``.  With ``probe`` the last
    line is the heading after the segment: unless it comes back as a top-level heading,
    nothing is added and the answer is False."""
    document = _mistletoe_document("".join(line + "\n" for line in lines[start:stop]))
    children = list(document.children or [])
    if probe:
        if not children or type(children[-1]).__name__ != "Heading" or (
                children[-1].line_number != stop - start):
            return False
        children.pop()
    for token in children:
        _shift(token, start)
    blocks.children.extend(children)
    for label, definition in document.footnotes.items():
        blocks.footnotes.setdefault(label, definition)
    return True


def _mistletoe_document(text: str) -> Any:
    from awesome_lint.syntax.markdown import load

    load()
    from mistletoe import span_token
    from mistletoe.block_token import Document
    from mistletoe.markdown_renderer import MarkdownRenderer

    with MarkdownRenderer():
        # Blocks only: our scanner finds the spans (with positions), so leave mistletoe
        # just its fallback span token.  The renderer's exit restores the token list.
        span_token._token_types = [span_token.RawText]
        return Document(text)


def _shift(token: Any, offset: int) -> None:
    """Move a mistletoe block token and its descendants down by ``offset`` lines."""
    if not offset:
        return
    stack = [token]
    while stack:
        node = stack.pop()
        if getattr(node, "line_number", None) is not None:
            node.line_number += offset
        header = getattr(node, "header", None)
        if header is not None:
            stack.append(header)
        children = getattr(node, "children", None)
        if isinstance(children, list | tuple):
            stack.extend(child for child in children if hasattr(child, "line_number"))
