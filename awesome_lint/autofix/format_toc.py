"""The table of contents in canonical form: anchors and titles brought up to date from the
headings; entries added and removed only with unsafe fixes."""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol
from urllib.parse import unquote

from awesome_lint.model import Document, Link, LinkForm, ListItemInfo, Section, TocEntry
from awesome_lint.syntax.slugs import normalise_anchor


class TocEdits(Protocol):
    """What the TOC writer reads from and writes to the formatter's pending edits: named here,
    so the writer does not import the formatter that imports it."""

    doc: Document
    lines: list[str]
    unsafe: bool
    items: dict[int, ListItemInfo]
    replaced: dict[int, str]
    removed: set[int]
    inserted: dict[int, list[tuple[int, str]]]
    toc_changed: bool
    toc_rewritten: list[str]


class _TocPlan:
    """Bring TOC anchors and titles up to date; add and remove entries only when unsafe."""

    def __init__(self, formatter: TocEdits) -> None:
        self.f = formatter
        self.doc = formatter.doc
        self.headings = [s for s in self.doc.sections]
        self.by_anchor = {s.anchor: s for s in self.headings}
        self.links = {link.span: link for link in self.doc.links}

    def resolve(self, anchor: str) -> tuple[bool, Section | None]:
        """Whether the anchor exists, and the heading it leads to (if any)."""
        anchor = unquote(anchor)
        found = self.by_anchor.get(anchor) or self.by_anchor.get(anchor.lower())
        if found is not None:
            return True, found
        line = self.doc.anchors.get(anchor, self.doc.anchors.get(anchor.lower()))
        if line is None:
            return False, None
        after = [s for s in self.headings if line <= s.line <= line + 5]
        return True, (after[0] if after else None)

    def apply(self) -> None:
        doc = self.doc
        entries = [e for e in doc.toc if e.span.line == e.span.end_line]
        resolved: list[Section | None] = []
        exists: list[bool] = []
        for entry in entries:
            ok, heading = self.resolve(entry.anchor)
            exists.append(ok)
            resolved.append(heading)
        levels = self._levels(entries, resolved)
        used = {id(h) for h in resolved if h is not None}
        for index, entry in enumerate(entries):
            if exists[index]:
                continue
            heading = self._match(entry)
            if heading is None:
                if self.f.unsafe:
                    self._remove(entry)
                continue
            used.add(id(heading))
            resolved[index] = heading
            self._update(entry, heading)
        if self.f.unsafe:
            self._add(entries, resolved, levels, used)

    def _levels(self, entries: list[TocEntry], resolved: list[Section | None]
                ) -> dict[int, int]:
        votes: dict[int, Counter[int]] = {}
        for entry, heading in zip(entries, resolved, strict=True):
            if heading is not None:
                votes.setdefault(entry.depth, Counter())[heading.level] += 1
        return {depth: c.most_common(1)[0][0] for depth, c in votes.items()}

    def _match(self, entry: TocEntry) -> Section | None:
        """The single heading whose text matches a broken anchor, if there is one.

        Its anchor must match the broken one but for case and punctuation, or (a shortened
        anchor such as ``#deep`` for "Deep Learning") start like it while its title is the
        entry's text.  A renamed heading is never guessed from its position: an anchor
        that GitHub resolves and we slug differently would be moved to another heading."""
        loose = normalise_anchor(unquote(entry.anchor))
        by_anchor = [h for h in self.headings if normalise_anchor(h.anchor) == loose]
        if len(by_anchor) == 1:
            return by_anchor[0]
        text = normalise_anchor(entry.text)
        by_title = [h for h in self.headings if loose and text
                    and normalise_anchor(h.title) == text
                    and normalise_anchor(h.anchor).startswith(loose)]
        return by_title[0] if len(by_title) == 1 else None

    def _link(self, entry: TocEntry) -> Link | None:
        link = self.links.get(entry.span)
        if link is None or link.dest_span is None or link.form is not LinkForm.INLINE:
            return None
        return link

    def _update(self, entry: TocEntry, heading: Section) -> None:
        link = self._link(entry)
        if link is None or link.dest_span is None:
            return
        number = entry.span.line
        src = self.f.replaced.get(number, self.f.lines[number - 1])
        start, end = entry.span.column - 1, entry.span.end_column
        whole = src[start:end]
        d_start, d_end = link.dest_span.column - 1, link.dest_span.end_column
        if d_start < start or d_end > end:
            return
        new = whole[: d_start - start] + "#" + heading.anchor + whole[d_end - start:]
        if new != whole:
            self.f.replaced[number] = src[:start] + new + src[end:]
            self.f.toc_changed = True
            self.f.toc_rewritten.append(link.destination)

    def _remove(self, entry: TocEntry) -> None:
        number = entry.span.line
        item = self.f.items.get(number)
        src = self.f.lines[number - 1]
        if item is None or number in self.f.replaced:
            return
        rest = src[entry.span.end_column:].strip()
        nxt = self.f.items.get(number + 1)
        if rest or (nxt is not None and nxt.depth > item.depth):
            return
        self.f.removed.add(number)
        self.f.toc_changed = True
        self.f.toc_rewritten.append("#" + entry.anchor)

    def _add(self, entries: list[TocEntry], resolved: list[Section | None],
             levels: dict[int, int], used: set[int]) -> None:
        pairs = [(h, e) for h, e in zip(resolved, entries, strict=True) if h is not None]
        if not pairs or not levels:
            return
        depth_of = {level: depth for depth, level in levels.items()}
        first = min(h.line for h, _ in pairs)
        last = max(h.line for h, _ in pairs)
        templates = {e.depth: e for _, e in pairs if self._link(e) is not None
                     and e.span.line not in self.f.removed}
        for heading in self.headings:
            if not first < heading.line < last or id(heading) in used:
                continue
            depth = depth_of.get(heading.level)
            if depth is None or depth not in templates or re.search(r"[\[\]`*_<>\\]",
                                                                      heading.title):
                continue
            before = [e for h, e in pairs if h.line < heading.line]
            if not before:
                continue
            anchor_line = max(e.span.line for e in before)
            after_line = self._after_children(anchor_line, depth)
            template = templates[depth]
            self.f.inserted.setdefault(after_line, []).append(
                (template.span.line, f"[{heading.title}](#{heading.anchor})"))
            used.add(id(heading))
            self.f.toc_changed = True

    def _after_children(self, line: int, depth: int) -> int:
        """The last TOC line that belongs under ``line`` deeper than ``depth``."""
        toc = sorted(e.span.line for e in self.doc.toc)
        out = line
        for number in toc:
            if number <= line:
                continue
            entry = next(e for e in self.doc.toc if e.span.line == number)
            if entry.depth <= depth:
                break
            out = number
        return out
