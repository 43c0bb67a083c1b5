"""Text → typed document tree.

:mod:`~awesome_lint.syntax.blocks` finds the block structure (headings, lists, tables, HTML
and code blocks, each with its first line: mistletoe's tokens, built without it for plain
runs); the :mod:`~awesome_lint.syntax.scanner` finds links, badges and link problems with
exact positions inside each block.  The parser then assembles sections, entries, the table of
contents and tag legends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
from awesome_lint.syntax.entries import (
    CITATION,
    RESOURCE_WORDS,
    ItemText,
    build_entry,
    citation_entry,
    merge_bold_title,
    with_role,
)
from awesome_lint.syntax.html_entries import html_entries
from awesome_lint.syntax.lines import MAX_NESTING, ParseError, check_nesting, split_lines
from awesome_lint.syntax.notations import annotate
from awesome_lint.syntax.paperitems import paper_item
from awesome_lint.syntax.parsememo import ItemParts, ParseMemo
from awesome_lint.syntax.plain_items import plain_item
from awesome_lint.syntax.scanner import Positions, Scanner, ScanResult
from awesome_lint.syntax.slugs import Slugger, heading_text, plain_text
from awesome_lint.syntax.tables import title_cell
from awesome_lint.syntax.tagtokens import TOKEN, is_legend_item_name

__all__ = ["MAX_NESTING", "RESOURCE_WORDS", "ParseError", "ParseMemo", "parse", "paused_gc",
           "split_lines"]

#: ``re.sub`` over a whole text costs a 20th of ``str.translate`` with a table (awesome-go:
#: 2 ms, not 40; :mod:`awesome_lint.startup`).
_OTHER_BREAKS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_EXPLICIT_ANCHOR = re.compile(
    r"<[A-Za-z][^<>]*?\s(?:name|id)\s*=\s*(?:\"([^\"]+)\"|'([^']+)')", re.IGNORECASE)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
#: ``<a name="x"></a>`` / ``<a id="x"/>``: an HTML block of these alone is a jump target for
#: the heading after it (amusi's lists), no content of the section it stands in.
_ANCHOR_TAGS = re.compile(
    r"<a\s+(?:name|id)\s*=\s*(?:\"[^\"]*\"|'[^']*')\s*/?>(?:\s*</a>)?", re.IGNORECASE)
#: A legend list item: ``- [Gml] General machine learning`` (a tag name, then its meaning).
_LEGEND_ITEM = re.compile(r"\s*(?:[*+-]|\d+[.)])\s+" + TOKEN.pattern + r"\s+(\S.*)")


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
        #: Each section's ``path`` (a walk up its parents), worked out once per section
        #: instead of once per list item (speed trick, listed in awesome_lint.startup).
        self._paths: dict[Section, tuple[str, ...]] = {}

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

    def _section_path(self) -> tuple[str, ...]:
        """``self.section.path``, remembered (a section's path never changes)."""
        section = self.stack[-1]
        path = self._paths.get(section)
        if path is None:
            path = self._paths[section] = section.path
        return path

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
            result, pos, text = self._scan(first, last)
            self._paragraph_lines(first, last)
            if top:
                self._block("anchor" if self._only_anchors(first, last) else "paragraph",
                            first, last)
                if CITATION.match(self.lines[first - 1]):  # **[4]** Author. "**Title**." ...
                    entry = citation_entry(ItemText(text, first, result, pos, 0), last,
                                           self.section.path)
                    if entry is not None:
                        self.entries.append(entry)
                        self.section.entries.append(entry)
        elif name == "List":
            self.list_block(token, first, last, depth)
            # (entries are in document order: the last one tells)
            if top and not (self.section.entries and self.section.entries[-1].line >= first):
                self._block("list", first, last)
        elif name == "Table":
            self.table(token, first, last)
        elif name == "HtmlBlock":
            self.html_lines.update(range(first, last + 1))
            result, _pos, _text = self._scan(first, last, html_only=True)
            for entry in html_entries(self.lines[first - 1:last], first, result.links,
                                      self.section.path):
                self.entries.append(entry)
                self.section.entries.append(entry)
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
        entries_start = len(self.entries)
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
            marker_col = raw.find(leader) + 1 or 1  # (not found: column 1; one scan)
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
                           if text.strip() and "\t" in text[: len(text) - len(text.lstrip(" \t"))]
                           ) if own_last > i_first else ()  # (one-line items: none)
            infos.append(ListItemInfo(i_first, leader, marker_col, raw[: marker_col - 1],
                                      ordered, depth, tabbed))
            parts = self._item_parts(i_first, own_last, leader, marker_col, list_index)
            self.links.extend(parts.links)
            self.problems.extend(parts.problems)
            self.badges.extend(parts.badges)
            if own_last > i_first:  # (a one-line item continues no line: no call)
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
            self._bold_titled(first, last, entries_start)

    def _bold_titled(self, first: int, last: int, entries_start: int) -> None:
        """``**Title**`` on its own line, then a list of ``- Paper: <url>`` / ``- Code:
        <url>`` bullets: one entry titled by the bold line, whose links are the bullets'
        (the bullets are its resources, not entries of their own)."""
        section = self.section
        blocks = section.blocks
        if not blocks or blocks[-1].kind != "paragraph" or blocks[-1].line != blocks[-1].end_line:
            return
        title_line = blocks[-1].line
        if not all(not line.strip() for line in self.lines[title_line:first - 1]):
            return
        items = self.entries[entries_start:]
        merged = merge_bold_title(self.lines[title_line - 1], title_line, last, items,
                                  section.path)
        if merged is None:
            return
        del self.entries[entries_start:]
        section.entries[len(section.entries) - len(items):] = [merged]
        self.entries.append(merged)

    def _item_parts(self, first: int, last: int, leader: str, marker_col: int,
                    list_index: int) -> ItemParts:
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
            parts = parts.placed(first, self._section_path(), list_index)
        memo.keep(key, parts)
        return parts

    def _build_item(self, first: int, last: int, leader: str, marker_col: int,
                    list_index: int) -> ItemParts:
        """Scan the item and build its entry: the work the memo saves."""
        # The item's own text, scanned (inlined: this runs once per list item).
        block_lines = self.lines[first - 1: last]
        text = "\n".join(block_lines) if len(block_lines) > 1 else block_lines[0]
        content_start = marker_col + len(leader) - 1
        while content_start < len(text) and text[content_start] in " \t":
            content_start += 1
        if first == last:  # the commonest one-line shapes, built directly (speed tricks)
            if not self.definitions:  # a reading list's item (paperitems' docstring)
                parts = paper_item(text, first, leader, marker_col, list_index, content_start,
                                   self._section_path())
                if parts is not None:
                    return parts
            plain = plain_item(text, first, leader, marker_col, list_index, content_start,
                               self._section_path)  # a classic list's (plain_items')
            if plain is not None:
                return plain
        pos = Positions(first, block_lines)
        scan = self.scanner.scan(text, pos)
        item_text = ItemText(text, first, scan, pos, content_start)
        raw = self.lines[first - 1]
        legend_match = None if scan.links else _LEGEND_ITEM.fullmatch(raw)
        legend = None
        name = legend_match.group(1) if legend_match is not None else ""
        if legend_match is not None and is_legend_item_name(name):
            legend = (name, legend_match.group(2).strip(), raw.index("[" + name + "]") + 1)
        entry = build_entry(item_text, first, last, leader, marker_col, list_index,
                            leader[:1].isdigit(), self.definitions, self._section_path())
        return ItemParts(first, tuple(scan.links), tuple(scan.problems), tuple(scan.badges),
                          legend, entry)



    def _enumeration(self, list_line: int) -> tuple[Tag, ...]:
        """Tokens of an ``e.g. [Gml], [Opt]`` line just above a legend list."""
        for number in range(list_line - 1, max(0, list_line - 4), -1):
            line = self.lines[number - 1]
            found = [m for m in TOKEN.finditer(line)]
            if len(found) >= 2 and re.fullmatch(r"[\s,;/|]*", TOKEN.sub("", line.split(
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
            title, links = title_cell(self.lines[first - 1], text, links)
            typed = tuple(with_role(link, LinkRole.TITLE if i == 0 else LinkRole.RESOURCE)
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
    check_nesting(lines)
    body = "\n".join(lines) + "\n"
    builder = _Builder(lines, path, memo)
    # mistletoe splits with str.splitlines(), which also breaks at \v, \f, \x1c-\x1e, \x85,
    # U+2028 and U+2029; GitHub does not, so hide them to keep line numbers aligned.
    tokens = _block_tokens(_OTHER_BREAKS.sub(" ", body))
    for label, (dest, _title) in tokens.footnotes.items():
        builder.definitions[" ".join(str(label).split()).casefold()] = str(dest)
    builder.walk(list(tokens.children or []), max(1, len(lines)))
    builder.finish(body)
    document = Document(
        path=path, lines=lines, root=builder.root, entries=builder.entries,
        links=builder.links, problems=builder.problems, badges=builder.badges,
        toc=builder.toc, legends=builder.legends, lists=builder.lists,
        comments=builder.comments(body), anchors=builder.anchors,
        definitions=builder.definitions, code_lines=frozenset(builder.code_lines),
        html_lines=frozenset(builder.html_lines), continued_lines=frozenset(builder.continued),
        had_bom=had_bom, newline=newline,
        ends_with_newline=ends_with_newline,
    )
    annotate(document, venue_lookup)
    return document


def venue_lookup(text: str) -> tuple[bool, bool] | None:
    """(known, loose) for a venue name in the default registry; None when unknown.  The
    registry loads on the first question (lists without candidate marks never ask)."""
    from awesome_lint.venues import default_registry

    match = default_registry().lookup(text)
    return None if match is None else (True, match.loose)


def _block_tokens(body: str) -> Blocks:
    try:
        return block_tokens(body)
    except RecursionError:
        raise ParseError(f"nesting deeper than {MAX_NESTING} levels") from None
