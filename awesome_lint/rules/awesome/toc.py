"""The table of contents of a classic awesome list: every section, in order, nested right.

The TOC is the run of anchor links the parser found first (:attr:`Document.toc`), within one
section.  The levels it covers are the levels of the headings it links to, from the first
one it links to (within their common parent section when they share one); every later
heading at those levels belongs in it, nested under the listed headings that enclose it,
except subsections of a section none of whose subsections the TOC lists, and meta sections
such as *Contributing* or *License*.  The ``toc`` fix
rewrites the TOC list in its own style (bullet, indentation, ``**bold**`` links, blank lines
between items), keeping the text of the entries the author wrote and every item that links
elsewhere.

Overlap: STR004 reports entries whose section is gone and LNK004 re-points anchors of
renamed headings; this rule resolves such an anchor the way LNK004 does and owns the
rewriting of the whole list, so a TOC edit comes from one place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Document, ListInfo, ListItemInfo, Section, TocEntry
from awesome_lint.rules import RuleContext, register
from awesome_lint.rules.awesome.classic import ClassicRule
from awesome_lint.syntax.linespans import is_blank, whole_line
from awesome_lint.syntax.listitems import bold_link, inline_links_written
from awesome_lint.syntax.slugs import matching_anchors

PREFIX = "AWE3"
CATEGORY = "awesome"

META_SECTIONS = ("contributing", "contribute", "contribution", "contributions",
                 "contributors", "license", "licence", "footnotes", "related lists",
                 "related", "credits", "acknowledgements", "acknowledgments", "sponsors",
                 "backers", "code of conduct")


@dataclass
class _Toc:
    """The table of contents beside the headings it should list."""

    entries: list[TocEntry]
    resolved: list[Section | None]
    #: TOC nesting of each entry, 0 = top level.
    depths: list[int]
    #: Headings that belong in the TOC, in document order, with their expected depth.
    expected: list[tuple[Section, int]]


def _items(doc: Document) -> dict[int, ListItemInfo]:
    return {item.line: item for info in doc.lists for item in info.items}


def _resolve(doc: Document, entry: TocEntry, by_anchor: dict[str, Section]) -> Section | None:
    found = by_anchor.get(entry.anchor) or by_anchor.get(entry.anchor.lower())
    if found is None:
        candidates = matching_anchors(entry.anchor, list(by_anchor))
        if len(candidates) == 1:
            found = by_anchor[candidates[0]]
    return found


def _toc(doc: Document, ignore: frozenset[str]) -> _Toc | None:
    if not doc.toc:
        return None
    by_anchor: dict[str, Section] = {}
    # Speed trick (listed in awesome_lint.startup): the sections listed once for the TOC's
    # entries, not walked from the root once per entry (awesome-go: 152 walks of 170).
    sections = doc.sections
    for section in sections:
        by_anchor.setdefault(section.anchor, section)
        by_anchor.setdefault(section.anchor.lower(), section)
    home = _section_at(doc, doc.toc[0].span.line, sections)
    entries = [e for e in doc.toc if _section_at(doc, e.span.line, sections) is home]
    items = _items(doc)
    raw_depths = [items[e.span.line].depth if e.span.line in items else e.depth
                  for e in entries]
    base = min(raw_depths)
    depths = [d - base for d in raw_depths]
    resolved = [_resolve(doc, e, by_anchor) for e in entries]
    known = [s for s in resolved if s is not None]
    if not known:
        return None
    return _Toc(entries, resolved, depths, _expected(doc, known, home, ignore))


def _expected(doc: Document, known: list[Section], home: Section, ignore: frozenset[str]
              ) -> list[tuple[Section, int]]:
    """The headings that belong in a TOC listing ``known`` (in the section ``home``), in
    document order, with their TOC depth."""
    levels = sorted({s.level for s in known})
    first = min(s.line for s in known)
    referenced = {id(s) for s in known}
    parents = {id(s.parent) for s in known if s.level == levels[0]}
    scope = doc.sections
    head = next(s for s in known if s.level == levels[0])
    if len(parents) == 1 and head.parent is not None:
        scope = head.parent.walk()  # a TOC of one part's sections (vinta's Projects)
    chosen = [s for s in scope if s.line >= first and s.level in levels and (
        id(s) in referenced or (s is not home and " ".join(s.title.casefold().split())
                                not in ignore))]
    members = {id(s) for s in chosen}
    # a nested section belongs in the TOC when the TOC lists a sibling of it: a TOC that
    # lists none of a section's subsections (Robotics' year headings) leaves them out
    listed_parents = {id(s.parent) for s in known}
    chosen = [s for s in chosen if id(s) in referenced or id(s.parent) in listed_parents
              or _listed_ancestors(s, members) == 0]
    members = {id(s) for s in chosen}
    return [(s, _listed_ancestors(s, members)) for s in chosen]


def _listed_ancestors(section: Section, members: set[int]) -> int:
    """The section's TOC depth: how many of its enclosing sections the TOC lists too."""
    count = 0
    node = section.parent
    while node is not None:
        count += id(node) in members
        node = node.parent
    return count


