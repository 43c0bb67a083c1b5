"""Entry shapes, bullet habit and tag notation of a list, counted from its tree.

Part of the dialect :func:`awesome_lint.syntax.notations.annotate` records on the document:
what the list's entries look like (``* [Title](url)``, ``- **Title** (2015) [[pdf]](url)``,
``* Title: https://...``, multi-line entries with a nested author line, table rows, HTML
lines in a ``<p>``), the bullet most of them use, and how they write topic tags and their legend.
"""

from __future__ import annotations

from collections import Counter

from awesome_lint.model import Document, Entry, EntryKind
from awesome_lint.syntax import codetags


def _shape(document: Document, entry: Entry) -> str:
    if entry.kind is EntryKind.TABLE_ROW:
        return "table-row"
    if entry.kind is EntryKind.NUMBERED_PROSE:
        return "numbered-prose"
    if entry.kind is EntryKind.LINK_TITLED:
        return "link-titled"
    if entry.kind is EntryKind.HTML_LINE:
        return "html-line"
    line = document.line_text(entry.line)
    content = (line[entry.marker_column - 1 + len(entry.marker):] if entry.marker
               else line).lstrip()
    if content.startswith(("**", "__")):
        return "bold-title"
    if entry.link is not None and entry.link.bracketed and entry.link.span.line == entry.line:
        return "venue-first" if entry.marks and entry.marks[0].style == "venue-first" \
            else "text-then-links"
    if entry.end_line > entry.line or any(m.style == "italic" for m in entry.marks):
        return "multi-line"
    return "title-then-url"


def shapes_of(document: Document) -> tuple[tuple[str, int], ...]:
    """Entry shapes with their counts, most used first."""
    return tuple(Counter(_shape(document, e) for e in document.entries).most_common())


def bullet_of(document: Document) -> str:
    """The marker most list entries use ("1." for numbered lists, "" without entries)."""
    counts = Counter("1." if e.marker[:1].isdigit() else e.marker
                     for e in document.entries if e.marker)
    return counts.most_common(1)[0][0] if counts else ""


def tag_notation(document: Document) -> tuple[str, str]:
    """(tag notation, legend form) by majority over the entries' lines."""
    counts: Counter[str] = Counter()
    for entry in document.entries:
        if entry.tags:
            counts["bracket"] += 1
        code = codetags.line_notation(document.line_text(entry.line))
        if code:  # [__`cls.`__] (yochengliu's point-cloud list) or [`cls.`]
            counts[code] += 1
    notation = counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] >= 2 else ""
    from awesome_lint.syntax.legends import table_legend

    legend = ""
    if document.legends:
        legend = "list"
    elif notation and table_legend(document):
        legend = "table"
    elif notation in ("bold-code-span", "code-span") and any(
            codetags.is_legend_line(line) for line in document.lines[:200]):
        legend = "line"
    return notation, legend
