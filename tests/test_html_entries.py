"""Entries written as HTML lines in a ``<p>`` block (trimstray's style), read by the syntax
layer (:mod:`awesome_lint.syntax.html_entries`) and compared by the duplicate rules."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.config import Config
from awesome_lint.engine import fix_text, lint
from awesome_lint.model import EntryKind, LinkRole
from awesome_lint.syntax.parser import parse

BLOCK = """\
# Tools

##### :black_small_square: Network

<p>
&nbsp;&nbsp; <a href="https://nmap.org/"><b>Nmap</b></a> - is a free network scanner.<br>
&nbsp;&nbsp; <a href="https://github.com/nabla-c0d3/sslyze"><b>sslyze
</b></a> - fast SSL/TLS scanning, see <a href="https://example.org/tls">TLS</a>.<br>
&nbsp;&nbsp; <a href="https://github.com/OWASP/Amass"><b>Amass</b></a> - maps subdomains.<br>
</p>
"""


def test_html_lines_in_a_p_block_are_entries() -> None:
    document = parse(BLOCK)
    entries = document.entries
    assert [(e.kind, e.title, e.line, e.end_line) for e in entries] == [
        (EntryKind.HTML_LINE, "Nmap", 6, 6),
        (EntryKind.HTML_LINE, "sslyze", 7, 8),
        (EntryKind.HTML_LINE, "Amass", 9, 9),
    ]
    nmap, sslyze, _ = entries
    assert nmap.link is not None and nmap.link.destination == "https://nmap.org/"
    assert nmap.link.role is LinkRole.TITLE and nmap.link.text == "Nmap"
    assert nmap.description == "is a free network scanner."
    assert nmap.section_path == ("Tools", "Network")
    assert [(link.destination, link.role) for link in sslyze.links] == [
        ("https://github.com/nabla-c0d3/sslyze", LinkRole.TITLE),
        ("https://example.org/tls", LinkRole.DESCRIPTION)]
    line = BLOCK.splitlines()[5]
    span = nmap.link.span
    assert line[span.column - 1:span.end_column] == \
        '<a href="https://nmap.org/"><b>Nmap</b></a>'
    assert document.notation is not None and ("html-line", 3) in document.notation.shapes


@pytest.mark.parametrize("text", [
    # a header block: an image link and a tagline
    '<p align="center">\n<a href="https://example.org"><img src="logo.png"></a><br>\n'
    'A collection of tools.<br>\n</p>\n',
    # a row of navigation links: no <br> ends them
    '<p>\n<a href="a.md">What is it?</a>&nbsp;&nbsp;\n<a href="b.md">Contributing</a>\n</p>\n',
    # links that describe nothing: navigation
    '<div>\n<a href="docs.md">Docs</a><br>\n<a href="faq.md">FAQ</a><br>\n</div>\n',
    # records mixed with other text: not a block of entries
    '<p>\nSome tools:<br>\n&nbsp;&nbsp; <a href="https://nmap.org/"><b>Nmap</b></a> - x.<br>\n'
    '</p>\n',
])
def test_other_html_blocks_hold_no_entries(text: str) -> None:
    assert parse(text).entries == []


def test_a_repeated_html_entry_is_a_duplicate_with_a_fix() -> None:
    text = BLOCK.replace("</p>", '&nbsp;&nbsp; <a href="https://nmap.org"><b>Nmap</b></a> - '
                         "is a free network scanner.<br>\n</p>")
    found = [(d.line, d.code) for d in lint(text, Config())]
    assert found == [(10, "DUP001")]
    fixed = fix_text(text.replace('"https://nmap.org"', '"https://nmap.org/"'), Config())
    assert fixed.text == BLOCK


def test_a_topic_named_by_both_descriptions_is_no_duplicate_title() -> None:
    """Two articles titled by the topic they are about (``DNS-over-HTTPS``) are two items;
    the same tool name on two links is a duplicate title."""
    topic = """\
<p>
&nbsp; <a href="https://a.example/d"><b>DNS-over-HTTPS</b></a> - set up a DNS-over-HTTPS server<br>
&nbsp; <a href="https://b.example/c"><b>dns-over-https</b></a> - a cartoon on DNS over HTTPS<br>
</p>
"""
    assert [d.code for d in lint(topic, Config())] == []
    name = topic.replace("set up a DNS-over-HTTPS server", "a DoH server") \
        .replace("a cartoon on DNS over HTTPS", "a DoH proxy")
    assert [(d.line, d.code) for d in lint(name, Config())] == [(3, "DUP002")]


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        parse(text)
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


def test_a_long_block_of_records_parses_in_linear_time() -> None:
    """4x the records take about 4x the CPU time (16x would be quadratic; each record
    once looked through every anchor of its block)."""
    def block(n: int) -> str:
        return "<p>\n" + "".join(f'&nbsp;&nbsp; <a href="https://e.org/{i}"><b>T{i}</b></a>'
                                 f" - does {i}.<br>\n" for i in range(n)) + "</p>\n"

    parse(block(100))
    ratio = _cpu(block(8000)) / _cpu(block(2000))
    assert ratio < 9, f"4x the records took {ratio:.1f}x the CPU time"


_JUNK = ["", "", "", '<img src="i.png">', "`", "[", "]", "\n", "<b>", "</a>", "x"]


@st.composite
def _records(draw: st.DrawFn) -> str:
    """A record, sometimes broken by a stray piece somewhere in it."""
    parts = [draw(st.sampled_from(["", "&nbsp;&nbsp; ", "  "])),
             f'<a href="https://e.org/{draw(st.integers(0, 3))}">',
             draw(st.sampled_from(["<b>Name</b>", "Name", "<b>\nName</b>", "<b>Two words</b>"])),
             "</a>", draw(st.sampled_from([" - ", " -", ": ", " "])),
             draw(st.sampled_from(["does things.", "", "see `code` here"])), "<br>"]
    at = draw(st.integers(0, len(parts)))
    parts.insert(at, draw(st.sampled_from(_JUNK)))
    return "".join(parts)


@settings(max_examples=80, deadline=None)
@given(st.lists(_records(), min_size=1, max_size=6))
def test_any_html_block_parses_and_entries_point_at_their_anchor(records: list[str]) -> None:
    """Whatever an HTML block holds, parsing never fails, and every HTML-line entry's
    title link starts at an ``<a`` of its first line and ends at a ``</a>``."""
    text = "# T\n\n<p>\n" + "\n".join(records) + "\n</p>\n"
    document = parse(text)
    lines = text.split("\n")
    for entry in document.entries:
        assert entry.kind is EntryKind.HTML_LINE
        span = entry.link.span if entry.link is not None else None
        assert span is not None and span.line == entry.line
        assert lines[span.line - 1][span.column - 1:].lower().startswith("<a")
        assert lines[span.end_line - 1][:span.end_column].lower().endswith("</a>")
        assert "Name" in entry.title or "Two words" in entry.title
