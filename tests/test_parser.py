"""The typed tree: positions, entry kinds, sections, anchors, TOC and hostile input."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint import parse
from awesome_lint.model import EntryKind, LinkForm, LinkRole, ProblemKind
from awesome_lint.syntax.parser import ParseError

SEED_STYLE = """\ufeff# Reading List\r
\r
### Contents\r
1. [Paper Notes](#ii-paper-notes)\r
\r
# II. Paper Notes\r
### Wk1 - 2020.06.22\r
* [Gml] [Network in Network](https://arxiv.org/abs/1312.4400) \
[[Notes](https://docs.example.org/nin)] <kbd>ICLR 2014</kbd>\r
* CS231n Spring 2017 Stanford University  \r
https://www.youtube.com/playlist?list=PLexample\r
\r
1. Medium, Transfer Learning: https://example.org/transfer ,a good read\r
\r
| Date | Title | Code |\r
|---|---|---|\r
| 2019 | [SegLoss](https://example.org/segloss) | [code](https://github.com/example/segloss) |\r
"""


def test_seed_style_tree() -> None:
    doc = parse(SEED_STYLE, "README.md")
    assert doc.had_bom and doc.newline == "\r\n"
    assert [s.title for s in doc.sections] == ["Reading List", "Contents", "II. Paper Notes",
                                               "Wk1 - 2020.06.22"]
    week = doc.sections[-1]
    assert week.anchor == "wk1---20200622" and week.parent is doc.sections[2]
    kinds = [e.kind for e in doc.entries]
    assert kinds == [EntryKind.LINK_TITLED, EntryKind.TEXT_THEN_URL, EntryKind.NUMBERED_PROSE,
                     EntryKind.TABLE_ROW]
    paper = doc.entries[0]
    assert paper.title == "Network in Network"
    assert paper.link is not None and paper.link.destination == "https://arxiv.org/abs/1312.4400"
    assert (paper.link.line, paper.link.column, paper.link.end_column) == (8, 9, 61)
    assert [r.text for r in paper.resources] == ["Notes"]
    assert paper.resources[0].bracketed and paper.resources[0].role is LinkRole.RESOURCE
    badge = paper.badges[0]
    assert (badge.venue, badge.year, badge.span.column) == ("ICLR", 2014, 103)
    assert [t.name for t in paper.tags] == ["Gml"] and paper.tags[0].span.column == 3
    assert paper.section_path == ("II. Paper Notes", "Wk1 - 2020.06.22")
    course = doc.entries[1]
    assert course.title == "CS231n Spring 2017 Stanford University"
    assert course.link is not None and course.link.form is LinkForm.BARE
    assert course.link.line == 10 and course.link.column == 1
    assert doc.entries[2].title == "Medium, Transfer Learning"
    assert doc.entries[3].title == "SegLoss"
    assert [(t.text, t.anchor) for t in doc.toc] == [("Paper Notes", "ii-paper-notes")]


def test_almost_links_are_reported() -> None:
    doc = parse("* [A](https://a.org) [[Notes](https://n.org/a)) [[pdf]()] "
                "[[code](https://c.org)\n")
    kinds = [p.kind for p in doc.problems]
    assert kinds == [ProblemKind.EXTRA_PAREN, ProblemKind.EMPTY_DESTINATION,
                     ProblemKind.UNCLOSED_BRACKET]
    extra = doc.problems[0]
    assert extra.span.column == 22 and extra.replacement == "[[Notes](https://n.org/a)]"


def test_multiline_link_text_and_reference_links() -> None:
    doc = parse("* [Deep\n  Learning][dl] and [ref]\n\n[dl]: https://dl.org\n[ref]: https://r.org\n")
    links = [(link.destination, link.form, link.line, link.span.end_line) for link in doc.links]
    assert links == [("https://dl.org", LinkForm.REFERENCE, 1, 2),
                     ("https://r.org", LinkForm.REFERENCE, 2, 2)]


def test_bracket_tag_is_not_a_reference_link() -> None:
    doc = parse("* [Gml] [A](https://a.org)\n* [Opt] [B](https://b.org)\n\n"
                "[Opt]: https://opt.org\n")
    assert [t.name for t in doc.entries[0].tags] == ["Gml"]
    assert doc.entries[1].tags == ()


def test_duplicate_headings_and_explicit_anchors() -> None:
    doc = parse("## Papers\n## Papers\n<a name=\"x\"></a>\n## Über Café\n")
    assert {"papers", "papers-1", "x", "user-content-x", "über-café"} <= set(doc.anchors)


def test_html_blocks_and_code_are_not_entries() -> None:
    doc = parse("<p><a href=\"https://h.org\">H</a></p>\n\n```\n* [x](https://x.org)\n```\n")
    assert doc.entries == []
    assert [link.destination for link in doc.links] == ["https://h.org"]
    assert 4 in doc.code_lines


def test_deep_nesting_is_a_clear_error() -> None:
    with pytest.raises(ParseError) as err:
        parse(">" * 5000 + " deep\n")
    assert err.value.line == 1 and "nesting" in err.value.message


def test_hostile_brackets_parse() -> None:
    """The shape at a small size; how its time grows is measured by
    benchmarks/bench_brackets.py (a time limit in a unit test is not a benchmark)."""
    doc = parse("[" * 2000 + "x" + "]" * 2000 + "(" * 500 + "\n")
    assert doc.lines == ["[" * 2000 + "x" + "]" * 2000 + "(" * 500]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parser_never_raises_on_text(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse(text)


URL = st.from_regex(r"https://[a-z]{1,8}\.(org|com)/[a-z0-9]{0,8}", fullmatch=True)
WORD = st.from_regex(r"[A-Za-z][A-Za-z ]{0,12}[A-Za-z]", fullmatch=True)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(WORD, URL, st.sampled_from(["inline", "resource", "bare", "auto"])),
                min_size=1, max_size=6))
def test_every_scanned_link_is_in_the_tree(parts: list[tuple[str, str, str]]) -> None:
    pieces = []
    for word, url, form in parts:
        pieces.append({"inline": f"[{word}]({url})", "resource": f"[[{word}]({url})]",
                       "bare": url, "auto": f"<{url}>"}[form])
    text = "* " + " and ".join(pieces) + "\n"
    doc = parse(text)
    assert [link.destination for link in doc.links] == [url for _, url, _ in parts]
    for link in doc.links:
        line = doc.lines[link.line - 1]
        assert line[link.column - 1: link.end_column].endswith((link.destination,
                                                               link.destination + ")",
                                                               link.destination + ">"))


def test_venue_first_entry_takes_its_title_from_the_text() -> None:
    doc = parse("- [[ICRA](https://arxiv.org/abs/1809.06267)] PointNetGPD: Grasp Configurations "
                "from Point Sets. [[pytorch](https://github.com/example/pointnetgpd)]\n")
    [entry] = doc.entries
    assert entry.title == "PointNetGPD: Grasp Configurations from Point Sets."
    assert entry.link is not None and entry.link.destination.endswith("1809.06267")
    assert [r.text for r in entry.resources] == ["pytorch"]


def test_leading_badge_does_not_become_the_title() -> None:
    [entry] = parse("* <kbd>ICLR 2015</kbd> [VGG](https://arxiv.org/abs/1409.1556) "
                    "[[Notes](notes/vgg.md)]\n").entries
    assert entry.kind is EntryKind.LINK_TITLED and entry.title == "VGG"
    assert [b.raw for b in entry.badges] == ["ICLR 2015"]
