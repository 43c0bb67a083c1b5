"""Each ``re`` twin of a ``regex`` pattern (:class:`awesome_lint.startup.AsciiTwin`) answers
exactly as the ``regex`` pattern on ASCII text, and ``match`` also on text that is ASCII
only as far as the twin's match reaches."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.rules.awesome import items
from awesome_lint.startup import EMOJI_CLASS, AsciiTwin
from awesome_lint.syntax import ordering, slugs
from tests.conftest import shared_lists

TWINS = {"slugs._NOT_SLUG": slugs._NOT_SLUG, "slugs._LOOSE": slugs._LOOSE,
         "ordering._EMOJI": ordering._EMOJI, "items._EMOJI": items._EMOJI,
         "items._FIRST_WORD": items._FIRST_WORD}
ASCII = [chr(c) for c in range(128)]
# ASCII, plus what the Unicode classes are about: letters, marks, digits, punctuation,
# symbols, spaces and emoji outside ASCII.
OTHERS = list("éÉßİıK\u0301٣²_‿–—“”’…€©®™ \u00a0\u2028\u3000⭐🎉👍🏽\u200d\ufe0f中")


def _shape(found: Any) -> tuple[tuple[int, int], tuple[str | None, ...]] | None:
    return None if found is None else (found.span(), found.groups())


@pytest.mark.parametrize("name", sorted(TWINS))
def test_every_ascii_character_alike(name: str) -> None:
    twin = TWINS[name]
    full = twin.full()
    for char in ASCII:
        for text in (char, f"a{char}b", f":{char}:", f"**{char}x"):
            assert twin.ascii.sub("#", text) == full.sub("#", text), (name, text)
            assert _shape(twin.ascii.search(text)) == _shape(full.search(text)), (name, text)
            assert _shape(twin.ascii.match(text)) == _shape(full.match(text)), (name, text)


def _alike(twin: AsciiTwin, text: str) -> None:
    full = twin.full()
    assert twin.sub("", text) == full.sub("", text)
    assert _shape(twin.search(text)) == _shape(full.search(text))
    assert _shape(twin.match(text)) == _shape(full.match(text))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(TWINS)), st.text(alphabet=st.sampled_from(ASCII), max_size=12))
def test_ascii_texts_alike(name: str, text: str) -> None:
    _alike(TWINS[name], text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(TWINS)),
       st.text(alphabet=st.sampled_from(ASCII + OTHERS), max_size=12))
def test_any_text_alike(name: str, text: str) -> None:
    _alike(TWINS[name], text)


def test_first_words_of_mixed_text() -> None:
    word = items._FIRST_WORD
    for text in ["**fast** é", "fast é", "faé", "_é", "é", "x’s café", "a-b.c+d#e f"]:
        assert _shape(word.match(text)) == _shape(word.full().match(text)), text


def _check_in_a_child(readme: Path) -> list[str]:
    """Whether ``check`` of ``readme`` in a fresh process imported ``regex``, and the codes
    it found."""
    code = ("import sys\nfrom awesome_lint.api import check\n"
            f"report = check([{str(readme)!r}])\n"
            "print('regex' in sys.modules, [d.code for d in report.diagnostics])")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ}).stdout.split(maxsplit=1)


def test_an_ascii_list_never_imports_regex(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n## Tools & Things\n\n- [B](https://example.org/b) - "
                      "Bee.\n- [a](https://example.org/a) - lower start.\n"
                      "- [C](#tools-thing) - See.\n", encoding="utf-8")
    assert _check_in_a_child(readme) == ["False", "['LNK004']\n"]


def test_twin_patterns_are_plain_ascii() -> None:
    """Plain ASCII, but for the classes a twin with ``unsure`` spells out (checked below)."""
    for twin in TWINS.values():
        assert isinstance(twin, AsciiTwin)
        pattern = twin.ascii.pattern.replace("’", "").replace(EMOJI_CLASS, "")
        pattern = pattern.replace(items._LETTER_DIGIT, "")
        assert all(c in string.printable for c in pattern)


# -- twins exact beyond ASCII (``unsure``) -----------------------------------------------------
_EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_the_emoji_class_is_regex_s_on_every_code_point() -> None:
    import regex

    full = regex.findall(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]",
                         _EVERY_CHARACTER)
    assert re.findall(EMOJI_CLASS, _EVERY_CHARACTER) == full
    assert len(full) > 2800


def _sure_characters(twin: AsciiTwin) -> list[str]:
    """The non-ASCII characters the twin's ``unsure`` pattern lets through, alone."""
    assert twin._unsure is not None
    return [c for c in _EVERY_CHARACTER[128:] if twin._unsure.search(c) is None]


def test_first_word_twin_on_every_character_it_is_sure_of() -> None:
    twin = items._FIRST_WORD
    sure = _sure_characters(twin)
    assert "é" in sure and "“" in sure and "📋" in sure and "中" not in sure
    full = twin.full()
    for char in sure:
        for text in (char, f"a{char}b", f"{char}a", f"**{char}x", f"x’{char}"):
            assert _shape(twin.match(text)) == _shape(full.match(text)), text
            assert _shape(twin.ascii.match(text)) == _shape(full.match(text)), text


def test_emoji_twins_are_sure_of_everything() -> None:
    for twin in (items._EMOJI, ordering._EMOJI):
        assert len(_sure_characters(twin)) == len(_EVERY_CHARACTER) - 128


_BEYOND = list("éÉßÀÿıĲŉɏ²µº“”’‘…–—€™→←©®‼⁉\u00a0\u2028\u3000⭐🎉👍🏽🚀📋🐮"
               "\u200d\ufe0f中한ْ٣\U0001fbf5")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["items._FIRST_WORD", "items._EMOJI", "ordering._EMOJI"]),
       st.text(alphabet=st.sampled_from(ASCII + _BEYOND), max_size=12))
def test_twins_with_unsure_alike_on_any_text(name: str, text: str) -> None:
    _alike(TWINS[name], text)


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_twins_alike_on_real_descriptions(path: Path) -> None:
    from awesome_lint.syntax.classic import items as classic_items
    from awesome_lint.syntax.parser import parse

    document = parse(path.read_text(encoding="utf-8", errors="replace"))
    for item in classic_items(document):
        for text in (item.raw, item.text, item.name):
            _alike(items._FIRST_WORD, text)
            _alike(items._EMOJI, text)
            _alike(ordering._EMOJI, text)


def test_a_classic_list_beyond_ascii_never_imports_regex(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n## Tools\n\n- [B](https://example.org/b) - “go build” "
                      "wrapper.\n- [C](https://example.org/c) - 📋 clipboard™ → done 🚀\n"
                      "- [D](https://example.org/d) - Florianópolis, Brazil.\n"
                      "- [E](https://example.org/e) - We’ll write an API.\n", encoding="utf-8")
    assert _check_in_a_child(readme)[0] == "False"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ASCII + OTHERS + list("\u200b\u200c\u2060\ufeff\u00ad")),
               max_size=12))
def test_lookup_keys_skip_the_invisible_table_only_for_ascii(text: str) -> None:
    from awesome_lint.venues.badge_text import _DBLP_VOLUME, _INVISIBLE, lookup_key

    walked = " ".join(text.translate(_INVISIBLE).split()).casefold()
    assert lookup_key(text) == re.sub(_DBLP_VOLUME, "", walked)
