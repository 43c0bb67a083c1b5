"""Topic-tag conventions: which legend a list declares and which tags its entries carry.

A list may declare a *legend* of topic tags in four ways, strongest first:

1. the ``[tool.awesome-lint.tags] legend`` table of the configuration;
2. a list of ``* [Gml] General ML`` items (found by the parser), kept only when something
   says it is a legend: an inline enumeration above it (``e.g. [Gml], [Opt]``), a nearby
   label or heading that talks about tags/topics/categories, or an entry using one of its
   tokens -- a list of ``[Name] description`` lines is otherwise ordinary content;
3. in a list that writes code-span tags (``[__`cls.`__]``, see
   :mod:`awesome_lint.syntax.codetags`), legend lines such as ``__`cls.`__: classification``;
4. a lone enumeration line (``e.g. [Gml], [Opt], [Net]``) without items.

Entry tags are bracketed tokens that are not links: leading tokens (``* [Seg] [U-Net](…)``)
always, trailing or mid-entry tokens only when they spell a legend tag or nearly do -- a
trailing ``[Hang Zhao]`` or ``[Apple]`` is an author or affiliation note, not a tag -- and
``<kbd>`` badges whose word is listed in ``topic-badges``.  Without any legend, trailing
tokens count only when ``position = "after-badge"`` says that is where tags live.

This module computes all that once per document; the ``TAG`` rules only compare.
"""

from __future__ import annotations

import bisect
import fnmatch
import itertools
import operator
import re
from dataclasses import dataclass
from typing import Any

from awesome_lint.config import Config, ConfigError
from awesome_lint.model import Document, Entry, EntryKind, Span
from awesome_lint.syntax import codetags, entrymemo
from awesome_lint.syntax.legends import (
    EntryTag,
    Legend,
    LegendTag,
    code_tags,
    edit_distance,
    enumeration,
    legend_order,
    resolve_legend,
)
from awesome_lint.syntax.linespans import joined
from awesome_lint.syntax.lookahead import code_spans
from awesome_lint.syntax.ranges import Covered
from awesome_lint.syntax.tagtokens import TOKEN, is_tag_name

__all__ = ["EntryTag", "Legend", "LegendTag", "conventions", "edit_distance",
           "enumeration", "legend_order", "resolve_legend", "settings", "unused"]

TABLE = "tags"
POSITIONS = ("before-title", "after-badge", "either")
#: One character ``str.isalnum`` accepts: a word character that is not ``_``.
_ALNUM = re.compile(r"[^\W_]")
#: The end of an offset range (``max(ranges, key=_END)``).
_END = operator.itemgetter(1)


