"""HTML rendering for the formatter's safety check: the rendered document must not change.

mistletoe's own markdown renderer can change what a document renders to (mistletoe issue
#264), and so could our formatter: so ``fix`` renders the stretches it changed, before and
after, and compares the HTML after normalising whitespace the way mdformat does.  A
mismatch names the first differing block; nothing is written.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from awesome_lint.formatter import Region

_WHITESPACE = re.compile(r"\s+")
_SPACE_BEFORE_OPEN = re.compile(r" (<[a-zA-Z][-a-zA-Z0-9]*>)")
_SPACE_AFTER_CLOSE = re.compile(r"(</[a-zA-Z][-a-zA-Z0-9]*>) ")
_SPACE_BEFORE_BREAK = re.compile(r" ?<br />")


def render_html(text: str) -> str:
    """CommonMark HTML of ``text``.  mistletoe registers its tokens globally, so the parse
    happens inside the renderer's context."""
    return render_many([text])[0]


def render_many(texts: Iterable[str]) -> list[str]:
    """Render several texts inside one renderer context (entering it is not free)."""
    from mistletoe.block_token import Document
    from mistletoe.html_renderer import HtmlRenderer

    was_enabled = gc.isenabled()
    gc.disable()  # mistletoe's tokens are short-lived and acyclic enough: skip the sweeps
    try:
        with HtmlRenderer() as renderer:  # type: ignore[no-untyped-call]
            return [str(renderer.render(Document(text))) for text in texts]
    finally:
        if was_enabled:
            gc.enable()


def normalise(html: str) -> str:
    """mdformat's comparison form: whitespace runs become one space, spaces next to tags and
    empty paragraphs are ignored.  Also a space before a hard break, which no browser shows
    (``foo \\`` and ``foo\\`` are the same line)."""
    html = _WHITESPACE.sub(" ", html)
    html = html.replace("<p> ", "<p>").replace(" </p>", "</p>")
    html = _SPACE_AFTER_CLOSE.sub(r"\g<1>", html)
    html = _SPACE_BEFORE_OPEN.sub(r"\g<1>", html)
    html = _SPACE_BEFORE_BREAK.sub("<br />", html)
    html = html.replace("<p></p>", "")
    return html.strip()


def same_rendering(a: str, b: str) -> bool:
    first, second = render_many([a, b])
    return normalise(first) == normalise(second)


@dataclass(frozen=True)
class Difference:
    """Where the formatted text stops rendering like the reference."""

    line: int  # in the formatted text
    excerpt: str

    def __str__(self) -> str:
        return f"line {self.line} ({self.excerpt!r})"


def first_difference(reference: str, output: str, regions: list[Region],
                     blocks: list[Region], appendix: str = "") -> Difference | None:
    """Compare the HTML of each changed region; None when every region renders the same.

    ``appendix`` (the document's link reference definitions) is rendered with every
    region so reference links resolve as they do in the whole document."""
    ref_lines = reference.split("\n")
    out_lines = output.split("\n")
    if _outside(ref_lines, regions, out=False) != _outside(out_lines, regions, out=True):
        # text changed outside the regions the formatter declared: compare everything
        from awesome_lint.formatter import Region

        regions = [Region(1, len(ref_lines), 1, len(out_lines))]
    if not regions:
        return None

    def text(lines: list[str], first: int, last: int) -> str:
        return "\n".join(lines[first - 1: last]) + "\n" + appendix

    pairs: list[str] = []
    for region in regions:
        pairs.append(text(ref_lines, region.ref_first, region.ref_last))
        pairs.append(text(out_lines, region.out_first, region.out_last))
    html = render_many(pairs)
    for index, region in enumerate(regions):
        if normalise(html[2 * index]) == normalise(html[2 * index + 1]):
            continue
        inside = [b for b in blocks if region.out_first <= b.out_first <= region.out_last]
        for block in inside:
            if not same_rendering(text(ref_lines, block.ref_first, block.ref_last),
                                  text(out_lines, block.out_first, block.out_last)):
                return _difference(out_lines, block.out_first)
        return _difference(out_lines, region.out_first)
    return None


def _outside(lines: list[str], regions: list[Region], *, out: bool) -> list[str]:
    """The lines outside every region: they must be the same in reference and output."""
    kept: list[str] = []
    start = 1
    for region in regions:
        first, last = (region.out_first, region.out_last) if out else (region.ref_first,
                                                                          region.ref_last)
        kept.extend(lines[start - 1: first - 1])
        start = last + 1
    kept.extend(lines[start - 1:])
    return kept


def _difference(lines: list[str], line: int) -> Difference:
    excerpt = lines[line - 1] if 0 < line <= len(lines) else ""
    if len(excerpt) > 60:
        excerpt = excerpt[:57] + "..."
    return Difference(line, excerpt)
