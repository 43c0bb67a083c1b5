"""The AWE family on real lists: dialect inference, paper lists left alone, fixes that touch
only what the findings name, the repository-file rules through the real command line."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_lint.config import ConfigError
from awesome_lint.engine import fix_text, lint
from awesome_lint.engine.schema import from_mapping
from awesome_lint.syntax.dialect import infer, options_for
from awesome_lint.syntax.parser import parse
from tests.conftest import SHARED

CLASSIC = ("sindresorhus__awesome", "vinta__awesome-python", "avelino__awesome-go",
           "ChristosChristofidis__awesome-deep-learning",
           "trimstray__the-book-of-secret-knowledge")
AWE = from_mapping({"select": ["AWE"]})


def _corpus(name: str) -> str:
    path = SHARED / "corpus" / f"{name}.md"
    if not path.is_file():
        pytest.skip("../shared is absent")
    return path.read_text(encoding="utf-8")


# -- dialect ---------------------------------------------------------------------------------
def test_dash_majority_makes_a_list_classic() -> None:
    text = "".join(f"- [p{i}](https://e.org/{i}) - Thing {i}.\n" for i in range(4))
    dialect = infer(parse(text))
    assert dialect.classic and not dialect.forced
    assert (dialect.link_entries, dialect.dashed_entries, dialect.badge_line) == (4, 4, None)


BADGE = "# Awesome X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"


def test_badge_over_name_link_entries_makes_a_list_classic() -> None:
    """ChristosChristofidis' style: numbered `[Name](url) by Author` entries, no dash."""
    text = BADGE + "".join(f"{i}. [Book {i}](https://e.org/{i}) by Someone\n"
                           for i in range(1, 5))
    dialect = infer(parse(text))
    assert dialect.badge_line == 1 and dialect.classic
    assert (dialect.shaped_entries, dialect.entries) == (4, 4)


def test_badge_over_a_paper_list_is_not_classic() -> None:
    """The badge does not turn venue-badged or notes-linked papers into classic entries."""
    text = BADGE + "".join(f"- [Paper {i}](https://arxiv.org/abs/1512.0{i}) "
                           f"[[Notes](n{i}.md)] <kbd>CVPR 2016</kbd>\n" for i in range(4))
    text += "- Title only.\n  [[pdf]](https://arxiv.org/abs/1512.09999)\n"
    assert not infer(parse(text)).classic
    assert lint(text, AWE) == []


def test_paper_style_entries_are_not_classic() -> None:
    text = "".join(f"* [Paper {i}](https://arxiv.org/abs/1512.0{i}) [[Notes](n{i}.md)] "
                   f"<kbd>CVPR 2016</kbd>\n" for i in range(6))
    assert not infer(parse(text)).classic


def test_config_forces_the_dialect_both_ways() -> None:
    classic = "".join(f"- [p{i}](https://e.org/{i}) - Thing {i}.\n" for i in range(4))
    off = options_for(from_mapping({"dialect": {"classic": False}}))
    assert not infer(parse(classic), off).classic and infer(parse(classic), off).forced
    on = options_for(from_mapping({"dialect": {"classic": True}}))
    assert infer(parse("* [a](https://a.org)\n"), on).classic
    assert options_for(from_mapping({"dialect": {"classic": "auto"}})).classic is None


@pytest.mark.parametrize("table", [{"classic": "yes"}, {"classical": True}, "true"])
def test_bad_dialect_config_is_an_error_naming_the_key(table: object) -> None:
    with pytest.raises(ConfigError, match="dialect"):
        from_mapping({"dialect": table})


# -- paper lists -----------------------------------------------------------------------------
def test_paper_lists_get_no_awe_findings_unless_configured() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared is absent")
    forced = from_mapping({"select": ["AWE"], "dialect": {"classic": True},
                           "rules": {"awesome-badge": {"require": True}}})
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        assert not infer(parse(text)).classic, seed.name
        assert lint(text, AWE) == [], seed.name
        assert lint(text, forced), f"{seed.name}: forcing classic must find something"


