"""Positions: the engine's 1-based code-point columns to LSP's 0-based UTF-16 units and back.

The engine counts columns in code points of a line without its ending (and without a BOM);
LSP counts UTF-16 code units from 0, so every character outside the Basic Multilingual
Plane (most emoji) is one column for us and two characters for the editor.  Both sides
split lines at ``\\r\\n``, ``\\r`` and ``\\n``, so line numbers only shift by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lsprotocol import types

from awesome_lint.diagnostics import Diagnostic, Edit

_NEWLINE = re.compile(r"\r\n|\r|\n")  # the parser's and LSP's line breaks


def _utf16_len(text: str) -> int:
    """UTF-16 code units of ``text``; ASCII (the common case) needs no walk."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _utf8_len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _char_units(encoding: str) -> Callable[[str], int]:
    """Code units of one character in the negotiated position encoding."""
    if encoding == types.PositionEncodingKind.Utf8:
        return lambda ch: len(ch.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return lambda ch: 1
    return lambda ch: 2 if ord(ch) > 0xFFFF else 1


_LENGTHS: dict[str, Callable[[str], int]] = {
    types.PositionEncodingKind.Utf16: _utf16_len,
    types.PositionEncodingKind.Utf8: _utf8_len,
    types.PositionEncodingKind.Utf32: len,
}


class LineIndex:
    """Converts between the engine's (line, column) and LSP positions for one text.

    UTF-16 unless the client negotiated another ``positionEncoding`` (Neovim and Helix
    offer UTF-8 first)."""

    def __init__(self, lines: Sequence[str], *, bom: bool = False,
                 encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.lines = lines
        #: A BOM the engine strips is one code unit (three in UTF-8) at the start of line 0.
        self.bom = _LENGTHS.get(encoding, _utf16_len)("\ufeff") if bom else 0
        self.encoding = encoding
        self._length = _LENGTHS.get(encoding, _utf16_len)

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position before the character at 1-based (line, column)."""
        if line > len(self.lines):  # an insertion after the last line
            last = len(self.lines)
            return types.Position(max(last - 1, 0), self._units(last, 1 << 30))
        return types.Position(line - 1, self._units(line, column - 1))

    def _units(self, line: int, chars: int) -> int:
        text = self.line_text(line)
        units = self._length(text[:max(chars, 0)])
        return units + self.bom if line == 1 else units

    def column(self, position: types.Position) -> tuple[int, int]:
        """1-based (line, column) of the character at an LSP position (clamped to the line)."""
        line = position.line + 1
        text = self.line_text(line)
        units = position.character - (self.bom if line == 1 else 0)
        if text.isascii():
            return line, min(max(units, 0), len(text)) + 1
        width = _char_units(self.encoding)
        index = 0
        while index < len(text) and units > 0:
            units -= width(text[index])
            index += 1
        return line, index + 1

    def diagnostic_range(self, diagnostic: Diagnostic) -> types.Range:
        """A diagnostic's range: its end column is inclusive, LSP's end is exclusive."""
        return types.Range(self.position(diagnostic.line, diagnostic.column),
                           self.position(diagnostic.end_line, diagnostic.end_column + 1))

    def edit_range(self, edit: Edit) -> types.Range:
        """The text an :class:`Edit` deletes; a line ending counts as one character."""
        line, column, remaining = edit.line, edit.column, edit.delete
        while line <= len(self.lines):
            left = len(self.line_text(line)) - (column - 1)
            if remaining <= left:
                return types.Range(self.position(edit.line, edit.column),
                                   self.position(line, column + remaining))
            remaining -= left + 1
            line, column = line + 1, 1
        return types.Range(self.position(edit.line, edit.column), self.position(line, 1))

    def text_edit(self, edit: Edit, newline: str = "\n") -> types.TextEdit:
        """An LSP text edit; inserted line breaks follow the document's style."""
        insert = edit.insert.replace("\n", newline) if newline != "\n" else edit.insert
        return types.TextEdit(self.edit_range(edit), insert)


def contains(outer: types.Range, position: types.Position) -> bool:
    """Whether ``position`` lies in ``outer`` (both ends included: a cursor right after a
    finding still hovers it)."""
    start, end = outer.start, outer.end
    return (start.line, start.character) <= (position.line, position.character) <= (
        end.line, end.character)


def overlaps(a: types.Range, b: types.Range) -> bool:
    """Whether two ranges touch (ends included, so an empty range at an edge counts)."""
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line, b.start.character) <= (a.end.line, a.end.character)



def offset_position(text: str, offset: int,
                    encoding: str = types.PositionEncodingKind.Utf16) -> types.Position:
    """The LSP position of a character offset into the editor's own text (BOM included)."""
    lines = _NEWLINE.split(text[:offset])
    return types.Position(len(lines) - 1, _LENGTHS.get(encoding, _utf16_len)(lines[-1]))


def code_units(text: str, encoding: str = types.PositionEncodingKind.Utf16) -> int:
    """Length of ``text`` in the negotiated encoding's code units."""
    return _LENGTHS.get(encoding, _utf16_len)(text)
