"""Typed context: rules get typed services passed in and a per-document analysis whose
named attributes are computed once, on first use; no string-keyed bag anywhere."""

from __future__ import annotations

import ast
import functools
import inspect
from pathlib import Path

import awesome_lint
from awesome_lint.config import Config
from awesome_lint.engine import lint_document
from awesome_lint.rules import Rule, RuleContext
from awesome_lint.rules.context import Analysis, Services
from awesome_lint.syntax.parser import parse

PACKAGE = Path(awesome_lint.__file__).parent
LIST = ("# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
        "## Tools\n\n- [One](https://one.org) - The first.\n- [Two](https://two.org) - The "
        "second.\n- [Three](https://three.org) - The third.\n")


def test_analysis_attributes_are_computed_once_per_document() -> None:
    document = parse(LIST)
    ctx = RuleContext(document, Config())
    for name in ("dialect", "conventions", "layout_conventions", "tag_conventions", "venues",
                 "url_keys", "classic_items"):
        first = getattr(ctx.analysis, name)
        assert getattr(ctx.analysis, name) is first, name
    assert ctx.analysis.dialect.classic
    assert [item.name for item in ctx.analysis.classic_items] == ["One", "Two", "Three"]
    other = RuleContext(parse(LIST), Config())
    assert other.analysis.dialect is not ctx.analysis.dialect  # each tree its own


def test_once_runs_a_family_analysis_once() -> None:
    calls: list[Analysis] = []

    def count(found: Analysis) -> int:
        calls.append(found)
        return len(found.document.entries)

    analysis = RuleContext(parse(LIST), Config()).analysis
    assert analysis.once(count) == analysis.once(count) == 3
    assert calls == [analysis]


class _Files:
    """A file resolver of our own: anything with ``exists`` and ``names`` will do."""

    def __init__(self, present: set[str]) -> None:
        self.present = present

    def exists(self, link_path: str) -> bool:
        return link_path in self.present

    def names(self, folder: str = ".") -> frozenset[str]:
        return frozenset(self.present)


def test_services_are_typed_protocols_passed_in() -> None:
    document = parse("# List\n\n* [A](a.md)\n* [B](b.md)\n", "README.md")
    config = Config(select=("LNK005",))
    assert lint_document(document, config) == []  # no resolver: nothing to check against
    found = lint_document(document, config, services=Services(files=_Files({"a.md"})))
    assert [(d.code, d.line) for d in found] == [("LNK005", 4)]
    assert not Services().network and not Services(files=_Files(set())).network


def test_no_string_keyed_bag_in_rule_facing_signatures() -> None:
    fields = inspect.get_annotations(RuleContext)
    assert fields["services"] == "Services" and fields["analysis"] == "Analysis"
    for function in (Rule.diagnostic, Rule.check, lint_document, RuleContext.options,
                     Analysis.once, *(f for f in vars(Analysis).values()
                                      if isinstance(f, functools.cached_property))):
        for name, hint in inspect.get_annotations(getattr(function, "func", function)).items():
            assert "dict[str, Any]" not in str(hint), (function, name)


def _sources(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_rules_and_syntax_never_index_services_by_string() -> None:
    for path in _sources("rules") + _sources("syntax"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "services":
                parent_calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                                and isinstance(n.func, ast.Attribute)
                                and n.func.value is node and n.func.attr in ("get", "setdefault")]
                assert not parent_calls, f"{path}:{node.lineno}: services used as a dict"
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) \
                    and node.value.attr == "services":
                raise AssertionError(f"{path}:{node.lineno}: services[...]")


def test_syntax_imports_no_rule() -> None:
    """The per-document memo moved off the rules: syntax computes, rules cache."""
    for path in _sources("syntax"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("awesome_lint.rules"), path
