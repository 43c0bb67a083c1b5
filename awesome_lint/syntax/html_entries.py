"""Entries written as HTML lines inside an HTML block (the one grammar for that shape).

Some lists (trimstray's *Book of Secret Knowledge*) write every entry as a line of HTML in a
``<p>`` block rather than as a Markdown list item::

    <p>
    &nbsp;&nbsp; <a href="https://nmap.org/"><b>Nmap</b></a> - is a network scanner.<br>
    &nbsp;&nbsp; <a href="https://github.com/OWASP/Amass"><b>Amass</b></a> - maps subdomains.<br>
    </p>

A *record* starts at a line that opens with ``<a href>`` (after optional ``&nbsp;`` and
spaces) and ends at its ``<br>``; it may wrap (``<b>sslyze`` / ``</b></a> - ...<br>``).  The
anchor's text is the title, the anchor the primary link, the text after `` - `` the
description.  A block counts only when it holds nothing but records and its ``<p>``
wrapper, and at least half of them describe their link, so a header block (``<a
href><img></a>``, a centred tagline) or a column of navigation links is never read as
entries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from awesome_lint.model import Entry, EntryKind, Link, LinkForm, LinkRole
from awesome_lint.syntax.scanner import Positions
from awesome_lint.syntax.slugs import plain_text

__all__ = ["html_entries"]

#: A line that opens a record: ``&nbsp;&nbsp; <a href=``.
_START = re.compile(r"[ \t]*(?:&nbsp;[ \t]*)*<a\s[^<>]*\bhref\s*=", re.IGNORECASE)
#: A whole record (at most ``_MAX_LINES`` lines, so the pattern meets bounded text).
_RECORD = re.compile(
    r"[ \t]*(?:&nbsp;[ \t]*)*(?P<open><a\s[^<>]*>)(?P<name>[^<>]*(?:<(?!/a>|img\b)[^<>]*>"
    r"[^<>]*){0,6})</a>[ \t]*(?:[-–—:][ \t]*)?(?P<rest>.*?)<br\s*/?>[ \t]*(?:</p>)?[ \t]*",
    re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: The lines a block of records may hold besides them: its ``<p>`` / ``</p>`` wrapper.
_WRAPPER = re.compile(r"[ \t]*(?:</?(?:p|div)\b[^<>]*>[ \t]*)*", re.IGNORECASE)
_MAX_LINES = 4


def html_entries(lines: Sequence[str], first: int, links: Sequence[Link],
                 section_path: tuple[str, ...]) -> list[Entry]:
    """The entries of the HTML block ``lines`` (its first line is ``first``), whose HTML
    links the scanner found as ``links``; [] unless the block holds records and nothing
    but records and their ``<p>`` wrapper."""
    if "<br" not in lines[0].lower() and not any(_BREAK.search(line) for line in lines):
        return []
    starts = [i for i, line in enumerate(lines) if _START.match(line)]
    if not starts:
        return []
    by_line: dict[int, list[Link]] = {}  # the block's anchors by line, in source order
    for link in links:
        if link.form is LinkForm.HTML and not link.image:
            by_line.setdefault(link.span.line, []).append(link)
    entries: list[Entry] = []
    covered = 0
    for n, start in enumerate(starts):
        if any(not _WRAPPER.fullmatch(line) for line in lines[covered:start]):
            return []  # a line that is neither a record nor the wrapper
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        end = start
        while end < stop - 1 and end - start < _MAX_LINES - 1 and not _BREAK.search(lines[end]):
            end += 1
        entry = _record(lines[start:end + 1], first + start, by_line, section_path)
        if entry is None:
            return []
        entries.append(entry)
        covered = end + 1
    if any(not _WRAPPER.fullmatch(line) for line in lines[covered:]):
        return []
    # links that describe nothing (``<a href="docs.md">Docs</a><br>``) are navigation
    return entries if sum(1 for e in entries if e.description) * 2 >= len(entries) else []


def _record(record: Sequence[str], line: int, by_line: dict[int, list[Link]],
            section_path: tuple[str, ...]) -> Entry | None:
    text = "\n".join(record)
    m = _RECORD.fullmatch(text)
    if m is None:
        return None
    title = " ".join(plain_text(m["name"]).split())
    column = m.start("open") + 1
    anchor = next((a for a in by_line.get(line, ()) if a.span.column == column), None)
    if not title or anchor is None:
        return None
    pos = Positions(line, list(record))
    link = Link(title, anchor.destination, LinkForm.HTML,
                pos.span(m.start("open"), m.end("name") + len("</a>")), anchor.dest_span,
                anchor.title, False, False, LinkRole.TITLE)
    last = line + len(record) - 1
    others = tuple(Link(o.text, o.destination, o.form, o.span, o.dest_span, o.title, o.image,
                        o.bracketed, LinkRole.DESCRIPTION)
                   for at in range(line, last + 1) for o in by_line.get(at, ()) if o is not anchor)
    description = " ".join(plain_text(m["rest"]).split())
    return Entry(EntryKind.HTML_LINE, title, link, (), (), (), description, line, last,
                 section_path, (link, *others))
