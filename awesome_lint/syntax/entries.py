"""List item text -> entry: the entry builder of the parser.

A list item's own paragraphs are scanned once (:class:`ItemText`); :func:`build_entry` reads
the entry's parts from that scan: its shape (link-titled, text-then-URL, numbered prose),
title, primary link, resource links (``[[Notes](url)]``), leading and trailing ``[Tag]``
tokens, badges and description.  The parser calls it per list item, and the parse memo
(:mod:`awesome_lint.syntax.parsememo`) reuses what it built for unchanged items.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from awesome_lint.model import Entry, EntryKind, Link, LinkForm, LinkRole, Span, Tag
from awesome_lint.syntax import kbd
from awesome_lint.syntax.ranges import Covered
from awesome_lint.syntax.scanner import Positions, ScanResult
from awesome_lint.syntax.slugs import plain_text
from awesome_lint.syntax.tagtokens import TOKEN

_LEADING_NOISE = re.compile(r"[\s*_~]*(?:[^\w\s\[\]<(`!\\*_~#][\s*_~]*)*")
_SEPARATOR = re.compile(r"^[\s\-–—:|,.;\]\)]+")
_LINE_FEED = re.compile("\n")
#: Up to this many links, "is this offset inside a link?" is a loop over them.
_FEW_LINKS = 4
#: Speed and memory trick (listed in awesome_lint.startup): each link of a list item is
#: built once, by the scanner, and :func:`build_entry` gives it its role in place, through
#: the slot's own descriptor, before the tree is published (the links are the item's
#: fresh scan, which nothing else holds yet).  Copying each link with its role cost a
#: ``Link`` per link (10k entries: 20k), and kept two of each in the tree: the document's
#: links and the entry's are now the same objects.
_set_role = Link.__dict__["role"].__set__
RESOURCE_WORDS = frozenset({
    "pdf", "paper", "code", "notes", "note", "video", "slides", "project", "blog", "website",
    "site", "arxiv", "github", "git", "repo", "demo", "data", "dataset", "poster", "talk",
    "tbp", "vid", "playlist", "link", "youtube", "article", "html", "supp", "bib", "doi",
    "official", "pytorch", "tensorflow", "tf", "keras", "jax", "web", "homepage", "page",
})


@dataclass(slots=True)
class ItemText:
    """The source of a list item's own paragraphs, scanned once."""

    text: str
    first_line: int
    scan: ScanResult
    pos: Positions
    content_start: int  # offset after the marker


