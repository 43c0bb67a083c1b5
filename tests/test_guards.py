"""The cmark-gfm guard: occurrences by count, rendering outside the declared lines."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from awesome_lint.autofix import guards
from awesome_lint.autofix.apply import apply_fixes
from awesome_lint.config import Config
from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.engine import UnsafeFixError, fix_text
from tests.fixture_cases import FIXTURES, Case, load


def _edited(text: str, *edits: Edit) -> tuple[str, guards.Declared]:
    fix = Fix(tuple(edits))
    found = Diagnostic("X001", "x", "test", Severity.ERROR, 1, 1, 1, 1, "x", fix)
    after = apply_fixes(text, [found]).text
    return after, guards.Declared.of_edits(text, after, edits)


# -- lossless by count ----------------------------------------------------------------------
def test_a_url_that_survives_elsewhere_still_counts_as_lost() -> None:
    text = "- [A](https://a.org)\n- [B](https://a.org)\n"
    after, declared = _edited(text, Edit(2, 3, 16, "B"))
    refusal = guards.judge(text, after, declared)
    assert refusal is not None
    assert refusal.message == ("fix would lose the link 'https://a.org' (line 2); "
                               "nothing written")
    assert refusal.line == 2


def test_a_declared_removal_allows_one_occurrence_only() -> None:
    text = "- [A](https://a.org)\n- [B](https://a.org)\n- [C](https://a.org)\n"
    one, declared = _edited(text, Edit(3, 1, 21, ""))
    assert guards.judge(text, one, declared, ["https://a.org"]) is None
    two, declared = _edited(text, Edit(2, 1, 42, ""))
    refusal = guards.judge(text, two, declared, ["https://a.org"])
    assert refusal is not None and "lose the link 'https://a.org'" in refusal.message


def test_a_link_our_parser_never_saw_is_counted() -> None:
    """A CommonMark link whose ``)`` is on the next line: GitHub renders it as a link."""
    text = "* [Notes](notes/resnet.md\n)\n* [VGG](notes/vgg.md)\n"
    after, declared = _edited(text, Edit(2, 1, 2, ""))
    refusal = guards.judge(text, after, declared)
    assert refusal is not None
    assert "lose the link 'notes/resnet.md' (line 1)" in refusal.message


@pytest.mark.parametrize(("html", "kind", "value", "line"), [
    ('<a href="https://a.org">A</a>', "link", "https://a.org", 4),
    ('<a name="top"></a>', "anchor", "top", 4),
    ('<a id="top"></a>', "anchor", "top", 4),
    ('<img src="logo.png" width="80">', "image", "logo.png", 4),
    # markdown inside an HTML block is text to GitHub: only the paragraph's one counts
    ("![logo](logo.png)", "image", "logo.png", 7),
    ("see https://bare.org now", "link", "https://bare.org", 7),
])
def test_html_anchors_images_and_bare_urls_count(html: str, kind: str, value: str,
                                                 line: int) -> None:
    text = f"# T\n\n<p>\n{html}\n</p>\n\nText {html}\n"
    after = "# T\n\n<p>\n</p>\n\nText\n"
    refusal = guards.judge(text, after, guards.Declared.of_diff(text, after))
    assert refusal is not None
    assert f"lose the {kind} '{value}' (line {line})" in refusal.message


def test_destinations_compare_in_one_form() -> None:
    """Entities, percent-escapes and angle brackets do not make two destinations."""
    text = "[a](<https://a.org/x y?a=1&amp;b=2>)\n"
    after = "[a](https://a.org/x%20y?a=1&b=2)\n"
    assert guards.judge(text, after, guards.Declared.of_diff(text, after)) is None


# -- rendering outside the declared lines -----------------------------------------------------
def test_a_blank_line_that_pushes_a_row_out_of_a_table_is_refused() -> None:
    text = "| a | b |\n|---|---|\n| 1 | 2 |\nrow three\n"
    after, declared = _edited(text, Edit(4, 1, 0, "\n"))
    assert declared == guards.Declared(frozenset(), frozenset({4}))
    refusal = guards.judge(text, after, declared)
    assert refusal is not None
    assert refusal.line == 4 and "renders line 4 ('row three')" in refusal.message


def test_a_blank_line_that_makes_a_list_loose_is_refused() -> None:
    text = "- [A](https://a.org)\n- [B](https://b.org)\n- [C](https://c.org)\n"
    after, declared = _edited(text, Edit(2, 1, 0, "\n"))
    assert guards.judge(text, after, declared) is not None


def test_deleting_or_rewriting_declared_lines_is_allowed() -> None:
    text = "# T\n\n- [A](https://a.org)\n- [B](https://b.org)\n- [C](https://c.org)\n\nEnd.\n"
    after, declared = _edited(text, Edit(4, 1, 21, ""))
    assert guards.judge(text, after, declared, ["https://b.org"]) is None
    after, declared = _edited(text, Edit(4, 4, 1, "b"))
    assert guards.judge(text, after, declared) is None
    last, declared = _edited(text, Edit(3, 1, 63, ""))  # the whole list
    assert guards.judge(text, last, declared, ["https://a.org", "https://b.org",
                                               "https://c.org"]) is None


def test_deleting_the_first_line_of_a_paragraph_is_allowed() -> None:
    """The paragraph's other lines now start where the deleted one was: set aside too."""
    text = "# T\n\n[![A](a.svg)](https://a.org)\n[![B](b.svg)](https://b.org)\n\nEnd.\n"
    after, declared = _edited(text, Edit(3, 1, 30, ""))
    assert guards.judge(text, after, declared, ["a.svg", "https://a.org"]) is None
    assert guards.judge(text, after.replace("End.", "Fin."), declared,
                        ["a.svg", "https://a.org"]) is not None


