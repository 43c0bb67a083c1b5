"""Line-level pieces the formatter's writers share: patterns, blank lines, hard breaks,
tab indentation, and the unit of output (one top-level block)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING = re.compile(r"(?:^|[ \t]+)(#+)$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_ITEM_PREFIX = re.compile(r"^( *)([*+-]|\d{1,9}[.)])( +)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])$")
_COMMENT_ONLY = re.compile(r"^\s*(?:<!--.*?-->\s*)+$", re.DOTALL)


@dataclass
class _Unit:
    """One top-level block: its input lines and its reference and output lines."""

    kind: str
    first: int
    last: int
    ref: list[str]
    out: list[str]
    #: No blank line before it in the output (it directly follows a comment).
    glue: bool = False



class _Bail(Exception):
    """The list cannot be reproduced exactly: copy it verbatim."""



def _break_style(line: str) -> str | None:
    """The hard-break style a line ends with, if it ends with one."""
    if line.endswith("  ") and line.strip():
        return "spaces"
    stripped = line.rstrip("\\")
    if (len(line) - len(stripped)) % 2 == 1:
        return "backslash"
    return None


def _expanded(line: str, *, verbatim: bool) -> str:
    """``line`` with the tabs of its indentation as spaces (CommonMark's tab stops of 4,
    which is how a tab indents a list item); code and HTML lines keep theirs."""
    indent = len(line) - len(line.lstrip(" \t"))
    if "\t" not in line[:indent]:
        return line
    if verbatim:
        raise _Bail
    column = 0
    for char in line[:indent]:
        column = column + 4 - column % 4 if char == "\t" else column + 1
    return " " * column + line[indent:]


def _expanded_back(original: str, src: str, ref: str) -> str:
    """``ref`` (written from ``src``, the tab-expanded ``original``) with the original
    indentation back."""
    indent = len(src) - len(src.lstrip(" "))
    if not ref.startswith(src[:indent]):
        raise _Bail
    return original[: len(original) - len(original.lstrip(" \t"))] + ref[indent:]


def _blank(line: str) -> bool:
    """CommonMark's blank line: spaces and tabs only (``str.strip`` would also take U+2028,
    NBSP and the like, which make a line of text)."""
    return not line.strip(" \t")


def _collapse_ws(text: str) -> str:
    return " ".join(text.split())


def _collapse(lines: list[tuple[str, bool]]) -> list[str]:
    """No doubled blank lines, except inside code and HTML."""
    out: list[str] = []
    for text, keep in lines:
        if _blank(text) and not keep and out and _blank(out[-1]):
            continue
        out.append(text)
    return out
