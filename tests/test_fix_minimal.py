"""``fix`` changes only what findings name; its previews tell the truth about the file on
disk; ``--diff`` hunks come from the edits and apply with the real ``patch``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.autofix.linemap import LineMap, edit_lines, unified_diff
from awesome_lint.config import Config
from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.engine import FixResult, fix_text, lint
from awesome_lint.engine import preview as fix_report
from awesome_lint.rules import Rule, all_rules
from tests.conftest import shared_lists
from tests.test_formatter import documents

REAL = shared_lists()


def unnamed_lines_lost(result: FixResult) -> list[int]:
    """Lines of the input that no applied finding names and that do not come out of
    ``fix`` unchanged and in order."""
    named = result.line_map.named if result.line_map is not None else set()
    old = result.original.lstrip("\ufeff").splitlines()
    new = result.text.lstrip("\ufeff").splitlines()
    lost, at = [], 0
    for number, line in enumerate(old, 1):
        if number in named:
            continue
        found = at
        while found < len(new) and new[found] != line:
            found += 1
        if found == len(new):
            lost.append(number)
        else:
            at = found + 1
    return lost


def apply_with_patch(tmp_path: Path, original: str, diff: str) -> str:
    """Apply ``diff`` to ``original`` with the real ``patch`` program."""
    target = tmp_path / "README.md"
    target.write_bytes(original.encode("utf-8"))
    done = subprocess.run(["patch", "-p1", "--quiet", "--no-backup-if-mismatch"],
                          input=diff.encode("utf-8"), cwd=tmp_path, capture_output=True,
                          check=False, timeout=60)
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    return target.read_text(encoding="utf-8")


# -- real lists ------------------------------------------------------------------------------
@pytest.mark.skipif(not REAL, reason="../shared is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_fix_changes_only_named_lines_and_leaves_clean_lists_alone(path: Path,
                                                                    tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for unsafe in (False, True):
        result = fix_text(text, unsafe=unsafe)
        assert unnamed_lines_lost(result) == []
        if not lint(text):
            assert result.text == text  # check passes: byte-identical
        if unsafe or not result.changed or "\r" in text:
            continue
        diff = "".join(fix_report.diff(result, "README.md"))
        assert apply_with_patch(tmp_path, text.lstrip("\ufeff"), diff) == \
            result.text.lstrip("\ufeff")


@pytest.mark.skipif(not REAL, reason="../shared is absent")
def test_layout_findings_name_every_line_their_fixes_edit() -> None:
    config = Config(select=("FMT",))
    for path in REAL:
        text = path.read_text(encoding="utf-8")
        lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
        for d in lint(text, config):
            for edit in d.fix.edits if d.fix else ():
                touched = edit_lines(lines, edit)
                assert d.line <= touched[0] and touched[-1] <= d.end_line, (path.name, d)


@pytest.mark.skipif(not REAL, reason="../shared is absent")
def test_layout_fixes_render_the_same_with_cmark_gfm() -> None:
    cmarkgfm = pytest.importorskip("cmarkgfm")

    def html(text: str) -> str:
        return " ".join(cmarkgfm.github_flavored_markdown_to_html(
            text, options=cmarkgfm.Options.CMARK_OPT_UNSAFE).split())

    fixed = 0
    for path in REAL:
        text = path.read_text(encoding="utf-8")
        result = fix_text(text, Config(select=("FMT",)))
        fixed += len(result.applied)
        assert html(result.text) == html(text), path.name
    assert fixed > 50  # the real lists do depart from their own conventions


@pytest.mark.skipif(not REAL, reason="../shared is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_format_writes_a_layout_the_layout_rules_accept(path: Path) -> None:
    """``format``'s canonical layout is the list's own conventions: no FMT finding on it."""
    from awesome_lint.engine import UnsafeFixError
    from awesome_lint.engine.reformat import format_text

    try:
        formatted = format_text(path.read_text(encoding="utf-8"))
    except UnsafeFixError:
        return  # refused by the guards: nothing written
    assert lint(formatted.text, Config(select=("FMT",))) == []
    assert format_text(formatted.text).text == formatted.text


MUTATIONS = ("dup", "del", "blank", "indent", "dedent", "bullet", "space", "heading", "line")


@st.composite
def mutated_real_lists(draw: st.DrawFn) -> str:
    """40 lines of a real list with a few edits of the kinds that break layouts."""
    lines = draw(st.sampled_from(REAL)).read_text(encoding="utf-8").splitlines()
    start = draw(st.integers(0, max(0, len(lines) - 40)))
    chunk = lines[start:start + 40] or [""]
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(chunk) - 1))
        op = draw(st.sampled_from(MUTATIONS))
        if op == "dup":
            chunk.insert(i, chunk[i])
        elif op == "del" and len(chunk) > 1:
            del chunk[i]
        elif op == "blank":
            chunk.insert(i, "")
        elif op == "indent":
            chunk[i] = "  " + chunk[i]
        elif op == "dedent":
            chunk[i] = chunk[i][1:]
        elif op == "bullet":
            marker = draw(st.sampled_from("-*+"))
            chunk[i] = re.sub(r"^(\s*)[-*+]", r"\g<1>" + marker, chunk[i])
        elif op == "space":
            gap = " " * draw(st.integers(1, 4))
            chunk[i] = re.sub(r"^(\s*[-*+])\s+", r"\g<1>" + gap, chunk[i])
        elif op == "heading":
            chunk.insert(i, "#" * draw(st.integers(1, 3)) + " " * draw(st.integers(1, 3)) + "H")
        else:
            chunk.insert(i, draw(st.sampled_from([")", ".", "| a |", "<details>", "   "])))
    return "\n".join(chunk) + "\n"


@pytest.mark.skipif(not REAL, reason="../shared is absent")
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_real_lists())
def test_layout_fixes_render_the_same_on_mutated_real_lists(text: str) -> None:
    """GitHub's renderer is the judge: the FMT fixes never change the rendered HTML."""
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from awesome_lint.engine import UnsafeFixError
    from awesome_lint.syntax.parser import ParseError

    def html(source: str) -> str:
        return " ".join(cmarkgfm.github_flavored_markdown_to_html(
            source, options=cmarkgfm.Options.CMARK_OPT_UNSAFE).split())

    try:
        result = fix_text(text, Config(select=("FMT",)))
    except (UnsafeFixError, ParseError):
        return
    assert html(result.text) == html(text)
    assert unnamed_lines_lost(result) == []


