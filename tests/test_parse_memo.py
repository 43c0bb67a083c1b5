"""Re-parsing with a :class:`ParseMemo`: the tree is the one a fresh parse builds, and the
memo is actually used (``fix`` relies on it to parse an edited 10k-entry list quickly)."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.config import Config
from awesome_lint.engine import UnsafeFixError, fix_text
from awesome_lint.model import Badge, Document, Entry, Link, LinkProblem, Span, Tag
from awesome_lint.syntax.parser import ParseMemo, parse
from tests.conftest import shared_lists

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures").glob("*.md"))
REAL = shared_lists()


def _tree(doc: Document) -> list[str]:
    """Every part of the tree a rule can read, as text (entries compare by identity)."""
    sections = [(s.title, s.level, s.line, s.anchor, s.end_line, s.heading_style, s.raw,
                 s.blocks, [e.line for e in s.entries]) for s in doc.sections]
    parts = (doc.entries, doc.links, doc.problems, doc.badges, doc.toc, doc.legends,
             doc.lists, doc.comments, doc.anchors, doc.definitions,
             sorted(doc.continued_lines), sorted(doc.code_lines), sorted(doc.html_lines),
             sections, doc.root.blocks, [e.line for e in doc.root.entries])
    return [repr(part) for part in parts]


def _check_reparse(versions: list[str]) -> ParseMemo:
    """Parse each version with one memo; each tree must equal a fresh parse's."""
    memo = ParseMemo()
    previous: Document | None = None
    for text in versions:
        doc = parse(text, memo=memo)
        assert _tree(doc) == _tree(parse(text))
        if previous is not None:  # entries are mutable: documents never share one
            assert not {id(e) for e in doc.entries} & {id(e) for e in previous.entries}
        previous = doc
    return memo


# -- generated lists and edits ------------------------------------------------------------------
WORD = st.sampled_from(["Alpha", "Beta Net", "Gamma", "Delta Model", "Eps"])
#: Lines of awesome lists in many shapes: entries of every kind, nested and continued items,
#: legends, TOC links, badges (also unclosed), link problems, reference links and their
#: definitions ("[gml]: ..." turns the [Gml] tags into links), tables, code, quotes.
TEMPLATES = (
    "* [{w}](https://example.org/{n}) - {w}",
    "- [Gml] [{w}](https://example.org/{n}) [[Notes](https://notes.example.org/{n})] "
    "<kbd>CVPR 2019</kbd>",
    "* [Net] [{w}](https://example.org/{n}) [Opt]",
    "* {w}: https://example.org/{n}",
    "1. {w}, {w}: https://example.org/{n} prose",
    "2) [{w}](https://example.org/{n})",
    "  * [{w}](https://example.org/{n}) nested",
    "    continuation of {w}",
    "https://example.org/{n}",
    "* [[Notes](https://example.org/{n})) broken",
    "* [{w}](https://example.org/{n}) [[Code](https://code.example.org/{n})",
    "* [{w}][ref] by reference",
    "* ![logo](https://img.example.org/{n}.png) [{w}](https://example.org/{n})",
    "* <kbd>ICLR 2015</kbd> [{w}](https://example.org/{n})",
    "* [{w}](https://example.org/{n}) <kbd>NeurIPS'18",
    "* {w} https://example.org/{n}，more",
    "* [Gml] General ML",
    "* [Opt] Training & Optimization",
    "e.g. [Gml], [Opt]",
    "* [{w}](#alpha)",
    "## {w}",
    "Title {w}",
    "---",
    "",
    "",
    "| {w} | [{w}](https://example.org/{n}) |",
    "|---|---|",
    "[ref]: https://ref.example.org/",
    "[gml]: https://gml.example.org/",
    "<!-- awesome-lint-disable -->",
    "<a name=\"a{n}\"></a>",
    "```",
    "> * [{w}](https://example.org/{n}) quoted",
    "A paragraph with [{w}](https://example.org/{n}).",
    "   + [{w}](https://example.org/{n})",
)


@st.composite
def lines(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(TEMPLATES)).format(w=draw(WORD), n=draw(st.integers(0, 5)))


