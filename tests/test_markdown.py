"""The fast mistletoe import must answer exactly like mistletoe's own punctuation set."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

from awesome_lint.syntax.markdown import UnicodePunctuation, load


def test_punctuation_test_matches_the_full_set_for_every_code_point() -> None:
    ours = UnicodePunctuation()
    ascii_punct = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        expected = char in ascii_punct or unicodedata.category(char).startswith("P")
        assert (char in ours) == expected, hex(code)


def test_loaded_mistletoe_renders_unicode_emphasis_rules() -> None:
    mistletoe = load()
    from mistletoe.html_renderer import HTMLRenderer

    with HTMLRenderer() as renderer:
        # "«" is Unicode punctuation: the emphasis must be left-flanking after it.
        html = renderer.render(mistletoe.Document("a«*b*»\n"))
    assert "<em>b</em>" in html
    assert sys.maxunicode == 0x10FFFF


def test_parser_uses_the_fast_import_in_a_fresh_process() -> None:
    # (a setext heading: one of the shapes syntax.listblocks leaves to mistletoe)
    code = ("import awesome_lint, sys; awesome_lint.parse('[a](b)\\n===\\n'); "
            "import mistletoe.core_tokens as c; "
            "print(type(c.punctuation).__name__, sys.maxunicode)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["UnicodePunctuation", str(0x10FFFF)]


def test_plain_lists_parse_without_mistletoe() -> None:
    """Headings, paragraphs and one-line items take the block fast path: no import at all."""
    code = ("import awesome_lint, sys; awesome_lint.parse('# T\\n\\nText.\\n\\n* [a](b)\\n'); "
            "print('mistletoe' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False"]
