"""Declared.of_diff's two readings of a line diff, and the judge that accepts either.

A line diff pairs repeated lines one way; when an entry's bullets change and a twin below it
loses a sub-item, that way pairs the entry with its twin (found by test_fix_properties).
"""

from __future__ import annotations

from awesome_lint.autofix import guards

BEFORE = "\n".join(["# L", "", "* [A](https://a.org)", "  * [C](https://c.org)",
                    "- [A](https://a.org)", "  - [C](https://c.org)",
                    "  - [C](https://c.org)", ""])
#: Bullets made ``-``; the duplicate last sub-item gone.
AFTER = "\n".join(["# L", "", "- [A](https://a.org)", "  - [C](https://c.org)",
                   "- [A](https://a.org)", "  - [C](https://c.org)", ""])


def test_the_line_diff_pairs_an_entry_with_its_twin() -> None:
    """difflib's reading: the ``*`` entry deleted, a second ``-`` entry inserted."""
    declared = guards.Declared.of_diff(BEFORE, AFTER)
    assert (declared.before, declared.after) == ({3, 4}, {5})


def test_the_other_reading_pairs_lines_alike_but_for_bullets() -> None:
    """Lines 3-4 are paired (and declared: they differ); the deleted sub-item, or its equal
    neighbour, is declared as a slid deletion is. Only lines equal to their partner stay."""
    other = guards.Declared.of_diff(BEFORE, AFTER).otherwise
    assert other is not None
    assert (other.before, other.after) == ({3, 4, 6, 7}, {3, 4, 6})


def test_no_other_reading_when_bullets_do_not_matter() -> None:
    before, after = "- a\n- b\n- b\n", "- a\n- b\n"
    assert guards.Declared.of_diff(before, after).otherwise is None


def test_the_judge_accepts_what_the_other_reading_explains() -> None:
    declared = guards.Declared.of_diff(BEFORE, AFTER)
    plain = guards.Declared(declared.before, declared.after)
    assert guards.judge(BEFORE, AFTER, plain, ["https://c.org"]) is not None
    assert guards.judge(BEFORE, AFTER, declared, ["https://c.org"]) is None


def test_a_change_outside_both_readings_is_still_refused() -> None:
    """The same rewrite, but the reference definition changed too: every ``[x]`` use now
    links elsewhere, on lines neither reading declares."""
    before = BEFORE + "\nSee [x].\n\n[x]: https://x.org\n"
    after = AFTER + "\nSee [x].\n\n[x]: https://y.org\n"
    declared = guards.Declared.of_diff(before, after)
    assert declared.otherwise is not None
    removes = ["https://c.org", "https://x.org"]
    assert guards.judge(before, after, declared, removes) is not None
    # the other reading, on its own, names the line whose link changed
    refusal = guards.judge(before, after, declared.otherwise, removes)
    assert refusal is not None and "renders line 9 ('See [x].')" in refusal.message


def test_a_lost_link_is_refused_whatever_the_reading() -> None:
    """The other reading never excuses a loss: the sub-item's link must be declared."""
    declared = guards.Declared.of_diff(BEFORE, AFTER)
    refusal = guards.judge(BEFORE, AFTER, declared)
    assert refusal is not None and "lose the link 'https://c.org'" in refusal.message
