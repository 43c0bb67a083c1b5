"""Block structure: mistletoe's block tokens, with a fast path for plain list runs.

mistletoe reads about 35 000 lines a second, a third of our parse.  Most of an awesome list
is runs of headings, blank lines, bullet or numbered items (one line, or more that only
continue its paragraph; bullets nested at their parent's content column) and plain
paragraphs whose structure is certain, so those runs get
tokens shaped exactly like mistletoe's (same names, attributes and quirks) without it.
Everything else still goes to mistletoe, one segment at a time.

The document is cut before ATX headings at column 0.  A chunk whose lines are all plain
(blank, such a heading, a ``* text`` or ``1. text`` item whose text cannot open a block of
its own, a line that continues an item's paragraph, or a paragraph line that cannot start
or interrupt a block) is built here.  Other chunks (nested lists off their parent's column,
lazy lines, quotes, HTML, code, tables...) are read by :mod:`awesome_lint.syntax.listblocks`,
mistletoe's own algorithm for the token types lists and their surroundings use, which
gives up on anything else.  What it gives up on is parsed by mistletoe together with the
heading that follows: when that heading comes back as a top-level heading, the segment
closed before it (no open fence, HTML block, list or definition swallowed it) and what
follows parses the same as it would in one piece.  Otherwise the rest of the document is
parsed in one piece.  ``tests/test_blocks.py`` and ``tests/test_listblocks.py`` compare the
paths on generated and real lists.
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

# mistletoe 1.x's patterns (tests/test_blocks.py checks they still match).
_HEADING = HEADING
_THEMATIC_BREAK = THEMATIC_BREAK
_LIST_MARKER = LIST_MARKER

#: A bullet whose text starts a paragraph: one space after the marker, then non-space.
_BULLET = re.compile(r"[*+-] \S")
#: The same for a numbered item (1 to 4 spaces: five would open indented code).
_NUMBERED = re.compile(r"(\d{1,9})([.)]) {1,4}(?=\S)")
_BLANK, _HEADING_LINE, _ITEM, _TEXT, _OTHER, _CONTINUED, _NUMBERED_ITEM, _NESTED_ITEM = range(8)
#: A bullet indented by spaces (a nested item when its indent is an open item's content
#: column; speed trick: see _nest).
_INDENTED_BULLET = re.compile(r"( +)[*+-] \S")


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
    kinds = _kinds(lines)
    blocks = Blocks()
    pending = -1  # the first line of chunks left to mistletoe, if any
    for start, stop, plain in _runs(kinds):
        tokens: list[Any] | None
        if plain:
            tokens = _plain_tokens(lines, kinds, start, stop)
        else:  # (imported here: a list the fast path reads whole never loads it)
            from awesome_lint.syntax.listblocks import chunk_tokens

            tokens = chunk_tokens(lines, start, stop)
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


def _kinds(lines: list[str]) -> list[int]:
    """Each line's kind, as the fast path reads it in place (items, nesting, continuation)."""
    kinds = [_kind(line) for line in lines]
    if kinds and kinds[0] in (_NUMBERED_ITEM, _NESTED_ITEM):
        kinds[0] = _ITEM if kinds[0] == _NUMBERED_ITEM else _OTHER
    # (indent, content column) of the open bullet items
    nest: list[tuple[int, int]] = [(0, 2)] if kinds and kinds[0] == _ITEM and lines[0][
        0] in "*+-" else []
    for index in range(1, len(kinds)):
        kind = kinds[index]
        if kind == _NUMBERED_ITEM:
            # one not numbered 1 cannot interrupt a paragraph: it goes on with it
            kinds[index] = _OTHER if kinds[index - 1] == _TEXT and _number(
                lines[index]) != 1 else _ITEM
            nest = []
        elif kind == _ITEM:
            nest = [(0, 2)] if lines[index][0] in "*+-" else []
        elif kind == _NESTED_ITEM:
            kinds[index] = _nest(nest, lines[index], kinds[index - 1])
        elif kinds[index - 1] in (_ITEM, _CONTINUED) and (
                kind == _TEXT or (kind == _OTHER and _continues(lines[index]))):
            kinds[index] = _CONTINUED  # the item's paragraph goes on (speed trick: below)
    return kinds


def _kind(line: str) -> int:
    if not line.strip(" \t"):
        return _BLANK
    first = line[0]
    if first == "#":
        return _HEADING_LINE if _HEADING.match(line + "\n") else _OTHER
    if first in "*+-" and _BULLET.match(line) and _plain_item(line):
        return _ITEM
    if first == " ":  # a nested bullet (speed trick: _nest), or what mistletoe reads
        indented = _INDENTED_BULLET.match(line)
        if indented is not None and _plain_item(line, indented.end() - 1):
            return _NESTED_ITEM
        return _OTHER
    if first == "\t" and line[1:2] in ("*", "+", "-") and _BULLET.match(line, 1) \
            and _plain_item(line, 3):
        return _NESTED_ITEM  # (one tab: see _nest)
    if first.isdigit():  # a numbered item (speed trick: _NUMBERED), or text
        numbered = _NUMBERED.match(line)
        if numbered is not None:
            return _NUMBERED_ITEM if _plain_item(line, numbered.end()) else _OTHER
    return _TEXT if _plain_text(line) else _OTHER