def _section_at(doc: Document, line: int, sections: list[Section] | None = None) -> Section:
    """The section that holds ``line``; ``sections``: ``doc.sections``, when the caller
    has them already."""
    found = doc.root
    for section in doc.sections if sections is None else sections:
        if section.line > line:
            break
        found = section
    return found


@register
class TocSync(ClassicRule):
    code = "AWE301"
    name = "toc-sync"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "Table of contents that misses a section, lists one out of order or mis-nests it."
    explanation = (
        "A classic list's TOC links every section, in document order, nested as the "
        "headings are. The levels it covers are those of the headings it links to, so a "
        "TOC of `##` sections does not ask for `###` ones. Sections named in the `ignore` "
        "option (Contributing, License, Footnotes, Related Lists... by default) may be left "
        "out. The `toc` fix rewrites the TOC list in its own style, keeping the text "
        "of existing entries and items that link elsewhere; it is offered when the TOC is "
        "one list with one line per item. It is safe unless it changes the TOC's nesting: "
        "then the heading levels may be what is wrong, and the fix is unsafe."
    )
    bad = "## Contents\n\n- [Tools](#tools)\n\n## Libraries\n\n## Tools"
    good = "## Contents\n\n- [Libraries](#libraries)\n- [Tools](#tools)\n\n## Libraries\n\n## Tools"
    options: ClassVar[dict[str, Any]] = {"ignore": list(META_SECTIONS)}

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        doc = ctx.document
        ignore = frozenset(" ".join(str(n).casefold().split())
                           for n in ctx.options(self)["ignore"])
        toc = _toc(doc, ignore)
        if toc is None:
            return
        depth_of = {id(s): d for s, d in toc.expected}
        nesting = any(s is not None and depth_of.get(id(s), d) != d
                      for s, d in zip(toc.resolved, toc.depths, strict=True))
        fix = _regenerate(doc, toc, safe=not nesting)
        listed = {id(s) for s in toc.resolved if s is not None}
        for section, _depth in toc.expected:
            if id(section) not in listed:
                yield self.diagnostic(whole_line(doc, section.line),
                                      f"section '{section.title}' is missing from the TOC",
                                      fix=fix)
        latest = 0
        for entry, target, depth in zip(toc.entries, toc.resolved, toc.depths, strict=True):
            if target is None:
                continue
            if target.line < latest:
                yield self.diagnostic(entry.span, f"TOC lists '{entry.text}' out of document "
                                      "order", fix=fix)
            latest = max(latest, target.line)
            want = depth_of.get(id(target))
            if want is not None and want != depth:
                parent = target.parent.title if target.parent and target.parent.level else ""
                under = f" (under '{parent}')" if want > depth and parent else ""
                yield self.diagnostic(entry.span, f"TOC lists '{entry.text}' at depth "
                                      f"{depth + 1}; its heading is at depth {want + 1}{under}",
                                      fix=fix)


@dataclass(frozen=True)
class _Style:
    """How the table of contents writes its items (marker, indent, bold)."""

    marker: str
    indent: str
    bold: bool
    loose: bool


def _style(doc: Document, lines: list[int], items: dict[int, ListItemInfo]) -> _Style:
    infos = [items[n] for n in lines if n in items]
    marker = Counter(i.marker for i in infos).most_common(1)[0][0]
    indent = "  "
    nested = [i for i in infos if i.depth > infos[0].depth]
    if nested:
        deeper = nested[0]
        parent = next(i for i in reversed(infos) if i.line < deeper.line
                      and i.depth == deeper.depth - 1)
        indent = deeper.indent_text[len(parent.indent_text):] or "  "
        if "\t" not in indent:
            indent = " " * (deeper.marker_column - parent.marker_column)
    bold = sum(1 for i in infos if bold_link(doc, i)) * 2 > len(infos)
    return _Style(marker, indent, bold, False)


