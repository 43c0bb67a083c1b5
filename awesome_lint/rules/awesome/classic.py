"""The anatomy of classic awesome-list items: ``- [Name](url) - Description.``

:class:`ClassicRule` is the base of the ``AWE`` rules: they run only on classic lists.
For each entry whose name is a link, :mod:`awesome_lint.syntax.classic` locates (once per
document, on the rules' analysis) the separator after the name and the description's source
range, so the rules judge and fix positions without reading lines themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from awesome_lint.diagnostics import Diagnostic
from awesome_lint.rules import Rule, RuleContext
from awesome_lint.syntax.classic import ClassicItem

__all__ = ["ClassicItem", "ClassicRule", "described", "items_of", "opted_in"]


class ClassicRule(Rule):
    """A rule of the classic awesome-list conventions: silent unless the dialect is classic."""

    def check(self, ctx: RuleContext) -> Iterable[Diagnostic]:
        if not ctx.analysis.dialect.classic:
            return ()
        return self.check_classic(ctx)

    def check_classic(self, ctx: RuleContext) -> Iterable[Diagnostic]:
        raise NotImplementedError


def opted_in(ctx: RuleContext, rule: type[Rule]) -> bool:
    """For opt-in rules: ``enabled = true`` in their options, or selected by code or name
    (a prefix or ``ALL`` is not enough: these rules impose a convention the list may not
    follow)."""
    if ctx.options(rule).get("enabled"):
        return True
    named = {s.strip().casefold() for s in ctx.config.effective_select}
    return rule.code.casefold() in named or rule.name in named


def items_of(ctx: RuleContext) -> list[ClassicItem]:
    """Every classic-shaped item of the document, computed once per document."""
    return ctx.analysis.classic_items


def described(items: list[ClassicItem]) -> Iterator[ClassicItem]:
    """Items with a description after a separator (the ones description rules judge)."""
    return (item for item in items if item.description is not None and item.separator)
