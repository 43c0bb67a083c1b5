"""The list reader (``syntax.listblocks``) builds exactly mistletoe's tree, or gives up.

Nested, ordered, indented and lazily continued lists are compared node for node (names,
line numbers, heading levels, leaders, children) with mistletoe's tree of the same text:
hand-written shapes, generated documents, every chunk of every list in ``../shared``.  The
shapes the seeds use must be read without mistletoe, and a seed's ``check`` must not
import it.
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.syntax import blocks, listblocks
from awesome_lint.syntax.markdown import load
from tests.conftest import shared_lists
from tests.test_blocks import _body, _shape, assert_same_as_mistletoe


def _mistletoe_shapes(text: str) -> list[Any]:
    return [_shape(t) for t in blocks._mistletoe_document(text).children]


def read(text: str) -> list[Any] | None:
    """The list reader's shapes for ``text`` read as one chunk (None: it gave up); a
    heading at column 0 starts a chunk of its own, as ``blocks`` cuts the text."""
    lines = _body(text).split("\n")[:-1]
    heads = [n for n, line in enumerate(lines) if n and blocks._kind(line) == blocks._HEADING_LINE]
    cuts = [0, *heads, len(lines)]
    tokens = []
    for start, stop in itertools.pairwise(cuts):
        chunk = listblocks.chunk_tokens(lines, start, stop)
        if chunk is None:
            return None
        tokens += chunk
    return None if tokens is None else [_shape(t) for t in tokens]


def assert_read_as_mistletoe(text: str) -> bool:
    """Same tree as mistletoe's when the reader answers; whether it answered."""
    found = read(text)
    if found is not None:
        assert found == _mistletoe_shapes(_body(text))
    assert_same_as_mistletoe(text)  # and the whole path, fallback included
    return found is not None


# -- mistletoe's own patterns and helpers -------------------------------------------------------


def test_patterns_are_mistletoes() -> None:
    load()
    from mistletoe import block_token, span_token
    from mistletoe.markdown_renderer import BlankLine

    assert listblocks._ITEM_MARKER.pattern == block_token.ListItem.pattern.pattern
    assert listblocks._CONTINUATION.pattern == block_token.ListItem.continuation_pattern.pattern
    assert listblocks._BLANK.pattern == BlankLine.pattern.pattern
    assert listblocks._SETEXT.pattern == block_token.Paragraph.setext_pattern.pattern
    assert listblocks._DELIMITER_ROW.pattern == block_token.Table.delimiter_row_pattern.pattern
    html = block_token.HtmlBlock
    assert listblocks._HTML_MULTIBLOCK.pattern == html.multiblock.pattern
    assert listblocks._HTML_PREDEFINED.pattern == html.predefined.pattern
    assert listblocks._HTML_CUSTOM.pattern == html.custom_tag.pattern
    assert span_token._tags == listblocks._HTML_TAGS


