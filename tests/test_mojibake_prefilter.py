"""ftfy is loaded only for a line ftfy would change, and its answers are the same when kept.

:func:`awesome_lint.syntax.mojibake.find` asks ftfy only for a line that passes two tests:
the pre-check (some code page turns it into multi-byte UTF-8) and ftfy's own
``badness.is_bad``, loaded without ftfy's package.  ``ftfy.fix_encoding`` returns every
other line unchanged, so skipping it changes no answer: checked here with generated lines
and with every line of the real lists in ``../shared``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint import startup
from awesome_lint.syntax import mojibake
from tests.conftest import shared_lists

# What mojibake is made of: the characters of ftfy's badness classes, the code pages' upper
# halves (Mac Roman's Apple logo included), and ordinary text around them.
_PAGES = ["latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso-8859-2",
          "mac_roman", "cp437"]
_ALPHABET = sorted({bytes([b]).decode(page, "ignore") for page in _PAGES
                    for b in range(0x80, 0x100)} - {""} | set("aZ .,?!-–’é⭐ \u00a0"))


def _skipped(line: str) -> bool:
    return not (mojibake.may_be_utf8().search(line) and mojibake.ftfy_is_bad()(line))


def test_the_standalone_badness_is_ftfys() -> None:
    import ftfy.badness

    alone = startup.module_alone("ftfy", "badness")
    assert alone is not None and alone.__name__ != "ftfy.badness"
    assert alone.BADNESS_RE.pattern == ftfy.badness.BADNESS_RE.pattern
    assert alone.BADNESS_RE.flags == ftfy.badness.BADNESS_RE.flags


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=10))
def test_ftfy_leaves_alone_every_line_the_filter_skips(line: str) -> None:
    import ftfy
    import ftfy.badness

    assert mojibake.ftfy_is_bad()(line) == ftfy.badness.is_bad(line)
    if _skipped(line):
        assert ftfy.fix_encoding(line) == line


@pytest.mark.skipif(not shared_lists(), reason="../shared is absent")
def test_ftfy_leaves_alone_every_skipped_line_of_the_real_lists() -> None:
    import ftfy

    flagged = 0
    for path in shared_lists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.isascii():
                continue
            if _skipped(line):
                assert ftfy.fix_encoding(line) == line, (path.name, line)
            else:
                flagged += 1
    assert flagged >= 2  # the seeds' garbled stars (‚≠ê) still reach ftfy


def _run(code: str, cache: Path) -> str:
    env = {**os.environ, "AWESOME_LINT_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True).stdout.strip()


def test_a_line_ftfy_would_not_change_never_loads_it(tmp_path: Path) -> None:
    # "áš" reads as UTF-8 in cp1250, but ftfy's badness does not flag the name
    code = ("import sys\nfrom awesome_lint.syntax import mojibake\n"
            "line = '88. [ Tom\u00e1\u0161 Mikolov ](https://example.org/tm)'\n"
            "assert mojibake.may_be_utf8().search(line)\n"
            "print(mojibake.find(line), 'ftfy' in sys.modules)")
    assert _run(code, tmp_path) == "[] False"


def test_ftfys_answers_kept_between_runs(tmp_path: Path) -> None:
    """A line ftfy repairs and one its badness test lets through: the second run answers
    both from the cache, loading neither ftfy nor the test."""
    line = "* \u201a\u2260\u00ea Stanford CS231n"
    passed = "88. [ Tom\u00e1\u0161 Mikolov ](https://example.org/tm)"
    code = ("import sys\nfrom awesome_lint import startup\nstartup.keep_compiled()\n"
            "from awesome_lint.syntax import mojibake\n"
            f"found = mojibake.find({line!r}) + mojibake.find({passed!r})\n"
            "print([(m.column, m.text, m.repaired, m.certain) for m in found],"
            " 'ftfy' in sys.modules, mojibake.ftfy_is_bad.cache_info().currsize == 1)\n"
            "startup.exit_now(0)")
    expected = repr([(m.column, m.text, m.repaired, m.certain)
                     for m in mojibake.find(line) + mojibake.find(passed)])
    assert "\u2b50" in expected
    assert _run(code, tmp_path) == f"{expected} True True"  # computed, then saved
    assert _run(code, tmp_path) == f"{expected} False False"  # answered from the cache


def test_answers_are_kept_per_ftfy_version(tmp_path: Path) -> None:
    stamp = startup.package_stamp("ftfy")
    assert stamp is not None and stamp.startswith("ftfy-")
    assert startup.package_stamp("no_such_package_here") is None
    assert startup.module_alone("no_such_package_here", "badness") is None


def _lost_lead_byte_at_every_offset(line: str) -> list[tuple[int, str, str]]:
    """The guesses, trying every offset of the line (what the search replaced)."""
    import unicodedata

    found, index = [], 0
    while index + 3 <= len(line):
        chunk = line[index: index + 3]
        try:
            data = chunk.encode("mac_roman")
            char = (b"\xf0" + data).decode("utf-8") \
                if all(0x80 <= b <= 0xBF for b in data) else ""
        except (UnicodeEncodeError, UnicodeDecodeError):
            char = ""
        if char and unicodedata.category(char) == "So":
            found.append((index + 1, chunk, char))
            index += 3
            continue
        index += 1
    return found


_MAC_ROMAN = [bytes([b]).decode("mac_roman") for b in range(0x80, 0x100)] + list("ab é")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_MAC_ROMAN), max_size=14))
def test_lost_lead_bytes_found_as_at_every_offset(line: str) -> None:
    assert [(m.column, m.text, m.repaired) for m in mojibake._lost_lead_byte(line)] == \
        _lost_lead_byte_at_every_offset(line)
    assert all(not m.certain for m in mojibake._lost_lead_byte(line))
