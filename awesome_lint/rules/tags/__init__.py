"""Tags: entries keep the list's own topic-tag conventions (legend, spelling, position, order).

The conventions themselves -- which legend is in force, which tokens of an entry are tags --
are worked out once in :mod:`awesome_lint.syntax.tags`.  Without a legend (document or config) these
rules stay silent, except ``missing-tag``, which the configuration must switch on.
"""

from __future__ import annotations

from collections.abc import Iterator

from awesome_lint.config import Validator
from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.model import TagLegend
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.syntax import tags as conv
from awesome_lint.syntax.linespans import rest_of_line

PREFIX = "TAG"
CATEGORY = "tags"
#: The tables this family reads, for the schema the engine assembles.
CONFIG_TABLES: dict[str, Validator] = {conv.TABLE: conv.validate}

#: Entries with several tags it takes to judge whether a list keeps the legend's order,
#: and the share of them that must.
_ORDER_EVIDENCE = 5
_ORDER_SHARE = 0.9
_WHERE = {"start": "before the title", "end": "at the end of the entry",
          "middle": "in the middle of the entry"}
_EXPECTED = {"before-title": ("start",), "after-badge": ("end",),
             "either": ("start", "end")}


def _conventions(ctx: RuleContext) -> conv.Conventions:
    return ctx.analysis.tag_conventions


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bracket(name: str, badge: bool) -> str:
    return f"<kbd>{name}</kbd>" if badge else f"[{name}]"


@register
class UndefinedTag(Rule):
    code = "TAG001"
    name = "undefined-tag"
    category = CATEGORY
    fixable = True  # an unsafe fix, when one legend tag is a letter away
    summary = "An entry uses a tag that the list's legend does not define."
    explanation = (
        "A tag is only useful when readers can look it up and search for it: a tag the "
        "legend does not list is a typo or a topic someone forgot to add to the legend. "
        "When a legend tag is one letter away, the message names it, and an unsafe fix "
        "writes it."
    )
    bad = ("Tags: [Act], [Vid]\n\n* [Act] [Two-Stream ConvNets](https://arxiv.org/abs/1406.2199)"
           "\n* [Vis] [Non-local Neural Networks](https://arxiv.org/abs/1711.07971)")
    good = ("Tags: [Act], [Vid]\n\n* [Act] [Two-Stream ConvNets](https://arxiv.org/abs/1406.2199)"
            "\n* [Vid] [Non-local Neural Networks](https://arxiv.org/abs/1711.07971)")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = _conventions(ctx)
        legend = found.legend
        if legend is None:
            return
        for tagged in found.entries:
            for tag in tagged.tags:
                if legend.find(tag.name) is not None:
                    continue
                near = legend.nearest(tag.name)
                hint = f"; did you mean {_bracket(near.name, legend.badges)}?" if near else ""
                fix = (self.replace(tag.span, near.name, safe=False,
                                    description=f"write {near.name}")
                       if near and tag.span.line == tag.span.end_line else None)
                yield self.diagnostic(
                    tag.token, f"tag {_bracket(tag.name, tag.position == 'badge')} on line "
                    f"{tag.token.line} is not in {legend.describe()}{hint}", fix=fix)


@register
class UnusedLegendTag(Rule):
    code = "TAG002"
    name = "unused-legend-tag"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "A legend tag that no entry uses."
    explanation = (
        "A legend promises readers they can search for a topic tag. When no entry carries "
        "the tag, the search finds nothing: tag the entries or drop the tag from the legend."
    )
    bad = ("Tags: [Gml], [Vid]\n\n"
           "* [Gml] [Statistical Modeling](https://example.org/two-cultures)")
    good = ("Tags: [Gml], [Vid]\n\n"
            "* [Gml] [Statistical Modeling](https://example.org/two-cultures)\n"
            "* [Vid] [Non-local Neural Networks](https://arxiv.org/abs/1711.07971)")

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = _conventions(ctx)
        if found.legend is None:
            return
        for tag in conv.unused(found):
            what = f" ({_short(tag.description)})" if tag.description else ""
            yield self.diagnostic(
                tag.span or found.legend.span,
                f"legend tag {_bracket(tag.name, found.legend.badges)}{what} from "
                f"{found.legend.describe()} is used by no "
                "entry")