_LINE_PARTS = st.lists(st.sampled_from(
    [" ", "  ", "\t", "\u00a0", "-", "*", "+", "1.", "2)", "10.", "0.", "#", "<", "</", ">",
     "!", "--", "?", "div", "br", "kbd", "pre", "a href='x'", "/", "[", "]", ":", "\\", "(",
     ")", "x", "Text", "|", "=", "`", "```", "~~~"]), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(_LINE_PARTS)
def test_helpers_answer_as_mistletoes(text: str) -> None:
    """``HtmlBlock.start``, ``ListItem.parse_marker`` and ``parse_continuation``, copied."""
    load()
    from mistletoe import block_token

    line = text + "\n"
    rule, end = listblocks._html_start(line)
    assert rule == (block_token.HtmlBlock.start(line) or 0)
    if rule:
        assert end == block_token.HtmlBlock._end_cond
    assert listblocks._parse_marker(line) == block_token.ListItem.parse_marker(line)
    for prepend in (0, 2, 3, 4, 5):
        assert listblocks._continuation(line, prepend) == (
            block_token.ListItem.parse_continuation(line, prepend))


@settings(max_examples=300, deadline=None)
@given(_LINE_PARTS, st.sampled_from(["", "\n", "x\n", ": /u\n", "]: /u\n", "y](z)\n",
                                     "y]: /u\n", "\ny]: /u\n"]))
def test_no_definition_is_missed(text: str, after: str) -> None:
    """Where the reader says no definition starts, mistletoe finds none."""
    if not text.lstrip().startswith("["):
        return
    body = text + "\n" + after
    if listblocks._may_define(body.splitlines(keepends=True), 0, True):
        return
    assert not blocks._mistletoe_document(body).footnotes


# -- hand-written shapes ----------------------------------------------------------------------

#: Shapes of the seeds and the generated lists: the reader must answer, and equal mistletoe.
READ = {
    "ordered TOC with an indented legend": (
        "### Contents\n1. [Resources](#i-resources)\n    * Meta-Learning - how\n"
        "    * Papers - sources\n2. [Paper Notes](#ii-paper-notes)\n    - Weekly list\n\n"),
    "paragraph with an indented list": (
        "**By Topic Category** -\n   e.g. [Gml], [Opt]\n   * [Gml] General ML\n"
        "   * [Opt] Training\n\n# Paper Notes\n"),
    "lazy continuation with hard breaks": (
        "## Blogs\n* This blog is amazing:  \nhttps://a.org/x\n* https://b.org/y\n"
        "* Two lines:  \nhttps://c.org/z  \n  \n## Next\n"),
    "loose ordered list broken by a paragraph": (
        "1. One: https://a.org\n\nProse between items.\n\n2. Two: https://b.org\n\n"
        "3. Three\n\n14. Fourteen\n"),
    "four-space nesting with blank-ish lines": (
        "1. **Blogs**\n    - Weng [[link](https://a.org/)]\n    - Topics\n"
        "        - Linear\n        - Span\n        \n2. **Books**\n    - Bias\n"
        "            - Trade-off\n        - Estimators\n"),
    "markers change": "- a\n- b\n* c\n+ d\n1. e\n2) f\n3) g\n",
    "blank lines between items": "- a\n\n\n- b\n\n  - c\n\n\n\n# H\n\n- d\n\n\n",
    "ordered start other than one after a paragraph": "Text\n2. two\n1. one\n",
    "heading inside an item": "- # h\n- ## g\n  text\n",
    "lazy line after a nested item": "- a\n  - b\nlazy\n- c\n",
    "deep nesting": "".join("  " * depth + f"- level {depth}\n" for depth in range(30)),
    "wide item content": "-    four spaces\n1.  two\n",
    "paragraph continued by indented lines": "Text\n      indented\n   * item\n",
    "HTML custom tag continues a paragraph": "Focal topics\n<br><br>\n**Plan**: read\n<br><br>\n",
    "link text over two lines": "- [Title over\n  two lines](https://a.org) x\n- [a\n\n  b]: c\n",
    "emoji and text in items": "* :star: [x](y) | [z](w)\n* [Tag] x\n",
    "empty items": "-\n  text\n- \n\n- b\n-\n\n\nText\n1.\n",
    "HTML blocks": ('<p align="center">\n  <img src="x.png">\n</p>\n\n<br>\n<br>\n\n'
                    "<!-- a\n\n  # not a heading\n-->\n<pre>\n\n</PRE>\n"),
    "HTML interrupting an item": "- a\n<div>\n\n- b\n  <p>\n  x\n\nText\n<details>\n\n",
    "fences": "- a\n  ```\n  # code\n  ```\nText\n~~~py\n\n~~~\n```x`\n````\n```\n````\n",
    "quotes": ("> A curated list\n> of things\nlazy line\n\n> _If you see_\n>\n> - item\n"
               ">> nested\n> ```\nafter fence\n\n>Tight\n    > four spaces\n"),
    "indented code": ("- a\n\n        code\n\n  \n        more\n\n\n- b\n    code\n\n"
                      "    top\n  \n\n\tcode\n\n"),
    "tables": ("| Date | Title |\n|---|:-:|\n| 2020 | [T](https://a.org) |\nnot a row\n\n"
               "- a\nb | c\n---\n\nText\nx | y\n--- | ---\n| 1 |\n"),
    "thematic breaks": "- a\n***\nText\n___\n- - -\n* * *\n---\n\n",
    "list and quote interrupting": "Text\n> q\n- a\n> b\n1. c\n",
}

#: Shapes the reader must leave to mistletoe.
UNREAD = {
    "quote with a tab": "- a\n>\tquote\n",
    "setext heading": "Title\n---\n",
    "setext heading in a quote": "> Title\n> ===\n",
    "definition": "- [a]: /u\n",
    "definition label over two lines": "[foo\nbar]: /url\n",
    "label open at a chunk's end": "[a\n# b]: /u\n",
    "table at a chunk's end": "a | b\n--- | ---\n1 | 2\n# H | I\n",
    "HTML block open at a chunk's end": "<details>\n- a\n# H\n",
    "HTML comment open at a chunk's end": "- a\n<!--\n\n# H\n-->\n",
    "fence open at a chunk's end": "```\n- a\n# H\n```\n",
}


@pytest.mark.parametrize("text", READ.values(), ids=READ.keys())
def test_shapes_read_without_mistletoe(text: str) -> None:
    assert assert_read_as_mistletoe(text)


@pytest.mark.parametrize("text", UNREAD.values(), ids=UNREAD.keys())
def test_shapes_left_to_mistletoe(text: str) -> None:
    assert not assert_read_as_mistletoe(text)


# -- generated documents ----------------------------------------------------------------------

_INDENT = st.sampled_from(["", "", "", " ", "  ", "   ", "    ", "     ", "        ", "\t"])
_MARKER = st.sampled_from(["", "", "- ", "* ", "+ ", "1. ", "2. ", "10. ", "1) ", "-  ",
                           "-     ", "- ", "* ", "3. ", "-\t", "1.\t", "> ", ">", "> - "])
_TEXT = st.sampled_from([
    "Text", "[Gml] General ML", "[Title](https://a.org/x) [[Notes](https://b.org)]",
    "**Bold** -", "e.g. [Gml], [Opt]", "https://a.org/x  ", "# Heading", "## h ##", "a | b",
    "---", "===", "<br><br>", "<div>", "> quote", "```", "[a]: /u", "[a] b", "\\[x]", "",
    "  ", "2019 was a year", "*emphasis*", "<kbd>CVPR</kbd> x", "- - -", "1.", "-",
    "Title\u00a0nbsp", ">", "> - x", "***", "~~~py", "<!-- x", "-->", "<p>", "</pre>"])
_LINE = st.tuples(_INDENT, _MARKER, _TEXT).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=25))
def test_generated_documents(lines: list[str]) -> None:
    assert_read_as_mistletoe("\n".join(lines) + "\n")


