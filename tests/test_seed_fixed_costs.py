"""Shortcuts in what a seed-sized ``check`` pays once per document, each pinned to the
path it skips (listed in :mod:`awesome_lint.startup`)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.venues import registry as registry_module
from awesome_lint.venues.registry import _bag_distance, _osa_distance, load_registry

_LETTERS = st.text(alphabet="abcdeijnrs ", max_size=12)


@settings(max_examples=300, deadline=None)
@given(_LETTERS, _LETTERS)
def test_the_bag_distance_never_exceeds_the_edit_distance(a: str, b: str) -> None:
    limit = max(len(a), len(b))
    assert _bag_distance(sorted(a), sorted(b)) <= _osa_distance(a, b, limit)


def _mutations(spelling: str, rng: random.Random) -> list[str]:
    """A spelling with one or two typing slips: a swap, a lost, doubled or changed letter."""
    out = []
    for _ in range(2):
        chars = list(spelling)
        for _ in range(rng.randint(1, 2)):
            if len(chars) < 2:
                break
            i = rng.randrange(len(chars) - 1)
            slip = rng.randrange(4)
            if slip == 0:
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
            elif slip == 1:
                del chars[i]
            elif slip == 2:
                chars.insert(i, chars[i])
            else:
                chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
        out.append("".join(chars))
    return out


def test_closest_answers_as_without_the_bag_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every venue spelling with typing slips, and the default and explicit distances:
    the same "did you mean" with the bound as with every spelling measured in full."""
    rng = random.Random(20)
    queries = [q for v in load_registry() for name in (v.name, *v.aliases[:2])
               for q in _mutations(name, rng)]
    queries += ["miml", "bhi journal", "jneuroimage", "CVRP", "EECV", "NeurISP", "ICMLL"]
    fast = load_registry()
    answers = [(fast.closest(q), fast.closest(q, 2)) for q in queries]
    monkeypatch.setattr(registry_module, "_bag_distance", lambda a, b: 0)
    full = load_registry()
    assert answers == [(full.closest(q), full.closest(q, 2)) for q in queries]
    assert sum(a is not None for a, _ in answers) > len(queries) // 4


# -- the classic awesome-list family on a list of another dialect ---------------------------


def test_classic_families_are_those_whose_every_rule_is_a_classic_rule() -> None:
    from awesome_lint import rules
    from awesome_lint.rules.awesome.classic import ClassicRule

    by_family: dict[str, set[bool]] = {}
    for rule in rules.all_rules():
        if rules.is_builtin(rule):
            silent = issubclass(rule, ClassicRule) and rule.check is ClassicRule.check
            by_family.setdefault(rule.__module__, set()).add(silent)
    assert {f for f, silent in by_family.items() if silent == {True}} == rules.CLASSIC_FAMILIES


CLASSIC = ("# Awesome X\n\n> Things.\n\n## Contents\n\n- [Tools](#tools)\n\n## Tools\n\n"
           "- [Alpha](https://example.org/alpha) - First entry.\n"
           "- [Beta](https://example.org/beta) - second entry\n"
           "- [Gamma](https://example.org/gamma) — Third entry.\n")


def _lists() -> list[tuple[str, str]]:
    """Every list of ``../shared`` and the fixtures, with a suppression comment added to a
    seed-style list and to a classic one."""
    from tests.conftest import shared_lists

    found = [(p.name, p.read_text(encoding="utf-8")) for p in shared_lists()]
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    found += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(fixtures.rglob("*.md"))]
    seedlike = "# Reading\n\n* [A paper](https://arxiv.org/abs/1) <kbd>CVPR 2017</kbd>\n"
    classic = CLASSIC
    for comment in ("<!-- awesome-lint-disable AWE001 -->", "<!-- awesome-lint-disable -->"):
        found += [("seedlike", f"{comment}\n{seedlike}"), ("classic", f"{comment}\n{classic}")]
    return [*found, ("seedlike", seedlike), ("classic", classic)]


def test_skipping_silent_families_changes_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    from awesome_lint import engine

    lists = _lists()
    assert len(lists) > 20
    fast = [engine.lint(text, path=None) for _, text in lists]
    monkeypatch.setattr(engine, "_silent_families", lambda ctx, active: frozenset())
    assert fast == [engine.lint(text, path=None) for _, text in lists]


def test_a_seed_style_list_imports_no_classic_rule() -> None:
    code = ("import sys\nfrom awesome_lint import lint\n"
            "from awesome_lint.rules import CLASSIC_FAMILIES\n"
            "lint('# Reading\\n\\n* [A paper](https://arxiv.org/abs/1) <kbd>CVPR 2017</kbd>\\n')\n"
            "print(sorted(CLASSIC_FAMILIES & set(sys.modules)))\n"
            f"lint({CLASSIC!r})\n"
            "print(len(CLASSIC_FAMILIES - set(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[:2] == ["[]", "0"]


def test_the_written_out_mac_roman_continuations_are_the_codecs() -> None:
    from awesome_lint.syntax import mojibake

    decoded = "".join(bytes([b]).decode("mac_roman") for b in range(0x80, 0xC0))
    assert decoded == mojibake._MAC_ROMAN_CONTINUATIONS


def test_the_written_out_ascii_punctuation_is_the_string_modules() -> None:
    import string

    from awesome_lint.syntax import markdown

    assert frozenset(string.punctuation) == markdown._ASCII_PUNCTUATION
