"""Tag legends: which legend is in force (the configuration's, the document's lists, a
code-span ``Keywords`` line or a lone enumeration) and the order it gives its tags.

:mod:`awesome_lint.syntax.tags` resolves the legend here once per document; the ``TAG``
rules compare entry tags with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from awesome_lint.model import Document, Span, TagLegend
from awesome_lint.syntax import codetags, kbd
from awesome_lint.syntax.tables import table_cells
from awesome_lint.syntax.tagtokens import TAG_NAME, TOKEN, is_tag_name

_LEGEND_WORDS = re.compile(
    r"legend|\btags?\b|topic|categor|label|abbreviation|\bkey\b", re.IGNORECASE)
#: A lone enumeration line: a short lead-in ("Tags:", "e.g.") or commas, two or more tokens
#: (each a tag name).
_ENUM_LINE = re.compile(
    r"\s*(?P<lead>[*_]{0,2}[^\[\]()<>]{0,40}?(?:e\.g\.?|i\.e\.?|:|\s[-–—])[*_]{0,2}[\s,]*)?"
    r"(?P<tokens>" + TOKEN.pattern + r"(?:\s*[,;/|]?\s*" + TOKEN.pattern + r")+)"
    r"\s*[.,;\\]?\s*")


@dataclass(slots=True)
class EntryTag:
    """A tag of an entry.  Read-only by convention: not frozen, as a list has thousands and
    a frozen dataclass costs three times as much to build."""

    name: str  # as written
    #: The name alone (inside the brackets or the ``<kbd>``): what a rename replaces.
    span: Span
    #: The whole token, brackets or ``<kbd>`` element included: where findings point.
    token: Span
    #: "start" (before the title), "end" (after everything else), "middle" or "badge".
    position: str


@dataclass(frozen=True, slots=True)
class LegendTag:
    """A tag the list (or its configuration) declares, with its meaning."""

    name: str
    description: str
    #: The ``[Gml]`` token in the document; None for a tag only the configuration declares.
    span: Span | None


@dataclass(frozen=True, slots=True)
class Legend:
    """The legend in force: the config's, the document's list(s) or a lone enumeration."""

    tags: tuple[LegendTag, ...]
    source: str  # "config", "document" or "enumeration"
    #: Legend lists in the document that were accepted (also when the config wins).
    lists: tuple[TagLegend, ...]
    #: Where findings about the legend as a whole go.
    span: Span
    #: The legend writes its tags as ``<kbd>`` badges (``| <kbd>MI</kbd> | medical imaging
    #: |``): the entries' year-less badges that spell a legend tag, or nearly, are tags.
    badges: bool = False
    #: Derived from ``tags``: casefolded name -> (index, tag) of its first occurrence.
    _keys: dict[str, tuple[int, LegendTag]] = field(init=False, repr=False, compare=False)
    #: Memo of :meth:`nearest` by casefolded name.
    _near: dict[str, LegendTag | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys: dict[str, tuple[int, LegendTag]] = {}
        for i, tag in enumerate(self.tags):
            keys.setdefault(tag.name.casefold(), (i, tag))
        object.__setattr__(self, "_keys", keys)
        object.__setattr__(self, "_near", {})

    def find(self, name: str) -> LegendTag | None:
        found = self._keys.get(name.casefold())
        return None if found is None else found[1]

    def index(self, name: str) -> int | None:
        found = self._keys.get(name.casefold())
        return None if found is None else found[0]

    def nearest(self, name: str) -> LegendTag | None:
        """The legend tag a misspelt ``name`` most likely means (``Vis`` → ``Vid``)."""
        key = name.casefold()
        try:
            return self._near[key]
        except KeyError:
            pass
        limit = 1 if len(key) <= 5 else 2
        best: tuple[int, LegendTag] | None = None
        for tag in self.tags:
            distance = edit_distance(key, tag.name.casefold())
            if 0 < distance <= limit and (best is None or distance < best[0]):
                best = (distance, tag)
        found = best[1] if best else None
        self._near[key] = found
        return found

    def describe(self) -> str:
        if self.source == "config":
            return "the configured legend (tags.legend)"
        return f"the legend on line {self.span.line}"


# -- resolving the legend ------------------------------------------------------------------------
def resolve_legend(document: Document, configured: tuple[tuple[str, str], ...]
                   ) -> Legend | None:
    """The document's legend: the configured (name, description) pairs when there are any
    (``[tool.awesome-lint.tags] legend``), else the legends the document writes."""
    lists = tuple(legend for legend in document.legends if _plausible(document, legend))
    if configured:
        span = _line_span(document, lists[0].line) if lists else _line_span(document, 1)
        tags = tuple(LegendTag(name, description, _document_span(lists, name))
                     for name, description in configured)
        return Legend(tags, "config", lists, span)
    if lists:
        seen: set[str] = set()
        items: list[LegendTag] = []
        for legend in lists:
            for item in legend.items:
                if item.name.casefold() not in seen:
                    seen.add(item.name.casefold())
                    items.append(LegendTag(item.name, item.description, item.span))
        return Legend(tuple(items), "document", lists, _line_span(document, lists[0].line))
    found = codetags.legend_items(document) if code_tags(document) else []
    found = found or table_legend(document)
    if found:
        items = [LegendTag(name, text, span) for name, text, span in found]
        first = found[0][2]
        badges = document.line_text(first.line)[:first.column - 1].lower().endswith(
            kbd.OPEN_EXACT.pattern)
        return Legend(tuple(items), "document", (), _line_span(document, first.line),
                      badges=badges)
    return _enumeration_legend(document)


#: A legend table's tag cell: ``[Gml]``, ```cls.```, ``__`cls.`__``, ``<kbd>MI</kbd>``, in
#: each notation's own grammar (a bracket token's word must be a tag name).
_TAG_CELL = re.compile(r"\s*(?:" + TOKEN.pattern + "|" + codetags.SPAN + "|"
                       + kbd.OPEN_EXACT.pattern + "(" + TAG_NAME.pattern + ")"
                       + kbd.CLOSE_EXACT.pattern + r")\s*", re.IGNORECASE)


def table_legend(document: Document) -> list[tuple[str, str, Span]]:
    """(name, description, span) of a legend kept as a table: a header that talks about
    tags (``| Tag | Meaning |``) and rows whose first cell is one tag."""
    for section in document.root.walk():
        for block in section.blocks:
            if block.kind != "table" or not _LEGEND_WORDS.search(
                    document.line_text(block.line)):
                continue
            items: list[tuple[str, str, Span]] = []
            for number in range(block.line + 2, block.end_line + 1):
                row = document.line_text(number)
                cells = table_cells(row)
                m = _TAG_CELL.fullmatch(row[cells[0][0]:cells[0][1]]) if len(cells) > 1 else None
                if m is None or (m[1] and not is_tag_name(m[1])):
                    break
                group = next(g for g in (1, 2, 3) if m[g])
                items.append((m[group], " ".join(row[cells[1][0]:cells[1][1]].split()),
                              Span(number, cells[0][0] + m.start(group) + 1, number,
                                   cells[0][0] + m.end(group))))
            else:
                if len(items) >= 2:
                    return items
    return []


def code_tags(document: Document) -> bool:
    """Whether the list writes its tags as code spans (``[__`cls.`__]``)."""
    found = document.notation
    return found is not None and found.tags in ("code-span", "bold-code-span")


def enumeration(document: Document, legend: TagLegend) -> tuple[EntryTag, ...]:
    """The legend's inline enumeration, without tokens that are reference-link labels."""
    return tuple(EntryTag(tag.name, _inner(tag.span), tag.span, "enumeration")
                 for tag in legend.enumeration
                 if tag.name.casefold() not in document.definitions)