def _list_document(rng: random.Random) -> str:
    """A document of list shapes the reader handles: nested bullets and ordered items
    indented under the items above (or a space off), lazy and indented continuation, blank
    lines, headings, prose."""
    out: list[str] = []
    columns = [0]  # where the content of each open item starts
    for _ in range(rng.randint(1, 30)):
        kind = rng.random()
        if kind < 0.1:
            out.append(rng.choice(["", "", "  "]))
        elif kind < 0.15:
            out.append(rng.choice(["# H", "## Section", "### Wk1 - 2020.06.22"]))
            columns = [0]
        elif kind < 0.25:
            indent = rng.choice(columns)
            out.append(" " * indent + rng.choice(["Prose, [link](https://a.org).", "e.g. x"]))
        else:
            marker = rng.choice(["-", "*", "+", "1.", "2.", "1)", "12."])
            level = rng.randrange(len(columns))
            indent = columns[level] + rng.choice([0, 0, 0, 1])
            del columns[level + 1:]
            columns.append(indent + len(marker) + 1)
            out.append(f"{' ' * indent}{marker} [T{len(out)}](https://a.org/{len(out)}) text")
    return "\n".join(out) + "\n"


def test_most_list_documents_are_read() -> None:
    """On list shapes alone the reader answers for most documents (it is not a path that
    always gives up) and equals mistletoe every time it does."""
    rng = random.Random(20)
    answered = sum(assert_read_as_mistletoe(_list_document(rng)) for _ in range(200))
    assert answered >= 180


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False))
def test_generated_list_documents(rng: random.Random) -> None:
    assert_read_as_mistletoe(_list_document(rng))


