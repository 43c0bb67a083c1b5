"""mistletoe's block reader, re-done for the blocks awesome lists put between headings.

Reading lists open with an ordered table of contents, an indented tag legend, nested topic
lists, items continued on the next line.  :mod:`awesome_lint.syntax.blocks` cannot read
those line by line, and importing mistletoe for them costs more than the rest of a small
``check``'s parse.  This module follows mistletoe 1.x's own algorithm (``tokenize_block``,
``List.read``, ``ListItem.read``, ``Paragraph.read``, with its quirks: lazy continuation,
the item's ``prepend``, blank lines kept in the item above, the one line stepped back
before a heading) for four token types only: blank lines, ATX headings, paragraphs and
lists.  Wherever mistletoe would try any other token (a definition, HTML block, indented
code, quote, fence, thematic break, table, setext heading, an empty item) or the answer is
not certain from the line, it raises :class:`Unsure` and the chunk goes to mistletoe.
``tests/test_listblocks.py`` compares the trees node for node.

Speed trick (listed in :mod:`awesome_lint.startup`): the seeds and generated lists never
import mistletoe (about 7 ms of import, plus its tokenizing).
"""

from __future__ import annotations

import re
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

# mistletoe 1.x's patterns, verbatim (tests/test_listblocks.py checks each against it).
#: ``ListItem.pattern`` (as corrected: one to nine digits) and ``continuation_pattern``.
_ITEM_MARKER = re.compile(r'( {0,3})(\d{1,9}[.)]|[+\-*])($|\s+)')
_CONTINUATION = re.compile(r'([ \t]*)(\S.*\n|\n)')
#: The markdown renderer's ``BlankLine.pattern``; ``Paragraph.setext_pattern``.
_BLANK = re.compile(r"\s*\n$")
_SETEXT = re.compile(r' {0,3}(=|-)+ *$')
#: ``Table.delimiter_row_pattern``.
_DELIMITER_ROW = re.compile(r'\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*')
#: ``HtmlBlock``'s patterns and ``span_token._tags``.
_HTML_MULTIBLOCK = re.compile(r'<(pre|script|style|textarea)[ >\n]')
_HTML_PREDEFINED = re.compile(r'<\/?(.+?)(?:\/?>|[ \n])')
_HTML_CUSTOM = re.compile(
    r'(?:(?<!\\)<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*'
    r'(?:[^\s"\'=<>`]+|\'[^\']*?\'|"[^\"]*?"))?)*\s*/?>|(?<!\\)</[A-Za-z][A-Za-z0-9-]*\s*>)'
    r'\s*$')
_HTML_TAGS = frozenset({
    'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption',
    'center', 'col', 'colgroup', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
    'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame', 'frameset', 'h1', 'h2',
    'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'iframe', 'legend', 'li', 'link',
    'main', 'menu', 'menuitem', 'meta', 'nav', 'noframes', 'ol', 'optgroup', 'option', 'p',
    'param', 'section', 'source', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
    'title', 'tr', 'track', 'ul'})
#: ``HtmlBlock.start``'s answer for a custom tag (rule 7), the one that cannot interrupt.
_CUSTOM_TAG = 7

#: (indentation, prepend, leader, content), as ``ListItem.parse_marker`` returns it.
Marker = tuple[int, int, str, str]


class Unsure(Exception):
    """A line this reader does not follow mistletoe through: the chunk goes to mistletoe."""


def chunk_tokens(lines: list[str], start: int, stop: int) -> list[Any] | None:
    """The block tokens mistletoe builds for ``lines[start:stop]`` read alone (lines without
    their newline; line numbers 1-based in the whole document), or None when unsure."""
    try:
        return _tokens([line + "\n" for line in lines[start:stop]], start + 1)
    except (Unsure, RecursionError):
        return None


def _tokens(buf: list[str], first: int) -> list[Any]:
    """``tokenize_block``: the tokens of ``buf`` (lines with their newline), whose first line
    is line ``first``; token types tried in the markdown renderer's order."""
    out: list[Any] = []
    count = len(buf)
    index = 0
    while index < count:
        line = buf[index]
        stripped = line.lstrip()
        lead = stripped[:1]
        if lead == "[" and _may_define(line):
            raise Unsure("definition")
        if _BLANK.match(line):
            out.append(BlankLine(first + index))
            index += 1
            continue
        if lead == "<" and _html_start(line):
            raise Unsure("HTML block")
        if line.replace("\t", "    ", 1).startswith("    "):
            raise Unsure("indented code")
        heading = HEADING.match(line)
        if heading:
            out.append(Heading(first + index, len(heading.group(1))))
            index += 1
            continue
        if lead == ">" or stripped.startswith(("```", "~~~")) or THEMATIC_BREAK.match(line):
            raise Unsure("quote, fence or thematic break")
        if LIST_MARKER.match(line):
            token, index = _list(buf, index, first)
            out.append(token)
            continue
        if ("|" in line and _table_at(buf, index)) or not stripped:
            raise Unsure("table")  # (or a line no token type starts: mistletoe skips it)
        out.append(Paragraph(first + index))
        index = _paragraph_end(buf, index)
    return out


def _may_define(line: str) -> bool:
    """Whether a link reference definition might start here (``Footnote.match_link_label``
    followed by ``:``); True also when the label or an escape runs past what this line
    settles."""
    start = -1
    for index, char in enumerate(line):
        if char == "\\":
            return True
        if char == "[":
            if start != -1:
                return False
            start = index
        elif char == "]":
            return bool(line[start + 1:index].strip()) and line[index + 1:index + 2] == ":"
        if start == -1 and not (char == " " and index < 3):
            return False
    return True