def _plausible(document: Document, legend: TagLegend) -> bool:
    if enumeration(document, legend):
        return True
    context = [document.line_text(n) for n in range(max(1, legend.line - 3), legend.line)]
    section = _section_title(document, legend.line)
    if any(_LEGEND_WORDS.search(text) for text in [*context, section]):
        return True
    names = {item.name.casefold() for item in legend.items}
    return any(tag.name.casefold() in names for entry in document.entries for tag in entry.tags)


def _section_title(document: Document, line: int) -> str:
    title = ""
    for section in document.sections:
        if section.line > line:
            break
        title = section.title
    return title


def _enumeration_legend(document: Document) -> Legend | None:
    entry_lines = {n for e in document.entries for n in range(e.line, e.end_line + 1)}
    for number, text in enumerate(document.lines, 1):
        if "[" not in text or number in document.code_lines or number in entry_lines \
                or number in document.html_lines:
            continue
        match = _ENUM_LINE.fullmatch(text)
        if match is None or (not match.group("lead") and "," not in match.group("tokens")):
            continue  # a bare "[A] [B]" line needs a lead-in ("Tags:", "e.g.") or commas
        found = list(TOKEN.finditer(text, match.start("tokens")))
        if not all(is_tag_name(m.group(1)) for m in found):
            continue
        tokens = [m for m in found if m.group(1).casefold() not in document.definitions]
        if len(tokens) < 2:
            continue
        tags = tuple(LegendTag(m.group(1), "", Span(number, m.start() + 1, number, m.end()))
                     for m in tokens)
        return Legend(tags, "enumeration", (), _line_span(document, number))
    return None


def _document_span(lists: tuple[TagLegend, ...], name: str) -> Span | None:
    key = name.casefold()
    return next((item.span for legend in lists for item in legend.items
                 if item.name.casefold() == key), None)


def _line_span(document: Document, line: int) -> Span:
    return Span(line, 1, line, max(1, len(document.line_text(line))))


def _inner(span: Span) -> Span:
    """``[Gml]`` → ``Gml``."""
    return Span(span.line, span.column + 1, span.end_line, span.end_column - 1)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance; tag names are short, so the quadratic table is fine."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def legend_order(names: list[str], legend: Legend) -> list[str]:
    """``names`` with the legend's tags sorted into legend order; tags the legend does not
    know keep their slots."""
    known = [(i, name) for i, name in enumerate(names) if legend.index(name) is not None]
    ordered = sorted((name for _, name in known), key=lambda n: _rank(legend, n))
    out = list(names)
    for (slot, _), name in zip(known, ordered, strict=True):
        out[slot] = name
    return out


def _rank(legend: Legend, name: str) -> int:
    index = legend.index(name)
    return len(legend.tags) if index is None else index


