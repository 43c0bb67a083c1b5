"""Text → typed document tree.

:mod:`~awesome_lint.syntax.blocks` finds the block structure (headings, lists, tables, HTML
and code blocks, each with its first line: mistletoe's tokens, built without it for plain
runs); the :mod:`~awesome_lint.syntax.scanner` finds links, badges and link problems with
exact positions inside each block.  The parser then assembles sections, entries, the table of
contents and tag legends.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from awesome_lint.model import (
    Badge,
    Block,
    Comment,
    Document,
    Entry,
    EntryKind,
    LegendItem,
    Link,
    LinkForm,
    LinkProblem,
    LinkRole,
    ListInfo,
    ListItemInfo,
    Section,
    Span,
    Tag,
    TagLegend,
    TocEntry,
)
from awesome_lint.startup import paused_gc
from awesome_lint.syntax.blocks import Blocks, block_tokens
from awesome_lint.syntax.ranges import Covered
from awesome_lint.syntax.scanner import Positions, Scanner, ScanResult
from awesome_lint.syntax.slugs import Slugger, heading_text, plain_text

#: Deeper nesting than this (lists, quotes) is refused: mistletoe recurses per level.
MAX_NESTING = 64

_NEWLINE = re.compile(r"\r\n|\r|\n")
_OTHER_BREAKS = str.maketrans(dict.fromkeys("\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))
_EXPLICIT_ANCHOR = re.compile(
    r"<[A-Za-z][^<>]*?\s(?:name|id)\s*=\s*(?:\"([^\"]+)\"|'([^']+)')", re.IGNORECASE)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
#: ``<a name="x"></a>`` / ``<a id="x"/>``: an HTML block of these alone is a jump target for
#: the heading after it (amusi's lists), no content of the section it stands in.
_ANCHOR_TAGS = re.compile(
    r"<a\s+(?:name|id)\s*=\s*(?:\"[^\"]*\"|'[^']*')\s*/?>(?:\s*</a>)?", re.IGNORECASE)
_TAG_TOKEN = re.compile(r"\[([A-Za-z0-9][\w .&/+'’-]{0,30})\](?![(\[:])")
_LEADING_NOISE = re.compile(r"[\s*_~]*(?:[^\w\s\[\]<(`!\\*_~#][\s*_~]*)*")
_LEADING_BADGE = re.compile(r"<kbd>[^<\n]*</kbd>[\s*_~]*", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s\-–—:|,.;\]\)]+")
_LEGEND_ITEM = re.compile(r"\s*(?:[*+-]|\d+[.)])\s+\[([A-Za-z][\w&+/-]{0,15})\]\s+(\S.*)")
RESOURCE_WORDS = frozenset({
    "pdf", "paper", "code", "notes", "note", "video", "slides", "project", "blog", "website",
    "site", "arxiv", "github", "git", "repo", "demo", "data", "dataset", "poster", "talk",
    "tbp", "vid", "playlist", "link", "youtube", "article", "html", "supp", "bib", "doi",
    "official", "pytorch", "tensorflow", "tf", "keras", "jax", "web", "homepage", "page",
})


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
    lines = _NEWLINE.split(text)
    ends_with_newline = len(lines) > 1 and lines[-1] == ""
    if ends_with_newline or lines == [""]:
        lines.pop()
    return lines, had_bom, newline, ends_with_newline


def _check_nesting(lines: list[str]) -> None:
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip(" \t>")
        quotes = line[: len(line) - len(stripped)].count(">")
        indent = len(line) - len(line.lstrip(" \t"))
        if quotes > MAX_NESTING or (indent // 2 > MAX_NESTING and stripped[:1] in "*-+"):
            raise ParseError(f"nesting deeper than {MAX_NESTING} levels", number, 1)


@dataclass(slots=True)
class _ItemText:
    """The source of a list item's own paragraphs, scanned once."""

    text: str
    first_line: int
    scan: ScanResult
    pos: Positions
    content_start: int  # offset after the marker


