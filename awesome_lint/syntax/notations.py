"""One grammar per venue notation, and the pass that infers which ones a list uses.

Real paper lists write the venue of an entry in many ways::

    * [Title](url) <kbd>CVPR 2017</kbd>                     kbd
    - Title | **[CVPR' 19]** | [pdf](url)                    bold-bracket
    - [Title](url) [CVPR 2019]                               bracket
    - [[CVPR](url)] Title. [[code](url)]                     venue-first (year from ``## 2019``)
    -   Title.  /  -   Authors. *CVPR 2019*                  italic, on a nested author line
    * 2018-NIPS - Title. [[Paper]](url)                      year-prefix
    | [Title](url) | CVPR 2019 |   (a ``Venue`` column)      table-cell
    4. Source, Title (ICCV 2016): https://...                title-paren (closes the title)
    - [Title](url), a talk (ICCV 2016) on ...                paren (anywhere in the text)
    - [Title](url). ICLR, 2020.                              comma
    - **Title** (2015), A. Author et al. [[pdf]](url)        title-year (a year, no venue)
    **[4]** Author. "**Title**." CVPR (2016). [[pdf]](url)   citation (a numbered paragraph)

Each grammar below reads one notation from an entry's own lines and yields
:class:`~awesome_lint.model.VenueMark` objects; :func:`annotate` runs right after parsing,
keeps the notations the document's majority uses (a notation counts when its marks name
known venues on enough entries, so a stray ``(ICCV 2016)`` in prose of a ``<kbd>`` list is
never read as a mark), records them on every entry (``Entry.marks``) and records the list's
dialect (``Document.notation``).  The configuration can force the notations
(``[tool.awesome-lint.dialect] venue-notations``): :func:`read_marks` then reads those.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterator

from awesome_lint.model import (
    Badge,
    Document,
    Entry,
    EntryKind,
    LinkForm,
    ListNotation,
    Span,
    VenueMark,
)
from awesome_lint.syntax import gates
from awesome_lint.syntax.kbd import in_code_span
from awesome_lint.syntax.linespans import joined
from awesome_lint.syntax.tables import cell_mark, table_cells, table_columns
from awesome_lint.syntax.treememo import per_tree
from awesome_lint.syntax.venuemarks import title_without_marks, written_shape
from awesome_lint.venues import parse_badge_text

#: Every notation, in the order a list is most likely to use them.
NOTATIONS = ("kbd", "bold-bracket", "bracket", "venue-first", "italic", "year-prefix",
             "table-cell", "title-paren", "paren", "comma", "title-year", "citation")
#: Notations whose delimiters make a stray match unlikely, with how many entries naming
#: known venues make them the list's.  The others (prose-like) need three and a fifth of
#: the entries.  In every notation, at least half the entries with a candidate must name a
#: known venue.
_STRONG = {"bold-bracket": 1, "venue-first": 2, "italic": 2, "year-prefix": 2,
           "title-year": 3, "citation": 2, "title-paren": 1}
#: Always read: ``<kbd>`` (the parser's own badges) and the venue column a header names.
_ALWAYS = ("kbd", "table-cell")

_BOLD_BRACKET = re.compile(r"\*\*\[([^\[\]\n*`]{1,40})\]\*\*(?!\()")
_BRACKET = re.compile(r"(?<![\]!\\\w`*])\[([^\[\]\n`*]{1,40})\](?![(\[:`*])")
_ITALIC = re.compile(r"(?<![*\w])([*_])([A-Za-z][^*_\n]{1,38}?)\1(?![*\w])")
_YEAR_PREFIX = re.compile(
    r"((?:19|20)?\d{2})\s?-\s?([A-Za-z][\w&+.]{1,15}(?:[ -][A-Z][\w&+.]{0,10})?)\s+[-–—:]\s")
_TITLE_YEAR = re.compile(r"(?:\*\*|__)[^*_\n]{2,300}?(?:\*\*|__)\s*\((\d{4})\)")
_CITATION = re.compile(r"[\"”]\s*(?P<venue>[A-Z][\w&+-]{1,15}(?: [A-Z][\w&+-]{1,15})?)"
                       r"\s*\((?P<year>(?:19|20)\d{2})\)")
_PAREN = re.compile(r"\(([A-Z][\w&+.-]{1,15}(?: [A-Z][\w&+.-]{0,12})?[ '’]{1,2}"
                    r"(?:(?:19|20)\d{2}|\d{2}))\)")
_COMMA = re.compile(r"(?<![\w-])([A-Z][\w&+-]{1,15}(?: [A-Z][\w&+-]{0,12})?),\s?"
                    r"((?:19|20)\d{2})(?![\w-])")
#: What may stand between a title's closing ``(ICCV 2016)`` and the URL after it.
_TO_URL = re.compile(r"[\s,:;.–—-]*")
_AFTER_PREFIX = re.compile(r"^\s*\S+\s+[-–—:]\s+")
#: A heading that names a year: the year of marks that write none (venue-first lists).
_YEAR_TITLE = re.compile(r"^\s*((?:19|20)\d{2})\s*$")
_HAS_YEAR = re.compile(r"(?:19|20)\d{2}|['’]\s?\d{2}\b|\b\d{2}$")
_REMARK = re.compile(r"[,;@:]")
_DIGIT_CLOSE = re.compile(r"\d\]")
#: Gates (:mod:`awesome_lint.syntax.gates`): a pattern every mark of these grammars contains
#: (``_PAREN`` itself; ``, 2020``; ``(2015)``), searched once in the whole document: where it
#: is absent, the grammar is not run entry by entry (awesome-go: about 17 ms).
_GATES: dict[str, re.Pattern[str]] = {
    "title-paren": _PAREN, "paren": _PAREN,
    "comma": re.compile(r",\s?(?:19|20)\d\d"),
    "title-year": re.compile(r"\(\d{4}\)"),
    "citation": re.compile(r"\((?:19|20)\d\d\)"),
}
#: The same for ``italic`` (marks end the entry's last line or one of the ``_AUTHOR_LINES``
#: below it): the lines passing the grammar's first test (awesome-go: 3.4 -> 0.6 ms).
_AUTHOR_LINES = 3
#: Lookup of a venue name in the registry: (known, loose) or None when unknown.
Lookup = Callable[[str], "tuple[bool, bool] | None"]


def _mark(style: str, raw: str, number: int, start: int, end: int, inner_start: int,
          inner_end: int, *, year: int | None = None, venue: str | None = None,
          year_from: str = "mark") -> VenueMark:
    """A mark from offsets of line ``number`` (0-based, ``end`` exclusive)."""
    parsed = parse_badge_text(raw)
    found_year = parsed.year if year is None else year
    return VenueMark(style, raw, parsed.venue_text if venue is None else venue, found_year,
                     parsed.suffix, Span(number, start + 1, number, max(start + 1, end)),
                     Span(number, inner_start + 1, number, max(inner_start + 1, inner_end)),
                     year_from if found_year is not None else "")


def _lines(document: Document, entry: Entry) -> Iterator[tuple[int, str]]:
    code = document.code_lines
    for number in range(entry.line, entry.end_line + 1):
        if number not in code:
            yield number, document.line_text(number)


def _content_start(line: str, entry: Entry) -> int:
    """Where the entry's text starts on its line: after the list marker, if it has one."""
    start = entry.marker_column - 1 + len(entry.marker) if entry.marker else 0
    while start < len(line) and line[start] in " \t":
        start += 1
    return start


