"""mistletoe's block reader, re-done for the blocks awesome lists put between headings.

Reading lists open with an ordered table of contents, an indented tag legend, nested topic
lists, items continued on the next line.  :mod:`awesome_lint.syntax.blocks` cannot read
those line by line, and importing mistletoe for them costs more than the rest of a small
``check``'s parse.  This module follows mistletoe 1.x's own algorithm (``tokenize_block``,
``List.read``, ``ListItem.read``, ``Paragraph.read``, with its quirks: lazy continuation,
the item's ``prepend``, blank lines kept in the item above, the one line stepped back
before a heading, empty items, lazy quote lines) for the token types lists and their
surroundings use: blank lines, ATX headings, paragraphs, lists, HTML blocks, quotes, code
fences, indented code, tables and thematic breaks.  Wherever mistletoe would try any
other token (a definition, a setext heading) or the answer is not certain from the line
(a tab on a quote's line), it raises :class:`Unsure` and the chunk goes to mistletoe.
``tests/test_listblocks.py`` compares the trees node for node.

Speed trick (listed in :mod:`awesome_lint.startup`): the seeds, the generated lists and
17 of the 18 corpus lists never import mistletoe (its import and tokenizing: 3 to 8 ms of a
seed's ``check``), and this reader builds a tree two to four times faster than mistletoe.
"""

from __future__ import annotations

import re
from typing import Any