# -- configuration ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TagSettings:
    """The validated ``[tool.awesome-lint.tags]`` table."""

    #: (name, description) pairs in the order written; empty when not configured.
    legend: tuple[tuple[str, str], ...] = ()
    position: str = "either"
    require_tags: bool = False
    #: Section titles or globs where ``require-tags`` applies; empty means everywhere.
    sections: tuple[str, ...] = ()
    #: ``<kbd>`` words that are topic tags rather than venues (``Video``, ``MI``).
    topic_badges: tuple[str, ...] = ()


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                              for v in value):
        raise ConfigError(f"'{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _legend(value: Any, key: str) -> tuple[tuple[str, str], ...]:
    if isinstance(value, list):
        pairs = [(name, "") for name in _strings(value, key)]
    elif isinstance(value, dict):
        pairs = []
        for name, description in value.items():
            if not isinstance(description, str):
                raise ConfigError(f"'{key}.{name}' must be a string (the tag's description)")
            pairs.append((str(name).strip(), description.strip()))
    else:
        raise ConfigError(f"'{key}' must be a table of tag = \"description\" "
                          "(or a list of tag names)")
    seen: set[str] = set()
    for name, _ in pairs:
        bare = name.strip("[]")
        if not is_tag_name(bare):
            raise ConfigError(f"'{key}': {name!r} is not a tag name (one word starting "
                              "with a letter, at most 24 characters)")
        if bare.casefold() in seen:
            raise ConfigError(f"'{key}': tag {bare!r} is listed twice")
        seen.add(bare.casefold())
    return tuple((name.strip("[]"), description) for name, description in pairs)


def validate(value: Any, where: str = TABLE) -> TagSettings:
    """Validate the ``tags`` table; a misspelt key is an error, never silently ignored."""
    if not isinstance(value, dict):
        raise ConfigError(f"'{where}' must be a table")
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        name = f"{where}.{key}"
        if key == "legend":
            kwargs["legend"] = _legend(item, name)
        elif key == "position":
            if item not in POSITIONS:
                raise ConfigError(f"'{name}' must be one of "
                                  + ", ".join(repr(p) for p in POSITIONS))
            kwargs["position"] = item
        elif key == "require-tags":
            if not isinstance(item, bool):
                raise ConfigError(f"'{name}' must be true or false")
            kwargs["require_tags"] = item
        elif key == "sections":
            kwargs["sections"] = _strings(item, name)
        elif key == "topic-badges":
            kwargs["topic_badges"] = _strings(item, name)
        else:
            from awesome_lint.suggest import unknown_key

            raise ConfigError(unknown_key(name, ("legend", "position", "require-tags",
                                                 "sections", "topic-badges")))
    return TagSettings(**kwargs)



def settings(config: Config) -> TagSettings:
    found = config.table(TABLE)
    return found if isinstance(found, TagSettings) else TagSettings()


# -- the resolved conventions ----------------------------------------------------------------------
@dataclass(slots=True)
class TaggedEntry:
    """An entry and its tags (read-only, not frozen: one per entry)."""

    entry: Entry
    tags: tuple[EntryTag, ...]


@dataclass(frozen=True, slots=True)
class Conventions:
    """This list's tag settings, its legend and the tags of each entry."""

    settings: TagSettings
    legend: Legend | None
    entries: tuple[TaggedEntry, ...]


def conventions(document: Document, config: Config,
                memo: entrymemo.EntryMemo | None = None) -> Conventions:
    """The tag conventions of ``document`` (rules read them once per document from
    ``ctx.analysis.tag_conventions``); ``memo`` reuses the tags of entries unchanged since
    an earlier version (the language server)."""
    tag_settings = settings(config)
    legend = resolve_legend(document, tag_settings.legend)
    if memo is None:
        entries = tuple([TaggedEntry(entry, entry_tags(document, entry, legend, tag_settings))
                         for entry in document.entries if entry.kind is not EntryKind.TABLE_ROW])
    else:
        entries = _memoised_tags(memo, document, legend, tag_settings)
    return Conventions(tag_settings, legend, entries)


def _memoised_tags(memo: entrymemo.EntryMemo, document: Document, legend: Legend | None,
                   tag_settings: TagSettings) -> tuple[TaggedEntry, ...]:
    """:func:`entry_tags` of each entry, reused for entries unchanged since the last lint."""
    table = memo.tags
    table.begin(document, (document.definitions, legend, tag_settings))
    out: list[TaggedEntry] = []
    for entry in document.entries:
        if entry.kind is EntryKind.TABLE_ROW:
            continue
        key = entrymemo.entry_key(document, entry)
        tags = table.take(key) if key is not None else None
        if tags is None:
            tags = entry_tags(document, entry, legend, tag_settings)
            if key is not None:
                table.keep(key, tags)
        out.append(TaggedEntry(entry, tags))
    return tuple(out)


def in_sections(entry: Entry, patterns: tuple[str, ...]) -> bool:
    """Whether the entry sits under a section whose title matches one of ``patterns``."""
    if not patterns:
        return True
    titles = [" ".join(title.casefold().split()) for title in entry.section_path]
    return any(fnmatch.fnmatchcase(title, " ".join(p.casefold().split()))
               for title in titles for p in patterns)


# -- entry tags ------------------------------------------------------------------------------------
def entry_tags(document: Document, entry: Entry, legend: Legend | None,
               tag_settings: TagSettings) -> tuple[EntryTag, ...]:
    """The topic tags of one entry, in source order (bracket tokens, then topic badges)."""
    text, starts = _entry_text(document, entry)
    if not text:
        return ()
    found: list[EntryTag] = []
    matches = [m for m in TOKEN.finditer(text) if is_tag_name(m.group(1))]
    if matches:
        found = _bracket_tags(document, entry, legend, tag_settings, text, starts, matches)
    if code_tags(document):
        found.extend(EntryTag(name, span, token, "end")
                     for name, span, token in codetags.entry_tags(document, entry))
    if legend is not None and legend.badges and entry.badges:
        found.extend(_legend_badges(document, entry, legend, tag_settings))
    elif tag_settings.topic_badges and entry.badges:
        topic = {word.casefold() for word in tag_settings.topic_badges}
        for badge in entry.badges:
            if badge.raw.strip().casefold() in topic and badge.closed:
                found.append(EntryTag(badge.raw.strip(),
                                      _strip_span(document, badge.inner_span),
                                      badge.span, "badge"))
    return tuple(found)


def _legend_badges(document: Document, entry: Entry, legend: Legend,
                   tag_settings: TagSettings) -> list[EntryTag]:
    """Year-less ``<kbd>`` badges that spell a tag of a ``<kbd>`` legend, or nearly do (the
    configured topic badges always count)."""
    topic = {word.casefold() for word in tag_settings.topic_badges}
    out: list[EntryTag] = []
    for badge in entry.badges:
        name = badge.raw.strip()
        if not badge.closed or not is_tag_name(name):
            continue
        if name.casefold() in topic or legend.find(name) or legend.nearest(name):
            out.append(EntryTag(name, _strip_span(document, badge.inner_span), badge.span,
                                "badge"))
    return out


def _bracket_tags(document: Document, entry: Entry, legend: Legend | None,
                  tag_settings: TagSettings, text: str, starts: list[int],
                  matches: list[re.Match[str]]) -> list[EntryTag]:
    """The bracket-token tags of an entry (``matches``: every token of its text that is a
    tag name)."""
    blocked = _blocked(entry, text, starts)
    #: Where the first link, badge or code span starts, and where the last one ends.
    first_start = min(blocked)[0] if blocked else None
    last_end = max(blocked, key=_END)[1] if blocked else None
    covered = Covered(blocked)
    tokens = [m for m in matches if m.start() not in covered
              and m.group(1).casefold() not in document.definitions]
    words_before, words_after = _words_around(text, tokens)
    found: list[EntryTag] = []
    for index, match in enumerate(tokens):
        start, end = match.span()
        if not words_before[index] and (first_start is None or start < first_start):
            position = "start"
        elif not words_after[index] and (last_end is None or start >= last_end):
            position = "end"
        else:
            position = "middle"
        name = match.group(1)
        if position != "start":
            if legend is not None:
                if legend.find(name) is None and legend.nearest(name) is None:
                    continue
            elif position != "end" or tag_settings.position != "after-badge":
                continue
        found.append(EntryTag(name, _span_at(starts, entry.line, start + 1, end - 1),
                              _span_at(starts, entry.line, start, end), position))
    return found


def _entry_text(document: Document, entry: Entry) -> tuple[str, list[int]]:
    """The entry's own text after its marker, blanked where it is code, with line offsets.

    Text before the marker is replaced by spaces so offsets map back to columns."""
    if entry.line == entry.end_line and entry.line not in document.code_lines:
        # one line outside code (most entries): the loop below, unrolled
        return _after_marker(entry, document.line_text(entry.line)), [0]
    lines: list[str] = []
    for number in range(entry.line, entry.end_line + 1):
        line = document.line_text(number)
        if number in document.code_lines:
            line = " " * len(line)
        elif number == entry.line:
            line = _after_marker(entry, line)
        lines.append(line)
    return joined(lines)


def _after_marker(entry: Entry, line: str) -> str:
    """The entry's first line with its list marker and what precedes it blanked; a paragraph
    or HTML line (no marker) whole."""
    if not entry.marker:
        return line
    skip = entry.marker_column - 1 + len(entry.marker)
    return " " * skip + line[skip:]


def _offset(starts: list[int], first_line: int, line: int, column: int) -> int:
    index = line - first_line
    if index < 0:
        return 0
    if index >= len(starts):
        return starts[-1] + column
    return starts[index] + column - 1


def _span_at(starts: list[int], first_line: int, start: int, end: int) -> Span:
    """Span of text offsets [start, end) of the entry text."""
    if len(starts) == 1:  # one line: offsets are columns - 1
        return Span(first_line, start + 1, first_line, max(start, end - 1) + 1)

    def at(offset: int) -> tuple[int, int]:
        # the last line starting at or before ``offset`` (``starts`` increases strictly)
        index = bisect.bisect_right(starts, offset) - 1  # starts[0] == 0 <= offset
        return first_line + index, offset - starts[index] + 1

    line, column = at(start)
    end_line, end_column = at(max(start, end - 1))
    return Span(line, column, end_line, end_column)


def _blocked(entry: Entry, text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Offsets covered by links, badges and code spans: no tag lives inside those."""
    ranges: list[tuple[int, int]] = []
    first, last = entry.line, entry.end_line
    for items in (entry.links, entry.badges):
        for item in items:
            span = item.span
            if first <= span.line <= last:
                ranges.append((_offset(starts, first, span.line, span.column),
                               _offset(starts, first, span.end_line, span.end_column) + 1))
    if "`" in text:  # (no code span without one)
        ranges.extend(code_spans(text))
    return ranges


def _words_around(text: str, tokens: list[re.Match[str]]) -> tuple[list[bool], list[bool]]:
    """For each token: whether the text before it, and after it, has words once the other
    tokens are taken out, i.e. whether a gap between tokens on that side has words.  One
    pass over the gaps (taking the tokens out of the text per token was quadratic)."""
    gaps: list[bool] = []
    previous = 0
    for match in tokens:
        gaps.append(_has_words(text[previous: match.start()]))
        previous = match.end()
    tail = _has_words(text[previous:])
    before = list(itertools.accumulate(gaps, operator.or_))
    after = list(itertools.accumulate(reversed([*gaps[1:], tail]), operator.or_))[::-1]
    return before, after


def _has_words(text: str) -> bool:
    """Whether ``text`` has a letter or digit (``str.isalnum``, as ``_ALNUM`` matches)."""
    return _ALNUM.search(text) is not None


def _strip_span(document: Document, span: Span) -> Span:
    """Narrow a single-line span to its text without surrounding spaces."""
    if span.line != span.end_line:
        return span
    line = document.line_text(span.line)
    column, end = span.column, span.end_column
    while column < end and line[column - 1: column].isspace():
        column += 1
    while end > column and line[end - 1: end].isspace():
        end -= 1
    return Span(span.line, column, span.line, end)


def unused(conv: Conventions) -> list[LegendTag]:
    """Legend tags no entry uses (any spelling counts as a use)."""
    if conv.legend is None:
        return []
    used = {tag.name.casefold() for tagged in conv.entries for tag in tagged.tags}
    return [tag for tag in conv.legend.tags if tag.name.casefold() not in used]