@st.composite
def edits(draw: st.DrawFn, text: str) -> str:
    """``text`` after one edit of the kinds ``fix`` makes: lines inserted, deleted or
    changed, blank lines added at the top, a badge changed, a link deleted."""
    rows = text.split("\n")
    at = draw(st.integers(0, len(rows)))
    kind = draw(st.sampled_from(["insert", "delete", "change", "top", "badge", "unlink"]))
    if kind == "insert":
        rows[at:at] = draw(st.lists(lines(), min_size=1, max_size=3))
    elif kind == "delete":
        del rows[at: at + draw(st.integers(1, 3))]
    elif kind == "change":
        rows[at: at + 1] = [draw(lines())]
    elif kind == "top":
        rows[1:1] = [""] * draw(st.integers(1, 3))
    elif kind == "badge":
        return re.sub(r"<kbd>[^<]*</kbd>", f"<kbd>ICCV {draw(st.integers(2000, 2025))}</kbd>",
                      text, count=draw(st.integers(1, 3)))
    else:
        return re.sub(r"\[\[?[^\]]*\]\([^)]*\)\]?", "", text, count=draw(st.integers(1, 3)))
    return "\n".join(rows)


@st.composite
def versions(draw: st.DrawFn) -> list[str]:
    """A generated list and two successive edits of it (as the three parses of ``fix``)."""
    text = "\n".join(["# Awesome", "", *draw(st.lists(lines(), min_size=1, max_size=30))])
    out = [text]
    for _ in range(2):
        out.append(draw(edits(out[-1])))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions())
def test_reparsing_an_edited_list_builds_the_same_tree(texts: list[str]) -> None:
    _check_reparse(texts)


# -- real lists ---------------------------------------------------------------------------------
def _real_edits(text: str) -> list[str]:
    """``text``, then with a blank line added at the top and one line in the middle deleted
    (every later item moves), then as ``fix`` with formatting leaves it."""
    rows = text.split("\n")
    rows.insert(1, "")
    del rows[len(rows) // 2]
    try:
        fixed = fix_text(text, Config(), format=True).text
    except UnsafeFixError:  # the guard refused (a fixture file is many cases in a row)
        fixed = text
    return [text, "\n".join(rows), fixed]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixture_reparse(path: Path) -> None:
    _check_reparse(_real_edits(path.read_text(encoding="utf-8")))


@pytest.mark.skipif(not REAL, reason="../shared is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_real_list_reparse(path: Path) -> None:
    _check_reparse(_real_edits(path.read_text(encoding="utf-8")))


# -- the memo is used ---------------------------------------------------------------------------
ITEMS = "\n".join(f"* [Gml] [Paper {n}](https://example.org/{n}) [[Notes](https://n.org/{n})] "
                  f"<kbd>CVPR 2019</kbd>" for n in range(50))


def test_every_unchanged_item_is_reused() -> None:
    """Moved items are hits too: the formatter's output usually moves every item."""
    text = f"# Awesome\n\n## Papers\n{ITEMS}\n"
    moved = text.replace("# Awesome\n", "# Awesome\n\n\n")
    memo = _check_reparse([text, text, moved])
    assert (memo.hits, memo.misses) == (100, 50)


def test_changed_items_and_other_definitions_are_rebuilt() -> None:
    text = f"# Awesome\n\n## Papers\n{ITEMS}\n"
    memo = _check_reparse([text, text.replace("Paper 7]", "Paper seven]")])
    assert (memo.hits, memo.misses) == (49, 51)
    # a definition for "gml" makes every [Gml] tag a link: nothing can be reused
    memo = _check_reparse([text, text + "\n[gml]: https://gml.example.org/\n"])
    assert (memo.hits, memo.misses) == (0, 100)


def test_the_memo_keeps_the_latest_parse_only() -> None:
    memo = ParseMemo()
    for n in range(5):
        parse(f"* [Paper](https://example.org/{n})\n", memo=memo)
    parse("* [Paper](https://example.org/0)\n", memo=memo)
    assert (memo.hits, memo.misses) == (0, 6)


def test_moving_rebuilds_every_field() -> None:
    """``_ItemParts.placed`` calls these constructors with every field: a field added to
    the model must be added there too, or moved items would lose it."""
    names = {cls.__name__: [f.name for f in fields(cls)]
             for cls in (Span, Link, LinkProblem, Badge, Tag, Entry)}
    assert names == {
        "Span": ["line", "column", "end_line", "end_column"],
        "Link": ["text", "destination", "form", "span", "dest_span", "title", "image",
                 "bracketed", "role"],
        "LinkProblem": ["kind", "span", "text", "replacement", "destination"],
        "Badge": ["raw", "venue", "year", "suffix", "span", "inner_span", "closed",
                  "preceded_by", "style"],
        "Tag": ["name", "span"],
        "Entry": ["kind", "title", "link", "resources", "badges", "tags", "description",
                  "line", "end_line", "section_path", "links", "marker", "marker_column",
                  "list_index"],
    }