# -- the grammars --------------------------------------------------------------------------------
def bold_bracket(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``**[CVPR' 19]**`` (a citation number ``**[12]**`` is not a mark)."""
    for number, line in _lines(document, entry):
        if "**[" not in line:
            continue
        for m in _BOLD_BRACKET.finditer(line):
            raw = m.group(1)
            if in_code_span(line, m.start()) or not re.search(r"[A-Za-z]{2}|\d{4}", raw):
                continue
            yield _mark("bold-bracket", raw, number, m.start(), m.end(), m.start(1), m.end(1))


def bracket(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``[CVPR 2019]`` outside links; a remark (``[Jonathan Ho, Google Brain]``) or a tag
    (``[Gml]``: no year) is not a mark."""
    for number, line in _lines(document, entry):
        if _DIGIT_CLOSE.search(line) is None:  # a mark ends in its year: "2019]", "' 19]"
            continue
        for m in _BRACKET.finditer(line):
            raw = m.group(1)
            if (len(raw.split()) > 5 or _REMARK.search(raw) or not _HAS_YEAR.search(raw)
                    or in_code_span(line, m.start())):
                continue
            yield _mark("bracket", raw, number, m.start(), m.end(), m.start(1), m.end(1))


def venue_first(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``- [[CVPR](url)] Title``: the first link's text, bracketed, before the title; the
    year, when the text has none, is that of the ``## 2019`` heading above."""
    link = entry.link
    if link is None or not link.bracketed or entry.kind is EntryKind.LINK_TITLED:
        return
    line = document.line_text(link.span.line)
    start = link.span.column - 1
    if line[:start].rstrip().removesuffix("[").strip() not in ("", entry.marker):
        return
    text = link.text.strip()
    if not text or len(text) > 30 or len(text.split()) > 3 or _REMARK.search(text):
        return
    at = line.find(text, start)
    if at < 0:
        return
    outer = line.rfind("[", 0, start)
    close = line.find("]", link.span.end_column)
    whole_start = outer if outer >= 0 and not line[outer + 1:start].strip() else start
    whole_end = close + 1 if close >= 0 and not line[link.span.end_column:close].strip() \
        else link.span.end_column
    parsed = parse_badge_text(text)
    year, source = parsed.year, "mark"
    if year is None:
        year = _heading_year(entry)
        source = "heading"
    yield _mark("venue-first", text, link.span.line, whole_start, whole_end, at,
                at + len(text), year=year, year_from=source)


def _heading_year(entry: Entry) -> int | None:
    for title in reversed(entry.section_path):
        m = _YEAR_TITLE.match(title)
        if m is not None:
            return int(m.group(1))
    return None


def italic(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``*CVPR 2019*`` ending the entry's nested author line (``-   Authors. *CVPR 2019*``),
    or ending the entry's own last line."""
    for number, line in _author_lines(document, entry):
        if not _ends_emphasis(line):
            continue  # the mark ends the line
        found = list(_ITALIC.finditer(line.rstrip()))
        if not found:
            continue
        m = found[-1]
        if line.rstrip()[m.end():].strip(" .,;"):
            continue  # not the line's last word: emphasis in running text
        raw = m.group(2)
        if not _HAS_YEAR.search(raw) or len(raw.split()) > 5 or _REMARK.search(raw):
            continue
        yield _mark("italic", raw, number, m.start(), m.end(), m.start(2), m.end(2))


def _ends_emphasis(line: str) -> bool:
    """Whether the line ends in ``*`` or ``_`` (before ``.,;`` and blanks): an italic mark's
    first test."""
    return line.rstrip().rstrip(".,;")[-1:] in ("*", "_")


def _author_lines(document: Document, entry: Entry) -> Iterator[tuple[int, str]]:
    """The entry's last line and the nested lines right under it that hold no link (the
    author line of ``-   Title.`` / ``    [[pdf]](url)`` / ``    -   Authors. *VENUE*``)."""
    yield entry.end_line, document.line_text(entry.end_line)
    indent = entry.marker_column
    starts = _entry_lines(document)
    for number in range(entry.end_line + 1,
                        min(entry.end_line + 1 + _AUTHOR_LINES, len(document.lines) + 1)):
        line = document.line_text(number)
        if (not line.strip() or number in starts or number in document.code_lines
                or len(line) - len(line.lstrip()) < indent):
            return
        yield number, line


def _entry_lines(document: Document) -> frozenset[int]:
    return per_tree("entry-lines", document, lambda d: frozenset(e.line for e in d.entries))


def year_prefix(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``* 2018-NIPS - Title.``: year and venue before the title."""
    if entry.kind is EntryKind.TABLE_ROW:
        return
    line = document.line_text(entry.line)
    start = _content_start(line, entry)
    m = _YEAR_PREFIX.match(line, start)
    if m is None:
        return
    digits, venue = m.group(1), m.group(2)
    year = int(digits) if len(digits) == 4 else (2000 + int(digits) if int(digits) < 50
                                                 else 1900 + int(digits))
    raw = line[m.start(1):m.end(2)]
    found = _mark("year-prefix", raw, entry.line, m.start(1), m.end(2), m.start(1), m.end(2),
                  year=year, venue=venue)
    yield dataclasses.replace(found, suffix="")


def table_cell(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """The cell of a ``Venue``/``Conference`` column (:mod:`awesome_lint.syntax.tables`)."""
    if entry.kind is not EntryKind.TABLE_ROW:
        return
    column = table_columns(document).get(entry.line)
    if column is None:
        return
    line = document.line_text(entry.line)
    cells = table_cells(line)
    if column < len(cells):
        yield cell_mark(line, entry.line, *cells[column])


def paren(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``(ICCV 2016)`` or ``(ICCV'16)`` in the entry's text (not the one that closes its
    title: :func:`title_paren` reads that)."""
    closing = _title_paren(document, entry)
    for number, line in _lines(document, entry):
        if "(" not in line:
            continue
        for m in _PAREN.finditer(line):
            if closing is not None and (number, m.start()) == closing[0]:
                continue
            if not in_code_span(line, m.start()):
                yield _mark("paren", m.group(1), number, m.start(), m.end(), m.start(1),
                            m.end(1))


def title_paren(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``4. Medium, DenseNet (CVPR 2017): https://...``: the ``(VENUE YEAR)`` that closes
    the title of an entry whose title is the text before its URL.  The title slot is
    delimited (the mark ends the title, only ``:``/``,`` stand before the URL), so unlike
    a parenthesis in prose one such mark naming a known venue makes the notation the list's."""
    found = _title_paren(document, entry)
    if found is not None:
        (number, _start), m = found
        yield _mark("title-paren", m.group(1), number, m.start(), m.end(), m.start(1),
                    m.end(1))


def _title_paren(document: Document, entry: Entry
                 ) -> tuple[tuple[int, int], re.Match[str]] | None:
    """((line, offset), match) of the paren mark closing the entry's title, if any."""
    link = entry.link
    if (entry.kind not in (EntryKind.NUMBERED_PROSE, EntryKind.TEXT_THEN_URL) or link is None
            or link.form is not LinkForm.BARE or ")" not in entry.title):
        return None
    number = entry.line
    line = document.line_text(number)
    end = link.span.column - 1 if link.span.line == number else len(line)
    found = list(_PAREN.finditer(line, 0, end))
    m = found[-1] if found else None
    if (m is None or _TO_URL.fullmatch(line, m.end(), end) is None
            or in_code_span(line, m.start())
            or not entry.title.rstrip(" ,:;.–—-").endswith(m.group(0))):
        return None
    return (number, m.start()), m


def comma(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``ICLR, 2020`` in the entry's text (a citation's venue and year)."""
    for number, line in _lines(document, entry):
        if "," not in line:
            continue
        for m in _COMMA.finditer(line):
            if not in_code_span(line, m.start()):
                yield _mark("comma", m.group(0), number, m.start(), m.end(), m.start(),
                            m.end(), venue=m.group(1))


def title_year(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``- **Title** (2015), A. Author``: the year right after a bold title."""
    if entry.kind is EntryKind.TABLE_ROW:
        return
    line = document.line_text(entry.line)
    m = _TITLE_YEAR.match(line, _content_start(line, entry))
    if m is not None:
        yield _mark("title-year", m.group(1), entry.line, m.start(1) - 1, m.end(1) + 1,
                    m.start(1), m.end(1), year=int(m.group(1)), venue="")


def citation(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """``"**Title**." CVPR (2016).``: the venue and year right after a citation's title."""
    if entry.kind is not EntryKind.NUMBERED_PROSE or entry.marker:
        return
    for number, line in _lines(document, entry):
        m = _CITATION.search(line)
        if m is not None:
            yield _mark("citation", m["venue"], number, m.start("venue"), m.end(),
                        m.start("venue"), m.end("venue"), venue=m["venue"],
                        year=int(m["year"]))
            return


def kbd(document: Document, entry: Entry) -> Iterator[VenueMark]:
    """The parser's ``<kbd>`` badges that are closed (the badge rules judge open ones)."""
    for b in entry.badges:
        if b.closed:
            yield _from_badge(b)


def _from_badge(b: Badge) -> VenueMark:
    return VenueMark("kbd", b.raw, b.venue, b.year, b.suffix, b.span, b.inner_span,
                     "mark" if b.year is not None else "")


GRAMMARS: dict[str, Callable[[Document, Entry], Iterator[VenueMark]]] = {
    "kbd": kbd, "bold-bracket": bold_bracket, "bracket": bracket, "venue-first": venue_first,
    "italic": italic, "year-prefix": year_prefix, "table-cell": table_cell,
    "title-paren": title_paren, "paren": paren,
    "comma": comma, "title-year": title_year, "citation": citation,
}


# -- inference -----------------------------------------------------------------------------------
def _known(lookup: Lookup, mark: VenueMark) -> bool:
    """Whether the mark names a known venue (for a year-only notation: a plausible year)."""
    if mark.style == "title-year":
        return mark.year is not None and 1900 <= mark.year <= 2100
    found = lookup(mark.venue) if mark.venue else None
    return found is not None and not found[1]


def _position(mark: VenueMark) -> tuple[int, int]:
    return mark.span.line, mark.span.column


def infer_venues(document: Document, lookup: Lookup
                 ) -> tuple[dict[str, int], dict[Entry, tuple[VenueMark, ...]]]:
    """The notations in use (with the entries that have a mark of each) and every entry's
    marks in those notations."""
    entries = document.entries
    # An entry with a <kbd> badge has its mark: the other grammars read only the rest (a
    # "(ICCV 2017)" in the description of a <kbd> entry is prose, and a <kbd> list of 10k
    # entries then costs one pass).
    unmarked = [e for e in entries if not e.badges or not any(b.closed for b in e.badges)]
    candidates: dict[str, dict[Entry, list[VenueMark]]] = {}
    joined = _joined(document) if unmarked else ("", [])
    absent = _absent_gates(document, joined) if unmarked else frozenset()
    for style, grammar in GRAMMARS.items():
        found: dict[Entry, list[VenueMark]] = {}
        if style in absent:
            continue  # (speed trick: no mark of this notation anywhere, see _GATES)
        if style == "kbd":  # the parser's badges: no grammar to run (10k entries, one pass)
            for entry in entries:
                if entry.badges:
                    marks = [_from_badge(b) for b in entry.badges if b.closed]
                    if marks:
                        found[entry] = marks
        else:
            gate = gates.LINE_GATES.get(style)
            chosen = (_italic_gated(document, unmarked) if style == "italic" else unmarked
                      if gate is None else _gated(document, unmarked, gate, joined))
            if style in gates.READS:
                chosen = [e for e in chosen if e.kind in gates.READS[style]]
            for entry in chosen:
                marks = list(grammar(document, entry))
                if marks:
                    found[entry] = marks
        if found:
            candidates[style] = found
    used: dict[str, int] = {}
    for style, found in candidates.items():
        if style in _ALWAYS:
            used[style] = len(found)
            continue
        known = sum(1 for marks in found.values() if any(_known(lookup, m) for m in marks))
        strong = known >= _STRONG.get(style, 3)
        prose = known >= 3 and len(found) * 5 >= len(entries)
        if (strong or prose) and known * 2 >= len(found):
            used[style] = len(found)
    return used, _collect(candidates, used)


def _joined(document: Document) -> tuple[str, list[int]]:
    """What the gates search (built once per :func:`infer_venues`)."""
    return joined(document.lines)


def _absent_gates(document: Document, joined: tuple[str, list[int]] | None = None
                  ) -> frozenset[str]:
    """The grammars whose gate (:data:`_GATES`) the document's lines do not hold."""
    return gates.absent(_GATES, (joined or _joined(document))[0])


def _gated(document: Document, entries: list[Entry], gate: re.Pattern[str],
           joined: tuple[str, list[int]] | None = None) -> list[Entry]:
    """The ``entries`` with a line that holds ``gate`` (:data:`gates.LINE_GATES`)."""
    return gates.touching(entries, gates.held_lines(gate, joined or _joined(document)))


def _italic_gated(document: Document, entries: list[Entry]) -> list[Entry]:
    """The ``entries`` whose author lines may end in an italic mark (``_AUTHOR_LINES``)."""
    held = {number for number, line in enumerate(document.lines, 1) if _ends_emphasis(line)}
    return gates.touching(entries, held, _AUTHOR_LINES)


def _collect(candidates: dict[str, dict[Entry, list[VenueMark]]], used: dict[str, int]
             ) -> dict[Entry, tuple[VenueMark, ...]]:
    styles = [style for style in used if style in candidates]
    if len(styles) == 1:  # one notation (most lists): its grammar yields marks in order
        return {e: tuple(ms) for e, ms in candidates[styles[0]].items()}
    out: dict[Entry, list[VenueMark]] = {}
    for style in styles:
        for entry, marks in candidates[style].items():
            out.setdefault(entry, []).extend(marks)
    return {e: tuple(sorted(ms, key=_position)) if len(ms) > 1 else tuple(ms)
            for e, ms in out.items()}


def read_marks(document: Document, styles: tuple[str, ...]) -> dict[Entry, tuple[VenueMark, ...]]:
    """Every entry's marks in exactly ``styles`` (a configuration's choice, not inferred)."""
    candidates = {style: {e: list(GRAMMARS[style](document, e)) for e in document.entries}
                  for style in styles if style in GRAMMARS}
    return _collect(candidates, dict.fromkeys(candidates, 1))


def year_digits(marks: Iterator[VenueMark]) -> int:
    """4 or 2 by the majority of marks that write a year; 0 without any."""
    counts: Counter[int] = Counter()
    seen: dict[tuple[str, str, int], int] = {}  # lists repeat a few dozen mark texts
    for mark in marks:
        if mark.year is not None and mark.year_from == "mark":
            key = (mark.style, mark.raw, mark.year)
            digits = seen.get(key)
            if digits is None:  # as the list's notation reads the mark's year
                digits = seen[key] = written_shape(mark.raw, mark.year, mark.year_from,
                                                   mark.style)[1]
            counts[digits] += 1
    return counts.most_common(1)[0][0] if counts else 0


def annotate(document: Document, lookup: Lookup) -> ListNotation:
    """Read every entry's venue marks in the notations the list uses, record them on the
    entries and the list's dialect on the document; return the dialect."""
    from awesome_lint.syntax.shapes import bullet_of, shapes_of, tag_notation

    used, marks = infer_venues(document, lookup)
    retitle = "year-prefix" in used or "bold-bracket" in used
    for entry in document.entries:
        found = entry.marks = marks.get(entry, ())
        if not retitle or not found:
            continue
        if found[0].style == "year-prefix" and found[0].raw in entry.title:
            # "2018-NIPS - Title." is titled "Title."
            entry.title = _AFTER_PREFIX.sub("", entry.title, count=1)
        elif any(m.style == "bold-bracket" and f"[{m.raw}]" in entry.title for m in found):
            # "Title | **[CVPR' 19]** | [pdf](url)" is titled "Title"
            entry.title = title_without_marks(entry, found)
    order = sorted(used.items(), key=lambda kv: -kv[1])
    tags, legend = tag_notation(document)
    dialect = ListNotation(
        venues=tuple(style for style, _ in order), venue_counts=tuple(order),
        year_digits=year_digits(m for ms in marks.values() for m in ms),
        tags=tags, legend=legend, shapes=shapes_of(document), bullet=bullet_of(document))
    document.notation = dialect
    return dialect