def test_one_bullet_for_a_list_that_mixed_them_is_allowed() -> None:
    """Three lists become one: the items keep their number and text."""
    text = "* [A](https://a.org)\n- [B](https://b.org)\n* [C](https://c.org)\n"
    after, declared = _edited(text, Edit(2, 1, 1, "*"))
    assert guards.judge(text, after, declared) is None


def test_a_change_on_an_undeclared_line_is_refused() -> None:
    text = "# T\n\n* [A](https://a.org)\n* [B](https://b.org)\n"
    after = text.replace("[B]", "[Bee]")
    refusal = guards.judge(text, after, guards.Declared(frozenset({3}), frozenset({3})))
    assert refusal is not None and refusal.line == 4


def test_edits_declare_exactly_the_lines_they_change() -> None:
    text = "a\nb\nc\nd\n"
    _, declared = _edited(text, Edit(2, 1, 2, ""), Edit(4, 2, 0, "!\ne"))
    assert declared == guards.Declared(frozenset({2, 4}), frozenset({3, 4}))


# -- through the engine and the command line ---------------------------------------------------
def test_fix_refuses_a_rule_fix_that_loses_an_undeclared_occurrence(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from awesome_lint.rules import duplicates

    original = duplicates.DuplicateEntry.check

    def undeclared(self, ctx):  # type: ignore[no-untyped-def]
        for found in original(self, ctx):
            if found.fix is not None:
                found = replace(found, fix=replace(found.fix, removes=()))
            yield found

    monkeypatch.setattr(duplicates.DuplicateEntry, "check", undeclared)
    text = "* [YOLO](https://arxiv.org/abs/1506.02640)\n" \
           "* [YOLO](https://arxiv.org/abs/1506.02640)\n"
    with pytest.raises(UnsafeFixError, match=r"lose the link .* \(line 2\)") as info:
        fix_text(text, Config())
    assert info.value.line == 2


def test_check_never_imports_cmarkgfm(tmp_path: Path) -> None:
    """pre-commit's hot path: the renderer is loaded by fix and format only."""
    target = tmp_path / "README.md"
    target.write_text("# T\n\n* [A](https://a.org)  \n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "awesome_lint", "check",
                           str(target)], capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "STY002" in done.stdout
    assert "awesome_lint.engine" in done.stderr  # the import log is there
    assert "cmarkgfm" not in done.stderr
    fixed = subprocess.run([sys.executable, "-X", "importtime", "-m", "awesome_lint", "fix",
                            str(target)], capture_output=True, text=True, check=False)
    assert "cmarkgfm" in fixed.stderr  # the same probe sees it where it is used


# -- the failures of issue #15, in our own words (fixtures/fix_safety.md) ----------------------
SAFETY = load(FIXTURES / "fix_safety.md")


@pytest.mark.parametrize("case", SAFETY, ids=[c.title for c in SAFETY])
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("format", [False, True], ids=["fix", "fix+format"])
def test_issue_failures_are_safe_now(case: Case, unsafe: bool, format: bool) -> None:
    """Every default rule and the formatter: nothing refused, nothing lost, GitHub renders
    the same outside the lines that changed, and a second run changes nothing."""
    result = fix_text(case.input, Config(), unsafe=unsafe, format=format)
    declared = guards.Declared.of_diff(case.input, result.text)
    assert guards.judge(case.input, result.text, declared, result.intended.elements()) is None
    again = fix_text(result.text, Config(), unsafe=unsafe, format=format)
    assert again.text == result.text


def test_toc_anchors_that_github_resolves_never_move() -> None:
    case = next(c for c in SAFETY if "TOC" in c.title)
    for unsafe in (False, True):
        result = fix_text(case.input, Config(), unsafe=unsafe, format=True)
        assert "(#shell-tools-toc)" in result.text and "(#browser-tools-toc)" in result.text
        assert "#-shell-tools" not in result.text and "#-browser-tools" not in result.text
