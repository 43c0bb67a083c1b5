"""The language server's :class:`~awesome_lint.syntax.entrymemo.EntryMemo` changes no finding: lints
of successive versions of a list that reuse per-entry values find what fresh lints find."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.config import Config
from awesome_lint.diagnostics import Diagnostic
from awesome_lint.engine import lint_document
from awesome_lint.engine.schema import from_mapping
from awesome_lint.rules.context import Services
from awesome_lint.syntax import entrymemo
from awesome_lint.syntax.parser import ParseMemo, parse
from tests.conftest import shared_lists
from tests.test_parse_memo import _real_edits, versions

REAL = shared_lists()
#: The defaults, and tags configured (the legend and topic badges are the memo's context).
CONFIGS = (Config(), from_mapping({"tags": {
    "legend": {"Gml": "General ML", "Net": "Networks"}, "position": "after-badge",
    "topic-badges": ["CVPR 2019"]}}))


def _fresh(text: str, config: Config) -> list[Diagnostic]:
    return lint_document(parse(text), config)


def _check(texts: list[str], config: Config) -> entrymemo.EntryMemo:
    """Lint each version as the language server does (one ParseMemo, one EntryMemo); each
    lint must find what a fresh parse and lint without the memos finds."""
    parse_memo, memo = ParseMemo(), entrymemo.EntryMemo()
    for text in texts:
        found = lint_document(parse(text, memo=parse_memo), config,
                              services=Services(entry_memo=memo))
        assert found == _fresh(text, config)
    return memo


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions(), st.sampled_from(CONFIGS))
def test_edited_lists_find_the_same_with_the_memo(texts: list[str], config: Config) -> None:
    _check(texts, config)


def test_the_memo_is_used() -> None:
    """An edit of one line reuses the tags and titles of every other entry."""
    rows = [f"* [Gml] [Paper number {n} on things](https://example.org/{n}) <kbd>CVPR 2019</kbd>"
            for n in range(40)]
    before = "\n".join(["# Awesome", "", *rows])
    rows[5] = "* [Net] [Another paper on things](https://example.org/x)"
    memo = _check([before, "\n".join(["# Awesome", "", *rows])], CONFIGS[1])
    assert len(memo.tags._current) == 40 and len(memo.tags._previous) == 40
    assert len(memo.titles._current) == 40


def test_no_memo_without_the_service() -> None:
    assert Services().entry_memo is None


@pytest.mark.skipif(not REAL, reason="../shared is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_real_lists_find_the_same_with_the_memo(path: Path) -> None:
    _check(_real_edits(path.read_text(encoding="utf-8")), Config())
