"""The bracket tag token has one grammar (:mod:`awesome_lint.syntax.tagtokens`): the
parser's entry tags, the legends and the TAG rules read the same tokens and differ only in
which words they take."""

from __future__ import annotations

import pytest

from awesome_lint.config import Config
from awesome_lint.syntax import codetags
from awesome_lint.syntax.parser import parse
from awesome_lint.syntax.tags import conventions
from awesome_lint.syntax.tagtokens import TOKEN, is_legend_item_name, is_tag_name

LEGEND = """\
# Papers

Legend:

- [Gml] General machine learning
- [Opt] Optimisation
- [Seg] Segmentation

"""


def _readers(entry_line: str) -> tuple[list[str], list[str]]:
    """(the parser's entry tags, the TAG rules' tags) of one entry under a legend."""
    document = parse(LEGEND + entry_line + "\n")
    entry = document.entries[-1]
    tagged = conventions(document, Config()).entries[-1]
    return [t.name for t in entry.tags], [t.name for t in tagged.tags]


@pytest.mark.parametrize("text", [
    "[x](https://e.org)", "[x][r]", "[x]:", "![x]", "\\[x]", "[[x]", "][x]", "[]", "[ x]",
])
def test_what_is_no_token(text: str) -> None:
    assert [m.group(1) for m in TOKEN.finditer(text)] == []


def test_both_readers_read_the_same_tokens() -> None:
    """The parser keeps every bracket word around the title; the TAG rules keep the tag
    names among the same tokens, never a token the parser does not see."""
    line = "* [Gml] [Title](https://e.org/a) [[Notes](n.md)] [Opt] [Hang Zhao] ![Seg] ][cls.]"
    parsed, ruled = _readers(line)
    assert parsed == ["Gml", "Opt", "Hang Zhao"]
    assert ruled == ["Gml", "Opt"]
    assert [name for name in parsed if is_tag_name(name)] == ruled


def test_tag_names_and_legend_item_names() -> None:
    assert is_tag_name("Gml") and is_tag_name("cls.") and is_tag_name("3D-Det") is False
    assert not is_tag_name("Hang Zhao") and not is_tag_name("2019")
    assert is_legend_item_name("Gml") and not is_legend_item_name("v1.0")
    changelog = "# Changes\n\n- [v1.0] First release\n- [v1.1] Second release\n"
    assert parse(changelog).legends == []
    assert [i.name for i in parse(LEGEND).legends[0].items] == ["Gml", "Opt", "Seg"]


def test_code_span_tags_have_one_grammar() -> None:
    """The dialect's notation, the legend line and the entry tags all read one pattern."""
    assert codetags.line_notation("- [[CVPR](u)] Net. [__`cls.`__ __`seg.`__]") == \
        "bold-code-span"
    assert codetags.line_notation("- [Net](u) [`cls.`]") == "code-span"
    assert codetags.line_notation("- [Net](u) `code` here") == ""
    assert codetags.is_legend_line("__`cls.`__: classification | __`seg.`__: segmentation")
    assert not codetags.is_legend_line("__`cls.`__: classification")


@pytest.mark.parametrize(("before", "typed"), [
    ("* [Gm", "Gm"), ("* [", ""), ("* [cls.", "cls."),
    ("* ![G", None), ("* [[No", None), ("* \\[G", None), ("* [3D", None),
])
def test_a_tag_being_typed_is_the_tokens_opening(before: str, typed: str | None) -> None:
    """The editor completes tags where the token grammar would read one."""
    from awesome_lint.syntax.tagtokens import TYPING

    found = TYPING.search(before)
    assert (found.group(1) if found else None) == typed


def test_an_entry_without_a_list_marker_has_its_tags_read() -> None:
    """A citation paragraph (no list marker) is read whole, not from its last character."""
    text = LEGEND + ('**[4]** He, Kaiming. "**Deep residual learning**." CVPR (2016). '
                     "[[pdf]](https://e.org/resnet.pdf) [Opt]\n")
    document = parse(text)
    entry = document.entries[-1]
    assert entry.marker == "" and entry.title == "Deep residual learning"
    tagged = [t for t in conventions(document, Config()).entries if t.entry is entry]
    assert [t.name for t in tagged[0].tags] == ["Opt"]