# -- consistent lists ------------------------------------------------------------------------
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_a_consistent_list_gets_no_layout_finding(pair: tuple[str, str]) -> None:
    clean, noisy = pair
    assert lint(clean, Config(select=("FMT",))) == []
    assert fix_text(clean, Config(select=("FMT", "STY"))).text == clean
    fixed = fix_text(noisy, Config(select=("FMT", "STY")))
    assert unnamed_lines_lost(fixed) == []
    assert fix_text(fixed.text, Config(select=("FMT", "STY"))).text == fixed.text


# -- diffs from edits ------------------------------------------------------------------------
LINE = st.text(alphabet="ab #*-", max_size=6)


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, list[list[Edit]]]:
    """A text and passes of non-overlapping edits (whole lines, insertions, joins)."""
    lines = draw(st.lists(LINE, min_size=1, max_size=12))
    text = original = "\n".join(lines) + draw(st.sampled_from(["", "\n"]))
    passes = []
    for _ in range(draw(st.integers(1, 3))):
        count = text.count("\n") + 1
        chosen = sorted(draw(st.sets(st.integers(1, count), max_size=3)))
        edits = []
        for line in chosen:
            width = len(text.split("\n")[line - 1])
            column = draw(st.integers(1, width + 1))
            delete = draw(st.integers(0, width - column + 1 + (1 if line < count else 0)))
            insert = draw(st.sampled_from(["", "x", "\n", "y\nz", "\n\n"]))
            edits.append(Edit(line, column, delete, insert))
        passes.append(edits)
        text = _apply(text, edits)
    return original, passes


def _apply(text: str, edits: list[Edit]) -> str:
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        start = starts[edit.line - 1] + edit.column - 1
        text = text[:start] + edit.insert + text[start + edit.delete:]
    return text


def _finding(edit: Edit) -> Diagnostic:
    return Diagnostic("FMT004", "blank-lines", "style", Severity.WARNING, edit.line, 1,
                      edit.line, 1, "", Fix((edit,)))


@settings(max_examples=150, deadline=None)
@given(edited())
def test_diff_from_edits_applies_with_patch(case: tuple[str, list[list[Edit]]]) -> None:
    text, passes = case
    original = text
    line_map = LineMap(text.count("\n") + 1)
    for edits in passes:
        edits = [e for e in edits if e.line <= text.count("\n") + 1]
        new = _apply(text, edits)
        assert "\n".join(line_map.advance(text.split("\n"), [_finding(e) for e in edits])) \
            == new
        text = new
    diff = "".join(unified_diff(original, text, line_map, "a/README.md", "b/README.md"))
    if not diff:
        assert original == text
        return
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        assert apply_with_patch(Path(folder), original, diff) == text


# -- the command line ------------------------------------------------------------------------
def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


# line 3's doubled blank line goes; the unfixable empty link on line 7 is line 7 on disk
PREVIEW = ("# Awesome Vision\n\nA list.\n\n\n## Papers\n\n"
           "* [ResNet](https://arxiv.org/abs/1512.03385) [[TBP]()]\n\n## Courses\n\n"
           "* [CS231n](https://cs231n.stanford.edu/)\n\n## Books\n\n"
           "* [Deep Learning](https://www.deeplearningbook.org/)\n\n## Talks\n\n"
           "* [Talk](https://example.org/talk)\n")