def _continues(line: str) -> bool:
    """Whether an indented line right under a one-line item (or its continuation) goes on
    with the item's paragraph: its text can only be paragraph text, so it opens nothing
    inside the item or out of it, and indented code cannot interrupt a paragraph.

    Speed trick (listed in awesome_lint.startup): such lines, and the paragraph lines that
    continue an item lazily, were left to mistletoe with their whole section (awesome-go:
    four of its seven sections mistletoe read for one line each)."""
    text = line.lstrip(" \t")
    return bool(text) and line[0] in " \t" and _plain_text(text)


def _plain_text(line: str) -> bool:
    """Whether the line can only be paragraph text, wherever it stands: it starts no block
    (heading, quote, list, rule, fence, HTML, definition, indented code), is no setext
    underline and no table row."""
    first = line[0]
    if first in "+-" and "|" not in line:  # "-[x](y)": no marker, rule or underline
        return not (_LIST_MARKER.match(line + "\n") or _THEMATIC_BREAK.match(line + "\n")
                    or not line.rstrip(" \t").strip("-"))
    if first.isspace() or first in "#>+-=<:|" or "|" in line:
        return False
    if first in "*_" or first.isdigit():
        return not (_LIST_MARKER.match(line + "\n") or _THEMATIC_BREAK.match(line + "\n"))
    if first in "`~":
        return not line.startswith(("```", "~~~"))
    # A definition's label ends at its first "]": one on this line, not followed by ":" and
    # with no escape before it, settles that none starts here.
    return first != "[" or ("]" in line and "]:" not in line and "\\" not in line)


def _plain_item(line: str, at: int = 2) -> bool:
    """Whether the item's text (from offset ``at``) is a paragraph and the line no thematic
    break."""
    text = line[at:]
    first = text[0]
    if first in "#><" or text.startswith(("```", "~~~")):
        return False  # heading, quote, HTML block, code fence
    if first == "[" and "]:" in text:
        return False  # may be a link reference definition
    if not first.isspace() and first not in "-_*+" and not first.isdigit():
        # Speed trick (listed in awesome_lint.startup): no pattern below can match (each
        # needs a marker, digit or rule character after at most three spaces, and a rule
        # line has nothing else), so the three "+ \n" copies and matches are skipped.
        return True
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
    """A list of items sharing a marker, each a paragraph (one line, or more that continue
    it), and the index after it.

    Blank lines before another item stay in the item above (mistletoe counts them as its
    children); before a heading or the end, only the last of them is read again at the
    top level, as mistletoe's list item backs up one line."""
    indent = _indent(lines[index])
    key, marker = _marker(lines[index][indent:])
    token = List(index + 1)
    while True:
        children: list[Any] = [Paragraph(index + 1)]
        end = index + 1  # after the item's paragraph (its continued lines included)
        while end < stop and kinds[end] == _CONTINUED:
            end += 1
        while end < stop and kinds[end] == _ITEM and _indent(lines[end]) > indent:
            nested, end = _plain_list(lines, kinds, end, stop)  # its nested lists
            children.append(nested)
        after = end
        while after < stop and kinds[after] == _BLANK:
            after += 1
        if after < stop and kinds[after] == _ITEM and _indent(lines[after]) == indent:
            children.extend(BlankLine(n + 1) for n in range(end, after))
            token.children.append(ListItem(index + 1, marker, children))
            index = after
            next_key, marker = _marker(lines[after][indent:])
            if next_key != key:
                return token, index
            continue
        token.children.append(ListItem(index + 1, marker, children))
        if after < stop and kinds[after] == _ITEM and _indent(lines[after]) < indent:
            return token, end  # back to the item it is nested in, which reads the blanks
        return token, (after - 1 if after > end else after)


def _nest(nest: list[tuple[int, int]], line: str, above: int) -> int:
    """The kind of an indented bullet line (``nest``: the open items, updated): an item
    nested right under an item line (its indent that item's content column) or a sibling of
    an open nested item (the same indent); anything else is left to mistletoe.

    Speed trick (listed in awesome_lint.startup): nested lists of one-line items (vinta's
    list: 600 of its 1,200 lines) were mistletoe's with their whole section."""
    if above not in (_ITEM, _CONTINUED) or not nest:
        return _OTHER
    if line[0] == "\t":  # one tab: nested in a top-level item, beside other such items only
        if nest == [(0, 2)] or nest == [(0, 2), _TABBED]:
            nest[1:] = [_TABBED]
            return _ITEM
        return _OTHER
    indent = len(line) - len(line.lstrip(" "))
    if indent == nest[-1][1]:
        nest.append((indent, indent + 2))
        return _ITEM
    for depth in range(len(nest) - 1, 0, -1):
        if nest[depth][0] == indent:
            del nest[depth + 1:]
            return _ITEM
    return _OTHER


#: The nesting entry of a one-tab bullet (matches no indent or content column).
_TABBED = (-1, -1)


def _indent(line: str) -> int:
    """A bullet line's indent: spaces, or one tab (which nests it one level, see _nest)."""
    return len(line) - len(line.lstrip(" \t"))


def _number(line: str) -> int:
    """The number of a numbered item's line."""
    numbered = _NUMBERED.match(line)
    assert numbered is not None
    return int(numbered[1])


def _marker(line: str) -> tuple[str, str]:
    """(what a list's items share, the item's own leader): a bullet's character, or a
    numbered item's delimiter and its number with it (``1.``, ``10)``)."""
    first = line[0]
    if first in "*+-":
        return first, first
    numbered = _NUMBERED.match(line)
    assert numbered is not None  # (an item line is a bullet or numbered)
    return numbered[2], numbered[1] + numbered[2]


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
