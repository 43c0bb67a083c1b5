"""cmark-gfm's source positions for a table that interrupts a paragraph, put right
(awesome_lint/autofix/sourcepos.py), and the guard that reads them.

The oracle: the same text with a blank line above the table's header.  cmark-gfm renders
it alike (the blank line is rendering-neutral, so the formatter may write it) and gives
it the right positions; ours must be those, the blank line taken out again."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.autofix import guards
from awesome_lint.autofix.github_html import render_html
from awesome_lint.config import Config
from awesome_lint.engine import fix_text

_POSITION = re.compile(r'<(p|table|tr|th|td|blockquote|pre|h\d) (?:[^>]*? )?'
                       r'data-sourcepos="(\d+):(\d+)-(\d+):(\d+)"')
_SOURCEPOS = re.compile(r' data-sourcepos="[^"]*"')

WORD = st.text(alphabet="abcdefgh|`*_ ", min_size=1, max_size=8).filter(
    lambda w: w.strip(" ") not in ("", "|", "-", "*", "_") and not w.startswith(" "))


def _positions(html: str) -> list[tuple[str, int, int, int, int]]:
    return [(m.group(1), *(int(g) for g in m.groups()[1:])) for m in _POSITION.finditer(html)]


def _with_blank_above(text: str, header: int, prefix: str) -> str:
    lines = text.split("\n")
    return "\n".join([*lines[: header - 1], prefix.rstrip(), *lines[header - 1:]])


@st.composite
def interrupted(draw: st.DrawFn) -> tuple[str, int, str]:
    """A text with a paragraph whose last line is a table's header; that line's number,
    and the prefix of the paragraph's container (``> `` for a quote)."""
    prefix = draw(st.sampled_from(["", "> ", "> > "]))
    indent = draw(st.sampled_from(["", " ", "  "]))
    columns = draw(st.integers(1, 3))
    cells = [draw(WORD) for _ in range(columns)]
    header = draw(st.sampled_from(["| {} |", "{}", "| {}"])).format(" | ".join(cells))
    body = [f"| {' | '.join(draw(WORD) for _ in range(columns))} |"
            for _ in range(draw(st.integers(0, 2)))]
    paragraph = [draw(WORD) + draw(st.sampled_from(["", " ", "  ", "\\"]))
                 for _ in range(draw(st.integers(1, 3)))]
    above = draw(st.sampled_from([[], ["# Title", ""], ["- item", ""], ["text", ""]]))
    lines = [*above, *(prefix + indent + line for line in paragraph),
             prefix + indent + header, prefix + "|" + "---|" * columns,
             *(prefix + row for row in body), *draw(st.sampled_from([[], [""], ["", "after"]]))]
    return "\n".join(lines), len(above) + len(paragraph) + 1, prefix


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interrupted())
def test_positions_are_those_of_the_table_after_a_blank_line(case: tuple[str, int, str]
                                                             ) -> None:
    text, header, prefix = case
    html = render_html(text)
    if "<table" not in html:
        return  # not a table after all (cells that make no row)
    split = render_html(_with_blank_above(text, header, prefix))
    assert _SOURCEPOS.sub("", html) == _SOURCEPOS.sub("", split)  # rendering-neutral
    assert "0:0-0:0" not in html

    def back(line: int) -> int:
        return line - 1 if line > header else line

    expected = [(name, back(l1), c1, back(l2), c2)
                for name, l1, c1, l2, c2 in _positions(split)]
    assert _positions(html) == expected


def test_a_table_in_a_tight_item_starts_on_its_header() -> None:
    """No ``<p>`` in a tight item: the text before the table is the item's, on the lines
    above the table."""
    html = render_html("- item\n  more\n  | a |\n  |---|\n  | b |\n- two\n")
    assert '<table data-sourcepos="3:3-5:7">' in html
    assert '<tr data-sourcepos="3:3-3:7">' in html
    assert '<th data-sourcepos="3:4-3:6">a</th>' in html


def test_a_table_on_its_own_keeps_cmark_gfms_positions() -> None:
    text = "Text.\n\n| a | b |\n|---|---|\n| c | d |\n"
    from awesome_lint.autofix.sourcepos import corrected

    assert '<table data-sourcepos="3:1-5:9">' in render_html(text)
    html = render_html(text)
    assert corrected(html, text) is html


# -- the guard reads them ---------------------------------------------------------------------
BEFORE = "# T\n\n## Papers\n\n| \naper | Code |\n|---|---|\n| [A](https://a.org) | x |\n"


def test_a_blank_line_between_a_paragraph_and_its_table_renders_the_same() -> None:
    """Found by test_fix_properties: ``| `` lost its trailing space and the formatter put a
    blank line under it; the guard refused, the header read on the paragraph's line."""
    after = BEFORE.replace("| \n", "|\n\n")
    assert guards.judge(BEFORE, after, guards.Declared.of_diff(BEFORE, after)) is None
    fixed = fix_text(BEFORE, Config(), format=True)
    assert fixed.text == after
    assert guards.judge(BEFORE, fixed.text, guards.Declared.of_diff(BEFORE, fixed.text),
                        fixed.intended.elements()) is None


def test_a_changed_header_is_caught_when_only_the_paragraph_is_declared() -> None:
    """The header is the line below the paragraph: changing it is a change outside the
    paragraph's line (cmark-gfm's own positions put it on the paragraph's line, and the
    guard let it through)."""
    before = "# T\n\ntext\n| a |\n|---|\n| b |\n"
    after = "# T\n\ntext\n| A |\n|---|\n| b |\n"
    declared = guards.Declared(frozenset({3}), frozenset({3}))
    for whole in (False, True):
        refusal = guards.judge(before, after, declared, whole=whole)
        assert refusal is not None and refusal.line == 4, refusal
    assert guards.judge(before, after, guards.Declared(frozenset({4}), frozenset({4}))) is None


def test_a_blank_line_that_breaks_the_table_is_caught() -> None:
    """Between header and delimiter a blank line ends the table: all of it is text now."""
    before = "# T\n\ntext\n| a |\n|---|\n| b |\n"
    after = "# T\n\ntext\n| a |\n\n|---|\n| b |\n"
    refusal = guards.judge(before, after, guards.Declared.of_diff(before, after))
    assert refusal is not None