def test_check_says_would_fix_with_positions_on_disk(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(PREVIEW, encoding="utf-8")
    done = cli("fix", "--check", "README.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "README.md:8:" in done.stdout and "LNK001" in done.stdout  # line 8 on disk
    assert "Would fix 1 finding." in done.stdout
    assert "All checks passed" not in done.stdout and "Fixed" not in done.stdout
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == PREVIEW
    written = cli("fix", "README.md", cwd=tmp_path)
    assert "Fixed 1 finding." in written.stdout
    assert "README.md:7:" in written.stdout  # the file as written now
    again = cli("fix", "--check", "README.md", cwd=tmp_path)
    # nothing left that fix would change (exit 0), and the finding without a fix is shown
    assert again.returncode == 0 and "Would fix" not in again.stdout
    assert "README.md:7:" in again.stdout and "All checks passed" not in again.stdout


def test_check_counts_hidden_unsafe_fixes(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# List\n\n* ‚≠ê [A](https://a.org)\n* üåü [B](https://b.org)\n", encoding="utf-8")
    done = cli("fix", "--check", "README.md", cwd=tmp_path)
    assert done.returncode == 1
    assert "Would fix 1 finding (1 unsafe hidden; see --unsafe-fixes)." in done.stdout
    diff = cli("fix", "--diff", "README.md", cwd=tmp_path)
    assert diff.returncode == 1
    assert "-* ‚≠ê [A](https://a.org)\n+* ⭐ [A](https://a.org)\n" in diff.stdout
    assert "Would fix 1 finding (1 unsafe hidden" in diff.stderr


def test_a_clean_list_passes_check_and_fix_untouched(tmp_path: Path) -> None:
    text = ("# Awesome Vision\n\n## Papers\n\n"
            "- [ResNet](https://arxiv.org/abs/1512.03385)   <kbd>CVPR 2016</kbd>\n"
            "- [VGG](https://arxiv.org/abs/1409.1556)][[Notes](https://n.org/vgg)]\n")
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    assert cli("check", "README.md", cwd=tmp_path).returncode == 0
    done = cli("fix", "--check", "README.md", cwd=tmp_path)
    assert done.returncode == 0 and "All checks passed!" in done.stdout
    assert cli("fix", "README.md", cwd=tmp_path).returncode == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == text


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
                        "GIT_CONFIG_NOSYSTEM": "1"})


def test_fix_diff_base_changes_only_lines_the_pull_request_changed(tmp_path: Path) -> None:
    old = ("# List\n\n## Papers\n\n* [A](https://a.org)   \n* [B](https://b.org)\n"
           "* [C](https://c.org)\n")
    (tmp_path / "README.md").write_text(old, encoding="utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "README.md")
    _git(tmp_path, "commit", "-q", "-m", "list")
    new = old.replace("* [B](https://b.org)\n", "* [B](https://b.org)  \n- [D](https://d.org) \n")
    (tmp_path / "README.md").write_text(new, encoding="utf-8")
    done = cli("fix", "--diff-base", "main", "README.md", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    # B's and D's trailing spaces go and D gets the list's bullet; A's (not in the PR) stay
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == old.replace(
        "* [C]", "* [D](https://d.org)\n* [C]")
    assert "Fixed 3 findings." in done.stdout


def test_fix_diff_costs_about_what_fix_costs_on_a_big_list() -> None:
    """The diff comes from the edits: no whole-file search (timed in benchmarks/)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from generate import seed_style_list

    result = fix_text(seed_style_list(2000))
    assert result.changed and result.line_map is not None
    diff = "".join(fix_report.diff(result, "README.md"))
    hunks = re.findall(r"^@@ ", diff, re.MULTILINE)
    removed = [line for line in diff.splitlines() if line.startswith("-") and
               not line.startswith("---")]
    assert hunks and len(removed) <= len(result.line_map.named)


# -- the rule reference ----------------------------------------------------------------------
LAYOUT_RULES = [rule for rule in all_rules() if rule.code.startswith("FMT")]


@pytest.mark.parametrize("rule", LAYOUT_RULES, ids=[r.code for r in LAYOUT_RULES])
def test_each_layout_rule_flags_its_bad_example_and_fixes_it_to_the_good_one(
        rule: type[Rule]) -> None:
    config = Config(select=(rule.code,))
    bad, good = rule.bad + "\n", rule.good + "\n"
    assert [d.code for d in lint(bad, config)] == [rule.code]
    assert lint(good, config) == []
    assert fix_text(bad, config).text == good
