"""cmark-gfm's source positions put right where its table extension gets them wrong.

The guard sets aside what comes from the lines a rewrite declares, by the source lines
cmark-gfm writes on each block (``data-sourcepos``).  One shape gets wrong lines
(github/cmark-gfm#222, open): a table whose header row is the last line of a paragraph
(``text`` then ``| a |`` then ``|---|``).  The extension turns the paragraph into the
table and puts the lines before the header into a new paragraph, so

* that paragraph has no position at all (``0:0-0:0``): it came from no declared line;
* the table, its header row and header cells start on the *paragraph's* first line (the
  cells' columns are offsets into the paragraph's text).

Judged by those lines, a fix on the paragraph's first line set aside the table's header
on one side only, and a blank line put between paragraph and table (which renders the
same) read as a changed rendering.  :func:`corrected` gives each its real lines, found
from what cmark-gfm does get right: a table's rows are consecutive lines, its first body
row's line and its last line are true, so the header is two lines above the first body
row (the line above the last line when the table has no body).  The paragraph gets the
lines from the table's reported start to the line above the header; the header's
columns are those cmark-gfm writes for the same table after a blank line.  Only positions
change, never the HTML they are written on: the rendering itself is cmark-gfm's.
tests/test_sourcepos.py holds each position to that oracle: the same text with a blank
line above the header, which cmark-gfm renders alike and positions right.
"""

from __future__ import annotations

import re
from functools import partial

_TABLE = re.compile(r'<table data-sourcepos="(\d+):(\d+)-(\d+):(\d+)">\n<thead>\n'
                    r'<tr data-sourcepos="(\d+):\d+-\d+:(\d+)"')
#: The end of a header row: a cell is one line, so this newline can only be cmark-gfm's.
_HEADER_END = "</tr>\n</thead>\n"
_FIRST_BODY_ROW = '<tbody>\n<tr data-sourcepos="'
_CELL = re.compile(r'<th data-sourcepos="\d+:(\d+)-\d+:(\d+)"')
_UNPLACED = '<p data-sourcepos="0:0-0:0">'
_BODY_END = "</tbody>\n</table>\n"
#: A body row or cell: its columns count from the table's first column (cmark-gfm's way).
_BODY = re.compile(r'<(tr|td) data-sourcepos="(\d+):(\d+)-(\d+):(\d+)"')


def corrected(html: str, text: str) -> str:
    """``html`` (cmark-gfm's of ``text``) with the real source lines of every table that
    interrupts a paragraph, and of that paragraph."""
    if "<table " not in html:
        return html
    out: list[str] = []
    done = 0  # offset of ``html`` up to which ``out`` holds it
    lines: list[str] | None = None
    for table in _TABLE.finditer(html):
        first, column, last, end_column, row_line, row_end = \
            (int(group) for group in table.groups())
        header_end = html.find(_HEADER_END, table.end())
        if row_line != first or header_end < 0:
            continue
        after = header_end + len(_HEADER_END)
        if html.startswith(_FIRST_BODY_ROW, after):
            body = after + len(_FIRST_BODY_ROW)
            header = int(html[body: html.index(":", body)]) - 2
        else:
            header = last - 1
        if not first < header <= last:
            continue  # the header is the table's first line: positions are right
        if lines is None:
            lines = text.split("\n")
        line = lines[header - 1] if header <= len(lines) else ""
        width = _width(lines, header)  # where the row ends: the line's last byte
        start = width - len(line.lstrip(" \t>").encode("utf-8")) + 1  # after any "> "
        shift = row_end - width  # the header line's offset in the paragraph's text
        paragraph = html.rfind(_UNPLACED, done, table.start())
        if paragraph >= 0 and html.endswith("</p>\n", 0, table.start()) \
                and "data-sourcepos" not in html[paragraph + len(_UNPLACED): table.start()]:
            out += [html[done: paragraph],
                    f'<p data-sourcepos="{first}:{column}-{header - 1}:'
                    f'{_width(lines, header - 1)}">']
            done = paragraph + len(_UNPLACED)
        cells = _CELL.sub(partial(_header_cell, line=header, by=-shift),
                          html[table.end(): header_end])
        out += [html[done: table.start()],
                f'<table data-sourcepos="{header}:{start}-{last}:{end_column}">\n<thead>\n'
                f'<tr data-sourcepos="{header}:{start}-{header}:{width}"', cells]
        done = header_end
        body_end = html.find(_BODY_END, after)
        if start != column and body_end >= 0:  # the body counts from the header's column
            out += [html[done: after],
                    _BODY.sub(partial(_moved, by=start - column), html[after: body_end])]
            done = body_end
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


def _width(lines: list[str], number: int) -> int:
    """The last column of line ``number`` (cmark-gfm counts bytes, trailing spaces too)."""
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    return max(1, len(line.encode("utf-8")))


def _header_cell(match: re.Match[str], line: int, by: int) -> str:
    """A header cell's tag on its own line, its columns moved ``by``."""
    return (f'<th data-sourcepos="{line}:{_plus(match.group(1), by)}-'
            f'{line}:{_plus(match.group(2), by)}"')


def _moved(match: re.Match[str], by: int) -> str:
    """A body row's or cell's tag, its columns moved ``by`` (a filler cell's 0 stays; a
    row ends where cmark-gfm says: at the table's end column then, not counted from it)."""
    name, first, column, last, end = match.groups()
    end = end if name == "tr" else str(_plus(end, by))
    return f'<{name} data-sourcepos="{first}:{_plus(column, by)}-{last}:{end}"'


def _plus(column: str, by: int) -> int:
    return int(column) and max(1, int(column) + by)