@register
class TagCase(Rule):
    code = "TAG003"
    name = "tag-case"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "A tag spelt with different capitals than in the legend (`[gml]` for `[Gml]`)."
    explanation = (
        "Readers find tagged entries with a case-sensitive search (Cmd-F, GitHub's page "
        "search with 'match case', grep), so `[gml]` hides from a search for `[Gml]`. The "
        "fix writes the legend's spelling."
    )
    bad = "Tags: [Gml], [Opt]\n\n* [gml] [The Two Cultures](https://example.org/breiman)"
    good = "Tags: [Gml], [Opt]\n\n* [Gml] [The Two Cultures](https://example.org/breiman)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = _conventions(ctx)
        legend = found.legend
        if legend is None:
            return
        for tagged in found.entries:
            for tag in tagged.tags:
                known = legend.find(tag.name)
                if known is None or known.name == tag.name:
                    continue
                badge = tag.position == "badge"
                yield self.diagnostic(
                    tag.token, f"tag {_bracket(tag.name, badge)} on line {tag.token.line} is "
                    f"written {_bracket(known.name, badge)} in {legend.describe()}",
                    fix=self.replace(tag.span, known.name, description=f"write {known.name}")
                    if tag.span.line == tag.span.end_line else None)


@register
class TagOrder(Rule):
    code = "TAG004"
    name = "tag-order"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "Tags out of legend order, or not where the list puts its tags."
    explanation = (
        "A list reads and searches best when every entry carries its tags in the same place "
        "and in the legend's order. `tags.position` says where tags go: 'before-title', "
        "'after-badge' (at the end of the entry) or 'either' (the default; a tag stuck in "
        "the middle of an entry is still reported). The order is checked only in a list "
        "whose entries keep the legend's order (nine in ten, among five or more with "
        "several tags). The fix puts several tags into "
        "legend order; moving a misplaced tag is left to you."
    )
    bad = "Tags: [Gml], [Opt]\n\n* [Opt] [Gml] [Bag of Tricks](https://arxiv.org/abs/1812.01187)"
    good = "Tags: [Gml], [Opt]\n\n* [Gml] [Opt] [Bag of Tricks](https://arxiv.org/abs/1812.01187)"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = _conventions(ctx)
        legend = found.legend
        if legend is None:
            return
        position = found.settings.position
        allowed = _EXPECTED[position]
        ordered = _follows_legend_order(found.entries, legend)
        for tagged in found.entries:
            for tag in tagged.tags:
                if tag.position in ("badge", *allowed):
                    continue
                want = " or ".join(_WHERE[p] for p in allowed)
                yield self.diagnostic(
                    tag.token, f"tag [{tag.name}] on line {tag.token.line} is "
                    f"{_WHERE[tag.position]}; this list puts tags {want} "
                    f"(tags.position = '{position}')")
            if len(tagged.tags) < 2 or not ordered:
                continue  # one tag is always in order; a list that mixes has no order
            for group in ("start", "middle", "end", "badge"):
                members = [tag for tag in tagged.tags if tag.position == group]
                if len(members) > 1:
                    yield from self._order(members, legend)

    def _order(self, members: list[conv.EntryTag], legend: conv.Legend
               ) -> Iterator[Diagnostic]:
        names = [tag.name for tag in members]
        ordered = conv.legend_order(names, legend)
        if ordered == names:
            return
        badge = members[0].position == "badge"
        edits = tuple(Edit(tag.span.line, tag.span.column,
                           tag.span.end_column - tag.span.column + 1, name)
                      for tag, name in zip(members, ordered, strict=True)
                      if name != tag.name)
        fix = (Fix(edits, description="put the tags in legend order")
               if all(tag.span.line == tag.span.end_line for tag in members) else None)
        first = next(tag for tag, name in zip(members, ordered, strict=True)
                     if name != tag.name)
        written = " ".join(_bracket(n, badge) for n in names)
        wanted = " ".join(_bracket(n, badge) for n in ordered)
        yield self.diagnostic(
            first.token, f"tags {written} on line {first.token.line} are not in the order "
            f"of {legend.describe()}; write {wanted}", fix=fix)


def _follows_legend_order(entries: tuple[conv.TaggedEntry, ...], legend: conv.Legend) -> bool:
    """Whether the list keeps its tags in legend order: the list's own convention decides
    whether the legend's order is one at all.  Too few entries with several tags say
    nothing against the legend; among ``_ORDER_EVIDENCE`` or more, nine in ten must follow
    it (a list with a sixth of its entries in another order has no order to deviate from)."""
    several = [[t.name for t in tagged.tags] for tagged in entries if len(tagged.tags) > 1]
    in_order = sum(1 for names in several if conv.legend_order(names, legend) == names)
    return len(several) < _ORDER_EVIDENCE or in_order >= _ORDER_SHARE * len(several)