@dataclass(slots=True)
class _ItemParts:
    """What a list item's own text yields, with the line numbers of ``line``, its first line.

    Everything here but the entry's ``section_path`` and ``list_index`` follows from the
    item's text, its marker and the document's reference definitions."""

    line: int
    links: tuple[Link, ...]  # as scanned (role OTHER): the document's links
    problems: tuple[LinkProblem, ...]
    badges: tuple[Badge, ...]
    legend: tuple[str, str, int] | None  # a tag legend item: name, description, column
    entry: Entry | None

    def placed(self, line: int, section_path: tuple[str, ...], list_index: int
               ) -> _ItemParts:
        """These parts for an item now at ``line``, with a fresh entry (entries are mutable,
        so documents never share one).  Frozen objects are reused when the line is the
        same, else rebuilt with their constructors: ``dataclasses.replace`` is several
        times slower, and this runs for every item of a long list."""
        delta = line - self.line
        links, problems, badges = self.links, self.problems, self.badges
        if delta:
            links = tuple([_moved_link(link, delta) for link in links])
            problems = tuple([LinkProblem(p.kind, _moved_span(p.span, delta), p.text,
                                          p.replacement, p.destination) for p in problems])
            badges = tuple([Badge(b.raw, b.venue, b.year, b.suffix, _moved_span(b.span, delta),
                                  _moved_span(b.inner_span, delta), b.closed, b.preceded_by,
                                  b.style) for b in badges])
        entry = self.entry
        if entry is not None:
            own_links, tags = entry.links, entry.tags
            link, resources = entry.link, entry.resources  # (immutable: shared when not moved)
            if delta:
                # as in _Builder._entry: the role-annotated copies of the non-image links,
                # sharing their spans; the badges are the item's badges
                scanned = [link for link in links if not link.image]
                own_links = tuple([_with_role(link, old.role)
                                   for link, old in zip(scanned, own_links, strict=True)])
                tags = tuple([Tag(tag.name, _moved_span(tag.span, delta)) for tag in tags])
                link, resources = own_links[0] if own_links else None, _resources(own_links)
            entry = Entry(
                kind=entry.kind, title=entry.title, link=link,
                resources=resources, badges=badges, tags=tags,
                description=entry.description, line=line, end_line=entry.end_line + delta,
                section_path=section_path, links=own_links, marker=entry.marker,
                marker_column=entry.marker_column, list_index=list_index)
        return _ItemParts(line, links, problems, badges, self.legend, entry)


def _moved_span(span: Span, delta: int) -> Span:
    return Span(span.line + delta, span.column, span.end_line + delta, span.end_column)


def _moved_link(link: Link, delta: int) -> Link:
    dest_span = link.dest_span
    return Link(link.text, link.destination, link.form, _moved_span(link.span, delta),
                None if dest_span is None else _moved_span(dest_span, delta), link.title,
                link.image, link.bracketed, link.role)


_ItemKey = tuple[str, str, int]  # the item's own text, its marker and the marker's column


class ParseMemo:
    """List items of earlier parses, reused when re-parsing an edited text.

    ``fix`` parses a document up to three times, each text differing from the one before in
    a few lines (though most lines may have moved): a list item whose own text is unchanged
    yields the same links, badges, problems and entry, moved to its new line.  The scan and
    the entry are two thirds of a parse.  Pass one memo to successive parses of versions of
    one document; it keeps the items of the latest parse and of the one in progress."""

    def __init__(self) -> None:
        self.hits = 0
        self.misses = 0
        self._previous: dict[_ItemKey, _ItemParts] = {}
        self._current: dict[_ItemKey, _ItemParts] = {}
        #: The reference definitions every kept item was built with: they decide which
        #: brackets are links and which are tags.
        self._definitions: dict[str, str] = {}
        self._checked: dict[str, str] | None = None  # the parse in progress's, once compared

    def start(self) -> None:
        """Begin a parse: the items of the parse before last are dropped."""
        if self._current:
            self._previous, self._current = self._current, {}
        self._checked = None

    def finish(self) -> None:
        """End a parse: the items of the parse before it are dropped now rather than at the
        next :meth:`start` (which would drop them unread).  Memory trick: ``fix`` lints the
        new tree while they would be kept, and after an edit that moved every item they are
        a second copy of its entries, links and spans (about 30 MB at 50k entries)."""
        if self._current:
            self._previous = {}

    def take(self, key: _ItemKey, definitions: dict[str, str]) -> _ItemParts | None:
        """The parts kept under ``key``, if built with these ``definitions``."""
        if definitions is not self._checked:
            if definitions != self._definitions:
                self._previous.clear()
                self._current.clear()
                self._definitions = dict(definitions)
            self._checked = definitions
        parts = self._current.get(key)
        if parts is None:
            parts = self._previous.get(key)
        if parts is None:
            self.misses += 1
        else:
            self.hits += 1
        return parts

    def keep(self, key: _ItemKey, parts: _ItemParts) -> None:
        self._current[key] = parts


