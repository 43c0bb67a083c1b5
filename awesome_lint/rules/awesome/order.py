"""Alphabetical order of the entries within each list of a classic awesome list (opt-in)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Document, Entry, ListInfo
from awesome_lint.rules import RuleContext, register
from awesome_lint.rules.awesome.classic import ClassicRule, opted_in
from awesome_lint.syntax.linespans import is_blank, whole_line
from awesome_lint.syntax.listitems import item_title
from awesome_lint.syntax.ordering import sort_key

PREFIX = "AWE4"
CATEGORY = "awesome"


@dataclass(frozen=True, slots=True)
class _Unit:
    """One item of a list with its continuation lines and nested items."""

    first: int
    last: int
    key: str
    title: str


def _units(doc: Document, info: ListInfo, entries: dict[int, Entry]) -> list[_Unit]:
    starts = [item.line for item in info.items]
    units: list[_Unit] = []
    for index, (start, item) in enumerate(zip(starts, info.items, strict=True)):
        last = starts[index + 1] - 1 if index + 1 < len(starts) else info.end_line
        while last > start and is_blank(doc, last):
            last -= 1
        entry = entries.get(start)
        title = entry.title if entry is not None else item_title(doc, item)
        units.append(_Unit(start, last, sort_key(title), title))
    return units


@register
class AlphabeticalOrder(ClassicRule):
    code = "AWE401"
    name = "alphabetical-order"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "Entries of a list not in alphabetical order (opt-in)."
    explanation = (
        "Many awesome lists keep each list alphabetical so readers can scan it and "
        "contributors know where to add. Order is case-insensitive and ignores emoji, a "
        "leading article (`The`, `A`, `An`) and leading punctuation. Opt-in: select "
        "`AWE401` explicitly (or set `enabled = true`). The unsafe fix sorts the list, "
        "moving each entry with its continuation lines and nested items; numbered lists "
        "and the table of contents are left alone."
    )
    bad = ("- [ky](https://github.com/sindresorhus/ky) - HTTP.\n"
           "- [got](https://github.com/sindresorhus/got) - HTTP.")
    good = ("- [got](https://github.com/sindresorhus/got) - HTTP.\n"
            "- [ky](https://github.com/sindresorhus/ky) - HTTP.")
    options: ClassVar[dict[str, Any]] = {"enabled": False}

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        if not opted_in(ctx, type(self)):
            return
        doc = ctx.document
        toc_lines = {e.span.line for e in doc.toc}
        entries = {e.line: e for e in doc.entries}
        for info in doc.lists:
            if info.ordered or len(info.items) < 2 or any(
                    item.line in toc_lines for item in info.items):
                continue
            units = _units(doc, info, entries)
            wrong = [(a, b) for a, b in itertools.pairwise(units) if b.key < a.key]
            if not wrong:
                continue
            fix = _sorted(doc, units)
            for before, unit in wrong:
                yield self.diagnostic(
                    whole_line(doc, unit.first),
                    f"'{unit.title}' should come before '{before.title}'", fix=fix)


def _sorted(doc: Document, units: list[_Unit]) -> Fix | None:
    gaps = {b.first - a.last - 1 for a, b in itertools.pairwise(units)}
    if len(gaps) != 1:
        return None  # blank lines between some items only: the author's grouping
    gap = "\n" * (gaps.pop() + 1)
    first, last = units[0].first, units[-1].last
    blocks = ["\n".join(doc.lines[u.first - 1: u.last]) for u in
              sorted(units, key=lambda u: u.key)]
    old = doc.lines[first - 1: last]
    delete = sum(len(line) + 1 for line in old) - 1
    return Fix((Edit(first, 1, delete, gap.join(blocks)),), Applicability.UNSAFE,
               "sort the list")
