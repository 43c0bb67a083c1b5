"""Speed trick (listed in awesome_lint.startup): the commonest item of a classic list built
without the scanner and the general entry builder.

Nine in ten items of awesome-go are one line ``- [Name](url) - Description.`` whose text
holds nothing else the scanner looks for: no escape or code span anywhere, one inline link
at the start of the content (``scanner.SIMPLE_LINK``), and no event
(``scanner.EVENT``: tag, bracket, image, URL) before or after it.  For such a line the
scanner finds exactly that link and no badge or problem, and
:func:`awesome_lint.syntax.entries.build_entry` makes it a link-titled entry without tags,
resources or badges (no ``[Tag]`` can match at a link's opening bracket or in a tail
without brackets), whose description is the rest of the line, nothing cut (no ``<kbd>`` in
a tail without ``<``), read by the same ``description_text``.
:func:`plain_item` builds those same parts directly, one link that is the document's and
the entry's (awesome-go: the parse 3.1k items faster by about 5 us each).  The parser tries
it after :func:`awesome_lint.syntax.paperitems.paper_item`, which reads a link alone the
same way.  ``tests/test_plain_items.py`` compares it with the general path on generated
items and every list of ``../shared``.
"""

from __future__ import annotations

from collections.abc import Callable

from awesome_lint.model import Entry, EntryKind, Link, LinkForm, LinkRole, Span
from awesome_lint.syntax.entries import description_text
from awesome_lint.syntax.parsememo import ItemParts
from awesome_lint.syntax.scanner import EVENT, SIMPLE_LINK, shared_label
from awesome_lint.syntax.slugs import plain_text


def plain_item(line: str, number: int, marker: str, marker_col: int, list_index: int,
               start: int, section_path: Callable[[], tuple[str, ...]]) -> ItemParts | None:
    """The parts of the one-line item ``line`` (line ``number``, its content from offset
    ``start``) when it has the plain shape, else None (then the general path builds them)."""
    if "\\" in line or "`" in line or "<" in line or "[[" in line:
        return None  # (the last two, what the event search would find, found sooner)
    if not start or line[start - 1] not in " \t":
        return None  # (no blank after the marker: the general path decides)
    simple = SIMPLE_LINK.match(line, start)
    if simple is None:
        return None
    d_start, end = simple.start(1), simple.end()
    if d_start == simple.end(1) or EVENT.search(line, end) is not None \
            or EVENT.search(line, 0, start) is not None:
        return None  # (an empty destination is a problem to report)
    label = shared_label(line[start + 1: d_start - 2])
    dest = simple.group(1)
    span = Span(number, start + 1, number, end)
    dest_span = Span(number, d_start + 1, number, simple.end(1))
    if dest.startswith("#"):  # an in-page link: no entry, and the link keeps no role
        return ItemParts(number, (Link(label, dest, LinkForm.INLINE, span, dest_span),), (),
                         (), None, None)
    # (one link, the document's and the entry's, as the general path builds it)
    links = (Link(label, dest, LinkForm.INLINE, span, dest_span, None, False, False,
                  LinkRole.TITLE),)
    entry = Entry(EntryKind.LINK_TITLED, plain_text(label), links[0], (), (), (),
                  description_text(line[end:]), number, number,
                  section_path(), links, marker, marker_col, list_index)
    return ItemParts(number, links, (), (), None, entry)
