"""Code points to the editor's code units: UTF-16 (the default), UTF-8 and UTF-32."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types

from awesome_lint.diagnostics import Diagnostic, Edit, Severity
from awesome_lint.lsp.positions import LineIndex, offset_position

LINES = ["# Tîtle", "* 🚀 [x](y) é", "last"]


def diagnostic(line: int, column: int, end_column: int) -> Diagnostic:
    return Diagnostic("X001", "x", "style", Severity.WARNING, line, column, line, end_column, "m")


@pytest.mark.parametrize(("encoding", "start", "end"), [
    ("utf-16", 5, 11), ("utf-8", 7, 13), ("utf-32", 4, 10)])
def test_a_range_after_an_emoji(encoding: str, start: int, end: int) -> None:
    index = LineIndex(LINES, encoding=encoding)
    # "[x](y)" is code points 5-10 of line 2, after "* 🚀 "
    assert index.diagnostic_range(diagnostic(2, 5, 10)) == types.Range(
        types.Position(1, start), types.Position(1, end))
    assert index.column(types.Position(1, start)) == (2, 5)


def test_a_bom_shifts_only_the_first_line() -> None:
    index = LineIndex(LINES, bom=True)
    assert index.position(1, 1) == types.Position(0, 1)
    assert index.position(2, 1) == types.Position(1, 0)
    assert index.column(types.Position(0, 1)) == (1, 1)


def test_edits_that_join_lines_and_append_after_the_end() -> None:
    index = LineIndex(LINES)
    # delete from the end of line 1 through the line break: the lines join
    assert index.edit_range(Edit(1, 8, 1, "")) == types.Range(
        types.Position(0, 7), types.Position(1, 0))
    # a whole line with its ending
    assert index.edit_range(Edit(2, 1, len(LINES[1]) + 1, "")) == types.Range(
        types.Position(1, 0), types.Position(2, 0))
    # an insertion after the last line (a missing final newline) lands at its end
    assert index.edit_range(Edit(4, 1, 0, "\n")).start == types.Position(2, 4)
    assert index.text_edit(Edit(3, 5, 0, "\n"), "\r\n").new_text == "\r\n"


def test_offsets_of_a_crlf_text() -> None:
    text = "a\r\n🚀b\rc\n"
    assert offset_position(text, text.index("b")) == types.Position(1, 2)
    assert offset_position(text, text.index("c")) == types.Position(2, 0)


def test_tagged_rules_exist() -> None:
    """The names that get the unnecessary/deprecated tags are real rule names."""
    from awesome_lint.lsp.convert import DEPRECATED, UNNECESSARY
    from awesome_lint.rules import find_rule

    assert all(find_rule(name) is not None for name in UNNECESSARY | DEPRECATED)
