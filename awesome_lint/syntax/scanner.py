"""A position-aware scanner for the inline parts of one block.

mistletoe gives block tokens a line number but spans get none, and "almost links" such as
``[[Notes](url))`` are invisible to it.  This scanner walks the block's source text once,
left to right, and reports links, badges and link problems with exact line and column.
It is linear in the length of the block: every search it makes is bounded or advances.
The searches that could run to the end of the block from many starting points (bracket
pairs, the next newline, ``>`` or ``)``) are answered from one pass or a memo, see
:class:`~awesome_lint.syntax.lookahead.Lookahead`; ``benchmarks/bench_hostile.py``
measures the hostile shapes.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field

from awesome_lint.model import Badge, Link, LinkForm, LinkProblem, ProblemKind, Span
from awesome_lint.syntax import kbd
from awesome_lint.syntax.lookahead import (
    Lookahead,
    bare_url_end,
    parse_destination,
    skip_code_span,
)
from awesome_lint.venues import parse_badge_text

#: Full-width and CJK punctuation that GFM autolinks swallow but no author means as part of
#: a URL.
WIDE_PUNCTUATION = frozenset(
    "，。、：；！？（）【】《》〈〉「」『』〔〕｛｝［］＂＇｀～＜＞…—　"
)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_HTML_LINK = re.compile(
    r"<(a|img)\b[^<>]*?\s(href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>]+))[^<>]*>",
    re.IGNORECASE,
)
#: Links inside link text (badges in badges) are looked for this many levels deep.
_MAX_LABEL_DEPTH = 8
#: Characters of the text before a badge kept besides its trailing blanks (enough to see a
#: glued ``</kbd>``, link or word; a copy of the whole line per badge was quadratic memory).
_BADGE_CONTEXT = 32
#: Link texts up to this long are interned: resource labels ("Notes", "code", "pdf") repeat
#: once per entry, and a 50k-entry list held 50k copies of each in every tree.
_SHARED_LABEL = 12


def shared_label(label: str) -> str:
    """A link text as every tree keeps it: a short one interned (memory trick: one "Notes"
    for the whole list); the item fast paths build their links through this too."""
    return sys.intern(label) if len(label) <= _SHARED_LABEL else label

#: Where the scanner has something to do: escapes, code, tags, brackets and URL starts:
#: ``EVENT_PLAIN`` (ignoring case), written to start with a character class, which ``re``
#: scans for in C, instead of trying four branches at every position (speed trick, listed
#: in awesome_lint.startup: an entry's description 1.9 -> 0.8 us; pinned to ``EVENT_PLAIN``
#: by tests/test_scan_fast_paths.py).
EVENT_PLAIN = r"[\\`<\[]|!\[|https?://|www\."
EVENT = re.compile(r"[\\`<\[!hw](?:(?<=[\\`<\[])|(?<=!)\[|(?<=h)ttps?://|(?<=w)ww\.)",
                    re.IGNORECASE)
#: Speed trick (listed in awesome_lint.startup): ``[text](dest)`` with no bracket, escape,
#: code, tag, image or newline in its text and a plain destination, in one match.  In a
#: block without backslashes or backticks its ``]`` is the bracket pair's and its
#: destination what :func:`parse_destination` reads, so :meth:`Scanner._bracket` would
#: find the same link (the label bound is ``closing_bracket``'s).
SIMPLE_LINK = re.compile(r"\[[^\[\]\\`<!\n]{0,3998}\]\(([^\s()<>\\]*)\)")
#: ``[text]`` with no bracket in it (in such a block its ``]`` is the pair's), and
#: ``[[Notes](url)]``, a bracket around one such link whose destination has no bracket
#: (its ``]`` is the pair's too): the scanner then knows where they close without the
#: block's bracket pairs.
_SIMPLE_LABEL = re.compile(r"\[[^\[\]\n]{0,3998}\]")
_BRACKETED_LINK = re.compile(r"\[\[[^\[\]\n]*\]\([^\s()<>\\\[\]]*\)\]")
#: The same for a ``<kbd>`` badge: its text up to a ``</kbd>`` on the same line, with no
#: ``<`` before it (then no other tag opens first, as :meth:`Scanner._kbd` checks).
_SIMPLE_KBD_REST = re.compile(r"([^<\n]*)</kbd[^\S\n]*>", re.IGNORECASE)


@dataclass(slots=True)
class ScanResult:
    """What the inline scanner found in one block: links, badges, problems."""

    links: list[Link] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    problems: list[LinkProblem] = field(default_factory=list)


class Positions:
    """Maps offsets in a block's joined text back to 1-based (line, column)."""

    def __init__(self, first_line: int, lines: list[str], first_column: int = 1) -> None:
        self.first_line = first_line
        self.first_column = first_column
        self.starts: list[int] = []
        offset = 0
        for text in lines:
            self.starts.append(offset)
            offset += len(text) + 1
        self._single = len(self.starts) <= 1  # most entries: no bisect needed

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        column = offset - self.starts[index] + 1
        if index == 0:
            column += self.first_column - 1
        return self.first_line + index, column

    def span(self, start: int, end: int) -> Span:
        """Span of text[start:end] (end exclusive)."""
        last = end - 1 if end > start else start  # (max(start, end - 1), without the call)
        if self._single:
            shift = self.first_column
            return Span(self.first_line, start + shift, self.first_line, last + shift)
        line, column = self.at(start)
        end_line, end_column = self.at(last)
        return Span(line, column, end_line, end_column)