from awesome_lint.syntax.blocktokens import (
    HEADING,
    LIST_MARKER,
    THEMATIC_BREAK,
    BlankLine,
    BlockCode,
    CodeFence,
    Heading,
    HtmlBlock,
    List,
    ListItem,
    Paragraph,
    Quote,
    Table,
    TableRow,
    ThematicBreak,
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
#: ``CodeFence.pattern``.
_CODE_FENCE = re.compile(r'( {0,3})(`{3,}|~{3,})( *(\S*)[^\n]*)')
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
        return _tokens([line + "\n" for line in lines[start:stop]], start + 1,
                       stop == len(lines))
    except (Unsure, RecursionError):
        return None


def _tokens(buf: list[str], first: int, final: bool = True) -> list[Any]:
    """``tokenize_block``: the tokens of ``buf`` (lines with their newline), whose first line
    is line ``first``; token types tried in the markdown renderer's order.  ``final``: the
    end of ``buf`` is the end of what mistletoe reads (a list item's lines, the document),
    not a chunk's end."""
    out: list[Any] = []
    count = len(buf)
    index = 0
    while index < count:
        line = buf[index]
        stripped = line.lstrip()
        lead = stripped[:1]
        if lead == "[" and _may_define(buf, index, final):
            raise Unsure("definition")
        if _BLANK.match(line):
            out.append(BlankLine(first + index))
            index += 1
            continue
        if lead == "<":
            rule, end = _html_start(line)
            if rule:
                out.append(HtmlBlock(first + index))
                index = _html_end(buf, index, end, final)
                continue
        if _indented_code(line):
            out.append(BlockCode(first + index))
            index = _indented_code_end(buf, index)
            continue
        heading = HEADING.match(line)
        if heading:
            out.append(Heading(first + index, len(heading.group(1))))
            index += 1
            continue
        if lead == ">" and _quote_start(line):
            quote, index = _quote(buf, index, first)
            out.append(quote)
            continue
        fence = _fence(line)
        if fence:
            out.append(CodeFence(first + index))
            index = _fence_end(buf, index, fence, final)
            continue
        if THEMATIC_BREAK.match(line):
            out.append(ThematicBreak(first + index))
            index += 1
            continue
        if LIST_MARKER.match(line):
            token, index = _list(buf, index, first)
            out.append(token)
            continue
        if "|" in line and _table_at(buf, index):
            table, index = _table(buf, index, first, final)
            out.append(table)
            continue
        if not stripped:
            raise Unsure("no token")  # (mistletoe skips such a line: not seen so far)
        out.append(Paragraph(first + index))
        index = _paragraph_end(buf, index)
    return out


def _may_define(buf: list[str], index: int, final: bool) -> bool:
    """Whether a link reference definition might start at ``index``: its label
    (``Footnote.match_link_label`` over the lines up to a blank one) followed by ``:``.
    True also where an escape comes first, or the label runs on past a chunk's end."""
    start = -1
    position = 0  # in the lines joined, as mistletoe reads them
    seen: list[str] = []
    for line in buf[index:]:
        if not line.strip():
            return False  # the lines read end here, the label unclosed: no definition
        seen.append(line)
        for column, char in enumerate(line):
            if char == "\\":
                return True
            if char == "[":
                if start != -1:
                    return False
                start = position
            elif char == "]":
                label = "".join(seen)[start + 1:position]
                return bool(label.strip()) and line[column + 1:column + 2] == ":"
            if start == -1 and not (char == " " and position < 3):
                return False
            position += 1
    return not final


def _html_start(line: str) -> tuple[int, str | None]:
    """``HtmlBlock.start``: the rule (1 to 7) the line opens an HTML block by, 0 if none,
    and the text that ends the block (None: a blank line does)."""
    stripped = line.lstrip()
    if len(line) - len(stripped) >= 4:
        return 0, None
    match = _HTML_MULTIBLOCK.match(stripped)
    if match is not None:
        return 1, f"</{match.group(1).casefold()}>"
    for rule, opening, end in _HTML_OPENINGS:
        if stripped.startswith(opening) and (rule != 4 or stripped[2].isupper()):
            return rule, end
    match = _HTML_PREDEFINED.match(stripped)
    if match is not None and match.group(1).casefold() in _HTML_TAGS:
        return 6, None
    return (_CUSTOM_TAG if _HTML_CUSTOM.match(stripped) else 0), None


#: HtmlBlock's rules 2 to 5: (rule, how the line opens, the text that ends the block).
_HTML_OPENINGS = ((2, "<!--", "-->"), (3, "<?", "?>"), (4, "<!", ">"), (5, "<![CDATA[", "]]>"))


def _html_end(buf: list[str], index: int, end: str | None, final: bool) -> int:
    """``HtmlBlock.read``: the index after the block opening at ``index`` (a blank line
    ending it is read again).  A block still open at a chunk's end would run on past it
    (and over the heading) in mistletoe's reading of the whole document: unsure."""
    for at in range(index, len(buf)):
        line = buf[at]
        if end is None:
            if not line.strip():
                return at
        elif end in line.casefold():
            return at + 1
    if not final:
        raise Unsure("HTML block open at the end of a chunk")
    return len(buf)


def _table_at(buf: list[str], index: int) -> bool:
    """``Table.read(check_only=True)`` on a line holding ``|``."""
    return index + 1 < len(buf) and _DELIMITER_ROW.fullmatch(buf[index + 1]) is not None


#: Who asks :func:`_interrupts`, and so which token types may break in: a paragraph (all
#: but a thematic break), a list item (all but a list), a quote (all but a quote).
_PARAGRAPH, _ITEM, _QUOTE = range(3)


def _table(buf: list[str], index: int, first: int, final: bool) -> tuple[Table, int]:
    """``Table.read``: the table whose header row is at ``index`` (its delimiter row after
    it; rows go on while a line holds ``|``) and the index after it.  A table running to a
    chunk's end might take the heading after it (``# a | b``): unsure."""
    number = first + index
    stop = index + 2
    count = len(buf)
    while stop < count and "|" in buf[stop]:
        stop += 1
    if stop == count and not final:
        raise Unsure("table at the end of a chunk")
    table = Table(number)
    table.children = [TableRow(first + at) for at in range(index + 2, stop)]
    return table, stop


def _interrupts(buf: list[str], index: int, asker: int) -> bool:
    """``any(t.check_interrupts_paragraph(lines) for t in breaking_tokens)`` of mistletoe's
    paragraph, list item or quote reader for the line at ``index``."""
    line = buf[index]
    lead = line.lstrip()[:1]
    if (HEADING.match(line) or _fence(line)
            or (lead == "<" and _html_start(line)[0] not in (0, _CUSTOM_TAG))
            or ("|" in line and _table_at(buf, index))):
        return True
    if asker != _QUOTE and lead == ">" and _quote_start(line):
        return True
    if asker != _PARAGRAPH and THEMATIC_BREAK.match(line):
        return True
    if asker == _ITEM:
        return False
    marker = _parse_marker(line)  # List.check_interrupts_paragraph
    if marker is not None and marker[3].strip():
        leader = marker[2]
        return not leader[0].isdigit() or leader in ("1.", "1)")
    return False


def _quote_start(line: str) -> bool:
    """``Quote.start``."""
    stripped = line.lstrip(" ")
    return len(line) - len(stripped) <= 3 and stripped.startswith(">")


def _quote(buf: list[str], index: int, first: int) -> tuple[Quote, int]:
    """``Quote.read``: the quote at ``index`` and the index after it.  A tab on a quote's
    line (``convert_leading_tabs``) is not followed; nor is the setext switch a quote
    turns off, since a setext underline is left to mistletoe everywhere."""
    number = first + index
    line = buf[index]
    if "\t" in line:
        raise Unsure("tab in a quote")
    content = line.lstrip().split(">", 1)[1]
    if content[:1] == " ":
        content = content[1:]
    own = [content]
    closed = bool(_fence(content)) or _indented_code(content) or not content.strip()
    count = len(buf)
    index += 1
    while index < count and buf[index].strip() and not _interrupts(buf, index, _QUOTE):
        line = buf[index]
        stripped = line.lstrip()
        if stripped[0] == ">":
            if "\t" in line:
                raise Unsure("tab in a quote")
            stripped = stripped[2:] if stripped[1] == " " else stripped[1:]
            closed = bool(_fence(stripped)) or _indented_code(stripped) or not stripped.strip()
            own.append(stripped)
        elif closed:  # no lazy continuation after a fence, code or a blank line
            break
        else:
            own.append(line)
        index += 1
    token = Quote(number)
    token.children = _tokens(own, number)
    return token, index


def _indented_code(line: str) -> bool:
    """``BlockCode.start``."""
    return line.replace("\t", "    ", 1).startswith("    ")


def _indented_code_end(buf: list[str], index: int) -> int:
    """``BlockCode.read``: the index after the indented code at ``index``; the empty lines
    at its end (not those holding spaces) are read again.  A chunk's end needs no care: the
    heading after it ends the code."""
    trailing = 0
    count = len(buf)
    while index < count:
        line = buf[index]
        if not line.strip():
            trailing = trailing + 1 if line == "\n" else 0
        elif _indented_code(line):
            trailing = 0
        else:
            break
        index += 1
    return index - trailing


def _fence(line: str) -> tuple[int, str] | None:
    """``CodeFence.start``: the opening's indentation and fence, or None."""
    match = _CODE_FENCE.match(line)
    if match is None:
        return None
    fence = match.group(2)
    if fence[0] == "`" and "`" in match.group(3):
        return None
    return len(match.group(1)), fence


def _fence_end(buf: list[str], index: int, fence: tuple[int, str], final: bool) -> int:
    """``CodeFence.read``: the index after the fence opening at ``index`` (its closing line
    included).  One still open at a chunk's end would run on past it: unsure."""
    for at in range(index + 1, len(buf)):
        line = buf[at]
        stripped = line.lstrip(" ")
        if (stripped.startswith(fence[1]) and len(stripped.split(maxsplit=1)) == 1
                and len(line) - len(stripped) < 4):
            return at + 1
    if not final:
        raise Unsure("code fence open at the end of a chunk")
    return len(buf)


def _paragraph_end(buf: list[str], index: int) -> int:
    """``Paragraph.read``: the index after the paragraph that starts at ``index``."""
    count = len(buf)
    index += 1
    while index < count and buf[index].strip():
        if _interrupts(buf, index, _PARAGRAPH):
            break
        line = buf[index]
        if _SETEXT.match(line):  # (in a quote, mistletoe skips this test for the next)
            raise Unsure("setext heading")
        if THEMATIC_BREAK.match(line):
            break
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
    """``List.read``: the list starting at ``index`` and the index after it.

    mistletoe reads an item with a marker of another type before it drops it (and reads it
    again as the next list's first); the marker that ends an item says the type, so that
    item is not read here at all (the same tree, without reading nested lists twice at
    every level)."""
    token = List(first + index)
    item, index, marker = _item(buf, index, first, None)
    leader = item.leader
    token.children.append(item)
    while marker is not None and _same_marker_type(leader, marker[2]):
        item, index, marker = _item(buf, index, first, marker)
        token.children.append(item)
    return token, index


def _item(buf: list[str], index: int, first: int, marker: Marker | None
          ) -> tuple[ListItem, int, Marker | None]:
    """``ListItem.read``: the item at ``index`` (its marker already read when ``marker`` is
    given), the index after it and the next item's marker, if one ends it."""
    number = first + index
    marker = marker or _parse_marker(buf[index])
    if marker is None:
        raise Unsure("marker")
    indentation, prepend, leader, content = marker
    count = len(buf)
    index += 1
    own = [content]
    if not content.strip():  # an item opening with a blank line
        own = []
        prepend = indentation + len(leader) + 1
        blank = index
        while index < count and not buf[index].strip():
            index += 1
        if index > blank:  # blank lines after it: an empty item, and they are its own
            return (ListItem(number, leader, []), index,
                    _parse_marker(buf[index]) if index < count else None)
    newlines = 0
    following: Marker | None = None
    while index < count:
        line = buf[index]
        continued = _continuation(line, prepend)
        if continued is None:
            if _interrupts(buf, index, _ITEM):
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