def _html_start(line: str) -> int:
    """``HtmlBlock.start``: 0, or the rule (1 to 7) the line opens an HTML block by."""
    stripped = line.lstrip()
    if len(line) - len(stripped) >= 4:
        return 0
    if _HTML_MULTIBLOCK.match(stripped):
        return 1
    if stripped.startswith("<!--"):
        return 2
    if stripped.startswith("<?"):
        return 3
    if stripped.startswith("<!") and stripped[2].isupper():
        return 4
    if stripped.startswith("<![CDATA["):
        return 5
    match = _HTML_PREDEFINED.match(stripped)
    if match is not None and match.group(1).casefold() in _HTML_TAGS:
        return 6
    return _CUSTOM_TAG if _HTML_CUSTOM.match(stripped) else 0


def _table_at(buf: list[str], index: int) -> bool:
    """``Table.read(check_only=True)`` on a line holding ``|``."""
    return index + 1 < len(buf) and _DELIMITER_ROW.fullmatch(buf[index + 1]) is not None


def _interrupts(buf: list[str], index: int, in_item: bool) -> bool:
    """Whether the line interrupts a paragraph (``in_item``: ends a list item instead):
    True for a heading, or a list marker where lists may interrupt.  Raises
    :class:`Unsure` where another token would."""
    line = buf[index]
    stripped = line.lstrip()
    lead = stripped[:1]
    if lead == "<" and _html_start(line) not in (0, _CUSTOM_TAG):
        raise Unsure("HTML block")
    if HEADING.match(line):
        return True
    if lead == ">" or stripped.startswith(("```", "~~~")) or (
            "|" in line and _table_at(buf, index)):
        raise Unsure("quote, fence or table")
    if in_item:
        if THEMATIC_BREAK.match(line):
            raise Unsure("thematic break")
        return False
    marker = _parse_marker(line)  # List.check_interrupts_paragraph
    if marker is not None and marker[3].strip():
        leader = marker[2]
        return not leader[0].isdigit() or leader in ("1.", "1)")
    return False


def _paragraph_end(buf: list[str], index: int) -> int:
    """``Paragraph.read``: the index after the paragraph that starts at ``index``."""
    count = len(buf)
    index += 1
    while index < count and buf[index].strip():
        if _interrupts(buf, index, in_item=False):
            break
        line = buf[index]
        if _SETEXT.match(line) or THEMATIC_BREAK.match(line):
            raise Unsure("setext heading or thematic break")
        index += 1
    return index


def _parse_marker(line: str) -> Marker | None:
    """``ListItem.parse_marker``."""
    match = _ITEM_MARKER.match(line)
    if match is None:
        return None
    prepend = len(match.group(0).expandtabs(4))
    content = line[match.end(0):]
    spaces = prepend - match.end(2)
    if spaces > 4:  # the spaces after the first are the content's
        prepend -= spaces - 1
        content = " " * (spaces - 1) + content
    return len(match.group(1)), prepend, match.group(2), content


def _continuation(line: str, prepend: int) -> str | None:
    """``ListItem.parse_continuation``: the line without the item's indentation, or None."""
    match = _CONTINUATION.match(line)
    if match is None:
        return None
    rest = match.group(2)
    if rest == "\n":
        return "\n"
    spaces = match.group(1).expandtabs(4)
    return spaces[prepend:] + rest if len(spaces) >= prepend else None


def _same_marker_type(leader: str, other: str) -> bool:
    if len(leader) == 1:
        return leader == other
    return leader[:-1].isdigit() and other[:-1].isdigit() and leader[-1] == other[-1]


def _list(buf: list[str], index: int, first: int) -> tuple[List, int]:
    """``List.read``: the list starting at ``index`` and the index after it."""
    token = List(first + index)
    leader = ""
    marker: Marker | None = None
    while True:
        anchor = index
        item, index, marker = _item(buf, index, first, marker)
        if not leader:
            leader = item.leader
        elif not _same_marker_type(leader, item.leader):
            return token, anchor
        token.children.append(item)
        if marker is None:
            return token, index


def _item(buf: list[str], index: int, first: int, marker: Marker | None
          ) -> tuple[ListItem, int, Marker | None]:
    """``ListItem.read``: the item at ``index`` (its marker already read when ``marker`` is
    given), the index after it and the next item's marker, if one ends it."""
    number = first + index
    marker = marker or _parse_marker(buf[index])
    if marker is None:
        raise Unsure("marker")
    _indentation, prepend, leader, content = marker
    if not content.strip():
        raise Unsure("item opening with a blank line")
    own = [content]
    count = len(buf)
    index += 1
    newlines = 0
    following: Marker | None = None
    while True:
        if index >= count:
            break
        line = buf[index]
        continued = _continuation(line, prepend)
        if continued is None:
            if _interrupts(buf, index, in_item=True):
                break
            following = _parse_marker(line)
            if following is not None:
                newlines = 0  # blank lines before the next item stay in this one
                break
            if newlines:
                break
            continued = line  # lazy continuation
        own.append(continued)
        newlines = newlines + 1 if continued == "\n" else 0
        index += 1
    if newlines:  # trailing blank lines: one is read again after the item
        index -= 1
        del own[-newlines:]
    return ListItem(number, leader, _tokens(own, number)), index, following
