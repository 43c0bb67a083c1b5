"""The speed tricks for long classic lists (listed in awesome_lint.startup) answer as the
paths they skip: the notation gates of :func:`awesome_lint.syntax.notations.infer_venues`
skip a grammar only where running it entry by entry finds nothing, and the TOC rule's
section lookup with the sections listed once finds what a walk per entry finds, and the
spelling search over the prose lines joined finds what a search per line finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.rules.awesome import toc, words
from awesome_lint.syntax import gates, notations
from awesome_lint.syntax.parser import parse, venue_lookup
from tests.conftest import shared_lists

_GATED = ("title-paren", "paren", "comma", "title-year", "citation")


def _both(text: str) -> tuple[object, object]:
    """infer_venues of ``text`` with the gates and with every grammar run, after checking
    that a grammar whose gate is absent reads no mark in any entry (what the trick skips)."""
    document = parse(text)
    for style in notations._absent_gates(document):
        grammar = notations.GRAMMARS[style]
        assert [e.line for e in document.entries if list(grammar(document, e))] == [], style
    chosen_by = {style: notations._gated(document, document.entries, gate)
                 for style, gate in gates.LINE_GATES.items()}
    chosen_by["italic"] = notations._italic_gated(document, document.entries)
    for style, chosen in chosen_by.items():
        grammar = notations.GRAMMARS[style]
        kept = {id(e) for e in chosen}
        assert [e.line for e in document.entries
                if id(e) not in kept and list(grammar(document, e))] == [], style
    for style, kinds in gates.READS.items():
        grammar = notations.GRAMMARS[style]
        assert [e.line for e in document.entries
                if e.kind not in kinds and list(grammar(document, e))] == [], style
    gated = notations.infer_venues(document, venue_lookup)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(notations, "_GATES", {})
        m.setattr(gates, "LINE_GATES", {})
        m.setattr(notations, "_italic_gated", lambda _document, entries: entries)
        m.setattr(gates, "READS", {})
        full = notations.infer_venues(document, venue_lookup)
    return gated, full


def _marks_of(found: tuple[object, object]) -> object:
    used, marks = found  # type: ignore[misc]
    return used, sorted((e.line, ms) for e, ms in marks.items())


def test_every_gated_grammar_has_a_gate() -> None:
    assert set(notations._GATES) == set(_GATED)
    assert set(gates.LINE_GATES) == {"bold-bracket", "bracket"}
    assert set(_GATED) <= set(notations.GRAMMARS)


_PIECES = st.sampled_from([
    "[Title](https://a.example/x)", " - ", "Desc.", " (ICCV 2016)", " (CVPR'17)", ", ICLR, 2020",
    " ICLR,2019", "**Bold Title** (2015), A. Author", " **[CVPR' 19]**", " [ICCV 2017]",
    " [NeurIPS'18]", "**[", "9]", " [Gml]", " *CVPR 2019*", "_ICLR 2020_.", " *x* ;",
    "\"**T**.\" CVPR (2016).", " (2016)", "2018-NIPS - ", "19-CVPR: ",
    "[[ICRA](https://r.example)] ",
    ": https://b.example/y", " ,", "(", ")", " 2019", "NeurIPS", "\u2019", " ", ",",
])
_LINE = st.builds(lambda marker, parts: marker + "".join(parts),
                  st.sampled_from(["- ", "* ", "1. ", "4. ", "", "  - ", "    -   "]),
                  st.lists(_PIECES, min_size=1, max_size=6))


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12))
def test_gates_answer_as_the_grammars(lines: list[str]) -> None:
    gated, full = _both("# List\n\n" + "\n".join(lines) + "\n")
    assert _marks_of(gated) == _marks_of(full)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    "# L\n\n- [A](https://a.example) - Go tools.\n- [B](https://b.example) - More.\n",
    "# L\n\n- [A](https://a.example), a talk (ICCV 2016) on it.\n"
    "- [B](https://b.example). ICLR, 2020.\n- [C](https://c.example) (CVPR 2017)\n"
    "- [D](https://d.example). NeurIPS, 2019.\n- [E](https://e.example) (ECCV 2018)\n",
    "# L\n\n1. Medium, DenseNet (CVPR 2017): https://a.example/x\n"
    "2. Blog, ResNet (CVPR 2016): https://b.example/y\n",
    "# L\n\n- **Title** (2015), A. Author et al. [[pdf]](https://a.example)\n"
    "- **Other** (2016), B. Author. [[pdf]](https://b.example)\n"
    "- **Third** (2017), C. Author. [[pdf]](https://c.example)\n",
    "# L\n\n- Title | **[CVPR' 19]** | [pdf](https://a.example)\n"
    "- [T](https://b.example) [CVPR 2019]\n- [U](https://c.example)\n  [ICCV 2017]\n"
    "- Other | **[ICCV' 17]** | [pdf](https://d.example)\n",
    "# L\n\n**[4]** Author. \"**Title**.\" CVPR (2016). [[pdf]](https://a.example)\n\n"
    "**[5]** Author. \"**Other**.\" ICCV (2017). [[pdf]](https://b.example)\n",
])
def test_gates_on_each_notation(text: str) -> None:
    gated, full = _both(text)
    assert _marks_of(gated) == _marks_of(full)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_gates_on_real_lists(path: Path) -> None:
    gated, full = _both(path.read_text(encoding="utf-8", errors="replace"))
    assert _marks_of(gated) == _marks_of(full)  # type: ignore[arg-type]


_TOC_LIST = ("# L\n\n## Contents\n\n- [A](#a)\n  - [A1](#a1)\n- [B](#b)\n\n## A\n\n"
             "### A1\n\n- [x](https://x.example) - X.\n\n## B\n\n#### deep\n\ntext\n")


def test_section_at_with_the_sections_listed_once() -> None:
    _same_sections(_TOC_LIST)


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_section_at_on_real_lists(path: Path) -> None:
    _same_sections(path.read_text(encoding="utf-8", errors="replace"))


def _same_sections(text: str) -> None:
    document = parse(text)
    sections = document.sections
    for line in range(0, len(document.lines) + 2):
        assert toc._section_at(document, line, sections) is toc._section_at(document, line)


_WORDS = st.sampled_from(["Javascript", "Github", "Mac OS", "Mac OS X", "node.js", "NodeJS's",
                          "Nodejs", "Ios", "my_github", "github.com", "x", ".", "-", "_", "@",
                          "#", " ", "\t", "/", "é", "Go", "IOS", "osx", "Wifi"])
_TEXT_LINE = st.lists(_WORDS, max_size=8).map("".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(_TEXT_LINE, max_size=8),
       st.sampled_from([{}, {"Go": "Golang"}, {"a\nb": "ab"}, {"x": "X"}]))
def test_spelling_over_joined_lines_finds_as_per_line(lines: list[str],
                                                      extra: dict[str, str]) -> None:
    assert words.find_lines(lines, extra) == {
        index: found for index, line in enumerate(lines) if (found := words.find(line, extra))}


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_spelling_over_joined_lines_on_real_lists(path: Path) -> None:
    lines = parse(path.read_text(encoding="utf-8", errors="replace")).lines
    assert words.find_lines(lines) == {
        index: found for index, line in enumerate(lines) if (found := words.find(line))}


_FORMS = st.sampled_from(["Github", "Git", "Gith", "GitHub", "Gitlab", "a b", "a", "ab", "Mac OS",
                          "Mac OS X", "x.y", "Node", "node.js", "Nodejs", "G", "Go", "Golang",
                          "C++", "+x", " Go", "go ", ".net", "x.", "a-"])


_FORM_TEXT = st.lists(st.one_of(_FORMS, st.sampled_from([" ", "+", ".", "-", "x", "(", "\n"])),
                      max_size=10).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_TEXT_LINE, _FORM_TEXT), max_size=6),
       st.dictionaries(_FORMS, st.sampled_from(["GitHub", "Z", "macOS"]), max_size=4))
def test_spelling_trie_finds_as_the_longest_first_alternation(
        lines: list[str], extra: dict[str, str]) -> None:
    key = tuple(sorted(extra.items()))
    trie, table = words._compiled(key)
    flat, same = words._compiled(key, trie=False)
    assert table == same
    for line in lines:
        assert list(words._found(trie, line)) == list(words._found(flat, line))


@pytest.mark.parametrize(("text", "extra"), [
    ("C+++x and Github", {"C++": "Z", "+x": "Y"}),  # a form ending where the next begins
    ("go .net", {"Go": "x", ".net": ".NET"}), ("Gith Github GitHub.com", {"Gith": "G"}),
])
def test_spelling_searches_by_hand(text: str, extra: dict[str, str]) -> None:
    key = tuple(sorted(extra.items()))
    fast, flat = words._compiled(key)[0], words._compiled(key, trie=False)[0]
    assert list(words._found(fast, text)) == list(words._found(flat, text))
    assert words.find(text, extra) == [
        words.Misspelling(at, form, words._compiled(key)[1][form])
        for at, form in words._found(flat, text)]


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_spelling_trie_on_real_lists(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    trie, flat = words._compiled(())[0], words._compiled((), trie=False)[0]
    assert trie.pattern.startswith("[^")  # the built-in forms take the fastest search
    assert list(words._found(trie, text)) == list(words._found(flat, text))


# -- classic items: the one-line shortcut of syntax.classic._item ------------------------------
_ITEM_PIECES = st.sampled_from([
    "[Name](https://a.example/x)", " - ", " – ", ": ", "-", " ", "Desc.", "\\", "  ", "\t",
    "\u00a0", "**[⬆ back to top](#contents)**", "`code`", "*x*", "[more](https://b.example)",
])
_ITEM_LINE = st.builds(lambda marker, parts: marker + "".join(parts),
                       st.sampled_from(["- ", "* ", "1. ", "  ", "", "  - "]),
                       st.lists(_ITEM_PIECES, min_size=1, max_size=6))


def _same_items(text: str) -> None:
    from awesome_lint.syntax import classic
    from awesome_lint.syntax.dialect import is_classic_candidate

    document = parse(text)
    for entry in document.entries:
        if is_classic_candidate(entry):
            assert classic._item(document, entry) == classic._item(
                document, entry, one_line=False), entry.line


@settings(max_examples=60, deadline=None)
@given(st.lists(_ITEM_LINE, min_size=1, max_size=10))
def test_classic_items_one_line_shortcut(lines: list[str]) -> None:
    _same_items("# List\n\n" + "\n".join(lines) + "\n")


@pytest.mark.parametrize("text", [
    "- [A](https://a.example)\u00a0Desc.\n- [B](https://b.example) - Two \n  lines.\n",
    "- [A](https://a.example) - \n- [B](https://b.example)\t\n- [C](https://c.example):x\n",
    "- [A](https://a.example) - Ends in a break\\\n  and more.\n- [B](https://b.example)\n"
    "  **[⬆ back to top](#contents)**\n",
])
def test_classic_items_one_line_shortcut_by_hand(text: str) -> None:
    _same_items("# List\n\n" + text)


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_classic_items_one_line_shortcut_on_real_lists(path: Path) -> None:
    _same_items(path.read_text(encoding="utf-8", errors="replace"))
