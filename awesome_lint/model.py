"""The typed document tree that the parser builds and every rule reads.

All positions are 1-based; ``end_column`` is the column of the last character (inclusive).
Columns count Unicode code points of the line as decoded (no BOM, no line ending).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A range of source text, both ends included."""

    line: int
    column: int
    end_line: int
    end_column: int


class LinkForm(str, Enum):
    INLINE = "inline"  # [text](dest)
    REFERENCE = "reference"  # [text][ref], [text][], [ref]
    AUTOLINK = "autolink"  # <https://...>
    BARE = "bare"  # https://... in running text
    HTML = "html"  # <a href="..."> / <img src="...">


class LinkRole(str, Enum):
    """What a link is for inside an entry; links outside entries are ``OTHER``."""

    TITLE = "title"
    RESOURCE = "resource"
    DESCRIPTION = "description"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Link:
    """A link or image as written: text, destination, form and where it is."""

    text: str
    destination: str
    form: LinkForm
    span: Span
    #: Span of the destination alone (inside the parentheses / angle brackets).
    dest_span: Span | None = None
    title: str | None = None
    image: bool = False
    #: For ``[[Notes](url)]``: the text is wrapped in an extra pair of brackets.
    bracketed: bool = False
    role: LinkRole = LinkRole.OTHER

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def end_column(self) -> int:
        return self.span.end_column


class ProblemKind(str, Enum):
    """Link syntax that CommonMark does not render as the author meant."""

    EXTRA_PAREN = "extra-paren"  # [[Notes](url))
    EMPTY_DESTINATION = "empty-destination"  # [x](), [x](<>)
    UNCLOSED_PAREN = "unclosed-paren"  # [x](url
    UNCLOSED_BRACKET = "unclosed-bracket"  # [[Notes](url)  (outer bracket never closed)
    SWALLOWED_PUNCTUATION = "swallowed-punctuation"  # https://x.org/a，more


@dataclass(frozen=True, slots=True)
class LinkProblem:
    """Malformed link markup the scanner found (mistletoe sees none of it)."""

    kind: ProblemKind
    span: Span
    text: str
    #: For fixable problems: the exact replacement for the text at ``span`` (single line).
    replacement: str | None = None
    destination: str = ""


@dataclass(frozen=True, slots=True)
class Badge:
    """A venue badge such as ``<kbd>CVPR 2017 Oral</kbd>``."""

    raw: str  # inner text exactly as written
    venue: str  # text before the year, stripped ("" for a year-only badge)
    year: int | None
    suffix: str  # text after the year ("Oral", "Workshop"), stripped
    span: Span  # the whole element, tags included
    inner_span: Span  # the inner text only
    closed: bool = True
    #: Text right before the badge on the same line, to spot a badge glued to a link.
    preceded_by: str = ""
    style: str = "kbd"


@dataclass(frozen=True, slots=True)
class VenueMark:
    """One venue mark of an entry, in whichever notation the list writes it.

    Read once by :mod:`awesome_lint.syntax.venuemarks` (one grammar per notation, in
    :mod:`awesome_lint.syntax.notations`); the badge and paper rules read only these."""

    #: The notation: "kbd", "bold-bracket", "bracket", "venue-first", "italic",
    #: "year-prefix", "table-cell", "title-paren", "paren", "comma", "title-year" or
    #: "citation" (see ``notations.NOTATIONS``).
    style: str
    #: The text inside the delimiters ("" for an empty or ``-`` table cell).
    raw: str
    venue: str
    year: int | None
    #: Words after the year ("Oral", "Workshop").
    suffix: str
    #: The whole mark (tags, brackets and bold markers included; the cell's content).
    span: Span
    #: The text a fix replaces (single line): ``raw``'s span.
    inner: Span
    #: Where the year comes from: "mark" (written in it), "heading" (a ``## 2019`` section
    #: above a mark that writes none) or "" (no year).
    year_from: str = "mark"

    @property
    def placeholder(self) -> bool:
        return self.raw.strip() in ("", "-", "–", "—", "n/a", "N/A", "/")