class _Builder:
    def __init__(self, lines: list[str], path: str | None, memo: ParseMemo | None = None
                 ) -> None:
        self.lines = lines
        self.path = path
        self.memo = memo
        self.root = Section(title="", level=0, line=1, anchor="")
        self.stack: list[Section] = [self.root]
        self.entries: list[Entry] = []
        self.links: list[Link] = []
        self.problems: list[LinkProblem] = []
        self.badges: list[Badge] = []
        self.toc: list[TocEntry] = []
        self.legends: list[TagLegend] = []
        self.lists: list[ListInfo] = []
        self.code_lines: set[int] = set()
        self.html_lines: set[int] = set()
        self.headings: list[Section] = []
        self.slugger = Slugger()
        self.anchors: dict[str, int] = {}
        self.definitions: dict[str, str] = {}
        self.scanner = Scanner(self.definitions)
        self.continued: set[int] = set()

    # -- helpers -------------------------------------------------------------------------------
    def _paragraph_lines(self, first: int, last: int) -> None:
        for number in range(first, last):
            if self.lines[number].strip():
                self.continued.add(number)

    def _scan_text(self, first: int, last: int, *, bare_urls: bool = True
                   ) -> tuple[ScanResult, Positions, str]:
        """Scan lines ``first..last`` without adding the finds to the document."""
        block_lines = self.lines[first - 1: last]
        text = "\n".join(block_lines)
        pos = Positions(first, block_lines)
        return self.scanner.scan(text, pos, bare_urls=bare_urls), pos, text

    def _scan(self, first: int, last: int, *, html_only: bool = False) -> tuple[ScanResult,
                                                                                 Positions, str]:
        result, pos, text = self._scan_text(first, last, bare_urls=not html_only)
        if html_only:
            result.links = [link for link in result.links if link.form is LinkForm.HTML]
            result.problems = []
        self.links.extend(result.links)
        self.problems.extend(result.problems)
        self.badges.extend(result.badges)
        return result, pos, text

    @property
    def section(self) -> Section:
        return self.stack[-1]

    def _block(self, kind: str, first: int, last: int) -> None:
        self.section.blocks.append(Block(kind, first, last))

    def _only_anchors(self, first: int, last: int) -> bool:
        """Lines holding ``<a name="x"></a>`` jump targets and nothing else."""
        return all(not _ANCHOR_TAGS.sub("", line).strip() for line in self.lines[first - 1:last])

    def _trim(self, first: int, last: int) -> int:
        while last > first and not self.lines[last - 1].strip():
            last -= 1
        return last

    # -- walking mistletoe's tree -----------------------------------------------------------------
    def walk(self, tokens: list[Any], end: int, depth: int = 0, top: bool = True) -> None:
        tokens = [t for t in tokens if getattr(t, "line_number", None) is not None]
        for index, token in enumerate(tokens):
            first = token.line_number
            nxt = tokens[index + 1].line_number - 1 if index + 1 < len(tokens) else end
            last = self._trim(first, max(first, nxt))
            self.visit(token, first, last, depth, top)

    def visit(self, token: Any, first: int, last: int, depth: int, top: bool) -> None:
        name = type(token).__name__
        if name in ("Heading", "SetextHeading"):
            self.heading(token, first, last)
        elif name == "Paragraph":
            self._scan(first, last)
            self._paragraph_lines(first, last)
            if top:
                self._block("anchor" if self._only_anchors(first, last) else "paragraph",
                            first, last)
        elif name == "List":
            self.list_block(token, first, last, depth)
            # (entries are in document order: the last one tells)
            if top and not (self.section.entries and self.section.entries[-1].line >= first):
                self._block("list", first, last)
        elif name == "Table":
            self.table(token, first, last)
        elif name == "HtmlBlock":
            self.html_lines.update(range(first, last + 1))
            self._scan(first, last, html_only=True)
            if top:
                self._block("anchor" if self._only_anchors(first, last) else "html",
                            first, last)
        elif name in ("CodeFence", "BlockCode"):
            self.code_lines.update(range(first, last + 1))
            if top:
                self._block("code", first, last)
        elif name == "Quote":
            self.walk(list(token.children or []), last, depth + 1, top=False)
            if top:
                self._block("quote", first, last)
        elif name == "ThematicBreak" and top:
            self._block("thematic_break", first, last)

    def heading(self, token: Any, first: int, last: int) -> None:
        if type(token).__name__ == "Heading":
            raw_line = self.lines[first - 1]
            text = re.sub(r"^\s{0,3}#{1,6}(?:[ \t]+|$)", "", raw_line)
            text = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", text).strip()
            style, end_line = "atx", first
        else:
            underline = last
            while underline > first and not self.lines[underline - 1].strip():
                underline -= 1
            text = " ".join(line.strip() for line in self.lines[first - 1: underline - 1])
            style, end_line = "setext", underline
        self._scan(first, end_line)
        title = plain_text(text)
        anchor = self.slugger.add(heading_text(text))
        self.anchors.setdefault(anchor, first)
        level = int(token.level)
        while self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1]
        section = Section(title=title, level=level, line=first, anchor=anchor, parent=parent,
                          heading_style=style, raw=text)
        parent.children.append(section)
        self.stack.append(section)
        self.headings.append(section)

    # -- lists ------------------------------------------------------------------------------------
    def list_block(self, token: Any, first: int, last: int, depth: int) -> None:
        items = [t for t in (token.children or []) if type(t).__name__ == "ListItem"]
        infos: list[ListItemInfo] = []
        list_index = len(self.lists)
        links_start = len(self.links)  # this list's links (nested ones too) come after
        self.lists.append(ListInfo(first, last, False, depth, ()))  # placeholder, set below
        ordered = False
        first_links: list[tuple[int, Link | None]] = []
        legend_items: list[LegendItem] = []
        for index, item in enumerate(items):
            i_first = item.line_number
            i_next = items[index + 1].line_number - 1 if index + 1 < len(items) else last
            i_last = self._trim(i_first, max(i_first, i_next))
            raw = self.lines[i_first - 1]
            leader = str(item.leader)
            marker_col = raw.find(leader) + 1 if leader in raw else 1
            ordered = leader[:1].isdigit()
            children = [c for c in (item.children or [])
                        if getattr(c, "line_number", None) is not None]
            own_last = i_last
            for child in children:
                if type(child).__name__ not in ("Paragraph",) and child.line_number > i_first:
                    own_last = self._trim(i_first, child.line_number - 1)
                    break
            tabbed = tuple((n, text[: len(text) - len(text.lstrip(" \t"))])
                           for n, text in enumerate(self.lines[i_first:own_last], i_first + 1)
                           if text.strip() and "\t" in text[: len(text) - len(text.lstrip(" \t"))])
            infos.append(ListItemInfo(i_first, leader, marker_col, raw[: marker_col - 1],
                                      ordered, depth, tabbed))
            parts = self._item_parts(i_first, own_last, leader, marker_col, list_index)
            self.links.extend(parts.links)
            self.problems.extend(parts.problems)
            self.badges.extend(parts.badges)
            self._paragraph_lines(i_first, own_last)
            if parts.legend is not None:
                name, description, tag_col = parts.legend
                legend_items.append(LegendItem(
                    name, description, Span(i_first, tag_col, i_first, tag_col + len(name) + 1)))
            first_links.append((depth, parts.links[0] if parts.links else None))
            entry = parts.entry
            if entry is not None:
                self.entries.append(entry)
                self.section.entries.append(entry)
            nested = [c for c in children if c.line_number > own_last]
            if nested:
                self.walk(nested, i_last, depth + 1, top=False)
        self.lists[list_index] = ListInfo(first, last, ordered, depth, tuple(infos))
        if legend_items and len(legend_items) >= max(2, int(0.8 * len(items))):
            self.legends.append(TagLegend(first, last, tuple(legend_items),
                                          self._enumeration(first)))
        if depth == 0:
            self._maybe_toc(first, last, first_links, links_start)

    def _item_parts(self, first: int, last: int, leader: str, marker_col: int,
                    list_index: int) -> _ItemParts:
        """The list item at lines ``first..last``: taken from the memo when an earlier parse
        saw the same item text (moved to this line), else built."""
        memo = self.memo
        if memo is None:
            return self._build_item(first, last, leader, marker_col, list_index)
        key = ("\n".join(self.lines[first - 1: last]), leader, marker_col)
        parts = memo.take(key, self.definitions)
        if parts is None:
            parts = self._build_item(first, last, leader, marker_col, list_index)
        else:
            parts = parts.placed(first, self.section.path, list_index)
        memo.keep(key, parts)
        return parts

    def _build_item(self, first: int, last: int, leader: str, marker_col: int,
                    list_index: int) -> _ItemParts:
        """Scan the item and build its entry: the work the memo saves."""
        item_text = self._item_text(first, last, marker_col + len(leader) - 1)
        scan = item_text.scan
        raw = self.lines[first - 1]
        legend_match = _LEGEND_ITEM.fullmatch(raw)
        legend = None
        if legend_match is not None and not scan.links:
            name = legend_match.group(1)
            legend = (name, legend_match.group(2).strip(), raw.index("[" + name + "]") + 1)
        entry = self._entry(item_text, first, last, leader, marker_col, list_index,
                            leader[:1].isdigit())
        return _ItemParts(first, tuple(scan.links), tuple(scan.problems), tuple(scan.badges),
                          legend, entry)

    def _item_text(self, first: int, last: int, marker_end: int) -> _ItemText:
        result, pos, text = self._scan_text(first, last)
        content_start = marker_end
        while content_start < len(text) and text[content_start] in " \t":
            content_start += 1
        return _ItemText(text, first, result, pos, content_start)

    def _entry(self, item: _ItemText, first: int, last: int, marker: str, marker_col: int,
               list_index: int, ordered: bool) -> Entry | None:
        links = [link for link in item.scan.links if not link.image]
        if not links or all(link.destination.startswith("#") for link in links):
            return None
        text, pos = item.text, item.pos
        offsets = [_offset(pos, link.span) for link in links]
        start = item.content_start
        tags: list[Tag] = []
        inside: Covered | None = None
        while True:
            match = _TAG_TOKEN.match(text, start)
            if match is None or match.group(1).casefold() in self.definitions:
                break
            inside = inside or Covered(offsets)
            if match.start() in inside:
                break
            tags.append(Tag(match.group(1), pos.span(match.start(), match.end())))
            start = match.end()
            while start < len(text) and text[start] in " \t":
                start += 1
        noise = _LEADING_NOISE.match(text, start)
        content = noise.end() if noise else start
        badge = _LEADING_BADGE.match(text, content)
        while badge is not None:  # "* <kbd>ICLR 2015</kbd> [VGG](url)": the badge leads
            content = badge.end()
            badge = _LEADING_BADGE.match(text, content)
        first_link, (f_start, f_end) = links[0], offsets[0]
        title_link = (f_start <= content + 1 and not first_link.bracketed
                      and first_link.form is not LinkForm.BARE)
        roles: dict[int, LinkRole] = {}
        if title_link:
            kind = EntryKind.LINK_TITLED
            title = plain_text(first_link.text)
            title_end = f_end
        else:
            kind = (EntryKind.NUMBERED_PROSE if ordered and first_link.form is LinkForm.BARE
                    else EntryKind.TEXT_THEN_URL)
            before = text[content:f_start]
            if first_link.bracketed and before.endswith("["):
                before = before[:-1]
            title = plain_text(before).rstrip(" :-–—|([").strip()
            title_end = f_end
            if not title and first_link.bracketed:
                # venue-first style: "- [[ICRA](url)] Title. [[code](url)]"
                after = f_end + 1 if text[f_end: f_end + 1] == "]" else f_end
                stop = offsets[1][0] if len(offsets) > 1 else len(text)
                segment = re.split(r"\s\[|<kbd", text[after:stop], maxsplit=1)[0]
                title = plain_text(segment).strip(" [|-–—:").strip()
        roles[0] = LinkRole.TITLE
        after_title = True
        for index in range(1, len(links)):
            link = links[index]
            label = link.text.strip().strip("`*_").strip("[]").strip().lower()
            gap = text[offsets[index - 1][1]: offsets[index][0]]
            is_resource = link.bracketed or label in RESOURCE_WORDS or (
                link.text.strip().startswith(("[", "`[")))
            if after_title and is_resource and len(gap.strip(" []|,/")) <= 2:
                roles[index] = LinkRole.RESOURCE
            else:
                after_title = False
                roles[index] = LinkRole.RESOURCE if link.bracketed else LinkRole.DESCRIPTION
        final_links = tuple(_with_role(link, roles[i]) for i, link in enumerate(links))
        badges = tuple(item.scan.badges)
        tail_start = max([title_end, *(e for _, e in offsets),
                          *(_offset(pos, b.span)[1] for b in badges)])
        clear_to = tail_start  # text[tail_start:clear_to] holds only " \t,;"
        for match in _TAG_TOKEN.finditer(text, tail_start):
            if clear_to >= 0:  # checked piece by piece: once not clear, never again
                clear = text[clear_to: match.start()].strip(" \t,;") == ""
                clear_to = match.start() if clear else -1
            if clear_to >= 0 or (tags and tags[-1].span.end_line == pos.at(match.start())[0]):
                tags.append(Tag(match.group(1), pos.span(match.start(), match.end())))
                tail_start = clear_to = match.end()
        description = _description(text, title_end, pos, final_links)
        return Entry(
            kind=kind, title=title, link=final_links[0], resources=_resources(final_links),
            badges=badges, tags=tuple(tags), description=description, line=first,
            end_line=last, section_path=self.section.path, links=final_links, marker=marker,
            marker_column=marker_col, list_index=list_index,
        )

    def _enumeration(self, list_line: int) -> tuple[Tag, ...]:
        """Tokens of an ``e.g. [Gml], [Opt]`` line just above a legend list."""
        for number in range(list_line - 1, max(0, list_line - 4), -1):
            line = self.lines[number - 1]
            found = [m for m in _TAG_TOKEN.finditer(line)]
            if len(found) >= 2 and re.fullmatch(r"[\s,;/|]*", _TAG_TOKEN.sub("", line.split(
                    "e.g.")[-1]).replace("e.g.", "")):
                return tuple(Tag(m.group(1), Span(number, m.start() + 1, number, m.end()))
                             for m in found)
        return ()

    def _maybe_toc(self, first: int, last: int, first_links: list[tuple[int, Link | None]],
                   links_start: int) -> None:
        top_links = [link for depth, link in first_links if depth == 0]
        anchored = [link for link in top_links if link and link.destination.startswith("#")]
        if not anchored or (len(anchored) < len(top_links) and
                            (len(anchored) < 2 or len(anchored) * 2 < len(top_links))):
            return
        # Only this list's links: every link of the document per list was quadratic.
        for link in self.links[links_start:]:
            if first <= link.span.line <= last and link.destination.startswith("#"):
                indent = len(self.lines[link.span.line - 1]) - len(
                    self.lines[link.span.line - 1].lstrip())
                self.toc.append(TocEntry(plain_text(link.text), link.destination[1:],
                                         link.span, indent // 2))

    # -- tables -----------------------------------------------------------------------------------
    def table(self, token: Any, first: int, last: int) -> None:
        self._block("table", first, last)
        for row in token.children or []:
            line = getattr(row, "line_number", None)
            if line is None:
                continue
            result, _pos, text = self._scan(line, line)
            links = [link for link in result.links if not link.image]
            if not links or all(link.destination.startswith("#") for link in links):
                continue
            cells = [plain_text(c) for c in re.split(r"(?<!\\)\|", text.strip().strip("|"))]
            title = next((c for c in cells if c and not re.fullmatch(r"[\d\s./-]+", c)), "")
            typed = tuple(_with_role(link, LinkRole.TITLE if i == 0 else LinkRole.RESOURCE)
                          for i, link in enumerate(links))
            entry = Entry(EntryKind.TABLE_ROW, title, typed[0], typed[1:],
                          tuple(result.badges), (), "", line, line, self.section.path,
                          typed)
            self.entries.append(entry)
            self.section.entries.append(entry)

    # -- whole document ---------------------------------------------------------------------------
    def finish(self, text: str) -> None:
        for number, line in enumerate(self.lines, 1):
            if "id" in line or "name" in line:
                if number in self.code_lines:
                    continue
                for match in _EXPLICIT_ANCHOR.finditer(line):
                    name = match.group(1) or match.group(2)
                    self.anchors.setdefault(name, number)
                    self.anchors.setdefault("user-content-" + name, number)
        for index, section in enumerate(self.headings):
            nxt = self.headings[index + 1].line - 1 if index + 1 < len(self.headings) else len(
                self.lines)
            section.end_line = nxt
        self.root.end_line = self.headings[0].line - 1 if self.headings else len(self.lines)

    def comments(self, text: str) -> list[Comment]:
        if "<!--" not in text:
            return []
        pos = Positions(1, self.lines)
        out: list[Comment] = []
        for match in _comments(text):
            line, column = pos.at(match.start())
            if line in self.code_lines:
                continue
            span = pos.span(match.start(), match.end())
            before = self.lines[line - 1][: column - 1].strip()
            after = self.lines[span.end_line - 1][span.end_column:].strip()
            out.append(Comment(match.group(1).strip(), span, not before and not after))
        return out


def _comments(text: str) -> Iterator[re.Match[str]]:
    """``_COMMENT.finditer(text)``, stopping at the first ``<!--`` that is never closed:
    the regex alone searched to the end of the text from each of them (16,000 ``<!-- ``
    took 11 s)."""
    start = text.find("<!--")
    while start >= 0:
        if text.find("-->", start + 4) < 0:
            return
        match = _COMMENT.match(text, start)
        if match is None:  # pragma: no cover - a closer exists, so the pattern matches
            return
        yield match
        start = text.find("<!--", match.end())


_KBD_OPENER = re.compile("<kbd>", re.IGNORECASE)
_KBD_CLOSER = re.compile("</kbd>", re.IGNORECASE)
_LINE_FEED = re.compile("\n")


def _kbd_elements(text: str, start: int) -> list[tuple[int, int]]:
    """What ``re.finditer(r"<kbd>.*?</kbd>", text[start:], re.I)`` finds, as offsets, with
    each opener paired to the first closer after it on its line by one merge of the two
    sorted lists of tags (linear, however many openers are never closed)."""
    closers = [m.start() for m in _KBD_CLOSER.finditer(text, start)]
    out: list[tuple[int, int]] = []
    if not closers:
        return out
    newlines = [m.start() for m in _LINE_FEED.finditer(text, start)]
    index, done = 0, start
    for opener in _KBD_OPENER.finditer(text, start):
        at = opener.start()
        if at < done:
            continue
        while index < len(closers) and closers[index] < at + 5:
            index += 1
        if index == len(closers):
            break
        close = closers[index]
        newline = bisect.bisect_left(newlines, at)
        if newline == len(newlines) or newlines[newline] > close:
            out.append((at, close + 6))
            done = close + 6
    return out


def _offset(pos: Positions, span: Span) -> tuple[int, int]:
    start = pos.starts[span.line - pos.first_line] + span.column - 1
    end = pos.starts[span.end_line - pos.first_line] + span.end_column
    return start, end


def _with_role(link: Link, role: LinkRole) -> Link:
    return Link(link.text, link.destination, link.form, link.span, link.dest_span, link.title,
                link.image, link.bracketed, role)


def _resources(links: tuple[Link, ...]) -> tuple[Link, ...]:
    return tuple([link for link in links if link.role is LinkRole.RESOURCE])


def _description(text: str, title_end: int, pos: Positions, links: tuple[Link, ...]) -> str:
    """The entry's text after its title, without ``[[Notes](url)]`` resources and badges.

    Cut at known offsets in one pass: replacing each resource's text throughout the tail
    (and a ``<kbd>.*?</kbd>`` regex tried from every unclosed ``<kbd>``) was quadratic on
    a line of many resources or badges."""
    cuts: list[tuple[int, int]] = []
    for link in links:
        if link.role is LinkRole.RESOURCE:
            start, end = _offset(pos, link.span)
            if start - 1 >= title_end and text[start - 1: end + 1] == \
                    f"[[{link.text}]({link.destination})]":
                cuts.append((start - 1, end + 1))
    cuts += _kbd_elements(text, title_end)
    pieces: list[str] = []
    done = title_end
    for start, end in sorted(cuts):
        if start >= done:
            pieces += [text[done:start], " "]
            done = end
    pieces.append(text[done:])
    words = plain_text(" ".join("".join(pieces).split()))
    return _SEPARATOR.sub("", words).strip()


def parse(text: str, path: str | None = None, *, memo: ParseMemo | None = None) -> Document:
    """Parse markdown ``text`` into a :class:`Document`.  Never raises on text except
    :class:`ParseError` for input nested too deeply to process.

    A ``memo`` shared by parses of successive versions of one text (as ``fix`` makes) lets
    each reuse the list items the one before already built; the tree is the same."""
    if memo is not None:
        memo.start()
    with paused_gc():
        document = _parse(text, path, memo)
    if memo is not None:
        memo.finish()
    return document


def _parse(text: str, path: str | None, memo: ParseMemo | None = None) -> Document:
    lines, had_bom, newline, ends_with_newline = split_lines(text)
    _check_nesting(lines)
    body = "\n".join(lines) + "\n"
    builder = _Builder(lines, path, memo)
    # mistletoe splits with str.splitlines(), which also breaks at \v, \f, \x1c-\x1e, \x85,
    # U+2028 and U+2029; GitHub does not, so hide them to keep line numbers aligned.
    tokens = _block_tokens(body.translate(_OTHER_BREAKS))
    for label, (dest, _title) in tokens.footnotes.items():
        builder.definitions[" ".join(str(label).split()).casefold()] = str(dest)
    builder.walk(list(tokens.children or []), max(1, len(lines)))
    builder.finish(body)
    return Document(
        path=path, lines=lines, root=builder.root, entries=builder.entries,
        links=builder.links, problems=builder.problems, badges=builder.badges,
        toc=builder.toc, legends=builder.legends, lists=builder.lists,
        comments=builder.comments(body), anchors=builder.anchors,
        definitions=builder.definitions, code_lines=frozenset(builder.code_lines),
        html_lines=frozenset(builder.html_lines), continued_lines=frozenset(builder.continued),
        had_bom=had_bom, newline=newline,
        ends_with_newline=ends_with_newline,
    )


def _block_tokens(body: str) -> Blocks:
    try:
        return block_tokens(body)
    except RecursionError:
        raise ParseError(f"nesting deeper than {MAX_NESTING} levels") from None
