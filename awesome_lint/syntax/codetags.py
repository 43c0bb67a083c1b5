"""The code-span tag notation: ``[__`cls.`__ __`seg.`__]`` tags and their ``Keywords`` line.

Some paper lists tag entries with code spans (bold or not) in one pair of brackets, and
declare the tags on a legend line rather than a list::

    __`cls.`__: classification &emsp; | &emsp; __`seg.`__: segmentation

    - [[CVPR](url)] PointNet. [[code](url)] [__`cls.`__ __`seg.`__]

:mod:`awesome_lint.syntax.tags` asks here when the list's dialect (``Document.notation.tags``)
says it writes tags this way; the ``TAG`` rules then compare these tags with this legend
exactly as they do bracket tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from awesome_lint.model import Document, Entry, Span

#: The one grammar of the notation, which every pattern below (and a legend table's tag
#: cell in :mod:`~awesome_lint.syntax.legends`) is built from: a tag's name ...
NAME = r"[A-Za-z][\w.+&/-]{0,15}"
_BOLD = r"(?:\*\*|__)"
#: ... and one tag, a code span maybe in bold (``__`cls.`__``, ```cls.```,
#: ``**`cls.`**``), its name the one group.
SPAN = _BOLD + "?`(" + NAME + ")`" + _BOLD + "?"
_SPAN = _BOLD + "?`" + NAME + "`" + _BOLD + "?"  # (no group)
#: One tag, the same bold on both sides.
_TAG = re.compile(r"(?P<bold>\*\*|__)?`(?P<name>" + NAME + r")`(?P=bold)?")
#: A bracket holding only such tags: ``[__`cls.`__ __`seg.`__]``.
_GROUP = re.compile(r"\[\s*(?:" + _SPAN + r"[\s,]*)+\]")
#: One legend item on a line: ``__`cls.`__: classification``.
_ITEM = re.compile(r"(?P<tag>(?P<bold>\*\*|__)?`(?P<name>" + NAME + r")`(?P=bold)?)"
                   r"\s*:\s*(?P<text>[^|`]*?)\s*(?:&emsp;|&nbsp;|\s)*(?:\||$)")
#: What tells the notation on an entry's line: a bold tag, or a tag alone in brackets.
_BOLD_TAG = re.compile(_BOLD + "`" + NAME + "`" + _BOLD)
_BRACKET_TAG = re.compile(r"\[`" + NAME + r"`\]")
#: The start of a legend item (``__`cls.`__: c``), as counted on a possible legend line.
_ITEM_START = re.compile(_SPAN + r"\s*:\s*\w")
#: Legend lines need this many items between them before they count as a legend.
_MIN_ITEMS = 3


def line_notation(line: str) -> str:
    """How an entry's line writes code-span tags: "bold-code-span" (``__`cls.`__``),
    "code-span" (``[`cls.`]``) or "" (neither)."""
    if "`" not in line:
        return ""
    if _BOLD_TAG.search(line):
        return "bold-code-span"
    return "code-span" if _BRACKET_TAG.search(line) else ""


def is_legend_line(line: str) -> bool:
    """Whether a line holds two or more legend items (``__`cls.`__: classification``)."""
    return len(_ITEM_START.findall(line)) >= 2


def legend_items(document: Document) -> list[tuple[str, str, Span]]:
    """(name, description, span of the tag) of every item on the legend lines: lines
    outside entries and code holding code-span items (``__`cls.`__: classification``), in
    one run of such lines."""
    entry_lines = {e.line for e in document.entries}
    found: list[tuple[str, str, Span]] = []
    last = 0
    for number, line in enumerate(document.lines, 1):
        if "`" not in line or ":" not in line or number in entry_lines \
                or number in document.code_lines:
            continue
        items = list(_ITEM.finditer(line))
        if not items:
            continue
        if found and number - last > 3:
            break  # one legend: the first run of legend lines
        last = number
        for m in items:
            found.append((m["name"], " ".join(m["text"].split()),
                          Span(number, m.start("tag") + 1, number, m.end("tag"))))
    return found if len(found) >= _MIN_ITEMS else []


def entry_tags(document: Document, entry: Entry) -> Iterator[tuple[str, Span, Span]]:
    """(name, span of the name, span of the whole tag) of the entry's code-span tags."""
    for number in range(entry.line, entry.end_line + 1):
        line = document.line_text(number)
        if "`" not in line or number in document.code_lines:
            continue
        for group in _GROUP.finditer(line):
            for m in _TAG.finditer(line, group.start(), group.end()):
                yield (m["name"], Span(number, m.start("name") + 1, number, m.end("name")),
                       Span(number, m.start() + 1, number, m.end()))