@register
class MissingTag(Rule):
    code = "TAG005"
    name = "missing-tag"
    category = CATEGORY
    summary = "An entry without a topic tag, where `tags.require-tags` asks for one."
    explanation = (
        "When a list promises that every paper is tagged (`require-tags = true`, limited to "
        "the sections named in `tags.sections`), an untagged entry drops out of every topic "
        "search. Off by default."
    )
    bad = "* [U-Net](https://arxiv.org/abs/1505.04597) <kbd>MICCAI 2015</kbd>"
    good = "* [Loc] [U-Net](https://arxiv.org/abs/1505.04597) <kbd>MICCAI 2015</kbd>"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = _conventions(ctx)
        if not found.settings.require_tags:
            return
        for tagged in found.entries:
            entry = tagged.entry
            if tagged.tags or not conv.in_sections(entry, found.settings.sections):
                continue
            span = rest_of_line(ctx.document, entry.line, entry.marker_column)
            where = f" in section '{entry.section_path[-1]}'" if entry.section_path else ""
            title = entry.title or _short(ctx.document.line_text(entry.line).strip())
            yield self.diagnostic(
                span, f"entry '{_short(title, 60)}' on line {entry.line}{where} has no topic tag "
                "(tags.require-tags is on)")


@register
class LegendDrift(Rule):
    code = "TAG006"
    name = "legend-drift"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "The legend's inline enumeration (or the configured legend) and its items differ."
    explanation = (
        "Lists often announce their tags twice: an enumeration such as `e.g. [Gml], [Opt]` "
        "and a list explaining each tag. When a tag is added to one and not the other, "
        "readers get two different answers. The same holds for a legend written in the "
        "README and the one in the configuration (`tags.legend`)."
    )
    bad = "e.g. [Gml], [Opt]\n* [Gml] General ML\n* [Opt] Optimization\n* [Vid] Video"
    good = "e.g. [Gml], [Opt], [Vid]\n* [Gml] General ML\n* [Opt] Optimization\n* [Vid] Video"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = _conventions(ctx)
        legend = found.legend
        if legend is None:
            return
        for listed in legend.lists:
            enum = conv.enumeration(ctx.document, listed)
            if enum:
                yield from self._enumeration(enum, listed)
        if legend.source == "config" and legend.lists:
            yield from self._config(legend)

    def _enumeration(self, enum: tuple[conv.EntryTag, ...], listed: TagLegend
                     ) -> Iterator[Diagnostic]:
        items = {item.name.casefold(): item for item in listed.items}
        named = {tag.name.casefold(): tag for tag in enum}
        where = f"the legend list on lines {listed.line}-{listed.end_line}"
        line = enum[0].token.line
        for tag in enum:
            item = items.get(tag.name.casefold())
            if item is None:
                yield self.diagnostic(tag.token, f"[{tag.name}] is in the enumeration on line "
                                      f"{line} but not in {where}")
            elif item.name != tag.name:
                yield self.diagnostic(tag.token, f"[{tag.name}] in the enumeration on line "
                                      f"{line} is written [{item.name}] in {where}")
        for item in listed.items:
            if item.name.casefold() not in named:
                yield self.diagnostic(item.span, f"legend tag [{item.name}] on line "
                                      f"{item.span.line} is missing from the enumeration on "
                                      f"line {line}")
        shared = [t.name.casefold() for t in enum if t.name.casefold() in items]
        order = [i.name.casefold() for i in listed.items if i.name.casefold() in named]
        if shared != order and sorted(shared) == sorted(order) and len(set(shared)) == len(
                shared):
            yield self.diagnostic(enum[0].token, f"the enumeration on line {line} lists the "
                                  f"tags in another order than {where}")

    def _config(self, legend: conv.Legend) -> Iterator[Diagnostic]:
        for listed in legend.lists:
            for item in listed.items:
                if legend.find(item.name) is None:
                    yield self.diagnostic(item.span, f"legend tag [{item.name}] on line "
                                          f"{item.span.line} is not in the configured legend "
                                          "(tags.legend)")
        for tag in legend.tags:
            if tag.span is None:
                yield self.diagnostic(legend.span, f"configured legend tag [{tag.name}] "
                                      f"(tags.legend) is missing from the legend on line "
                                      f"{legend.span.line}")
