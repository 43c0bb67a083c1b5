"""GitHub's renderer judges every rewrite: nothing is written that GitHub would show differently.

``fix`` and ``format`` call :func:`judge` with the text before and after a rewrite, the lines
the rewrite declares (the applied edits' lines) and the destinations it removes on purpose.
Both texts are rendered by cmark-gfm (the ``cmarkgfm`` package: GitHub's own fork of cmark,
with its table, autolink, strikethrough, tasklist and tagfilter extensions), so the guard
sees what readers see, including links our parser never saw.  Two checks, in this order:

* **lossless by count**: every ``<a href>``, ``<img src>`` and ``<a name|id>`` occurrence
  of the rendered input is in the rendered output as often, unless the rewrite declares
  it removed;
* **same rendering outside the declared lines**: the rendered HTML, tag by tag and text run
  by text run (whitespace runs folded as mdformat compares, except in code), is the same
  once the parts that come from declared lines are set aside: table rows, list items,
  headings and links keep their number and text.

The first violation is returned as a :class:`Refusal` (a one-line message and the line);
the caller writes nothing.  ``cmarkgfm`` is imported on first use: ``check`` never needs it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import unquote

from awesome_lint.autofix import diff_lines, regions
from awesome_lint.autofix.apply import line_starts
from awesome_lint.autofix.github_html import render_html as render_html
from awesome_lint.autofix.regions import opcodes
from awesome_lint.diagnostics import Edit

#: The block tags of cmark-gfm's HTML (those with a source position, and their ends) and
#: the table sections it writes without one.
_BLOCK_NAMES = "p|li|ul|ol|h[1-6]|table|tr|th|td|blockquote|pre|hr"
_BLOCK = re.compile(
    r'<([a-z][a-z0-9]*)([^>]*?) data-sourcepos="(\d+):\d+-(\d+):(\d+)"([^>]*?) ?>'
    # a leaf block (most list items, paragraphs, cells) is one match, content and end
    rf"(?:((?:(?!</?(?:{_BLOCK_NAMES})[\s>])[^<]|<(?!/?(?:{_BLOCK_NAMES})[\s>]))*)</\1>)?"
    rf"|</({_BLOCK_NAMES})>"
    r"|</?t(?:head|body)>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_COUNTED_TAG = re.compile(r"<(a|img)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_WHITESPACE = re.compile(r"\s+")
_CONTAINERS = frozenset({"ul", "ol", "li", "table", "blockquote"})
#: Where a bulleted list starts and ends is not compared: one bullet for a list that mixed
#: them joins its lists, and the items say the rest (an ordered list's start is kept).
_UNCOMPARED = frozenset({"ul"})
#: What each tag contributes to the occurrence count: attribute -> kind.
_COUNTED = {"a": (("href", "link"), ("name", "anchor"), ("id", "anchor")),
            "img": (("src", "image"),)}


@dataclass(frozen=True)
class Refusal:
    """Why a rewrite may not be written, and the line (of the text before it) to blame."""

    message: str
    line: int


@dataclass(frozen=True)
class Declared:
    """Lines a rewrite declares it changes: in the text before it and in the text after it."""

    before: frozenset[int] = frozenset()
    after: frozenset[int] = frozenset()
    #: The lines of the other reading of the same line diff (see :meth:`of_diff`), if any.
    otherwise: Declared | None = None

    @classmethod
    def of_edits(cls, before: str, after: str, edits: Iterable[Edit]) -> Declared:
        """The lines the edits change: ``after`` is ``before`` with ``edits`` applied.

        Each edit's whole lines are compared before and after it, and lines it leaves as
        they were (a line pushed down by an inserted blank line) are not declared."""
        starts = line_starts(before)
        old, new = before.split("\n"), after.split("\n")
        lines_before: set[int] = set()
        lines_after: set[int] = set()
        shift = 0  # lines gained so far by the edits above
        for edit in sorted(edits, key=lambda e: (e.line, e.column)):
            start = starts[edit.line - 1] + edit.column - 1 if edit.line <= len(starts) \
                else len(before)
            deleted = before[start: start + edit.delete]
            first = min(edit.line, len(starts))
            last = first + deleted.count("\n", 0, max(0, len(deleted) - 1))
            out_first = first + shift
            shift += edit.insert.count("\n") - deleted.count("\n")
            out_last = last + shift
            a, b = first, last
            c, d = out_first, out_last
            while a <= b and c <= d and old[a - 1] == new[c - 1]:
                a, c = a + 1, c + 1
            while a <= b and c <= d and old[b - 1] == new[d - 1]:
                b, d = b - 1, d - 1
            lines_before.update(range(a, b + 1))
            lines_after.update(range(c, d + 1))
        return cls(frozenset(lines_before), frozenset(lines_after))

    @classmethod
    def of_diff(cls, before: str, after: str) -> Declared:
        """Every line that differs between the two texts (for a rewrite that declares all
        it changes, such as the formatter's reference text).

        Repeated lines let a diff pair either copy: ``otherwise`` holds the other reading
        (:mod:`.diff_lines`), if it differs; the judge accepts what either one explains."""
        old, new = before.split("\n"), after.split("\n")
        first = cls(*diff_lines.declared_lines(old, new, opcodes(old, new)))
        codes = opcodes(diff_lines.bullets_alike(old), diff_lines.bullets_alike(new))
        other = cls(*diff_lines.declared_lines(old, new, codes))
        return first if other == first else cls(first.before, first.after, other)


NOTHING = Declared()


class _Token(NamedTuple):
    """One tag or text run of the rendered HTML, with the source lines it comes from (a
    tuple: a long list renders to some 100,000 of them)."""

    text: str
    first: int
    last: int
    #: A tag of a block that holds other blocks (a list, an item, a table...): set aside
    #: only when all its lines are declared, so deleting one item keeps the list's tags.
    container: bool = False


class _Occurrence(NamedTuple):
    kind: str  # "link", "image" or "anchor"
    value: str
    token: int  # the index of its tag among the tokens


#: Between the tokens of two regions: the same on both sides, on no line.
_SEPARATOR = _Token("\0", 0, 0)


@dataclass(frozen=True)
class Rendering:
    tokens: tuple[_Token, ...]
    occurrences: tuple[_Occurrence, ...]


def judge(before: str, after: str, declared: Declared = NOTHING,
          removes: Iterable[str] = (), *, what: str = "fix", whole: bool = False
          ) -> Refusal | None:
    """The first reason not to write ``after`` in place of ``before``; None when it is safe.

    ``removes`` are the destinations the rewrite removes on purpose (``Fix.removes``):
    each allows one occurrence of it to go.  ``what`` names the rewrite in the message.
    Only the regions where the renderings differ are read (:mod:`.regions`); ``whole``
    reads both renderings whole instead (the slower oracle the tests hold it to)."""
    if before == after:
        return None
    removes = tuple(removes)
    if whole:
        return _verdict(before, after, render(before), render(after), declared, removes, what)
    refusal = _verdict(before, after, *_changed(before, after), declared, removes, what)
    if refusal is None:
        return None
    # Regions align equal neighbours one way (of two identical entries, the later one is
    # the deleted one); the declared lines may name the other.  A refusal stands only if
    # the whole renderings, the oracle, refuse too; refusals are rare, so this costs little.
    old, new = render(before), render(after)
    refusal = _verdict(before, after, old, new, declared, removes, what)
    if refusal is None or declared.otherwise is None or unaccounted(old, new, removes):
        return refusal
    # The other reading of the line diff (Declared.of_diff), compared strictly: no block
    # widened past its declared lines, and nothing may be lost beyond ``removes``.
    return None if _same_outside(old, new, declared.otherwise) else refusal


def _same_outside(old: Rendering, new: Rendering, declared: Declared) -> bool:
    """Whether the renderings agree on every token not from declared lines."""
    kept_old = [t.text for t in old.tokens if not _touches(t, declared.before)]
    return kept_old == [t.text for t in new.tokens if not _touches(t, declared.after)]


def _verdict(before: str, after: str, old: Rendering, new: Rendering, declared: Declared,
             removes: Iterable[str], what: str) -> Refusal | None:
    if not old.tokens and not new.tokens:
        return None  # the same HTML but for source positions: nothing lost, nothing moved
    lost = _lost(old, new, removes, declared.before)
    if lost is not None:
        line = _line_of(before, lost, old.tokens[lost.token])
        return Refusal(f"{what} would lose the {lost.kind} {lost.value!r} (line {line}); "
                       "nothing written", line)
    return _first_difference(before, after, old, new, declared, what)


def render(text: str) -> Rendering:
    """cmark-gfm's HTML of ``text``, as tokens with source lines, and its occurrences."""
    lines = text.split("\n")
    return _tokens(_cut(text).html, lines, 1, len(lines))


def _changed(before: str, after: str) -> tuple[Rendering, Rendering]:
    """The tokens of the regions where the two renderings differ, region after region
    (a separator between two regions keeps them from being compared across)."""
    old_cut, new_cut = _cut(before), _cut(after)
    old_lines, new_lines = before.split("\n"), after.split("\n")
    old: list[Rendering] = []
    new: list[Rendering] = []
    for region in regions.regions(old_cut, new_cut):
        old.append(_tokens(region.old_html, old_lines, *region.old_lines))
        new.append(_tokens(region.new_html, new_lines, *region.new_lines))
    _keep_only(after)
    return _joined(old), _joined(new)


def _joined(parts: list[Rendering]) -> Rendering:
    if len(parts) == 1:
        return parts[0]
    tokens: list[_Token] = []
    occurrences: list[_Occurrence] = []
    for index, part in enumerate(parts):
        if index:
            tokens.append(_SEPARATOR)
        occurrences.extend(o._replace(token=o.token + len(tokens)) for o in part.occurrences)
        tokens.extend(part.tokens)
    return Rendering(tuple(tokens), tuple(occurrences))


def _cut(text: str) -> regions.Cut:
    """cmark-gfm's rendering of ``text``, cut (:mod:`.regions`).

    Speed trick: the text after one rewrite is the text before the next (the next fix
    pass, the formatter's second check), so the last text judged keeps its cut rendering;
    only that one, since a 50k-entry list's takes 25 MB."""
    cached = _CACHE.get(text)
    if cached is None:
        cached = regions.cut(render_html(text), text.count("\n") + 1)
        _CACHE[text] = cached
    return cached


def forget() -> None:
    """Drop the kept rendering (``fix`` between passes: the next pass rarely has fixes to
    judge, and the kept one is 25 MB of a 50k-entry list's peak while it is linted)."""
    _CACHE.clear()


def _keep_only(text: str) -> None:
    for key in [k for k in _CACHE if k != text]:
        del _CACHE[key]


_CACHE: dict[str, regions.Cut] = {}


@dataclass(slots=True)
class _Open:
    """A block of the rendered HTML that is still open, with a source position."""

    name: str
    first: int
    last: int
    #: Tokens directly inside a container (a tight item's text) wait for their lines: from
    #: ``cursor`` to the line before the next child block, or to the container's end.
    waiting: list[int] = field(default_factory=list)
    cursor: int = 0


def _tokens(rendered: str, lines: list[str], from_line: int, to_line: int) -> Rendering:
    """Split the HTML at its blocks: each block tag is a token, and so is the inline HTML
    between two of them (a paragraph's text with its links, folded as mdformat compares,
    code verbatim).  Each token gets the lines of the innermost block around it (raw HTML
    between blocks gets the lines between them, a tight list item's text the item's lines
    before its first child block).  Blank lines at a block's ends are not its lines:
    removing one must not set the block aside.  ``from_line..to_line`` are the lines
    ``rendered`` comes from (the whole text, or a region of it)."""
    tokens: list[_Token] = []
    occurrences: list[_Occurrence] = []
    # the root: HTML between blocks
    stack: list[_Open] = [_Open("", from_line, to_line, cursor=from_line)]
    pending: list[str] = []  # inline HTML since the last block tag

    def settle(block: _Open, last: int) -> None:
        """Give the tokens waiting in ``block`` the lines from its cursor to ``last``."""
        if not block.waiting:
            return
        first = max(block.first, min(block.cursor, last))
        first, last = _content(lines, first, max(first, last))
        for index in block.waiting:
            token = tokens[index]
            tokens[index] = _Token(token.text, first, last, token.container)
        block.waiting.clear()

    def add(text: str, container: bool = False) -> None:
        top = stack[-1]
        tokens.append(_Token(text, top.first, top.last, container))
        if not container and (len(stack) == 1 or top.name in _CONTAINERS):
            top.waiting.append(len(tokens) - 1)

    def flush() -> None:
        """The inline HTML gathered so far becomes one token, and its occurrences count."""
        if not pending:
            return
        chunk = pending[0] if len(pending) == 1 else "".join(pending)
        pending.clear()
        if chunk.isspace():  # most often: the newline between two blocks
            return
        if "<!--" in chunk:
            chunk = _COMMENT.sub("", chunk)
        if stack[-1].name != "pre":  # code keeps its whitespace: a blank line is content
            chunk = _WHITESPACE.sub(" ", chunk).strip()
            if not chunk:
                return
        add(chunk)
        if "<" not in chunk:
            return
        for tag in _COUNTED_TAG.finditer(chunk):
            attributes = {k.lower(): v for k, v in _ATTRIBUTE.findall(tag.group(2))}
            for attribute, kind in _COUNTED[tag.group(1).lower()]:
                value = attributes.get(attribute, "").strip("\"'")
                if value:  # an empty ``href`` leads nowhere: nothing to lose
                    occurrences.append(_Occurrence(kind, key(value), len(tokens) - 1))

    position = 0
    for match in _BLOCK.finditer(rendered):
        if match.start() > position:
            pending.append(rendered[position: match.start()])
        position = match.end()
        name, before, first, last, col, after, inner, closing = match.groups()
        if name is not None:  # a block opens (or is whole: ``<hr />``, a leaf block)
            flush()
            start, end = _content(lines, int(first), int(last) - (col == "0"))  # "4:0": 3
            settle(stack[-1], start - 1)
            tag = f"<{name}{before}{after}>"
            whole = inner is not None or after.endswith("/")
            stack.append(_Open(name, start, end, cursor=start))
            if name not in _UNCOMPARED:
                add(tag, name in _CONTAINERS)
            if not whole:
                continue
            if inner is not None:
                if inner:
                    pending.append(inner)
                    flush()
                settle(stack[-1], end)
                add(f"</{name}>", name in _CONTAINERS)
            stack.pop()
            stack[-1].cursor = end + 1
        elif closing is not None and len(stack) > 1 and stack[-1].name == closing:
            flush()
            top = stack[-1]
            settle(top, top.last)
            if closing not in _UNCOMPARED and closing != "ol":
                add(match.group(), closing in _CONTAINERS)
            stack.pop()
            stack[-1].cursor = top.last + 1
        elif closing is None:  # <thead>, <tbody> and their ends: the rows say it all
            flush()
        else:  # a closing tag of raw HTML
            pending.append(match.group())
    pending.append(rendered[position:])
    flush()
    settle(stack[0], to_line)
    return Rendering(tuple(tokens), tuple(occurrences))


def _content(lines: list[str], first: int, last: int) -> tuple[int, int]:
    """``first..last`` without the blank lines at either end."""
    while first < last and first <= len(lines) and not lines[first - 1].strip():
        first += 1
    while last > first and (last > len(lines) or not lines[last - 1].strip()):
        last -= 1
    return first, last


def key(value: str) -> str:
    """One form for a destination however it was written (entities, percent-escapes)."""
    return unquote(html.unescape(value))


def _lost(before: Rendering, after: Rendering, removes: Iterable[str],
          declared: frozenset[int]) -> _Occurrence | None:
    """The first occurrence of ``old`` that ``new`` lacks beyond the declared removals.

    Which of several equal occurrences went is a guess: those on changed lines first."""
    old = before.occurrences
    missing = unaccounted(before, after, removes)
    if not missing:
        return None
    changed = [o for o in old if _touches(before.tokens[o.token], declared)]
    picked = {id(o) for o in changed}
    seen: Counter[tuple[str, str]] = Counter()
    for occurrence in changed + [o for o in old if id(o) not in picked]:
        pair = (occurrence.kind, occurrence.value)
        if missing[pair] > 0 and seen[pair] < missing[pair]:
            return occurrence
        seen[pair] += 1
    return None


def unaccounted(before: Rendering, after: Rendering, removes: Iterable[str]
                ) -> Counter[tuple[str, str]]:
    """(kind, destination) occurrences ``after`` lacks beyond the declared removals."""
    missing = Counter((o.kind, o.value) for o in before.occurrences)
    missing.subtract(Counter((o.kind, o.value) for o in after.occurrences))
    allowed = Counter(key(value) for value in removes)
    for (kind, value), count in list(missing.items()):
        spend = min(count, allowed[value])
        if spend > 0:
            missing[(kind, value)] -= spend
            allowed[value] -= spend
    return +missing


def differences(before: str, after: str, declared: Declared = NOTHING) -> list[int]:
    """Lines of ``before`` whose rendering differs outside the declared lines (one entry
    per differing stretch; for audits: :func:`judge` stops at the first)."""
    old = [t for t in render(before).tokens if not _touches(t, declared.before)]
    new = [t for t in render(after).tokens if not _touches(t, declared.after)]
    lines: list[int] = []
    for tag, i1, _, _, _ in opcodes([t.text for t in old], [t.text for t in new]):
        if tag != "equal":
            token = old[min(i1, len(old) - 1)] if old else None
            lines.append(max(1, token.first) if token is not None else 1)
    return lines


def _first_difference(before: str, after: str, old: Rendering, new: Rendering,
                      declared: Declared, what: str) -> Refusal | None:
    """Compare the renderings outside the declared lines; name the first difference."""
    if _same_outside(old, new, declared):
        return None
    wide = _widened(before, after, old, new, declared)
    kept_old = [t for t in old.tokens
                if not _touches(t, declared.before if t.container else wide.before)]
    kept_new = [t for t in new.tokens
                if not _touches(t, declared.after if t.container else wide.after)]
    if [t.text for t in kept_old] == [t.text for t in kept_new]:
        return None
    index = next((i for i, (a, b) in enumerate(zip(kept_old, kept_new, strict=False))
                  if a.text != b.text), min(len(kept_old), len(kept_new)))
    named = [t for t in kept_old[: index + 1] if t is not _SEPARATOR]
    token = named[-1] if named else None
    line = max(1, token.first) if token is not None else 1
    lines = before.split("\n")
    excerpt = lines[line - 1].strip() if line <= len(lines) else ""
    if len(excerpt) > 60:
        excerpt = excerpt[:57] + "..."
    where = " outside the lines it changes" if declared.before or declared.after else ""
    return Refusal(f"{what} would change how GitHub renders line {line} ({excerpt!r})"
                   f"{where}; nothing written", line)


def _widened(before: str, after: str, old: Rendering, new: Rendering, declared: Declared
             ) -> Declared:
    """A block partly on declared lines is set aside on both sides: its other lines, found
    in the other text through a line diff, are declared there too (a paragraph that lost
    its first line starts a line later, on no declared line)."""
    forward: dict[int, int] = {}
    for tag, a1, a2, b1, b2 in opcodes(before.split("\n"), after.split("\n")):
        if tag == "equal":
            forward.update(zip(range(a1 + 1, a2 + 1), range(b1 + 1, b2 + 1), strict=True))
    backward = {b: a for a, b in forward.items()}

    def across(tokens: tuple[_Token, ...], lines: frozenset[int], to: dict[int, int]
               ) -> set[int]:
        found: set[int] = set()
        for token in tokens:
            if not token.container and _touches(token, lines):
                found.update(to[n] for n in range(token.first, token.last + 1)
                             if n not in lines and n in to)
        return found

    return Declared(declared.before | across(new.tokens, declared.after, backward),
                    declared.after | across(old.tokens, declared.before, forward))


def _touches(token: _Token, lines: frozenset[int]) -> bool:
    """Whether the token comes from declared lines (all of them, for a container's tag)."""
    if not lines:
        return False
    if token.container:
        return token.last - token.first < len(lines) and \
            all(line in lines for line in range(token.first, token.last + 1))
    if token.last - token.first > len(lines):  # a long block: walk the few declared lines
        return any(token.first <= line <= token.last for line in lines)
    return any(line in lines for line in range(token.first, token.last + 1))


def _line_of(text: str, occurrence: _Occurrence, token: _Token) -> int:
    """The line inside the occurrence's block that holds it (its block's first line when
    the text spells it differently from the rendered form)."""
    lines = text.split("\n")
    value = occurrence.value.removeprefix("#") if occurrence.kind == "link" else \
        occurrence.value
    for number in range(max(1, token.first), min(len(lines), token.last) + 1):
        line = lines[number - 1]
        if value in line or value in unquote(html.unescape(line)):
            return number
    return max(1, token.first)
