"""The syntax layer's venue grammars, one per notation, and the dialect inferred from a list
(awesome_lint.syntax.notations, recorded on Entry.marks and Document.notation)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from awesome_lint.config import Config, ConfigError
from awesome_lint.engine import lint
from awesome_lint.engine.schema import from_mapping
from awesome_lint.syntax.parser import parse

BADGES = from_mapping({"select": ["BDG"]})


def _marks(text: str) -> list[tuple[str, str, str, int | None]]:
    return [(m.style, m.raw, m.venue, m.year) for e in parse(text).entries for m in e.marks]


def _codes(text: str, config: Config = BADGES) -> list[tuple[int, str]]:
    return sorted((d.line, d.code) for d in lint(text, config))


# -- one grammar per notation ---------------------------------------------------------------------
BOLD = """\
- Sparse Coding for Outliers | **[ICML' 18]** | [`[pdf]`](https://example.org/a.pdf)
- Patch Memory for Defects | **[CVPR' 21]** | [`[pdf]`](https://example.org/b.pdf)
- Flow Priors for Video Anomalies | **[ICCV' 18]** | [`[pdf]`](https://example.org/c.pdf)
"""

VENUE_FIRST = """\
## 2019
- [[CVPR](https://example.org/a)] Voxel Nets for Lidar. [[code](https://example.org/ac)]
- [[ICRA](https://example.org/b)] Range Images for Odometry.
- [[ECCV](https://example.org/c)] Sparse Points for Tracking.
"""

ITALIC = """\
-   Contrastive Codes for Speech.
    [[pdf]](https://example.org/a.pdf)
    -   Ana Ruiz and Bo Chen. *ICML 2020*
-   Masked Patches for Images.
    [[pdf]](https://example.org/b.pdf)
    -   Chen Li, Dana Ross and others. *CVPR 2022*
"""

PREFIX = """\
* 2019-ICML - Robust Losses for Noisy Labels. [[Paper]](https://example.org/a)
* 2020-ICLR - Label Cleaning by Agreement. [[Paper]](https://example.org/b)
* 2020-CVPR - Noise-Aware Detection. [[Paper]](https://example.org/c)
"""

TABLE = """\
| Title | Venue | Code |
|---|---|---|
| [Dice Losses](https://example.org/a) | MICCAI 2019 | - |
| [Boundary Terms](https://example.org/b) | MIDL 2019 | - |
"""


@pytest.mark.parametrize(("text", "style", "first"), [
    (BOLD, "bold-bracket", ("bold-bracket", "ICML' 18", "ICML", 2018)),
    (VENUE_FIRST, "venue-first", ("venue-first", "CVPR", "CVPR", 2019)),
    (ITALIC, "italic", ("italic", "ICML 2020", "ICML", 2020)),
    (PREFIX, "year-prefix", ("year-prefix", "2019-ICML", "ICML", 2019)),
    (TABLE, "table-cell", ("table-cell", "MICCAI 2019", "MICCAI", 2019)),
])
def test_each_notation_is_read_and_inferred(text: str, style: str,
                                            first: tuple[str, str, str, int]) -> None:
    document = parse(text)
    assert document.notation is not None and document.notation.venues == (style,)
    assert _marks(text)[0] == first


def test_a_year_prefix_is_not_part_of_the_title() -> None:
    titles = [e.title for e in parse(PREFIX).entries]
    assert titles[0] == "Robust Losses for Noisy Labels."


def test_venue_first_marks_take_the_year_of_their_heading() -> None:
    [mark] = parse(VENUE_FIRST).entries[1].marks
    assert (mark.year, mark.year_from) == (2019, "heading")
    line = VENUE_FIRST.splitlines()[2]
    assert line[mark.inner.column - 1:mark.inner.end_column] == "ICRA"


def test_paren_and_comma_need_a_majority() -> None:
    paren = "".join(f"{i}. Blog, Part {i}: https://example.org/{i} as shown (CVPR 2019)\n"
                    for i in range(1, 5))
    assert {m[0] for m in _marks(paren)} == {"paren"}
    assert _marks("".join(f"{i}. Blog, Part {i}: https://example.org/{i}\n" for i in range(1, 4))
                  + "4. Blog, Last: https://example.org/4 as shown (CVPR 2019)\n") == []
    comma = "".join(f"- [Paper {i}](https://example.org/{i}). ICLR, 2020.\n" for i in range(4))
    assert {m[0] for m in _marks(comma)} == {"comma"}


NUMBERED = """\
1. Youtube, Convolutional Networks: https://example.org/a
2. Medium, Dense Networks (CVPR 2017): https://example.org/b ,every layer sees the others
3. Medium, Separable Convolutions: https://example.org/c
"""


def test_a_venue_closing_a_title_before_its_url_is_a_mark() -> None:
    """One ``(VENUE YEAR)`` closing the title slot of a ``Source, Title: URL`` entry is the
    list's notation (the slot is delimited), and the badge rules judge it."""
    assert _marks(NUMBERED) == [("title-paren", "CVPR 2017", "CVPR", 2017)]
    document = parse(NUMBERED)
    assert document.notation is not None and document.notation.venues == ("title-paren",)
    assert _codes(NUMBERED) == []
    assert _codes(NUMBERED.replace("CVPR 2017", "ICCV 2016")) == [(2, "BDG004")]
    assert _codes("- Dense Networks (ICCV 2016)\n  https://example.org/b\n") == [(1, "BDG004")]


@pytest.mark.parametrize("text", [
    # not closing the title: words follow it before the URL
    "2. Medium, Dense Networks (CVPR 2017) explained: https://example.org/b\n",
    # an unknown name in parentheses is prose
    "2. Medium, Dense Networks (Spring 2019): https://example.org/b\n",
    # a link-titled entry's title is its link text, not the text before a URL
    "- [Dense Networks](https://example.org/b) (ICCV 2016)\n",
    # after the URL, in the comment
    "2. Medium, Dense Networks: https://example.org/b ,as in (ICCV 2016)\n",
])
def test_a_parenthesis_outside_the_title_slot_is_not_a_title_mark(text: str) -> None:
    assert [m for m in _marks(text) if m[0] == "title-paren"] == []
    assert _codes(text) == []


# -- what is not a mark ----------------------------------------------------------------------------
def test_prose_in_a_kbd_list_is_not_read_as_marks() -> None:
    text = ("* [A](https://example.org/a) <kbd>CVPR 2017</kbd> improves on B (ICCV 2015)\n"
            "* [B](https://example.org/b) <kbd>ICCV 2015</kbd>\n"
            "* [C](https://example.org/c) a remark (see NIPS 2016) in text\n")
    assert {m[0] for m in _marks(text)} == {"kbd"}


def test_one_stray_notation_is_not_the_lists() -> None:
    text = ("- [A](https://example.org/a) *ICML 2020*\n"
            "- [B](https://example.org/b) with *emphasis here*\n"
            "- [C](https://example.org/c) and *more emphasis*\n")
    assert _marks(text) == []  # one italic venue among three entries: not a notation


def test_bold_bracket_citations_and_bracket_remarks_are_not_marks() -> None:
    assert _marks("- A | **[12]** | [pdf](https://example.org/a.pdf)\n") == []
    text = "".join(f"- [T{i}](https://example.org/{i}) [CVPR 2019] [Ann Lee, Acme Lab]\n"
                   for i in range(4))
    assert {m[1] for m in _marks(text)} == {"CVPR 2019"}


# -- the badge rules read every notation ----------------------------------------------------------
def test_badge_rules_find_defects_in_every_notation() -> None:
    bold = BOLD + "- Old Names | **[NIPS' 19]** | [`[pdf]`](https://example.org/d.pdf)\n"
    assert _codes(bold) == [(3, "BDG004"), (4, "BDG003")]
    first = VENUE_FIRST + "- [[CPVR](https://example.org/d)] Typo Venue.\n"
    assert _codes(first) == [(4, "BDG004"), (5, "BDG006")]  # ECCV meets in even years
    italic = ITALIC + ("-   Spelling.\n    [[pdf]](https://example.org/c.pdf)\n"
                       "    -   Eve Ng. *ICCV 2020*\n")
    assert _codes(italic) == [(9, "BDG004")]
    prefix = PREFIX + "* 2021-NIPS - Late Names. [[Paper]](https://example.org/d)\n"
    assert _codes(prefix) == [(4, "BDG003")]
    table = TABLE + "| [Focal Terms](https://example.org/c) | ICCV 2016 | - |\n"
    assert _codes(table) == [(5, "BDG004")]


def test_year_format_is_judged_against_the_lists_majority() -> None:
    # two-digit apostrophe years are this list's way: a four-digit one deviates
    text = BOLD + "- Four Digits | **[CVPR 2022]** | [pdf](https://example.org/d.pdf)\n"
    found = lint(text, BADGES)
    assert [(d.line, d.code) for d in found] == [(3, "BDG004"), (4, "BDG002")]
    assert "write **[CVPR' 22]**" in found[1].message
    # and a list of four-digit kbd years keeps them
    kbd = "".join(f"* [P{i}](https://example.org/{i}) <kbd>CVPR 20{10 + i}</kbd>\n"
                  for i in range(4))
    assert _codes(kbd) == []


def test_a_fix_writes_the_lists_notation() -> None:
    from awesome_lint.engine import fix_text

    text = PREFIX + "* 2021-NIPS - Late Names. [[Paper]](https://example.org/d)\n"
    fixed = fix_text(text, BADGES).text
    assert "* 2021-NeurIPS - Late Names." in fixed
    assert fixed.count("\n") == text.count("\n")


# -- configuration overrides the inference --------------------------------------------------------
def test_config_sets_the_venue_notations() -> None:
    bold = BOLD + "- Old Names | **[NIPS' 19]** | [pdf](https://example.org/d.pdf)\n"
    assert _codes(bold, _with_table("dialect", {"venue-notations": ["kbd"]})) == []
    forced = _with_table("dialect", {"venue-notations": ["bracket"]})
    text = "* [A](https://example.org/a) [ICCV 2018]\n"  # one mark: never inferred
    assert _codes(text) == []
    assert _codes(text, forced) == [(1, "BDG004")]


def test_config_sets_the_year_digits() -> None:
    kbd = "".join(f"* [P{i}](https://example.org/{i}) <kbd>CVPR 20{10 + i}</kbd>\n"
                  for i in range(3))
    two = _with_table("dialect", {"year-digits": 2})
    assert Counter(d.code for d in lint(kbd, two)) == {"BDG002": 3}


def test_bad_dialect_config_is_a_clear_error() -> None:
    from awesome_lint.syntax.dialect import validate

    with pytest.raises(ConfigError, match="venue-notations"):
        validate({"venue-notations": ["kbd", "smoke-signals"]}, "dialect")
    with pytest.raises(ConfigError, match="year-digits"):
        validate({"year-digits": 3}, "dialect")


def _with_table(name: str, table: dict[str, object]) -> Config:
    return from_mapping({name: table, "select": ["BDG"]})


# -- awesome-lint dialect ------------------------------------------------------------------------
def test_dialect_command_prints_toml_that_loads_back(tmp_path: Path) -> None:
    import tomllib

    readme = tmp_path / "README.md"
    readme.write_text("# Papers\n\n## 2019\n" + VENUE_FIRST.split("\n", 1)[1], encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "awesome_lint", "dialect", str(readme)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    table = tomllib.loads(done.stdout)["tool"]["awesome-lint"]["dialect"]
    assert table["venue-notations"] == ["venue-first"]
    assert table["classic"] is False and table["bullet"] == "-"
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(done.stdout, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "awesome_lint", "check", "--select", "BDG",
                            str(readme)], capture_output=True, text=True, timeout=60,
                           cwd=tmp_path, check=False)
    assert check.returncode == 1 and "BDG004" in check.stdout, check.stdout + check.stderr


def test_dialect_command_on_a_missing_file(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "awesome_lint", "dialect",
                           str(tmp_path / "nope.md")], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "nope.md" in done.stderr


def test_a_year_after_a_bold_title_is_a_year_mark() -> None:
    text = "".join(f"- **Paper {i}** ({year}), A. Author [[pdf]](https://example.org/{i})\n"
                   for i, year in enumerate((2014, 2015, 2016, 2104)))
    document = parse(text)
    assert document.notation is not None and document.notation.venues == ("title-year",)
    # a notation of years: no year-only finding, but an impossible year is one
    assert _codes(text) == [(4, "BDG004")]


def test_a_wrongly_doubled_letter_is_a_typo_of_the_venue() -> None:
    text = ("* [A](https://example.org/a) <kbd>ECCV 2020</kbd>\n"
            "* [B](https://example.org/b) <kbd>EECV 2020</kbd>\n")
    found = lint(text, BADGES)
    assert [(d.line, d.code) for d in found] == [(2, "BDG006")]
    assert "did you mean ECCV" in found[0].message
    # one letter changed the other way is another venue (GCPR is not ICPR)
    assert _codes("* [C](https://example.org/c) <kbd>GCPR 2020</kbd>\n") == []


# -- tag notation: code-span tags and a Keywords line ---------------------------------------------
CODE_TAGS = """\
# Point Papers

### Keywords

__`cls.`__: classification &emsp; | &emsp; __`seg.`__: segmentation
__`det.`__: detection

## Papers
- [[CVPR](https://example.org/a)] Point Sets. [__`cls.`__ __`seg.`__]
- [[ICCV](https://example.org/b)] Voxel Grids. [__`det.`__]
- [[ECCV](https://example.org/c)] Range Views. [__`det`__]
"""


def test_code_span_tags_and_their_keywords_line() -> None:
    document = parse(CODE_TAGS)
    assert document.notation is not None
    assert (document.notation.tags, document.notation.legend) == ("bold-code-span", "line")
    tags = from_mapping({"select": ["TAG"]})
    found = lint(CODE_TAGS, tags)
    assert [(d.line, d.code) for d in found] == [(11, "TAG001")]
    assert "did you mean [det.]" in found[0].message


def test_bracket_tags_stay_the_default_notation() -> None:
    text = ("Tags: [Gml], [Opt]\n\n* [Gml] [A](https://example.org/a)\n"
            "* [Opt] [B](https://example.org/b)\n")
    document = parse(text)
    assert document.notation is not None and document.notation.tags == "bracket"


# -- entry shapes: numbered citation paragraphs ---------------------------------------------------
CITATIONS = """\
## Vision

**[1]** Doe, Jane, et al. "**Sparse filters for edges**." CVPR (2014). [[pdf]](https://example.org/1.pdf)

**[2]** Roe, Rick. "**Deep pooling**." ICCV (2015). [[pdf]](https://example.org/2.pdf)

**[3]** Poe, Ann. "**Residual pooling**." ECCV (2015). [[pdf]](https://example.org/3.pdf)

**[3b]** Poe, Ann. "**Residual pooling**." ECCV (2016). [[pdf]](https://example.org/3.pdf)
"""


def test_citation_paragraphs_are_entries_with_a_venue() -> None:
    document = parse(CITATIONS)
    assert [e.title for e in document.entries] == [
        "Sparse filters for edges", "Deep pooling", "Residual pooling", "Residual pooling"]
    assert document.notation is not None and document.notation.venues == ("citation",)
    [mark] = document.entries[2].marks
    assert (mark.venue, mark.year) == ("ECCV", 2015)
    found = [(d.line, d.code) for d in lint(CITATIONS, from_mapping({}))]
    assert (7, "BDG004") in found  # ECCV meets in even years
    assert (9, "DUP001") in found  # the same paper twice


def test_a_bold_title_with_labelled_link_bullets_is_one_entry() -> None:
    text = ("# Detection\n\n**Sparse Anchors for Detection**\n\n"
            "- Paper: https://arxiv.org/abs/2301.00001\n- Code: https://github.com/ex/sparse\n\n"
            "**Sparse Anchors for Detection (long version)**\n\n"
            "- Paper: https://arxiv.org/pdf/2301.00001.pdf\n- Code: https://github.com/ex/sparse\n")
    document = parse(text)
    assert [(e.line, e.end_line, e.title) for e in document.entries] == [
        (3, 6, "Sparse Anchors for Detection"),
        (8, 11, "Sparse Anchors for Detection (long version)")]
    assert [link.role.value for link in document.entries[0].links] == ["title", "resource"]
    found = [(d.line, d.code) for d in lint(text, from_mapping({"select": ["DUP"]}))]
    assert found == [(8, "DUP001")]
    # a list of ordinary entries under a bold line stays a list of entries
    plain = "**Tools**\n\n- [Nmap](https://nmap.org) - scanner\n- [Zmap](https://zmap.io)\n"
    assert len(parse(plain).entries) == 2


# -- the corpus: each list's notation, as SOURCES.tsv describes it --------------------------------
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXPECTED = {
    "BradyFU": ("table-cell",), "JunMa11": ("table-cell",), "Yochengliu": ("venue-first",),
    "datvuthanh": ("kbd",), "floodsung": ("citation",), "hoya012": ("bold-bracket",),
    "jason718": ("italic",), "patrick-llgc": ("kbd",), "subeeshvasu": ("year-prefix",),
    "terryum": ("title-year",), "sindresorhus": (), "avelino": (), "vinta": (),
    "ChristosChristofidis": (), "amusi": (), "dennybritz": (), "kmario23": (),
    "trimstray": (),
}


def test_each_corpus_list_gets_its_own_notation() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    seen = set()
    for path in sorted(CORPUS.glob("*.md")):
        owner = path.name.split("__")[0]
        document = parse(path.read_text(encoding="utf-8-sig"))
        assert document.notation is not None
        assert document.notation.venues == EXPECTED[owner], path.name
        seen.add(owner)
    assert seen == set(EXPECTED)
    yochengliu = parse(next(CORPUS.glob("Yochengliu__*.md")).read_text(encoding="utf-8"))
    assert yochengliu.notation is not None
    assert (yochengliu.notation.tags, yochengliu.notation.legend) == ("bold-code-span", "line")


def test_a_heading_that_links_another_page_is_not_an_empty_section() -> None:
    text = ("# Notes\n\n## Losses\n* [Focal](https://arxiv.org/abs/1708.02002)\n\n"
            "## In Depth: [Vision](vision/README.md)\n## Empty\n## Last\n"
            "* [B](https://example.org/b)\n")
    found = [(d.line, d.code) for d in lint(text, from_mapping({"select": ["STR001"]}))]
    assert found == [(7, "STR001")]


def test_titles_are_titles_only() -> None:
    titles = [e.title for e in parse(BOLD).entries]
    assert titles[0] == "Sparse Coding for Outliers"
    assert [e.title for e in parse(PREFIX).entries][1] == "Label Cleaning by Agreement."


def test_a_legend_kept_as_a_table() -> None:
    text = ("# Papers\n\n| Tag | Meaning |\n|---|---|\n| [Gml] | General ML |\n"
            "| [Opt] | Optimization |\n\n* [Gml] [Adam](https://arxiv.org/abs/1412.6980)\n"
            "* [Opt] [SGDR](https://arxiv.org/abs/1608.03983)\n"
            "* [Gmk] [GCN](https://arxiv.org/abs/1609.02907)\n")
    document = parse(text)
    assert document.notation is not None and document.notation.legend == "table"
    found = lint(text, from_mapping({"select": ["TAG"]}))
    assert [(d.line, d.code) for d in found] == [(10, "TAG001")]
    assert "did you mean [Gml]" in found[0].message
    # a table of plain words under a "Category" header is no legend
    plain = ("| Category | Meaning |\n|---|---|\n| Vision | Images |\n| Speech | Audio |\n\n"
             "* [Gml] [Adam](https://arxiv.org/abs/1412.6980)\n")
    assert lint(plain, from_mapping({"select": ["TAG"]})) == []


def test_topic_badges_with_a_kbd_legend_table() -> None:
    text = ("# Notes\n\n## Topic badges\n| badge | topic |\n| --- | --- |\n"
            "| <kbd>MI</kbd> | medical imaging |\n| <kbd>AD</kbd> | autonomous driving |\n\n"
            "## Papers\n* [U-Net](https://arxiv.org/abs/1505.04597) <kbd>MI</kbd> "
            "<kbd>MICCAI 2015</kbd>\n* [PointPillars](https://arxiv.org/abs/1812.05784) "
            "<kbd>AD</kbd> <kbd>CVPR 2019</kbd>\n"
            "* [Attention U-Net](https://arxiv.org/abs/1804.03999) <kbd>MD</kbd>\n")
    found = lint(text, from_mapping({"select": ["TAG"]}))
    assert [(d.line, d.code) for d in found] == [(12, "TAG001")]
    assert "did you mean <kbd>MI</kbd>" in found[0].message
