"""Inline code has one reading (``lookahead.code_spans``, the scanner's): the scanner,
tag reading, ``<kbd>`` markup checks, venue marks and slugs agree on what is code."""

from __future__ import annotations

import pytest

from awesome_lint.config import Config
from awesome_lint.syntax.kbd import Ticks, in_code_span
from awesome_lint.syntax.lookahead import code_spans
from awesome_lint.syntax.parser import parse
from awesome_lint.syntax.slugs import plain_text
from awesome_lint.syntax.tags import conventions


@pytest.mark.parametrize(("text", "spans"), [
    ("a `b` c", ["`b`"]),
    ("x `` y `z`` w", ["`` y `z``"]),  # a run closes only at a run of its own length
    ("odd ` tick", []),                  # unclosed: text
    ("esc \\`a` b", []),                 # an escaped backtick opens nothing
    ("`a` then `b", ["`a`"]),
])
def test_code_spans(text: str, spans: list[str]) -> None:
    assert [text[s:e] for s, e in code_spans(text)] == spans


def test_readers_agree_with_the_scanner() -> None:
    line = "* [P](https://e.org/p) `[Gml]` [Opt] a stray ` tick <kbd>CVPR 2017</kbd>"
    document = parse("# L\n\nLegend: [Gml], [Opt]\n\n" + line + "\n")
    # the scanner reads the badge after a stray backtick; so do the kbd checks
    assert [b.raw for b in document.badges] == ["CVPR 2017"]
    at = line.index("<kbd>")
    assert not in_code_span(line, at) and not Ticks(line).in_code_span(at)
    assert in_code_span(line, line.index("[Gml]"))
    # a tag in code is no tag
    tagged = conventions(document, Config()).entries[-1]
    assert [t.name for t in tagged.tags] == ["Opt"]


def test_slugs_keep_code_text_literally() -> None:
    assert plain_text("Use `a_b*c*` here") == "Use a_b*c* here"
    assert plain_text("Stray ` tick *em*") == "Stray ` tick em"