@dataclass(frozen=True, slots=True)
class ListNotation:
    """How a list writes its entries, venue marks and tags: its dialect, by majority.

    Inferred by :func:`awesome_lint.syntax.notations.annotate` right after parsing (the
    configuration may override each choice: ``[tool.awesome-lint.dialect]``)."""

    #: Venue notations the list uses, most used first ("kbd", "bold-bracket", ...).
    venues: tuple[str, ...] = ()
    #: Entries with a mark, per notation in use.
    venue_counts: tuple[tuple[str, int], ...] = ()
    #: Digits of the years the marks write, by majority (4 or 2; 0 when none is written).
    year_digits: int = 0
    #: Tag notation: "bracket" (``[Gml]``), "code-span" (`` [`cls.`] ``), "bold-code-span"
    #: (``[__`cls.`__]``) or "" when the list tags nothing.
    tags: str = ""
    #: Where the tag legend stands: "list", "table", "line" (``Keywords:``) or "".
    legend: str = ""
    #: Entry shapes with their counts, most used first ("link-titled", "bold-title", ...).
    shapes: tuple[tuple[str, int], ...] = ()
    #: The bullet marker most entries use ("-", "*", "+", "1." for numbered lists).
    bullet: str = ""
    #: Whether the venue notations were set by configuration rather than inferred.
    forced: bool = False


@dataclass(frozen=True, slots=True)
class Tag:
    """A bracket tag on an entry (``[Gml]``) and where it is."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One tag of a tag legend and what the legend says it means."""

    name: str
    description: str
    span: Span  # the "[Gml]" token


@dataclass(frozen=True, slots=True)
class TagLegend:
    """The list's tag legend: the lines it covers and its tags."""

    line: int
    end_line: int
    items: tuple[LegendItem, ...]
    #: Inline enumeration such as ``e.g. [Gml], [Opt]`` (may be empty).
    enumeration: tuple[Tag, ...] = ()
    source: str = "document"  # "document" or "config"


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One link of the table of contents and the anchor it points at."""

    text: str
    anchor: str  # without the leading '#'
    span: Span  # the link
    depth: int  # nesting depth in the TOC list, 0 = top level


class EntryKind(str, Enum):
    LINK_TITLED = "link-titled"  # * [Title](url) ...
    TEXT_THEN_URL = "text-then-url"  # * Title: https://...  /  * Title\nhttps://...
    NUMBERED_PROSE = "numbered-prose"  # 1. Source, Title: https://... prose
    TABLE_ROW = "table-row"  # | Title | [link](url) |
    HTML_LINE = "html-line"  # &nbsp; <a href="url"><b>Title</b></a> - text<br>  (in <p>)


@dataclass(slots=True, eq=False)
class Entry:
    """One entry of the list (a paper, a repository...) with its links, badges and tags."""

    kind: EntryKind
    title: str
    link: Link | None  # the primary link
    resources: tuple[Link, ...]
    badges: tuple[Badge, ...]
    tags: tuple[Tag, ...]
    description: str
    line: int
    end_line: int
    #: Titles of the enclosing sections, outermost first.
    section_path: tuple[str, ...]
    #: Every link in the entry's own text, in source order (nested items excluded).
    links: tuple[Link, ...] = ()
    #: List marker as written ("*", "-", "+", "1.", "1)"), "" for table rows.
    marker: str = ""
    #: Column of the marker (1-based); 0 for table rows.
    marker_column: int = 0
    #: Index of the enclosing list in ``Document.lists`` (-1 for table rows).
    list_index: int = -1
    #: Venue marks in every notation the list uses, in source order (set by the syntax
    #: layer's dialect pass right after parsing; see ``Document.notation``).
    marks: tuple[VenueMark, ...] = ()

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(link.destination for link in self.links)


@dataclass(frozen=True, slots=True)
class Block:
    """A non-entry block: paragraph, table, HTML, code, rule or quote; ``anchor`` is an HTML
    block of ``<a name="x"></a>`` jump targets alone."""

    kind: str
    line: int
    end_line: int


@dataclass(slots=True, eq=False)
class Section:
    """A heading and what belongs to it: entries and subsections."""

    title: str
    level: int  # 0 for the implicit root section before any heading
    line: int
    anchor: str
    parent: Section | None = field(default=None, repr=False)
    children: list[Section] = field(default_factory=list, repr=False)
    entries: list[Entry] = field(default_factory=list, repr=False)
    blocks: list[Block] = field(default_factory=list, repr=False)
    #: Line of the last content line that belongs to this section (before its first child).
    end_line: int = 0
    #: "atx" or "setext"; "" for the root.
    heading_style: str = ""
    #: Raw heading source line(s) text, for fixes that rewrite it.
    raw: str = ""

    @property
    def path(self) -> tuple[str, ...]:
        titles: list[str] = []
        node: Section | None = self
        while node is not None and node.level > 0:
            titles.append(node.title)
            node = node.parent
        return tuple(reversed(titles))

    def walk(self) -> list[Section]:
        """This section and all its descendants, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True, slots=True)