class Scanner:
    """Scans one block; ``definitions`` are the document's reference labels (case-folded)."""

    def __init__(self, definitions: dict[str, str]) -> None:
        self.definitions = definitions

    def scan(self, text: str, pos: Positions, *, bare_urls: bool = True) -> ScanResult:
        result = ScanResult()
        self._look = Lookahead(text)
        self._plain = "\\" not in text and "`" not in text
        self._scan(text, pos, result, bare_urls=bare_urls, inside_link=False)
        return result

    def _scan(
        self, text: str, pos: Positions, out: ScanResult, *, bare_urls: bool, inside_link: bool,
        base: int = 0, stop: int | None = None, depth: int = 0,
    ) -> None:
        n = len(text) if stop is None else stop
        i = base
        while i < n:
            event = EVENT.search(text, i, n)
            if event is None:
                return
            i = event.start()
            ch = text[i]
            if ch == "\\":
                i += 2
            elif ch == "`":
                i = skip_code_span(text, i)
            elif ch == "<":
                i = self._angle(text, i, pos, out, inside_link=inside_link)
            elif ch == "!":
                i = self._bracket(text, i + 1, pos, out, image=True, inside_link=inside_link,
                                  depth=depth)
            elif ch == "[":
                if self._plain and not inside_link:
                    i = self._plain_bracket(text, i, pos, out, depth)
                else:
                    i = self._bracket(text, i, pos, out, image=False, inside_link=inside_link,
                                      depth=depth)
            elif bare_urls and not inside_link and (
                    i == base or _may_start_autolink(text[i - 1])):
                i = self._bare(text, i, pos, out)
            else:
                i = event.end()

    # -- angle brackets: autolinks, <a href>, <kbd> -------------------------------------------
    def _angle(self, text: str, i: int, pos: Positions, out: ScanResult, *,
               inside_link: bool) -> int:
        auto = _AUTOLINK.match(text, i)
        if auto is not None:
            if not inside_link:
                dest = auto.group(1)
                out.links.append(Link(dest, dest, LinkForm.AUTOLINK, pos.span(i, auto.end()),
                                      dest_span=pos.span(auto.start(1), auto.end(1))))
            return auto.end()
        opener = kbd.OPEN.match(text, i)
        if opener is not None:
            rest = _SIMPLE_KBD_REST.match(text, opener.end())
            if rest is not None:
                return self._badge(text, i, opener.end(), rest.end(1), rest.end(), True, pos,
                                   out)
            return self._kbd(text, i, opener.end(), pos, out)
        html = _HTML_LINK.match(text, i)
        if html is not None:
            dest = next(g for g in html.group(3, 4, 5) if g is not None)
            group = 3 if html.group(3) is not None else 4 if html.group(4) is not None else 5
            is_img = html.group(1).lower() == "img"
            out.links.append(Link("", dest, LinkForm.HTML, pos.span(i, html.end()),
                                  dest_span=pos.span(html.start(group), html.end(group))
                                  if dest else None, image=is_img))
            return html.end()
        return i + 1

    def _kbd(self, text: str, start: int, inner_start: int, pos: Positions,
             out: ScanResult) -> int:
        line_end = self._look.line_end(inner_start)
        close = self._look.search(kbd.CLOSE, inner_start, line_end)
        reopen = self._look.search(kbd.OPEN, inner_start, line_end)
        closed = close is not None and (reopen is None or reopen.start() > close.start())
        if closed and close is not None:
            inner_end, end = close.start(), close.end()
        else:
            # Unclosed: the badge runs to the next tag or the end of the line.
            nxt = text.find("<", inner_start, line_end)
            inner_end = end = nxt if nxt >= 0 else line_end
            while inner_end > inner_start and text[inner_end - 1] in " \t":
                inner_end -= 1
            end = inner_end
        return self._badge(text, start, inner_start, inner_end, end, closed, pos, out)

    def _badge(self, text: str, start: int, inner_start: int, inner_end: int, end: int,
               closed: bool, pos: Positions, out: ScanResult) -> int:
        """Add the badge ``text[start:end]`` whose text is ``text[inner_start:inner_end]``."""
        inner = text[inner_start:inner_end]
        parsed = parse_badge_text(inner)  # the venue registry's reading, cached
        if parsed.text == inner:
            # Memory trick (listed in awesome_lint.startup): the badge keeps the cached
            # reading's copy of its text, one string per distinct badge, not one per entry.
            inner = parsed.text
        venue, year, suffix = parsed.venue_text, parsed.year, parsed.suffix
        # (positional: raw, venue, year, suffix, span, inner_span, closed, preceded_by)
        out.badges.append(Badge(
            inner, venue, year, suffix, pos.span(start, max(end, start + 1)),
            pos.span(inner_start, inner_end) if inner_end > inner_start
            else pos.span(inner_start, inner_start + 1),
            closed, text_before(text, start)))
        return max(end, inner_start)

    # -- square brackets: inline and reference links, almost-links -----------------------------
    def _bracket(self, text: str, i: int, pos: Positions, out: ScanResult, *, image: bool,
                 inside_link: bool, depth: int = 0) -> int:
        start = i - 1 if image else i
        close = self._look.closing_bracket(i)
        if close < 0:
            return i + 1
        after = close + 1
        n = len(text)
        if after < n and text[after] == "(":
            parsed = parse_destination(self._look, after)
            if parsed is None:
                self._unclosed_paren(text, start, close, after, pos, out)
                return after + 1
            if inside_link and not image:
                return parsed[4]  # links cannot contain links: CommonMark keeps the outer one
            return self._inline(text, start, i, close, parsed, pos, out, image=image,
                                depth=depth)
        return self._reference(text, start, i, close, pos, out, image=image,
                               inside_link=inside_link)

    def _plain_bracket(self, text: str, i: int, pos: Positions, out: ScanResult,
                       depth: int) -> int:
        """:meth:`_bracket` for a ``[`` outside links in a block without backslashes or
        backticks, where the simple shapes (``SIMPLE_LINK``, ``_SIMPLE_LABEL``,
        ``_BRACKETED_LINK``) tell where the bracket closes without the block's bracket
        pairs (speed trick, listed in awesome_lint.startup); anything else goes the
        general way."""
        simple = SIMPLE_LINK.match(text, i)
        if simple is not None:
            return self._inline(text, i, i, simple.start(1) - 2, (
                simple.group(1), simple.start(1), simple.end(1), None, simple.end()),
                pos, out, image=False, depth=depth)
        shape = _SIMPLE_LABEL.match(text, i) or _BRACKETED_LINK.match(text, i)
        if shape is None:
            return self._bracket(text, i, pos, out, image=False, inside_link=False,
                                 depth=depth)
        self._look.known_pair(i, shape.end() - 1)
        close = self._look.closing_bracket(i)  # (that, within closing_bracket's bound)
        if close < 0 or (close + 1 < len(text) and text[close + 1] == "("):
            return self._bracket(text, i, pos, out, image=False, inside_link=False,
                                 depth=depth)
        return self._reference(text, i, i, close, pos, out, image=False, inside_link=False)

    def _reference(self, text: str, start: int, i: int, close: int, pos: Positions,
                   out: ScanResult, *, image: bool, inside_link: bool) -> int:
        """``[text][ref]``, ``[text][]``, ``[ref]`` (the bracket at ``i`` closes at
        ``close``, not followed by ``(``): a link when the document defines the label,
        else literal brackets."""
        if not self.definitions:  # (no label is defined: literal brackets)
            return i + 1
        label = text[i + 1: close]
        after = close + 1
        n = len(text)
        ref_label = label
        end = after
        if after < n and text[after] == "[":
            ref_close = text.find("]", after + 1, min(n, after + 1000))
            if ref_close >= 0:
                ref_label = text[after + 1: ref_close] or label
                end = ref_close + 1
        key = " ".join(ref_label.split()).casefold()
        if key and key in self.definitions and not inside_link:
            out.links.append(Link(label, self.definitions[key], LinkForm.REFERENCE,
                                  pos.span(start, end), image=image))
            return end
        # Literal brackets: keep scanning inside them (e.g. "[[Notes](url)]").
        return i + 1

    def _inline(self, text: str, start: int, i: int, close: int,
                parsed: tuple[str, int, int, str | None, int], pos: Positions, out: ScanResult,
                *, image: bool, depth: int) -> int:
        """Add the inline link ``text[start:end]``: label ``text[i + 1:close]``, then
        ``parsed`` (:func:`parse_destination`'s reading of what follows)."""
        label = shared_label(text[i + 1: close])
        dest, d_start, d_end, title, end = parsed
        bracketed = start > 0 and text[start - 1] == "[" and not image
        # (positional: text, destination, form, span, dest_span, title, image, bracketed)
        link = Link(label, dest.strip(), LinkForm.INLINE, pos.span(start, end),
                    pos.span(d_start, d_end) if d_end > d_start else None, title, image,
                    bracketed or (label.startswith("[") and label.endswith("]")))
        out.links.append(link)
        if bracketed:
            self._check_outer_close(text, start, end, dest, pos, out)
        if not dest.strip():
            out.problems.append(LinkProblem(
                ProblemKind.EMPTY_DESTINATION, pos.span(start, end), text[start:end]))
        # Images inside link text (badges such as [![x](img)](url)) are links too; only
        # "<", "!" and "[" can start something there (most labels have none of them).
        if ("[" in label or "!" in label or "<" in label) and depth < _MAX_LABEL_DEPTH:
            self._scan(text, pos, out, bare_urls=False, inside_link=True, base=i + 1,
                       stop=close, depth=depth + 1)
        return end

    def _check_outer_close(self, text: str, start: int, end: int, dest: str, pos: Positions,
                           out: ScanResult) -> None:
        """``[[Notes](url)`` must be followed by ``]``: spot ``)`` or nothing instead."""
        outer = start - 1
        if self._look.closing_bracket(outer) >= 0:
            return
        if end < len(text) and text[end] == ")":
            out.problems.append(LinkProblem(
                ProblemKind.EXTRA_PAREN, pos.span(outer, end + 1), text[outer:end + 1],
                replacement=text[outer:end] + "]", destination=dest))
        else:
            out.problems.append(LinkProblem(
                ProblemKind.UNCLOSED_BRACKET, pos.span(outer, end), text[outer:end],
                replacement=text[outer:end] + "]", destination=dest))

    def _unclosed_paren(self, text: str, start: int, close: int, after: int, pos: Positions,
                        out: ScanResult) -> None:
        j = after + 1
        n = len(text)
        while j < n and not text[j].isspace() and text[j] != "]":
            j += 1
        dest = text[after + 1: j]
        if not dest:
            return
        # A ")" later on the line means a space inside the destination, not a missing ")":
        # no certain repair then.
        paren = self._look.find(")", j)
        later_paren = 0 <= paren < self._look.line_end(j)
        replacement = None if later_paren else text[start:j] + ")"
        out.problems.append(LinkProblem(ProblemKind.UNCLOSED_PAREN, pos.span(start, j),
                                        text[start:j], replacement=replacement,
                                        destination=dest))

    # -- bare URLs -----------------------------------------------------------------------------
    def _bare(self, text: str, i: int, pos: Positions, out: ScanResult) -> int:
        end = bare_url_end(text, i)
        url = text[i:end]
        cut = next((k for k, ch in enumerate(url) if ch in WIDE_PUNCTUATION), -1)
        if cut == 0:
            return i + 1
        if cut > 0:
            meant = url[:cut]
            out.problems.append(LinkProblem(
                ProblemKind.SWALLOWED_PUNCTUATION, pos.span(i, i + cut + 1), url,
                replacement=f"<{meant}>{url[cut]}", destination=meant))
            dest = meant
            end_link = i + cut
        else:
            dest, end_link = url, end
        if dest.lower().startswith("www."):
            dest = "http://" + dest
        out.links.append(Link(url[: end_link - i], dest, LinkForm.BARE, pos.span(i, end_link),
                              dest_span=pos.span(i, end_link)))
        return end


def text_before(text: str, start: int) -> str:
    """The text before a badge on its line: its trailing blanks and at most
    ``_BADGE_CONTEXT`` characters before them."""
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    low = max(0, j - _BADGE_CONTEXT)
    return text[max(low, text.rfind("\n", low, start) + 1):start]


def _may_start_autolink(prev: str) -> bool:
    """GFM: an extended autolink follows whitespace or one of ``*_~(``."""
    return prev.isspace() or prev in "*_~("