# -- real lists -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_every_chunk_of_real_lists(path: Path) -> None:
    """Each chunk the reader answers for equals mistletoe's tree of that chunk alone."""
    lines = _body(path.read_text(encoding="utf-8", errors="replace")).split("\n")[:-1]
    kinds = blocks._kinds(lines)
    for start, stop, plain in blocks._runs(kinds):
        if plain:
            continue
        tokens = listblocks.chunk_tokens(lines, start, stop)
        if tokens is None:
            continue
        reference = blocks._mistletoe_document("".join(f"{line}\n" for line in lines[start:stop]))
        for token in reference.children:
            blocks._shift(token, start)
        assert [_shape(t) for t in tokens] == [_shape(t) for t in reference.children]


def test_windows_of_real_lines() -> None:
    """Runs of real lines, in order or shuffled, cut anywhere (inside fences, items,
    quotes, HTML): the reader equals mistletoe wherever it answers."""
    paths = shared_lists()
    if not paths:
        pytest.skip("../shared is absent")
    lines = [line for path in paths
             for line in path.read_text(encoding="utf-8", errors="replace").split("\n")]
    rng = random.Random(5)
    for _ in range(150):
        start = rng.randrange(len(lines) - 40)
        window = lines[start:start + rng.randint(1, 40)]
        if rng.random() < 0.5:
            rng.shuffle(window)
        assert_read_as_mistletoe("\n".join(window) + "\n")


def test_seed_shapes_skip_mistletoe(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seeds and the generated benchmark lists are read without mistletoe."""
    def refuse(*_args: object, **_kwargs: object) -> bool:
        raise AssertionError("mistletoe was asked")

    monkeypatch.setattr(blocks, "_mistletoe_segment", refuse)
    texts = [path.read_text(encoding="utf-8") for path in shared_lists()
             if path.parent.name == "seeds"]
    for text in [*texts, SEED_STYLE]:
        blocks.block_tokens(_body(text))


#: A reading list in the seeds' style (written for this test): ordered TOC, indented tag
#: legend under a bold line, week sections, entries continued on the next line.
SEED_STYLE = """# Reading List
Notes and papers. \\
Topics: Machine Learning
<br><br>

### Contents
1. [Resources](#i-resources)
    * Meta-Learning - learning how to learn
    * Papers - sources to keep up
2. [Paper Notes](#ii-paper-notes)
    - Weekly list of papers

### Search (Cmd-F)
**By Topic Category** -
   e.g. [Gml], [Opt]
   * [Gml] General ML
   * [Opt] Training & Optimization

# I. Resources
* How to Read a Paper [[pdf](/meta/read.pdf)]
* A talk:\x20\x20
https://www.youtube.com/watch?v=x

### Wk1 - 2020.06.22
* [Gml] [Deep Residual Learning](https://arxiv.org/abs/1512.03385) [[Notes](https://a.org/n)] \
<kbd>CVPR 2016</kbd>
"""


def test_seed_style_check_imports_no_mistletoe(tmp_path: Path) -> None:
    """Through the command line's real entry point, as pre-commit runs it (twice: the
    second run reads the start-up caches the first one wrote)."""
    readme = tmp_path / "README.md"
    readme.write_text(SEED_STYLE, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "AWESOME_LINT_CACHE_DIR": str(tmp_path / "cache")}
    for _run in range(2):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "awesome_lint", "check", "--exit-zero",
             str(readme)], capture_output=True, text=True, env=env, cwd=tmp_path)
        imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()
                    if line.startswith("import time:")]
        assert proc.returncode == 0
        assert "awesome_lint.syntax.listblocks" in imported
        assert not [name for name in imported if name.split(".")[0] == "mistletoe"]