def test_formatter_sort_entries_and_awe401_agree() -> None:
    """``[format] sort-entries`` and AWE401 share one key: the formatted list is sorted."""
    config = from_mapping({"extend-select": ["AWE401"], "dialect": {"classic": True},
                           "format": {"sort-entries": True}})
    text = ("- [The Zen](https://e.org/zen) - Zen.\n- [beta](https://e.org/b) - Beta.\n"
            "- 🚀 [Alpha](https://e.org/a) - Alpha.\n- [a gamma](https://e.org/g) - Gamma.\n")
    once = fix_text(text, config, unsafe=True, format=True)
    assert [line.split("](")[0] for line in once.text.splitlines()] == [
        "- 🚀 [Alpha", "- [beta", "- [a gamma", "- [The Zen"]
    assert not [d for d in lint(once.text, config) if d.code == "AWE401"]
    assert fix_text(once.text, config, unsafe=True, format=True).text == once.text


# -- the classic corpus ----------------------------------------------------------------------
@pytest.mark.parametrize("name", CLASSIC)
def test_fix_changes_only_what_the_findings_name(name: str) -> None:
    text = _corpus(name)
    found = lint(text, AWE)
    named: set[int] = set()
    for diagnostic in found:
        if diagnostic.fix is None:
            continue
        for edit in diagnostic.fix.edits:
            deleted = text.lstrip("\ufeff").split("\n")[edit.line - 1:]
            span, budget = 0, edit.delete
            while budget > 0 and span < len(deleted):
                budget -= len(deleted[span]) + 1
                span += 1
            named.update(range(edit.line, edit.line + max(span, 1)))
    result = fix_text(text, AWE, unsafe=True)
    before, after = text.lstrip("\ufeff").split("\n"), result.text.lstrip("\ufeff").split("\n")
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            assert set(range(i1 + 1, i2 + 1)) <= named, f"{name}: lines {i1 + 1}-{i2} changed"
        elif tag == "insert":
            assert {i1, i1 + 1} & named, f"{name}: lines inserted at {i1 + 1}"
    left = lint(result.text, AWE)
    assert [d for d in left if d.fix is not None] == [], name
    assert {d.code for d in left} <= {d.code for d in found}


BADGED_PAPER_LISTS = ("jason718__awesome-self-supervised-learning",
                      "terryum__awesome-deep-learning-papers",
                      "Yochengliu__awesome-point-cloud-analysis",
                      "subeeshvasu__Awesome-Learning-with-Label-Noise")


def test_corpus_dialects() -> None:
    inferred = {name: infer(parse(_corpus(name))).classic for name in CLASSIC}
    # trimstray writes its entries in HTML paragraphs: nothing classic to judge
    assert inferred == {name: name != "trimstray__the-book-of-secret-knowledge"
                        for name in CLASSIC}
    # paper lists under the Awesome badge keep their own conventions
    for name in BADGED_PAPER_LISTS:
        text = _corpus(name)
        assert infer(parse(text)).badge_line is not None
        assert not infer(parse(text)).classic and lint(text, AWE) == [], name


# -- repository files through the command line -----------------------------------------------
def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=60, check=False)


LIST = ("# Awesome Go [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
        "- [gin](https://example.org/gin) - Web framework.\n")


def test_repository_files_found_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "readme.md").write_text(LIST, encoding="utf-8")
    first = _cli("check", "--select", "AWE5", "docs/readme.md", cwd=tmp_path)
    assert first.returncode == 1
    assert [line.split()[1] for line in first.stdout.splitlines() if "AWE5" in line] == [
        "AWE501", "AWE502", "AWE503"]
    assert all(":1:1" in line for line in first.stdout.splitlines() if "AWE5" in line)
    for name in ("CONTRIBUTING.md", "LICENSE", "code-of-conduct.md"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    second = _cli("check", "--select", "AWE5", "docs/readme.md", cwd=tmp_path)
    assert second.returncode == 0, second.stdout


def test_repository_files_need_a_file_on_disk() -> None:
    """Text without a path (the library API) has no folder to look in: nothing to report."""
    assert lint(LIST, from_mapping({"select": ["AWE5"]})) == []