def build_entry(item: ItemText, first: int, last: int, marker: str, marker_col: int,
                list_index: int, ordered: bool, definitions: dict[str, str],
                section_path: tuple[str, ...]) -> Entry | None:
    """The entry a list item's own text makes (None when it links nothing but anchors):
    its shape, title, primary link, resources, leading and trailing tags, badges and
    description, read from the scanned text."""
    links = [link for link in item.scan.links if not link.image]
    if not links or (links[0].destination.startswith("#")
                     and all(link.destination.startswith("#") for link in links)):
        return None
    text, pos = item.text, item.pos
    single = len(pos.starts) == 1  # a one-line item: offsets are columns - 1
    offsets = [(link.span.column - 1, link.span.end_column) for link in links] if single \
        else [offset(pos, link.span) for link in links]
    start = item.content_start
    tags: list[Tag] = []
    inside: Covered | None = None
    while True:
        match = TOKEN.match(text, start)
        if match is None or match.group(1).casefold() in definitions:
            break
        at = match.start()
        if len(offsets) <= _FEW_LINKS:
            # Speed trick (listed in awesome_lint.startup): a few links are asked directly;
            # ``Covered`` (sorted ranges, bisect) pays off only for many tokens and links.
            if any(link_start <= at < link_end for link_start, link_end in offsets):
                break
        else:
            inside = inside or Covered(offsets)
            if at in inside:
                break
        tags.append(Tag(match.group(1), pos.span(match.start(), match.end())))
        start = match.end()
        while start < len(text) and text[start] in " \t":
            start += 1
    noise = _LEADING_NOISE.match(text, start)
    content = noise.end() if noise else start
    badge = kbd.LEADING.match(text, content)
    while badge is not None:  # "* <kbd>ICLR 2015</kbd> [VGG](url)": the badge leads
        content = badge.end()
        badge = kbd.LEADING.match(text, content)
    first_link, (f_start, f_end) = links[0], offsets[0]
    title_link = (f_start <= content + 1 and not first_link.bracketed
                  and first_link.form is not LinkForm.BARE)
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
    # (each scanned link typed in place: see _set_role)
    _set_role(first_link, LinkRole.TITLE)
    after_title = True
    for index in range(1, len(links)):
        link = links[index]
        # (a bracketed link, ``[[Notes](url)]``, the usual resource, is one without reading
        # its label; and the gap is cut only when it decides: both once per resource link)
        is_resource = link.bracketed or (
            link.text.strip().strip("`*_").strip("[]").strip().lower() in RESOURCE_WORDS
            or link.text.strip().startswith(("[", "`[")))
        if after_title and is_resource and len(
                text[offsets[index - 1][1]: offsets[index][0]].strip(" []|,/")) <= 2:
            _set_role(link, LinkRole.RESOURCE)
        else:
            after_title = False
            _set_role(link, LinkRole.RESOURCE if link.bracketed else LinkRole.DESCRIPTION)
    final_links = tuple(links)
    badges = tuple(item.scan.badges)
    tail_start = title_end
    for _, link_end in offsets:
        if link_end > tail_start:
            tail_start = link_end
    for found_badge in badges:
        badge_end = found_badge.span.end_column if single else offset(pos, found_badge.span)[1]
        if badge_end > tail_start:
            tail_start = badge_end
    clear_to = tail_start  # text[tail_start:clear_to] holds only " \t,;"
    for match in TOKEN.finditer(text, tail_start):
        if clear_to >= 0:  # checked piece by piece: once not clear, never again
            clear = text[clear_to: match.start()].strip(" \t,;") == ""
            clear_to = match.start() if clear else -1
        if clear_to >= 0 or (tags and tags[-1].span.end_line == pos.at(match.start())[0]):
            tags.append(Tag(match.group(1), pos.span(match.start(), match.end())))
            tail_start = clear_to = match.end()
    description = _description(text, title_end, final_links, offsets)
    # (positional: a dataclass takes keywords at 2.5 times the cost, once per entry)
    return Entry(kind, title, final_links[0], resources_of(final_links), badges, tuple(tags),
                 description, first, last, section_path, final_links, marker, marker_col,
                 list_index)


def _kbd_elements(text: str, start: int) -> list[tuple[int, int]]:
    """What ``re.finditer(r"<kbd>.*?</kbd>", text[start:], re.I)`` finds, as offsets, with
    each opener paired to the first closer after it on its line by one merge of the two
    sorted lists of tags (linear, however many openers are never closed)."""
    if text.isascii():
        return _ascii_kbd_elements(text, start)
    closers = [m.start() for m in kbd.CLOSE_EXACT.finditer(text, start)]
    out: list[tuple[int, int]] = []
    if not closers:
        return out
    newlines = [m.start() for m in _LINE_FEED.finditer(text, start)] if "\n" in text else []
    index, done = 0, start
    for opener in kbd.OPEN_EXACT.finditer(text, start):
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


def _ascii_kbd_elements(text: str, start: int) -> list[tuple[int, int]]:
    """:func:`_kbd_elements` of an ASCII text, with ``str.find`` in its lower-cased copy
    (speed trick, listed in awesome_lint.startup: three regex scans per entry were a
    fifth of building it).  Lower-casing keeps ASCII offsets, and ``<kbd>`` matches ignoring
    case exactly what it matches in the lower-cased text (the Kelvin sign that ``re``
    also takes for ``k`` is not ASCII).  Each opener pairs with the first closer after
    it, if no newline comes first."""
    low = text.lower()
    out: list[tuple[int, int]] = []
    at = low.find("<kbd>", start)
    close = -1
    while at >= 0:
        if close < at + 5:
            close = low.find("</kbd>", at + 5)
            if close < 0:
                break
        newline = low.find("\n", at, close)
        if newline < 0:
            out.append((at, close + 6))
            at = low.find("<kbd>", close + 6)
        else:
            at = low.find("<kbd>", at + 1)
    return out


def offset(pos: Positions, span: Span) -> tuple[int, int]:
    start = pos.starts[span.line - pos.first_line] + span.column - 1
    end = pos.starts[span.end_line - pos.first_line] + span.end_column
    return start, end