def _regenerate(doc: Document, toc: _Toc, *, safe: bool) -> Fix | None:
    """The TOC list rewritten from the headings, or None when it is not one plain list."""
    items = _items(doc)
    found = _plain_list(doc, toc, items)
    if found is None:
        return None
    top, own, item_lines = found
    blank = [n for n in own if is_blank(doc, n)]
    style = _style(doc, item_lines, items)
    style = _Style(style.marker, style.indent, style.bold, bool(blank))
    link_of = _links(doc, toc)
    after = _hand_added(doc, toc, items, item_lines)
    out: list[str] = [line for _, line in after.get(0, [])]
    pending: list[tuple[int, str]] = []
    for section, depth in toc.expected:
        while pending and pending[0][0] >= depth:
            out.append(pending.pop(0)[1])
        link = link_of.get(id(section), f"[{section.title}](#{section.anchor})")
        if style.bold:
            link = f"**{link}**"
        out.append(f"{style.indent * depth}{style.marker} {link}")
        pending = after.get(id(section), []) + pending
    out.extend(line for _, line in pending)
    old = [doc.line_text(n) for n in own]
    new = out if not style.loose else [x for line in out for x in (line, "")][:-1]
    if new == old:
        return None
    gone = Counter("#" + e.anchor for e in toc.entries) - Counter(
        link[link.rfind("](") + 2: -1] for link in link_of.values())
    removes = tuple(sorted(gone.elements()))
    delete = sum(len(line) + 1 for line in old) - 1
    return Fix((Edit(top.line, 1, delete, "\n".join(new)),),
               Applicability.SAFE if safe else Applicability.UNSAFE,
               "toc: rewrite the table of contents", removes)


def _plain_list(doc: Document, toc: _Toc, items: dict[int, ListItemInfo]
                ) -> tuple[ListInfo, list[int], list[int]] | None:
    """The list that holds the TOC, its lines (trailing blanks aside) and its item lines;
    None unless it is one list with one line per item and one link per TOC item."""
    first_line = toc.entries[0].span.line
    top = next((info for info in doc.lists if info.line <= first_line <= info.end_line
                and info.depth == min(items[first_line].depth if first_line in items
                                      else 0, info.depth)), None)
    if top is None or any(not top.line <= e.span.line <= top.end_line for e in toc.entries):
        return None
    end = top.end_line
    while end > top.line and is_blank(doc, end):
        end -= 1
    own = list(range(top.line, end + 1))
    item_lines = [n for n in own if n in items]
    blank = [n for n in own if is_blank(doc, n)]
    if len(item_lines) + len(blank) != len(own) or len(toc.entries) > len(item_lines):
        return None  # an item spans lines: leave it to the author
    if any(inline_links_written(doc, n) != 1 for n in item_lines
           if any(e.span.line == n for e in toc.entries)):
        return None
    return top, own, item_lines


def _links(doc: Document, toc: _Toc) -> dict[int, str]:
    """Each listed section's link: the author's own, or its text with a new anchor."""
    link_of: dict[int, str] = {}
    for entry, section in zip(toc.entries, toc.resolved, strict=True):
        if section is None or id(section) in link_of:
            continue
        span = entry.span
        raw = doc.line_text(span.line)[span.column - 1: span.end_column]
        if entry.anchor.lower() != section.anchor.lower():
            raw = raw[: raw.rfind("](") + 2] + f"#{section.anchor})"
        link_of[id(section)] = raw
    return link_of


def _hand_added(doc: Document, toc: _Toc, items: dict[int, ListItemInfo],
                item_lines: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Items that link elsewhere, by the listed section before them (0: before any), with
    their relative depth: they stay after that section, and after the sections nested
    deeper than themselves that follow it."""
    by_line = {e.span.line: (e, s) for e, s in zip(toc.entries, toc.resolved, strict=True)}
    base = min(items[n].depth for n in item_lines)
    after: dict[int, list[tuple[int, str]]] = {}
    previous = 0
    for number in item_lines:
        pair = by_line.get(number)
        if pair is not None and pair[1] is not None:
            previous = id(pair[1])
        else:
            after.setdefault(previous, []).append((items[number].depth - base,
                                                   doc.line_text(number)))
    return after
