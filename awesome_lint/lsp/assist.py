"""Hover and completion: what a finding means, what a venue badge names, and what to type.

Hover on a finding shows the rule's reference (the text of ``awesome-lint explain``, as in
docs/rules.md); hover on a venue badge shows the registry's entry for it.  Completion offers
the registry's venue names inside ``<kbd>`` and the legend's tags after ``[``.
"""

from __future__ import annotations

import re

from lsprotocol import types

from awesome_lint.lsp.convert import docs_url
from awesome_lint.lsp.documents import Snapshot
from awesome_lint.lsp.positions import LineIndex, code_units, contains
from awesome_lint.model import Badge
from awesome_lint.syntax import kbd, tagtokens
from awesome_lint.venues import BadgeResolution, Registry, Venue


def _registry(snapshot: Snapshot) -> Registry:
    from awesome_lint.rules.badges import settings

    return settings(snapshot.config).registry


# -- hover ---------------------------------------------------------------------------------------
def hover(snapshot: Snapshot, position: types.Position, docs: str | None = None
          ) -> types.Hover | None:
    from awesome_lint.report.markdown_report import rule_section
    from awesome_lint.rules import find_rule

    parts: list[str] = []
    messages: dict[str, list[str]] = {}
    for diagnostic in snapshot.diagnostics:
        if contains(snapshot.index.diagnostic_range(diagnostic), position):
            messages.setdefault(diagnostic.code, []).append(diagnostic.message)
    for code, found in messages.items():
        rule = find_rule(code)
        if rule is None:
            continue
        lines = [f"**{code} {rule.name}**", ""] + [f"- {m}" for m in found]
        lines += ["", rule_section(rule), "",
                  f"[{code} in the rule reference]({docs_url(code, rule.name, docs)})"]
        parts.append("\n".join(lines))
    badge = badge_at(snapshot, position)
    if badge is not None:
        registry = _registry(snapshot)
        parts.append(venue_markdown(badge, registry.resolve_badge(badge.raw), registry))
    if not parts:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown,
                                           "\n\n---\n\n".join(parts)))


def badge_at(snapshot: Snapshot, position: types.Position) -> Badge | None:
    if snapshot.document is None:
        return None
    line, column = snapshot.index.column(position)
    for badge in snapshot.document.badges:
        span = badge.span
        if span.line <= line <= span.end_line and (line, column) >= (span.line, span.column) \
                and (line, column) <= (span.end_line, span.end_column + 1):
            return badge
    return None


def venue_markdown(badge: Badge, resolution: BadgeResolution, registry: Registry) -> str:
    """The registry's entry for the venue a badge names, or why it has none."""
    match = resolution.match
    if match is None:
        if resolution.topic:
            return f"`{badge.raw}` is a topic badge (configured), not a venue."
        text = f"`{badge.raw}`: no venue of that name in the registry."
        near = registry.closest(resolution.badge.venue_text) \
            if resolution.badge.venue_text else None
        return text + (f" Did you mean {near.name} ({near.full_name})?" if near else "")
    venue = match.venue
    year = resolution.badge.year
    lines = [f"**{venue.name}**: {venue.full_name} ({venue.kind})", ""]
    lines.append(f"- Cadence: {_cadence(venue)}")
    if year is not None:
        held = {True: "held", False: "not held", None: "not known to the registry"}
        lines.append(f"- {year}: {held[resolution.held]}; then called "
                     f"{venue.name_for(year)} ({venue.full_name_for(year)})")
    if venue.former_names:
        lines.append(f"- Former names: {', '.join(venue.former_names)}")
    if match.via != "name":
        lines.append(f"- `{match.text.strip()}` matched as {match.via.replace('_', ' ')} "
                     f"'{match.matched}'")
    others = [v.name for v in match.candidates if v is not venue]
    if match.ambiguous and others:
        lines.append(f"- May also mean: {', '.join(others)}")
    if venue.note:
        lines.append(f"- Note: {venue.note}")
    if not venue.confirmed:
        lines.append("- Dates not confirmed")
    if venue.source:
        lines.append(f"- Source: {venue.source}")
    return "\n".join(lines)


def _cadence(venue: Venue) -> str:
    span = f"since {venue.first_year}"
    if venue.last_year is not None:
        span = f"{venue.first_year}-{venue.last_year}"
    return f"{venue.cadence}, {span}"


# -- completion ----------------------------------------------------------------------------------
def complete(snapshot: Snapshot, line_text: str, position: types.Position
             ) -> list[types.CompletionItem]:
    """Items for the cursor at ``position`` in ``line_text`` (the editor's current line,
    which may be newer than the snapshot)."""
    encoding = snapshot.index.encoding
    _, column = LineIndex([line_text], encoding=encoding).column(
        types.Position(0, position.character))
    before, after = line_text[:column - 1], line_text[column - 1:]
    badge = kbd.TYPING.search(before)
    if badge is not None:
        typed = badge.group(1)
        if re.search(r"\d", typed):
            return []  # the year is being typed: the venue is written
        return _venues(snapshot, _replace(position, typed, encoding))
    tag = tagtokens.TYPING.search(before)
    if tag is not None:
        return _tags(snapshot, _replace(position, tag.group(1), encoding), after)
    return []


def _replace(position: types.Position, typed: str, encoding: str) -> types.Range:
    """The range of what was typed so far, which the completion replaces."""
    start = types.Position(position.line, position.character - code_units(typed, encoding))
    return types.Range(start, position)


def _venues(snapshot: Snapshot, where: types.Range) -> list[types.CompletionItem]:
    items = []
    for rank, venue in enumerate(_registry(snapshot).venues):
        spellings = ", ".join(s for s in venue.spellings[2:] if s) or "none"
        items.append(types.CompletionItem(
            label=venue.name, kind=types.CompletionItemKind.Value, detail=venue.full_name,
            documentation=types.MarkupContent(
                types.MarkupKind.Markdown,
                f"{venue.kind}, {_cadence(venue)}\n\nOther spellings: {spellings}"),
            filter_text=venue.name, sort_text=f"{rank:05d}",
            text_edit=types.TextEdit(where, venue.name + " ")))
    return items


def _tags(snapshot: Snapshot, where: types.Range, after: str) -> list[types.CompletionItem]:
    if snapshot.document is None:
        return []
    from awesome_lint.syntax.tags import conventions

    # the lint's entry memo holds every entry's tags: this reads them back, computes none
    legend = conventions(snapshot.document, snapshot.config,
                         snapshot.services.entry_memo).legend
    if legend is None:
        return []
    close = "" if after.startswith("]") else "]"
    return [types.CompletionItem(
        label=tag.name, kind=types.CompletionItemKind.EnumMember,
        detail=tag.description or None, sort_text=f"{rank:05d}",
        text_edit=types.TextEdit(where, tag.name + close))
        for rank, tag in enumerate(legend.tags)]
