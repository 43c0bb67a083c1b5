"""A position-aware scanner for the inline parts of one block.

mistletoe gives block tokens a line number but spans get none, and "almost links" such as
``[[Notes](url))`` are invisible to it.  This scanner walks the block's source text once,
left to right, and reports links, badges and link problems with exact line and column.
It is linear in the length of the block: every search it makes is bounded or advances.
The searches that could run to the end of the block from many starting points (bracket
pairs, the next newline, ``>`` or ``)``) are answered from one pass or a memo, see
:class:`_Lookahead`; ``benchmarks/bench_hostile.py`` measures the hostile shapes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from awesome_lint.model import Badge, Link, LinkForm, LinkProblem, ProblemKind, Span
from awesome_lint.venues import parse_badge_text

#: Full-width and CJK punctuation that GFM autolinks swallow but no author means as part of
#: a URL.
WIDE_PUNCTUATION = frozenset(
    "，。、：；！？（）【】《》〈〉「」『』〔〕｛｝［］＂＇｀～＜＞…—　"
)
_TRAILING_URL_PUNCT = "?!.,:*_~'\""
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_HTML_LINK = re.compile(
    r"<(a|img)\b[^<>]*?\s(href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>]+))[^<>]*>",
    re.IGNORECASE,
)
_KBD_OPEN = re.compile(r"<kbd\s*>", re.IGNORECASE)
_KBD_CLOSE = re.compile(r"</kbd\s*>", re.IGNORECASE)
#: Link text longer than this is treated as literal brackets.
_MAX_BRACKET_SEARCH = 4000
#: Unbalanced ``(`` a link destination may hold, as in cmark-gfm (which gives up past 32):
#: bounds the destination scan from each of many ``[a](`` on one line.
_MAX_DEST_PARENS = 32
#: Links inside link text (badges in badges) are looked for this many levels deep.
_MAX_LABEL_DEPTH = 8
#: Characters of the text before a badge kept besides its trailing blanks (enough to see a
#: glued ``</kbd>``, link or word; a copy of the whole line per badge was quadratic memory).
_BADGE_CONTEXT = 32
_SIMPLE_DESTINATION = re.compile(r"\(([^\s()<>\\\\]*)\)")
_BRACKET_EVENT = re.compile(r"[\[\]\\`\n]")
_BLANK_LINE = re.compile(r"[ \t]*(?:\n|$)")
#: Where the scanner has something to do: escapes, code, tags, brackets and URL starts.
_EVENT = re.compile(r"[\\`<\[]|!\[|https?://|www\.", re.IGNORECASE)


@dataclass(slots=True)
class ScanResult:
    links: list[Link] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    problems: list[LinkProblem] = field(default_factory=list)
    #: Offsets (within the block) of characters that belong to links or badges, as ranges.
    covered: list[tuple[int, int]] = field(default_factory=list)


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
        if self._single:
            shift = self.first_column
            return Span(self.first_line, start + shift, self.first_line,
                        max(start, end - 1) + shift)
        line, column = self.at(start)
        end_line, end_column = self.at(max(start, end - 1))
        return Span(line, column, end_line, end_column)


def _skip_code_span(text: str, i: int) -> int:
    """Return the offset after the code span opening at ``i``, or ``i + run`` if unclosed."""
    run = 1
    while i + run < len(text) and text[i + run] == "`":
        run += 1
    ticks = "`" * run
    j = i + run
    while True:
        k = text.find(ticks, j)
        if k < 0:
            return i + run
        end = k + run
        if end < len(text) and text[end] == "`":
            j = end
            while j < len(text) and text[j] == "`":
                j += 1
            continue
        return end


def _bracket_pairs(text: str) -> dict[int, int]:
    """Each ``[`` offset -> the offset of the ``]`` closing it, for the whole block in one
    left-to-right pass with a stack.  Skips code spans and escapes; link text cannot span a
    blank line.  (Matching each ``[`` by scanning forward from it was quadratic: 8,000
    ``[`` on a line took 8 s.)"""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    i = 0
    while True:
        match = _BRACKET_EVENT.search(text, i)
        if match is None:
            return pairs
        i = match.start()
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            i = _skip_code_span(text, i)
            continue
        if ch == "[":
            stack.append(i)
        elif ch == "]":
            if stack:
                pairs[stack.pop()] = i
        elif stack and _BLANK_LINE.match(text, i + 1):
            stack.clear()
        i += 1


class _Lookahead:
    """Searches forward in one block's text, remembered so that many nearby starting points
    do not each rescan to the end of a long line: ``find`` is ``str.find`` to the end of
    the text, and for non-decreasing starts each character is scanned once per needle."""

    __slots__ = ("_found", "_memo", "_pairs", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._memo: dict[str, tuple[int, int]] = {}
        self._found: dict[re.Pattern[str], tuple[int, int, re.Match[str] | None]] = {}
        self._pairs: dict[int, int] | None = None

    def search(self, pattern: re.Pattern[str], start: int, end: int) -> re.Match[str] | None:
        """``pattern.search(text, start, end)``, remembered in the same way as :meth:`find`
        (for patterns whose matches do not depend on where the search starts)."""
        known = self._found.get(pattern)
        if known is not None:
            searched_from, searched_to, match = known
            if searched_from <= start and searched_to == end and (
                    match is None or match.start() >= start):
                return match
        match = pattern.search(self.text, start, end)
        self._found[pattern] = (start, end, match)
        return match

    def find(self, needle: str, start: int) -> int:
        known = self._memo.get(needle)
        if known is not None:
            searched_from, found = known
            if searched_from <= start and (found < 0 or found >= start):
                return found
        found = self.text.find(needle, start)
        self._memo[needle] = (start, found)
        return found

    def line_end(self, start: int) -> int:
        """Offset of the newline ending the line at ``start``, or the text's length."""
        end = self.find("\n", start)
        return len(self.text) if end < 0 else end

    def closing_bracket(self, start: int) -> int:
        """Offset of the ``]`` closing the ``[`` at ``start``, or -1."""
        if self._pairs is None:
            self._pairs = _bracket_pairs(self.text)
        close = self._pairs.get(start, -1)
        return close if close - start < _MAX_BRACKET_SEARCH else -1


def _parse_destination(look: _Lookahead, i: int
                       ) -> tuple[str, int, int, str | None, int] | None:
    """Parse ``(dest "title")`` with ``text[i] == "("``.

    Returns (destination, dest_start, dest_end, title, offset after ``)``), or None when
    the parenthesis is never closed on this line.
    """
    text = look.text
    simple = _SIMPLE_DESTINATION.match(text, i)
    if simple is not None:  # the common case, "(https://...)", without a character loop
        return simple.group(1), i + 1, simple.end() - 1, None, simple.end()
    n = len(text)
    j = i + 1
    while j < n and text[j] in " \t":
        j += 1
    if j < n and text[j] == "\n":
        j += 1
        while j < n and text[j] in " \t":
            j += 1
    if j < n and text[j] == "<":
        close = look.find(">", j + 1)
        if close < 0 or look.line_end(j + 1) < close:
            return None
        dest, dest_start, dest_end = text[j + 1: close], j + 1, close
        j = close + 1
    else:
        dest_start = j
        depth = 0
        while j < n:
            ch = text[j]
            if ch == "\\" and j + 1 < n:
                j += 2
                continue
            if ch in " \t\n":
                break
            if ch == "(":
                depth += 1
                if depth > _MAX_DEST_PARENS:
                    return None
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        dest, dest_end = text[dest_start:j], j
    title: str | None = None
    k = j
    while k < n and text[k] in " \t\n":
        k += 1
    if k < n and text[k] in "\"'(" and k > j:
        closer = ")" if text[k] == "(" else text[k]
        end = look.find(closer, k + 1)
        if end >= 0:
            title = text[k + 1: end]
            k = end + 1
            while k < n and text[k] in " \t\n":
                k += 1
    if k < n and text[k] == ")":
        return dest, dest_start, dest_end, title, k + 1
    return None


def _bare_url_end(text: str, start: int) -> int:
    """End of a GFM extended autolink starting at ``start`` (trailing punctuation trimmed)."""
    n = len(text)
    j = start
    while j < n and not text[j].isspace() and text[j] != "<":
        j += 1
    end = j
    unbalanced = -1  # ")" minus "(" in text[start:end], counted once when first needed
    while end > start:
        ch = text[end - 1]
        if ch in _TRAILING_URL_PUNCT:
            end -= 1
        elif ch == ")":
            if unbalanced < 0:
                unbalanced = text.count(")", start, end) - text.count("(", start, end)
            if unbalanced > 0:
                end -= 1
                unbalanced -= 1
            else:
                break
        elif ch == ";":
            amp = text.rfind("&", start, end)
            if amp >= 0 and re.fullmatch(r"&[A-Za-z0-9]+;", text[amp:end]):
                end = amp
            else:
                break
        else:
            break
    return end


class Scanner:
    """Scans one block; ``definitions`` are the document's reference labels (case-folded)."""

    def __init__(self, definitions: dict[str, str]) -> None:
        self.definitions = definitions

    def scan(self, text: str, pos: Positions, *, bare_urls: bool = True) -> ScanResult:
        result = ScanResult()
        self._look = _Lookahead(text)
        self._scan(text, pos, result, bare_urls=bare_urls, inside_link=False)
        return result

    def _scan(
        self, text: str, pos: Positions, out: ScanResult, *, bare_urls: bool, inside_link: bool,
        base: int = 0, stop: int | None = None, depth: int = 0,
    ) -> None:
        n = len(text) if stop is None else stop
        i = base
        while i < n:
            event = _EVENT.search(text, i, n)
            if event is None:
                return
            i = event.start()
            ch = text[i]
            if ch == "\\":
                i += 2
            elif ch == "`":
                i = _skip_code_span(text, i)
            elif ch == "<":
                i = self._angle(text, i, pos, out, inside_link=inside_link)
            elif ch == "!":
                i = self._bracket(text, i + 1, pos, out, image=True, inside_link=inside_link,
                                  depth=depth)
            elif ch == "[":
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
                out.covered.append((i, auto.end()))
            return auto.end()
        kbd = _KBD_OPEN.match(text, i)
        if kbd is not None:
            return self._kbd(text, i, kbd.end(), pos, out)
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
        close = self._look.search(_KBD_CLOSE, inner_start, line_end)
        reopen = self._look.search(_KBD_OPEN, inner_start, line_end)
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
        inner = text[inner_start:inner_end]
        parsed = parse_badge_text(inner)  # the venue registry's reading, cached
        venue, year, suffix = parsed.venue_text, parsed.year, parsed.suffix
        out.badges.append(Badge(
            raw=inner, venue=venue, year=year, suffix=suffix,
            span=pos.span(start, max(end, start + 1)),
            inner_span=pos.span(inner_start, inner_end) if inner_end > inner_start
            else pos.span(inner_start, inner_start + 1),
            closed=closed, preceded_by=text_before(text, start),
        ))
        out.covered.append((start, end))
        return max(end, inner_start)

    # -- square brackets: inline and reference links, almost-links -----------------------------
    def _bracket(self, text: str, i: int, pos: Positions, out: ScanResult, *, image: bool,
                 inside_link: bool, depth: int = 0) -> int:
        start = i - 1 if image else i
        close = self._look.closing_bracket(i)
        if close < 0:
            return i + 1
        label = text[i + 1: close]
        after = close + 1
        n = len(text)
        if after < n and text[after] == "(":
            parsed = _parse_destination(self._look, after)
            if parsed is None:
                self._unclosed_paren(text, start, close, after, pos, out)
                return after + 1
            dest, d_start, d_end, title, end = parsed
            if inside_link and not image:
                return end  # links cannot contain links: CommonMark keeps the outer one
            bracketed = start > 0 and text[start - 1] == "[" and not image
            link = Link(
                text=label, destination=dest.strip(), form=LinkForm.INLINE,
                span=pos.span(start, end),
                dest_span=pos.span(d_start, d_end) if d_end > d_start else None,
                title=title, image=image,
                bracketed=bracketed or (label.startswith("[") and label.endswith("]")),
            )
            out.links.append(link)
            out.covered.append((start, end))
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
        # Reference forms: [text][ref], [text][], [ref]
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
            out.covered.append((start, end))
            return end
        # Literal brackets: keep scanning inside them (e.g. "[[Notes](url)]").
        return i + 1

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
        end = _bare_url_end(text, i)
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
        out.covered.append((i, end_link))
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
