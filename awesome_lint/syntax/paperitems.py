"""The reading-list item in one match: ``* [Tag] [Title](url) [[Notes](url)] <kbd>CVPR 2017</kbd>``.

Speed trick (listed in :mod:`awesome_lint.startup`).  Paper lists (the seeds, and the
generated lists of ``benchmarks/``) are made of one-line items of this one shape: an optional
leading tag, a title link, an optional bracketed resource link and an optional ``<kbd>``
badge, with blanks between them and nothing else.  For such a line the general path (the
inline scanner, then :func:`~awesome_lint.syntax.entries.build_entry` reading its result)
costs about 24 us; :func:`paper_item` reads the same parts from one match and builds each
node once (about 8 us), so the parse of 10k generated entries falls by about a third.

Every piece of the pattern keeps to what the general path reads the same way without asking
anything else of the text: no backslash or backtick anywhere (the scanner's simple shapes
need neither), no ``[``, ``]``, ``<`` or ``!`` in link texts, no space or ``www.`` in the
tag (a bare URL cannot start in it), no ``#`` opening the title's destination (an
anchor-only item is no entry), and lengths far below the scanner's bounds.  An empty
resource destination (``[[TBP]()]``, a link still to come) is the scanner's finding here
too.  The document must define no reference label (a bracket could be a link then).
Anything else, or any other shape, takes the general path.
``tests/test_paper_items.py`` pins the result to that path, node for node.
"""

from __future__ import annotations

import re

from awesome_lint.model import (
    Badge,
    Entry,
    EntryKind,
    Link,
    LinkForm,
    LinkProblem,
    LinkRole,
    ProblemKind,
    Span,
    Tag,
)
from awesome_lint.syntax.parsememo import ItemParts
from awesome_lint.syntax.scanner import shared_label, text_before
from awesome_lint.syntax.slugs import plain_text
from awesome_lint.venues import parse_badge_text

#: What precedes the content: indentation, a bullet or ordered marker, blanks.
_PREFIX = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+")
#: The item after its marker (``fullmatch`` from the content's start to the line's end).
_ITEM = re.compile(
    r"(?:\[(?P<tag>[A-Za-z0-9][\w.&/+'’-]{0,30})\][ \t]+)?"
    r"\[(?P<title>[^\[\]\\`<!\n]{1,1000})\]\((?P<url>[^\s()<>\\`\[\]#][^\s()<>\\`\[\]]{0,1000})\)"
    r"(?:[ \t]+\[(?P<res>\[(?P<label>[^\[\]\\`<!\n]{1,200})\]"
    r"\((?P<dest>[^\s()<>\\`\[\]]{0,1000})\))\])?"
    r"(?:[ \t]+(?P<badge><kbd>(?P<inner>[^<\n\\`]{0,200})</kbd>))?"
    r"[ \t]*")
_LINK_TITLED = EntryKind.LINK_TITLED
_INLINE = LinkForm.INLINE
_TITLE = LinkRole.TITLE
_RESOURCE = LinkRole.RESOURCE


def paper_item(text: str, line: int, leader: str, marker_col: int, list_index: int,
               content_start: int, section_path: tuple[str, ...]) -> ItemParts | None:
    """What the parser's general path builds for the one-line list item ``text`` (its
    content starting at ``content_start``) when it has the reading-list shape, else None.

    The caller asks only when the document defines no reference label."""
    if text[-1:] not in (">", ")", "]", " ", "\t"):
        return None  # (the line ends in none of the shape's ends: no match to try)
    found = _ITEM.fullmatch(text, content_start)
    if found is None or _PREFIX.fullmatch(text, 0, content_start) is None:
        return None
    # Spans of a one-line block: offsets are columns - 1 (as scanner.Positions.span).
    tags: tuple[Tag, ...] = ()
    if found.start("tag") >= 0:
        if "www." in found.group("tag").lower():
            return None  # (after a "_", the scanner would read a bare URL there)
        at = found.start("tag") - 1
        tags = (Tag(found.group("tag"), Span(line, at + 1, line, found.end("tag") + 1)),)
    start, url_start, url_end = found.start("title") - 1, found.start("url"), found.end("url")
    title = Link(shared_label(found.group("title")), found.group("url"), _INLINE,
                 Span(line, start + 1, line, url_end + 1),
                 Span(line, url_start + 1, line, url_end), None, False, False, _TITLE)
    links: tuple[Link, ...] = (title,)
    resources: tuple[Link, ...] = ()
    problems: tuple[LinkProblem, ...] = ()
    if found.start("res") >= 0:
        start, end = found.span("res")
        dest_start, dest_end = found.span("dest")
        resource = Link(shared_label(found.group("label")), found.group("dest"), _INLINE,
                        Span(line, start + 1, line, end),
                        Span(line, dest_start + 1, line, dest_end) if dest_end > dest_start
                        else None, None, False, True, _RESOURCE)
        links, resources = (title, resource), (resource,)
        if dest_end == dest_start:  # "[[TBP]()]": a link still to come, a finding
            problems = (LinkProblem(ProblemKind.EMPTY_DESTINATION, resource.span,
                                    text[start:end]),)
    badges: tuple[Badge, ...] = ()
    if found.start("badge") >= 0:
        start, end = found.span("badge")
        inner_start, inner_end = found.span("inner")
        inner = found.group("inner")
        parsed = parse_badge_text(inner)  # the venue registry's reading, cached
        if parsed.text == inner:
            inner = parsed.text  # memory trick, as the scanner's
        badges = (Badge(inner, parsed.venue_text, parsed.year, parsed.suffix,
                        Span(line, start + 1, line, end),
                        Span(line, inner_start + 1, line, inner_end) if inner_end > inner_start
                        else Span(line, inner_start + 1, line, inner_start + 1),
                        True, text_before(text, start)),)
    entry = Entry(_LINK_TITLED, plain_text(title.text), title, resources, badges,
                  tags, "", line, line, section_path, links, leader, marker_col, list_index)
    return ItemParts(line, links, problems, badges, None, entry)
