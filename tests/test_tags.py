"""Tag conventions (``TAG`` rules): config cases, the seed and corpus lists, properties."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.config import Config, ConfigError
from awesome_lint.engine import fix_text, lint
from awesome_lint.engine.schema import from_mapping
from awesome_lint.model import Span
from awesome_lint.rules import all_rules
from awesome_lint.syntax import tags as conv
from awesome_lint.syntax.parser import parse

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
TAGS_ONLY = Config().with_overrides(select=("TAG",))
# -- the shared lists ------------------------------------------------------------------------------
def _shared(folder: Path, pattern: str) -> list[Path]:
    if not folder.is_dir():
        pytest.skip("../shared is not available")
    return sorted(folder.glob(pattern))


#: Hand count: seeds 000 and 001 carry the same seven-tag legend (lines 24-30) and no entry
#: uses any tag; seeds 002-004 have no legend.
SEED_COUNTS = {
    "000_b0be866922e18fab.txt": {"TAG002": 7},
    "001_838255085520cd98.txt": {"TAG002": 7},
    "002_19adcd5dca8c0e79.txt": {},
    "003_ce96beb1a467b61c.txt": {},
    "004_ba3d963ac3089cdc.txt": {},
}


def test_seed_counts() -> None:
    seeds = _shared(SEEDS, "*.txt")
    assert {p.name for p in seeds} >= set(SEED_COUNTS)
    for path in seeds:
        if path.name not in SEED_COUNTS:
            continue
        found = lint(path.read_text(encoding="utf-8"), TAGS_ONLY)
        assert dict(Counter(d.code for d in found)) == SEED_COUNTS[path.name], path.name


def test_seed_legend_has_seven_tags() -> None:
    path = _shared(SEEDS, "000_*.txt")[0]
    document = parse(path.read_text(encoding="utf-8"))
    found = conv.conventions(document, Config())
    assert found.legend is not None and found.legend.source == "document"
    assert [t.name for t in found.legend.tags] == ["Gml", "Opt", "Net", "Loc", "Uns", "Ano",
                                                   "Vid"]
    assert [d.line for d in lint(path.read_text(encoding="utf-8"), TAGS_ONLY)] == list(
        range(24, 31))
    assert not any(tagged.tags for tagged in found.entries)


def test_corpus_has_no_legend_and_no_findings() -> None:
    paths = _shared(CORPUS, "*.md")
    assert len(paths) == 18
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        assert conv.conventions(parse(text), Config()).legend is None, path.name
        assert lint(text, TAGS_ONLY) == [], path.name


def test_corpus_trailing_author_brackets_are_not_tags() -> None:
    path = _shared(CORPUS, "datvuthanh__*.md")[0]
    document = parse(path.read_text(encoding="utf-8"))
    assert any(entry.tags for entry in document.entries)  # the parser sees [Author] tokens
    assert not any(t.tags for t in conv.conventions(document, Config()).entries)


# -- configuration ---------------------------------------------------------------------------------
def test_config_table_defaults_and_values() -> None:
    config = from_mapping({"tags": {"legend": {"Gml": "General ML", "Opt": "Optimization"},
                                    "position": "before-title", "require-tags": True,
                                    "sections": ["Paper Notes"], "topic-badges": ["Video"]}})
    got = conv.settings(config)
    assert got.legend == (("Gml", "General ML"), ("Opt", "Optimization"))
    assert got.position == "before-title" and got.require_tags
    assert got.sections == ("Paper Notes",) and got.topic_badges == ("Video",)
    assert conv.settings(Config()) == conv.TagSettings()


@pytest.mark.parametrize(("table", "fragment"), [
    ({"legnd": {}}, "'tags.legnd': unknown key"),
    ({"position": "after-title"}, "'tags.position' must be one of"),
    ({"require-tags": "yes"}, "'tags.require-tags' must be true or false"),
    ({"sections": [1]}, "'tags.sections' must be a list"),
    ({"topic-badges": 3}, "'tags.topic-badges' must be a list"),
    ({"legend": {"Gml": 1}}, "'tags.legend.Gml' must be a string"),
    ({"legend": {"two words": "x"}}, "is not a tag name"),
    ({"legend": ["Gml", "gml"]}, "listed twice"),
    ({"legend": 5}, "'tags.legend' must be a table"),
])
def test_config_errors_name_the_key(table: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError) as err:
        from_mapping({"tags": table}, "pyproject.toml")
    assert fragment in str(err.value)
    assert str(err.value).startswith("pyproject.toml: ")


def test_tags_table_validates_without_importing_rules_first() -> None:
    code = ("from awesome_lint.config import ConfigError\n"
            "from awesome_lint.engine.schema import from_mapping\n"
            "c = from_mapping({'tags': {'require-tags': True}})\n"
            "print(type(c.table('tags')).__name__)\n"
            "try:\n    from_mapping({'tags': {'nope': 1}})\n"
            "except ConfigError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[0] == "TagSettings"
    assert "'tags.nope': unknown key" in out[1]


def test_rule_examples() -> None:
    rules = [r for r in all_rules() if r.code.startswith("TAG")]
    assert [r.code for r in rules] == [f"TAG00{i}" for i in range(1, 7)]
    require = from_mapping({"tags": {"require-tags": True}})
    for rule in rules:
        config = (require if rule.code == "TAG005" else Config()).with_overrides(
            select=(rule.code,))
        assert [d.code for d in lint(rule.bad, config)], rule.code
        assert lint(rule.good, config) == [], rule.code
        assert rule.category == "tags"


# -- properties ------------------------------------------------------------------------------------
_NAMES = st.lists(st.from_regex(r"[A-Z][a-z]{2}", fullmatch=True), min_size=2, max_size=6,
                  unique_by=str.casefold)


@st.composite
def _tagged_list(draw: st.DrawFn) -> tuple[list[str], list[list[str]], str]:
    names = draw(_NAMES)
    entries: list[list[str]] = []
    for _ in range(draw(st.integers(1, 4))):
        order = draw(st.permutations(names))
        entries.append(list(order[: draw(st.integers(1, len(names)))]))
    trailing = draw(st.booleans())
    lines = ["Topic legend:", *(f"* [{n}] Topic {n}" for n in names), "", "## Papers"]
    for index, tags in enumerate(entries):
        written = " ".join(f"[{t}]" for t in tags)
        link = f"[Paper {index}](https://example.org/p{index})"
        lines.append(f"* {link} <kbd>ICLR 2020</kbd> {written}" if trailing
                     else f"* {written} {link}")
    return names, entries, "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(_tagged_list())
def test_order_fix_yields_legend_order_and_is_idempotent(
        case: tuple[list[str], list[list[str]], str]) -> None:
    names, entries, text = case
    config = Config().with_overrides(select=("TAG004",))
    fixed = fix_text(text, config).text
    assert fix_text(fixed, config).text == fixed
    assert lint(fixed, config) == []
    found = conv.conventions(parse(fixed), Config())
    assert found.legend is not None
    got = [[t.name for t in tagged.tags] for tagged in found.entries]
    assert got == [sorted(tags, key=names.index) for tags in entries]


@settings(max_examples=60, deadline=None)
@given(_NAMES, st.data())
def test_case_fix_writes_the_legend_spelling(names: list[str], data: st.DataObject) -> None:
    used = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=5))
    spelled = [data.draw(st.sampled_from([n, n.lower(), n.upper()])) for n in used]
    text = "\n".join(["Topic legend:", *(f"* [{n}] Topic {n}" for n in names), "",
                      "## Papers",
                      *(f"* [{s}] [Paper {i}](https://example.org/{i})"
                        for i, s in enumerate(spelled))]) + "\n"
    config = Config().with_overrides(select=("TAG003",))
    found = lint(text, config)
    assert len(found) == sum(s != n for s, n in zip(spelled, used, strict=True))
    fixed = fix_text(text, config).text
    assert lint(fixed, config) == []
    assert fixed.splitlines()[len(names) + 3:] == [
        f"* [{n}] [Paper {i}](https://example.org/{i})" for i, n in enumerate(used)]


def test_nearest_and_edit_distance() -> None:
    legend = conv.Legend(tuple(conv.LegendTag(n, "", None) for n in ["Gml", "Vid", "Loc"]),
                         "config", (), Span(1, 1, 1, 1))
    near = legend.nearest("Vis")
    assert near is not None and near.name == "Vid"
    assert legend.nearest("Apple") is None
    assert legend.nearest("Vid") is None  # an exact match is not a near miss
    assert conv.edit_distance("kitten", "sitting") == 3
    assert conv.legend_order(["Loc", "Xyz", "Gml"], legend) == ["Gml", "Xyz", "Loc"]


_PIECES = st.sampled_from([
    "* ", "- ", "  ", "\n", "\n\n", "[Gml]", "[gml]", "[Opt]", "[Vis]", "[Vid]", "e.g. ",
    "Tags: ", ", ", "[Paper](https://example.org/p)", "[[Notes](n.md)]", "<kbd>CVPR 2019</kbd>",
    "<kbd>video</kbd>", "`[Gml]`", "[Gml]: https://example.org/g\n", "## Papers\n", "text ",
    "[Hang Zhao]", "```\n", "|", "<!-- x -->", "\\[Opt]", "![x](i.png)",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_rules_never_raise_and_fixes_settle(text: str) -> None:
    config = from_mapping({"select": ["TAG"], "tags": {
        "require-tags": True, "topic-badges": ["Video"], "position": "either"}})
    for diagnostic in lint(text, config):
        assert diagnostic.line >= 1 and diagnostic.column >= 1
    fixed = fix_text(text, config, unsafe=True).text
    assert fix_text(fixed, config, unsafe=True).text == fixed
