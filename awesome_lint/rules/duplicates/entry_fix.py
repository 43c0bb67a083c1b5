"""The fix of ``duplicate-entry`` (DUP001): delete the later copy, first merging into the
earlier entry the resource links, badges and tags only the later one has; or say why no fix
is offered (nested content, other text, different titles, a conflicting badge...)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from awesome_lint.diagnostics import Applicability, Edit, Fix
from awesome_lint.model import Document, Entry, EntryKind, Link, LinkRole, Span
from awesome_lint.rules.duplicates.keys import Keys
from awesome_lint.rules.duplicates.pairs import clip
from awesome_lint.rules.duplicates.titles import Title, entry_title, fold_title, titles_match
from awesome_lint.syntax.entrylines import (
    closes_html_paragraph,
    ends_with_hard_break,
    only_quotes_before_marker,
)
from awesome_lint.syntax.linespans import line_length
from awesome_lint.syntax.whitespace import next_content


class Fixer:
    """Builds the fix that deletes a later duplicate, merging what it adds into the first."""

    def __init__(self, document: Document, keep_fragment: bool, keys: Keys) -> None:
        self.doc = document
        self.keep_fragment = keep_fragment
        self.keys = keys
        self.reason = ""
        self._links_by_line: dict[int, list[Link]] | None = None

    def _key(self, url: str) -> str:
        return self.keys.url(url, self.keep_fragment)

    def _links_on(self, first: int, last: int) -> list[Link]:
        if self._links_by_line is None:
            self._links_by_line = {}
            for link in self.doc.links:
                self._links_by_line.setdefault(link.span.line, []).append(link)
        return [link for line in range(first, last + 1)
                for link in self._links_by_line.get(line, ())]

    def _none(self, reason: str) -> Fix | None:
        """Record ``reason`` and offer no fix."""
        self._fail(reason)
        return None

    def _fail(self, reason: str) -> None:
        """Record why no fix is offered (shown in the finding's message)."""
        self.reason = reason

    def removal(self, first: Entry, later: Entry, threshold: float) -> Fix | None:
        self.reason = ""
        doc = self.doc
        if later.end_line > doc.line_count or not self._whole_lines(later):
            return self._none("the entry shares its lines with other content")
        if self._has_nested(later):
            return self._none(f"line {later.line} has nested content")
        if self._opens_ordered_list(later):
            return self._none("deleting the first item would renumber the list")
        identical = _normalised(doc, first) == _normalised(doc, later)
        a, b = Title.of(entry_title(first)), Title.of(entry_title(later))
        if not identical and (a.tight or b.tight) and not titles_match(a, b, threshold):
            return self._none("different titles may be two items that share one link")
        inserts: dict[tuple[int, int], list[str]] = {}
        merged: list[str] = []
        if not identical:
            extra = self._unmatched_text(first, later)
            if extra:
                return self._none(f"line {later.line} has text line {first.line} lacks: "
                                  f"'{clip(extra, 40)}'")
            if not self._merge(first, later, inserts, merged):
                return None
        removes = list(_without(
            [link.destination for link in self._links_on(later.line, later.end_line)
             if link.destination], merged))
        delete = sum(line_length(doc, n) + 1 for n in range(later.line, later.end_line + 1))
        edits = [Edit(line, column, 0, "".join(parts))
                 for (line, column), parts in sorted(inserts.items())]
        edits.append(Edit(later.line, 1, delete))
        what = "identical " if identical else ""
        description = f"delete the {what}duplicate entry on line {later.line}"
        if merged or inserts:
            description += f", merging what it adds into line {first.line}"
        return Fix(tuple(edits), Applicability.SAFE if identical else Applicability.UNSAFE,
                   description, tuple(removes))

    # -- checks ---------------------------------------------------------------------------
    def _whole_lines(self, entry: Entry) -> bool:
        """The entry's lines hold nothing but the entry (quote markers aside)."""
        if entry.kind is EntryKind.TABLE_ROW:
            return entry.line == entry.end_line
        if entry.kind is EntryKind.HTML_LINE:  # not when its last line closes the <p>
            return not closes_html_paragraph(self.doc, entry.end_line)
        return only_quotes_before_marker(self.doc, entry)

    def _has_nested(self, entry: Entry) -> bool:
        """Whether lines after the entry's own text still belong to its list item."""
        if not entry.marker:  # a table row, an HTML line, a paragraph: not a list item
            return False
        following = next_content(self.doc, entry.end_line)
        return following is not None and \
            len(following.quoted.expandtabs(4)) > entry.marker_column - 1

    def _opens_ordered_list(self, entry: Entry) -> bool:
        if not entry.marker[:1].isdigit() or not 0 <= entry.list_index < len(self.doc.lists):
            return False
        info = self.doc.lists[entry.list_index]
        return bool(info.items) and info.items[0].line == entry.line and len(info.items) > 1

    def _residual(self, entry: Entry) -> str:
        """The entry's own text with its links, badges and tags blanked out: its title
        (when not a link) and description, as written."""
        if entry.kind is EntryKind.HTML_LINE:  # the markup around it is no text
            return entry.description
        spans = [link.span for link in entry.links] + [b.span for b in entry.badges] + \
            [t.span for t in entry.tags]
        out: list[str] = []
        for number in range(entry.line, entry.end_line + 1):
            text = self.doc.line_text(number)
            if number == entry.line and entry.marker_column:
                start = entry.marker_column - 1 + len(entry.marker)
                text = " " * start + text[start:]
            chars = list(text)
            for span in spans:
                if span.line <= number <= span.end_line:
                    first = span.column - 1 if span.line == number else 0
                    last = span.end_column if span.end_line == number else len(chars)
                    if first > 0 and chars[first - 1] == "[" and last < len(chars) \
                            and chars[last] == "]":
                        first, last = first - 1, last + 1
                    chars[first:last] = " " * (last - first)
            out.append("".join(chars))
        return " ".join(" ".join(out).split())

    def _unmatched_text(self, first: Entry, later: Entry) -> str:
        """Text of ``later`` (links, badges and tags aside) that ``first`` does not have."""
        text = self._residual(later)
        folded = fold_title(text)
        if not folded or folded in fold_title(self._residual(first)):
            return ""
        return text

    # -- merging --------------------------------------------------------------------------
    def _slice(self, span: Span, widen: bool = False) -> str | None:
        """Source text of a one-line span; ``widen`` adds the ``[...]`` around a link."""
        if span.line != span.end_line:
            return None
        text = self.doc.line_text(span.line)
        start, end = span.column - 1, span.end_column
        if widen and start > 0 and text[start - 1: start] == "[" and text[end: end + 1] == "]":
            start, end = start - 1, end + 1
        return text[start:end]

    def _link_end(self, link: Link) -> tuple[int, int]:
        """The position right after a link (after the outer ``]`` of ``[[Notes](...)]``)."""
        text = self.doc.line_text(link.span.end_line)
        end = link.span.end_column + 1
        if link.bracketed and text[end - 1: end] == "]":
            end += 1
        return link.span.end_line, end

    def _line_end(self, line: int) -> tuple[int, int]:
        return line, len(self.doc.line_text(line).rstrip()) + 1

    def _merge(self, first: Entry, later: Entry, inserts: dict[tuple[int, int], list[str]],
               merged: list[str]) -> bool:
        """Plan inserts into ``first`` for the resources, badges and tags only ``later``
        has; ``False`` (with a reason) when they cannot be placed."""
        have = {self._key(link.destination) for link in first.links if link.destination}
        have.update(self._key(link.destination)
                    for link in self._links_on(first.line, first.end_line) if link.destination)
        resources: list[str] = []
        for link in later.links:
            if link.role is LinkRole.TITLE or not link.destination.strip():
                continue
            key = self._key(link.destination)
            if key in have:
                continue
            if link.role is not LinkRole.RESOURCE:
                self._fail(f"its link {link.destination} is not a resource link")
                return False
            text = self._slice(link.span, widen=link.bracketed)
            if text is None:
                self._fail(f"its link {link.destination} spans lines")
                return False
            have.add(key)
            resources.append(text)
            merged.append(link.destination)
        badges = self._missing_badges(first, later)
        known = fold_title(" ".join([self._residual(first), *(t.name for t in first.tags)]))
        tags = [tag for tag in later.tags if fold_title(tag.name) not in known]
        if badges is None or not self._room(first, later, resources, badges, tags):
            return False
        anchor_links = [link for link in first.links
                        if link.role in (LinkRole.TITLE, LinkRole.RESOURCE)]
        if resources:
            position = (self._link_end(anchor_links[-1]) if anchor_links
                        else self._line_end(first.end_line))
            inserts.setdefault(position, []).extend(" " + text for text in resources)
        if badges:
            position = (self._after(first.badges[-1].span) if first.badges
                        else self._line_end(first.end_line))
            inserts.setdefault(position, []).extend(" " + text for text in badges)
        for tag in tags:
            text = self._slice(tag.span)
            if text is None:
                self._fail("a tag spans lines")
                return False
            if first.tags:
                inserts.setdefault(self._after(first.tags[-1].span), []).append(" " + text)
            elif later.link is not None and tag.span.line == later.link.span.line \
                    and tag.span.column < later.link.span.column:
                start = self._content_start(first)
                inserts.setdefault(start, []).append(text + " ")
            else:
                inserts.setdefault(self._line_end(first.end_line), []).append(" " + text)
        return True

    def _missing_badges(self, first: Entry, later: Entry) -> list[str] | None:
        """Badges of ``later`` to copy: those for a venue ``first`` has no badge for.  A badge
        that says less than ``first``'s (``NeurIPS 2022`` beside ``NeurIPS 2022 Oral``) is
        dropped; one that says more or something else (``L4DC 2022`` beside ``L4DC``) is a
        conflict for a person to settle: no fix."""
        out: list[str] = []
        for badge in later.badges:
            words = set(badge.raw.casefold().split())
            same_venue = [b for b in first.badges
                          if b.venue.casefold() == badge.venue.casefold()]
            if any(words <= set(b.raw.casefold().split()) for b in same_venue):
                continue
            if same_venue:
                self._fail(f"its badge <kbd>{badge.raw}</kbd> disagrees with line "
                           f"{first.line}'s <kbd>{same_venue[0].raw}</kbd>")
                return None
            text = self._slice(badge.span)
            if text is None:
                self._fail("a badge spans lines")
                return None
            out.append(text)
        return out

    def _room(self, first: Entry, later: Entry, resources: list[str], badges: list[str],
              tags: Sequence[object]) -> bool:
        if not (resources or badges or tags):
            return True
        if first.kind is EntryKind.TABLE_ROW:
            self._fail(f"line {later.line} has links, badges or tags a table row cannot take")
            return False
        if ends_with_hard_break(self.doc, first.end_line):
            self._fail(f"line {first.end_line} ends with a hard line break")
            return False
        return True

    def _after(self, span: Span) -> tuple[int, int]:
        return span.end_line, span.end_column + 1

    def _content_start(self, entry: Entry) -> tuple[int, int]:
        text = self.doc.line_text(entry.line)
        column = entry.marker_column + len(entry.marker)
        while column <= len(text) and text[column - 1] in " \t":
            column += 1
        return entry.line, column


def _normalised(document: Document, entry: Entry) -> str:
    """The entry's own text after its marker, whitespace collapsed: equal means identical."""
    text = "\n".join(document.lines[entry.line - 1: entry.end_line])
    if entry.marker_column:
        text = text[entry.marker_column - 1 + len(entry.marker):]
    return " ".join(text.split())


def _without(items: list[str], taken: list[str]) -> Iterator[str]:
    """``items`` minus one occurrence of each of ``taken`` (a multiset difference)."""
    pending = list(taken)
    for item in items:
        if item in pending:
            pending.remove(item)
        else:
            yield item