class ListItemInfo:
    """How one list item is written: marker, indentation, where."""

    line: int
    marker: str
    marker_column: int  # 1-based
    indent_text: str  # the whitespace before the marker, as written
    ordered: bool
    depth: int
    #: (line, leading whitespace) of the item's own continuation lines that indent with a
    #: tab (``\t[[code]](url)`` under ``-   Title.``); nested items are items of their own.
    tabbed_continuations: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ListInfo:
    """A markdown list as written: used by style rules (bullets, indentation)."""

    line: int
    end_line: int
    ordered: bool
    depth: int
    items: tuple[ListItemInfo, ...]


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment; suppression directives live in these."""

    text: str  # inside <!-- -->, stripped
    span: Span
    #: True when the comment stands alone on its line(s).
    standalone: bool = True


@dataclass(slots=True, eq=False)
class Document:
    """The typed tree of one file: its lines, sections, entries and what the parser found."""

    path: str | None
    #: Source lines without line endings (BOM removed).
    lines: list[str]
    root: Section
    entries: list[Entry]
    links: list[Link]
    problems: list[LinkProblem]
    badges: list[Badge]
    toc: list[TocEntry]
    legends: list[TagLegend]
    lists: list[ListInfo]
    comments: list[Comment]
    #: Every anchor an in-page link can target: heading slugs and explicit ids.
    anchors: dict[str, int]
    #: Link reference definitions, label (case-folded) -> destination.
    definitions: dict[str, str]
    #: Lines inside fenced/indented code blocks and HTML blocks: text rules leave them alone.
    code_lines: frozenset[int]
    html_lines: frozenset[int]
    #: Lines followed by another line of the same paragraph: where a hard break can stand.
    continued_lines: frozenset[int] = frozenset()
    had_bom: bool = False
    newline: str = "\n"
    ends_with_newline: bool = True
    #: How this list writes entries, venues and tags, inferred from the document itself
    #: before any rule runs (:mod:`awesome_lint.syntax.notations`).
    notation: ListNotation | None = None
    #: Values the syntax layer derives from this tree on demand (venue columns, ``<kbd>``
    #: markup), kept with it so they are freed with it (:mod:`awesome_lint.syntax.treememo`).
    derived: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def sections(self) -> list[Section]:
        """All headed sections in document order (the implicit root excluded)."""
        return self.root.walk()[1:]

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    @property
    def line_count(self) -> int:
        """How many lines the text has (a final newline ends the last, opens none)."""
        return len(self.lines)


# -- speed trick (listed in awesome_lint.startup) ---------------------------------------------


def fast_frozen_init(*classes: type) -> None:
    """Give frozen, slotted dataclasses an ``__init__`` that stores each field through its
    slot's own descriptor.

    A frozen dataclass's generated ``__init__`` stores every field with
    ``object.__setattr__(self, "name", value)`` (a global lookup, an attribute lookup and a
    by-name store per field): a ``Span`` took 0.49 us to build instead of 0.12 us unfrozen.
    The parser builds hundreds of thousands of spans, links and badges (10k entries: about
    65k spans, 53k links); calling the slot descriptor's ``__set__`` directly, as this
    ``__init__`` does, builds a ``Span`` in 0.3 us and a ``Link`` in half the time.  The
    objects stay frozen (assignment still raises) and equal, hash and print as before.
    A class with ``__post_init__``, an ``init=False`` field or a default factory keeps the
    generated ``__init__``."""
    import dataclasses
    from dataclasses import MISSING

    for cls in classes:
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        fields = list(cls.__dataclass_fields__.values())  # type: ignore[attr-defined]
        if not params.frozen or "__slots__" not in cls.__dict__ \
                or hasattr(cls, "__post_init__") \
                or any(not f.init or f.default_factory is not MISSING for f in fields):
            continue
        namespace: dict[str, Any] = {}
        args, body = [], []
        for f in fields:
            namespace[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
            if f.default is MISSING:
                args.append(f.name)
            else:
                namespace[f"_default_{f.name}"] = f.default
                args.append(f"{f.name}=_default_{f.name}")
            body.append(f"    _set_{f.name}(self, {f.name})")
        source = f"def __init__(self, {', '.join(args)}):\n" + "\n".join(body or ["    pass"])
        # our own field names, compiled as dataclasses compiles its methods (through the
        # start-up cache of compiled methods when the command line installed it)
        getattr(dataclasses, "exec", exec)(source, namespace)
        init = namespace["__init__"]
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        init.__module__ = cls.__module__
        cls.__init__ = init  # type: ignore[misc]


# The parser builds these by the hundred thousand.
fast_frozen_init(Span, Link, LinkProblem, Badge, Tag, Block, ListItemInfo, ListInfo, Comment,
                  TocEntry, LegendItem, VenueMark)
