"""The line facts syntax/ reads for rules (so rules never read raw lines): each says what
the rule that asked used to compute from the lines itself."""

from __future__ import annotations

from awesome_lint.model import Span
from awesome_lint.syntax import mojibake
from awesome_lint.syntax.entrylines import (
    closes_html_paragraph,
    ends_with_hard_break,
    only_quotes_before_marker,
)
from awesome_lint.syntax.heads import html_title
from awesome_lint.syntax.linespans import is_blank, line_length, rest_of_line, whole_line
from awesome_lint.syntax.listitems import (
    bold_link,
    inline_links_written,
    item_title,
    remarked_is_break,
)
from awesome_lint.syntax.parser import parse
from awesome_lint.syntax.prose import not_prose
from awesome_lint.syntax.whitespace import next_content, trailing_whitespace


def test_whole_and_rest_of_line_spans() -> None:
    doc = parse("# Title\n\n* [A](https://a.org) - Text.  \n")
    assert whole_line(doc, 1) == Span(1, 1, 1, 7)
    assert whole_line(doc, 2) == Span(2, 1, 2, 1)  # an empty line is one column wide
    assert rest_of_line(doc, 3, 1) == Span(3, 1, 3, 28)  # trailing blanks left out
    assert rest_of_line(doc, 3, 0).column == 1
    assert line_length(doc, 3) == 30 and line_length(doc, 99) == 0
    assert is_blank(doc, 2) and not is_blank(doc, 1) and is_blank(doc, 99)


def test_trailing_whitespace_is_read_once_per_tree() -> None:
    doc = parse("a  \nb\n\t\nc \t\n")
    found = trailing_whitespace(doc)
    assert [(t.line, t.column, t.text, t.end_column) for t in found] == [
        (1, 2, "  ", 3), (3, 1, "\t", 1), (4, 2, " \t", 3)]
    assert trailing_whitespace(doc) is found


def test_next_content_skips_blank_lines_and_sees_quotes() -> None:
    doc = parse("* a\n\n \n  > \tb\n")
    following = next_content(doc, 1)
    assert following is not None
    assert (following.line, following.lead, following.quoted) == (4, "  ", "  > \t")
    assert next_content(doc, 4) is None


def test_item_title_and_markers() -> None:
    doc = parse("* **[Go](#go)**\n*   `x` text\n\n> - quoted\n\n* * *\n")
    first, second = doc.lists[0].items
    assert item_title(doc, first) == "Go" and item_title(doc, second) == "x text"
    assert bold_link(doc, first) and not bold_link(doc, second)
    quoted = doc.lists[1].items[0]
    assert item_title(doc, quoted) == "> - quoted"  # the line does not open with its marker
    assert inline_links_written(doc, 1) == 1 and inline_links_written(doc, 2) == 0


def test_a_new_bullet_that_would_make_a_thematic_break() -> None:
    doc = parse("- * *\n- a\n")
    items = doc.lists[0].items
    assert remarked_is_break(doc, items[0], "*")
    assert not remarked_is_break(doc, items[0], "+")
    assert not remarked_is_break(doc, items[1], "*")


def test_entry_lines() -> None:
    doc = parse("# T\n\n> * [A](https://a.org) - Text \\\n> * [B](https://b.org)\n")
    first = doc.entries[0]
    assert only_quotes_before_marker(doc, first)
    assert ends_with_hard_break(doc, first.line) and not ends_with_hard_break(doc, 4)
    html = parse("<p>\n<a href='https://a.org'>A</a>\n</P>  \n")
    assert closes_html_paragraph(html, 3) and not closes_html_paragraph(html, 2)


def test_prose_masks_and_html_title() -> None:
    doc = parse("Use `Javascript` or <b>Github</b> here.\n")
    line = doc.line_text(1)
    assert [line[a:b] for a, b in not_prose(doc, 1)] == ["`Javascript`", "<b>", "</b>"]
    assert html_title(parse('<h1 align="center">Awesome</h1>\n\nText.\n'))
    assert html_title(parse('<p align="center"><img src="logo.svg"></p>\n'))
    assert not html_title(parse("<p>Just text</p>\n")) and not html_title(parse("# T\n"))


def test_mojibake_in_lines_skips_code() -> None:
    doc = parse("* \u201a\u2265\u00ea a\n\n```\n\u201a\u2265\u00ea b\n```\n")  # ⭐ garbled
    assert [n for n, _ in mojibake.in_lines(doc)] == [1, 4]
    assert [n for n, _ in mojibake.in_lines(doc, skip=doc.code_lines)] == [1]