def with_role(link: Link, role: LinkRole) -> Link:
    return Link(link.text, link.destination, link.form, link.span, link.dest_span, link.title,
                link.image, link.bracketed, role)


def resources_of(links: tuple[Link, ...]) -> tuple[Link, ...]:
    return tuple([link for link in links if link.role is LinkRole.RESOURCE])


def _description(text: str, title_end: int, links: tuple[Link, ...],
                 offsets: list[tuple[int, int]]) -> str:
    """The entry's text after its title, without ``[[Notes](url)]`` resources and badges.

    Cut at known offsets in one pass: replacing each resource's text throughout the tail
    (and a ``<kbd>.*?</kbd>`` regex tried from every unclosed ``<kbd>``) was quadratic on
    a line of many resources or badges.  ``offsets``: each link's (start, end) in ``text``."""
    cuts: list[tuple[int, int]] = []
    for link, (start, end) in zip(links, offsets, strict=True):
        if link.role is LinkRole.RESOURCE and start - 1 >= title_end \
                and text[start - 1: end + 1] == f"[[{link.text}]({link.destination})]":
            cuts.append((start - 1, end + 1))
    cuts += _kbd_elements(text, title_end)
    pieces: list[str] = []
    done = title_end
    for start, end in sorted(cuts):
        if start >= done:
            pieces += [text[done:start], " "]
            done = end
    pieces.append(text[done:])
    return description_text("".join(pieces))


def description_text(markdown: str) -> str:
    """An entry's description from the markdown after its title, resources and badges cut:
    blanks collapsed, rendered as text, the separator before it dropped."""
    return _SEPARATOR.sub("", plain_text(" ".join(markdown.split()))).strip()


#: ``**[4]** He, Kaiming, et al. "**Deep residual learning**." CVPR (2016). [[pdf]](url)``:
#: a numbered citation paragraph, and the quoted (often bold) title in it.
CITATION = re.compile(r"\*\*\[\d{1,4}[a-z]?\]\*\*\s")
_QUOTED_TITLE = re.compile(
    r"[\"“](?:\*\*|__)?(?P<title>[^\"“”*\n]{3,300}?)[.,]?(?:\*\*|__)?[.,]?[\"”]")


def citation_entry(item: ItemText, last: int, section_path: tuple[str, ...]) -> Entry | None:
    """The entry a numbered citation paragraph makes: its quoted title, its links (the
    first is the primary one, the others resources)."""
    links = [link for link in item.scan.links if not link.image]
    if not links or all(link.destination.startswith("#") for link in links):
        return None
    found = _QUOTED_TITLE.search(item.text)
    if found is None:
        return None
    typed = tuple(with_role(link, LinkRole.TITLE if i == 0 else LinkRole.RESOURCE)
                  for i, link in enumerate(links))
    return Entry(EntryKind.NUMBERED_PROSE, plain_text(found["title"]).strip(), typed[0],
                 typed[1:], tuple(item.scan.badges), (), "", item.first_line, last,
                 section_path, typed)


#: A paragraph that is one bold title: ``**RepViT: Revisiting Mobile CNN**``.
_BOLD_LINE = re.compile(r"\s*(?:\*\*|__)(?P<title>[^*_\n]{3,300}?)(?:\*\*|__)\s*")


def merge_bold_title(line: str, title_line: int, last: int, items: list[Entry],
                     section_path: tuple[str, ...]) -> Entry | None:
    """The entry a bold title line makes with the ``- Paper: <url>`` bullets right below it,
    or None when those bullets are not all labelled resource links."""
    found = _BOLD_LINE.fullmatch(line)
    if found is None or not items or any(
            e.kind is EntryKind.LINK_TITLED or e.title.rstrip(" :").casefold()
            not in RESOURCE_WORDS for e in items):
        return None
    links = tuple(with_role(link, LinkRole.TITLE if i == 0 else LinkRole.RESOURCE)
                  for i, link in enumerate(link for e in items for link in e.links))
    if not links:
        return None
    return Entry(EntryKind.TEXT_THEN_URL, plain_text(found["title"]).strip(), links[0],
                 links[1:], tuple(b for e in items for b in e.badges), (), "", title_line,
                 last, section_path, links)
