"""Shortcuts in what a seed-sized ``check`` pays once per document, each pinned to the
path it skips (listed in :mod:`awesome_lint.startup`)."""

from __future__ import annotations

import random

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
