"""The reading-list item's one-match path (``syntax.paperitems``, a speed trick listed in
awesome_lint.startup) builds exactly what the general path (scanner, then entry builder)
builds, node for node; and a list item's links are built once, typed with their roles in
place, so the entry's links are the document's own (``entries._set_role``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.model import Document, LinkRole
from awesome_lint.syntax import kbd, parser
from awesome_lint.syntax.parsememo import ItemParts
from awesome_lint.syntax.parser import ParseMemo, parse
from tests.conftest import shared_lists

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import seed_style_list


@contextmanager
def replaced(module: object, name: str, new: object) -> Iterator[None]:
    """``module.name`` is ``new`` inside the block."""
    original = getattr(module, name)
    setattr(module, name, new)
    try:
        yield
    finally:
        setattr(module, name, original)


@contextmanager
def counting() -> Iterator[list[int]]:
    """Count the items the one-match path built (``[taken]``)."""
    taken = [0]
    original = parser.paper_item

    def spy(*args: Any) -> ItemParts | None:
        parts = original(*args)
        taken[0] += parts is not None
        return parts

    with replaced(parser, "paper_item", spy):
        yield taken


@contextmanager
def general_path_only() -> Iterator[None]:
    with replaced(parser, "paper_item", lambda *args: None):
        yield


def _tree(doc: Document) -> list[str]:
    return [repr(x) for x in (*doc.entries, *doc.links, *doc.problems, *doc.badges,
                               *doc.toc, *doc.legends, *doc.lists)]


def _taken_and_same(text: str) -> int:
    """How many items the one-match path built; asserts the tree is the general path's."""
    with counting() as taken:
        fast = parse(text, "README.md")
    with general_path_only():
        slow = parse(text, "README.md")
    assert _tree(fast) == _tree(slow)
    return taken[0]


TAKEN = [
    "* [Gml] [Deep Nets](https://arxiv.org/abs/1512.03385) [[Notes](https://x.org/n)] "
    "<kbd>CVPR 2017</kbd>",
    "* [Deep Nets](https://arxiv.org/abs/1512.03385) [[Notes](https://x.org/n)] "
    "<kbd>CVPR 2017</kbd>  ",
    "- [Deep Nets](https://arxiv.org/abs/1512.03385)",
    "+ [3D-Det] [Deep *Nets* &amp; more](u)\t<kbd></kbd>",
    "1. [Hang_Zhao] [Réseaux profonds](https://x.org/é) [[Code](#impl)]",
    "   * [x](y) [[Notes](https://x.org/n)]",
    "* [Self-Supervised (Again)](https://x.org/a) <kbd>Unknown Venue 2099 Oral</kbd>",
    "* [Title](https://x.org/a)\t[[A very long resource label](https://x.org/b)]",
    "* [Title](https://x.org/a) [[TBP]()] <kbd>CVPR 2017</kbd>",  # empty resource: a finding
    "* [www.example.org](https://www.example.org) [[http://x.org](www.x.org)]",
]
GENERAL = [
    "* [Net] [Title](#anchor) [[Notes](https://x.org/n)]",  # anchor first
    "* [Title](https://x.org/a) [[Notes](https://x.org/n)) <kbd>CVPR 2017</kbd>",
    "* [Title](https://x.org/a) [[Notes](https://x.org/n)] <KBD>CVPR 2017</KBD>",
    "* [Title](https://x.org/a) [[N](https://x.org/n)] [[C](https://x.org/c)]",
    "* [A] [B] [Title](https://x.org/a)",  # two leading tags
    "* [a_www.x] [Title](https://x.org/a)",  # a bare URL inside the tag
    "* [Hang Zhao] [Title](https://x.org/a)",  # a tag with a space
    "* [Title](https://x.org/a) - a description",
    "* [`code`](https://x.org/a)",
    "* [Title](https://x.org/a) <kbd>CVPR `17`</kbd>",
    "* [Title](https://x.org/a)[[Notes](https://x.org/n)]",
    "* [![img](https://x.org/i.png)](https://x.org/a)",
    "* [Title](https://x.org/a) <kbd>CVPR 2017</kbd> [Net]",
    "* [Title](https://x.org/a\\b)",
]


@pytest.mark.parametrize("line", TAKEN)
def test_the_reading_list_shape_takes_one_match_and_builds_the_same_tree(line: str) -> None:
    assert _taken_and_same("# List\n\n" + line + "\n") == 1


@pytest.mark.parametrize("line", GENERAL)
def test_other_shapes_take_the_general_path(line: str) -> None:
    assert _taken_and_same("# List\n\n" + line + "\n") == 0


def test_a_document_with_reference_labels_takes_the_general_path() -> None:
    text = "# List\n\n* [Net] [Title](https://x.org/a)\n\n[net]: https://x.org/net\n"
    assert _taken_and_same(text) == 0


_PIECES = st.sampled_from([
    "[", "]", "(", ")", "[[", "]]", "](", ")]", "<kbd>", "</kbd>", "<KBD>", "<", ">", "!", "#",
    "`", "\\", " ", "\t", "_", "www.", "https://x.org/a", "Notes", "CVPR 2017", "Net", "é",
    "*", "&amp;", ":", "-",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30))
