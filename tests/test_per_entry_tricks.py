"""The per-finding and per-item speed tricks of round 2 (listed in awesome_lint.startup) give
what the general paths they skip give."""

from __future__ import annotations

import dataclasses
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.engine import _with_path
from awesome_lint.files.sources import InputError, read_bounded
from awesome_lint.syntax import blocks


def test_with_path_copies_every_field_as_replace_does() -> None:
    fix = Fix((Edit(1, 1, 1, ""),), description="drop it")
    diagnostic = Diagnostic("DUP001", "duplicate-entry", "duplicates", Severity.WARNING,
                            3, 4, 3, 9, "seen before", fix, {"k": 1}, None)
    copy = _with_path(diagnostic, "README.md")
    assert copy == dataclasses.replace(diagnostic, path="README.md")
    assert [getattr(copy, f.name) for f in dataclasses.fields(Diagnostic)] == [
        getattr(dataclasses.replace(diagnostic, path="README.md"), f.name)
        for f in dataclasses.fields(Diagnostic)]
    assert _with_path(copy, "README.md") is copy


class _Growing(io.BytesIO):
    """A stream that holds more than ``fstat`` said (the file grew since)."""


@pytest.mark.parametrize("size, hint", [(10, 10), (10, 4), (10, 0), (30, 4), (21, 20),
                                        (20, 20), (0, 0)])
def test_read_bounded_with_a_size_hint_reads_as_without(size: int, hint: int) -> None:
    data = bytes(range(size))
    limit = 20

    def outcome(size_hint: int | None) -> bytes | str:
        try:
            return read_bounded(_Growing(data), "f", limit, size_hint)
        except InputError as err:
            return str(err)

    assert outcome(hint) == outcome(None)


def _old_plain_item(line: str) -> bool:
    """``blocks._plain_item`` before its fast path."""
    text = line[2:]
    first = text[0]
    if first in "#><" or text.startswith(("```", "~~~")):
        return False
    if first == "[" and "]:" in text:
        return False
    return not (blocks._LIST_MARKER.match(text + "\n")
                or blocks._THEMATIC_BREAK.match(text + "\n")
                or blocks._THEMATIC_BREAK.match(line + "\n"))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from("*+-"), st.sampled_from(" \t"),
       st.text(alphabet="*-_+ \t\x0b\x0c\u00a0\u20031.)[]:ab#", min_size=1, max_size=8))
def test_plain_item_fast_path_agrees(marker: str, gap: str, text: str) -> None:
    line = marker + gap + text
    assert blocks._plain_item(line) == _old_plain_item(line)


@pytest.mark.parametrize("line", ["* * *", "- - -", "* \x0c* *", "*  1. x", "* 1) x",
                                  "* [a](b)", "* a", "- _ _ _", "+ +", "* \u00a0*"])
def test_plain_item_fast_path_agrees_on_rules_and_markers(line: str) -> None:
    assert blocks._plain_item(line) == _old_plain_item(line)
