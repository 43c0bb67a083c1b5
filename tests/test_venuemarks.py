"""Venue marks in the three notations, and the notation a list uses, read at the syntax
layer (awesome_lint.syntax.venuemarks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.syntax.parser import parse
from awesome_lint.syntax.venuemarks import Notation, entry_marks, notation, title_without_marks


def _marks(text: str) -> list[tuple[str, str, str, int | None]]:
    document = parse(text)
    return [(m.style, m.raw, m.venue, m.year) for ms in entry_marks(document).values()
            for m in ms]


def test_kbd_bold_bracket_and_table_marks() -> None:
    assert _marks("* [A](https://a.org) <kbd>CVPR 2017 Oral</kbd>\n") == [
        ("kbd", "CVPR 2017 Oral", "CVPR", 2017)]
    assert _marks("- Title | **[CVPR' 19]** |[`[pdf]`](https://a.org/p.pdf)\n") == [
        ("bold-bracket", "CVPR' 19", "CVPR", 2019)]
    table = ("| Title | Venue | Date |\n|---|:---:|---|\n"
             "| [**A**](https://a.org) | **ICLR 2020** | 2020-01 |\n"
             "| [B](https://b.org) | [NeurIPS](https://neurips.cc) | 2021-01 |\n"
             "| [C](https://c.org) | - | 2022-01 |\n")
    assert _marks(table) == [("table-cell", "ICLR 2020", "ICLR", 2020),
                             ("table-cell", "NeurIPS", "NeurIPS", None),
                             ("table-cell", "-", "", None)]


def test_what_is_not_a_mark() -> None:
    assert _marks("* **[A Title](https://a.org)** and **[12]**\n") == []
    assert _marks("| Title | Code |\n|---|---|\n| [A](https://a.org) | CVPR 2020 |\n") == []


def test_cell_spans_point_at_the_text_a_fix_replaces() -> None:
    line = "| [A](https://a.org) |  **CVPR 2020**  |"
    document = parse(f"| Title | Venue |\n|---|---|\n{line}\n")
    [mark] = [m for ms in entry_marks(document).values() for m in ms]
    assert line[mark.inner.column - 1:mark.inner.end_column] == "CVPR 2020"
    assert line[mark.span.column - 1:mark.span.end_column] == "**CVPR 2020**"


@pytest.mark.parametrize(("text", "expected"), [
    ("* [A](https://a.org) <kbd>CVPR 2017</kbd>\n* [B](https://b.org) <kbd>ICCV 2019</kbd>\n",
     Notation("kbd", " ", 4)),
    ("- A | **[CVPR' 19]** | [pdf](https://a.org)\n- B | **[ICCV' 17]** | [pdf](https://b.org)\n",
     Notation("bold-bracket", "' ", 2)),
    ("- A | **[CVPR'19]** | [pdf](https://a.org)\n", Notation("bold-bracket", "'", 2)),
    ("* [A](https://a.org)\n", Notation("kbd", " ", 4)),
])
def test_notation_is_the_lists_own(text: str, expected: Notation) -> None:
    assert notation(parse(text)) == expected


def test_table_notation_and_rendering() -> None:
    table = ("| Title | Venue |\n|---|---|\n| [A](https://a.org) | arXiv |\n"
             "| [B](https://b.org) | CVPR |\n")
    nota = notation(parse(table), "table-cell")
    assert nota == Notation("table-cell", " ", 0)
    assert nota.mark("ICCV", 2023) == "ICCV"
    assert Notation("bold-bracket", "' ", 2).mark("CVPR", 2023) == "**[CVPR' 23]**"
    assert Notation("kbd", " ", 4).mark("NeurIPS", 2020) == "<kbd>NeurIPS 2020</kbd>"


def test_titles_lose_the_marks_the_parser_kept() -> None:
    document = parse("- Deep Widgets: A Survey | **[arXiv' 19]** |[`[pdf]`](https://a.org)\n")
    [(entry, marks)] = entry_marks(document).items()
    assert title_without_marks(entry, marks) == "Deep Widgets: A Survey"


@pytest.mark.parametrize(("name", "expected"), [
    ("hoya012__awesome-anomaly-detection.md", Notation("bold-bracket", "' ", 2)),
    ("patrick-llgc__Learning-Deep-Learning.md", Notation("kbd", " ", 4)),
])
def test_notation_of_real_lists(shared: Path, name: str, expected: Notation) -> None:
    text = (shared / "corpus" / name).read_text(encoding="utf-8")
    assert notation(parse(text)) == expected


def test_table_notation_of_a_real_list(shared: Path) -> None:
    path = shared / "corpus" / "BradyFU__Awesome-Multimodal-Large-Language-Models.md"
    document = parse(path.read_text(encoding="utf-8"))
    cells = [m for ms in entry_marks(document).values() for m in ms if m.style == "table-cell"]
    assert len(cells) > 100
    assert notation(document, "table-cell").digits == 0  # "arXiv", "CVPR": no years


_CELL = st.text(alphabet=st.sampled_from(list("abCV 12'|*[]()`\\-_<>kbd/")), max_size=25)


@settings(max_examples=150, deadline=None)
@given(cells=st.lists(_CELL, min_size=1, max_size=5), bold=_CELL)
def test_marks_are_total_and_their_spans_hold_their_text(cells: list[str], bold: str) -> None:
    """Whatever the cells and brackets hold, reading marks never raises, and each mark's
    inner span is exactly its text on its line (what a fix replaces)."""
    row = "| [T](https://t.org) | " + " | ".join(cells) + " |"
    text = (f"| Title | Venue | {' | '.join('c' for _ in cells[1:])} |\n"
            f"|---|---|{'---|' * len(cells[1:])}\n{row}\n\n"
            f"- Title | **[{bold}]** | [pdf](https://p.org)\n")
    document = parse(text)
    for marks in entry_marks(document).values():
        for mark in marks:
            line = document.line_text(mark.inner.line)
            if mark.raw:
                assert line[mark.inner.column - 1:mark.inner.end_column] == mark.raw
            assert 1 <= mark.span.column <= mark.span.end_column <= len(line)
