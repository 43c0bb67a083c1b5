"""Source text -> lines: line endings, the BOM, and the nesting the parser refuses."""

from __future__ import annotations

import re

#: Deeper nesting than this (lists, quotes) is refused: mistletoe recurses per level.
MAX_NESTING = 64

_NEWLINE = re.compile(r"\r\n|\r|\n")


class ParseError(ValueError):
    """Input the parser refuses, with the line it refuses it at."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def split_lines(text: str) -> tuple[list[str], bool, str, bool]:
    """Lines without endings; also whether a BOM was present, the newline style and
    whether the text ended with a newline."""
    had_bom = text.startswith("\ufeff")
    if had_bom:
        text = text[1:]
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = _NEWLINE.split(text) if "\r" in text else text.split("\n")
    ends_with_newline = len(lines) > 1 and lines[-1] == ""
    if ends_with_newline or lines == [""]:
        lines.pop()
    return lines, had_bom, newline, ends_with_newline


def check_nesting(lines: list[str]) -> None:
    for number, line in enumerate(lines, 1):
        if not line or line[0] not in " \t>":
            continue  # (no indent and no quote: the common line, decided at once)
        stripped = line.lstrip(" \t>")
        quotes = line[: len(line) - len(stripped)].count(">")
        indent = len(line) - len(line.lstrip(" \t"))
        if quotes > MAX_NESTING or (indent // 2 > MAX_NESTING and stripped[:1] in "*-+"):
            raise ParseError(f"nesting deeper than {MAX_NESTING} levels", number, 1)