def test_generated_text_builds_the_same_tree(pieces: list[str]) -> None:
    _taken_and_same("* " + "".join(pieces) + "\n")


_TAG = st.sampled_from(["", "[Net] ", "[3D] ", "[a_b] ", "[Net]\t", "[x.www.y] ", "[Net]"])
_TITLE = st.sampled_from(["Deep Nets", "A (B) C", "*Bold* _it_", "", "Réseau", "a]b",
                          "x<y", "1 & 2"])
_URL = st.sampled_from(["https://arxiv.org/abs/1", "#top", "", "u v", "a(b)c", "a`b",
                        "https://x.org/[1]"])
_RESOURCE = st.sampled_from(["", " [[Notes](https://x.org/n)]", " [[Notes]()]",
                             "\t[[Code](#c)]", " [[Notes](https://x.org/n))",
                             " [[N](a)] [[C](b)]", "[[Notes](n)]"])
_BADGE = st.sampled_from(["", " <kbd>CVPR 2017</kbd>", " <kbd></kbd>", " <kbd>a>b</kbd>",
                          " <Kbd>ICLR 2015</kbd>", " <kbd>x", "<kbd>NIPS</kbd>"])
_END = st.sampled_from(["", " ", "\t ", " [Net]", " text", "."])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["* ", "- ", "  + ", "1. ", "2) ", "*\t"]), _TAG, _TITLE, _URL,
       _RESOURCE, _BADGE, _END)
def test_variants_of_the_shape_build_the_same_tree(marker: str, tag: str, title: str, url: str,
                                                    resource: str, badge: str, end: str) -> None:
    line = f"{marker}{tag}[{title}]({url}){resource}{badge}{end}"
    _taken_and_same(f"# List\n\n{line}\n{line}\n")


def test_a_generated_list_takes_one_match_for_most_items_and_builds_the_same_tree() -> None:
    assert _taken_and_same(seed_style_list(1500)) > 1300


def test_every_shared_list_builds_the_same_tree() -> None:
    lists = shared_lists()
    if not lists:
        pytest.skip("../shared is absent")
    taken = sum(_taken_and_same(path.read_text(encoding="utf-8", errors="replace"))
                for path in lists)
    assert taken > 100  # the seeds are reading lists of this shape


# -- links built once ----------------------------------------------------------------------
def test_a_list_item_s_entry_links_are_the_document_s_links_typed() -> None:
    doc = parse(seed_style_list(300))
    own = {id(link) for link in doc.links}
    typed = [link for entry in doc.entries for link in entry.links]
    assert typed and all(id(link) in own for link in typed)
    assert {link.role for link in typed} == {LinkRole.TITLE, LinkRole.RESOURCE}
    assert all(link.role is LinkRole.OTHER for link in doc.links
               if id(link) not in {id(t) for t in typed})


def test_moved_items_keep_their_roles_in_the_memo() -> None:
    """A re-parse that takes moved items from the memo builds the tree a fresh parse does."""
    text = seed_style_list(200)
    moved = "# Moved\n\n* [Net] [Lead](https://x.org/lead) [[Code](https://x.org/c)]\n" + text
    memo = ParseMemo()
    parse(text, memo=memo)
    again = parse(moved, memo=memo)
    assert memo.hits > 100
    assert _tree(again) == _tree(parse(moved))
    with general_path_only():
        assert _tree(again) == _tree(parse(moved))



# -- stray </kbd>: the count gate ----------------------------------------------------------
@contextmanager
def stray_search_always() -> Iterator[list[int]]:
    """``kbd._none_outside`` off (the line-by-line search always runs); counts the times the
    gate would have answered."""
    gated = [0]
    original = kbd._none_outside

    def never(lines: list[str], closed: int) -> bool:
        gated[0] += original(lines, closed)
        return False

    with replaced(kbd, "_none_outside", never):
        yield gated


def _strays_both_ways(text: str) -> int:
    gated = kbd._markup(parse(text))
    with stray_search_always() as taken:
        full = kbd._markup(parse(text))
    assert gated == full
    return taken[0]


_KBD = st.sampled_from(["<kbd>", "</kbd>", "</KBD >", "</b>", "</", "<kbd>CVPR 2017</kbd>",
                        "`", "```\n", "\n", " ", "x", "<kbd>a</b>c</kbd>", "</bd>", "<kbd>",
                        "[T](u) "])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_KBD, max_size=25))
def test_the_stray_closer_gate_finds_what_the_search_finds(pieces: list[str]) -> None:
    _strays_both_ways("* [T](u) " + "".join(pieces) + "\n")


@pytest.mark.parametrize("text", [
    "* [T](u) <kbd>CVPR 2017</kbd>\n",
    "* [T](u) <kbd>a</b>c</kbd>\n* [U](v) </kbd>\n",  # two "</" in one badge, one stray
    "* [T](u) <kbd>CVPR 2017</kbd>\n\n```\n</kbd>\n```\n",  # a closer in code
    "* [T](u) <kbd>CVPR 2017</bd>\n* [U](v) </kbd>\n",  # a typed-wrong closer, a stray
])
def test_the_stray_closer_gate_on_hand_written_lists(text: str) -> None:
    _strays_both_ways(text)


def test_the_stray_closer_gate_answers_for_a_generated_list() -> None:
    assert _strays_both_ways(seed_style_list(300)) == 1
