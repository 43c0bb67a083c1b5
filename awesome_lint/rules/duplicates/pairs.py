"""What the duplicate rules share once a repeat is found: which earlier entry a later one
repeats (honouring inline opt-outs), where the finding goes, and how it names things."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from awesome_lint.model import Document, Entry, Section, Span
from awesome_lint.rules import Rule
from awesome_lint.syntax import suppression
from awesome_lint.syntax.linespans import rest_of_line

PREFIX = "DUP"
CATEGORY = "duplicates"


def similarity_threshold(value: Any) -> float:
    """``title-similarity`` clamped to [0, 1] (the config checks only its type)."""
    return min(1.0, max(0.0, float(value)))


def clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def section_of(document: Document) -> dict[int, Section]:
    return {id(entry): section for section in document.root.walk() for entry in section.entries}


def section_name(section: Section | None) -> str:
    return section.title if section is not None and section.level > 0 else "(top of file)"


class OptOut:
    """Which entries an inline suppression takes out of a rule's comparisons."""

    def __init__(self, rule: Rule, document: Document) -> None:
        self.rule = rule
        self.directives = suppression.directives(document) if document.comments else []

    def __call__(self, entry: Entry) -> bool:
        if not self.directives:
            return False
        probe = self.rule.diagnostic(Span(entry.line, 1, entry.line, 1), "")
        return any(directive.covers(probe) for directive in self.directives)


def entry_span(document: Document, entry: Entry) -> Span:
    """Where a finding about an entry goes: its primary link when that starts on the entry's
    first line (so ``disable-next-line`` above the entry covers it), else the first line."""
    link = entry.link
    if link is not None and link.span.line == entry.line:
        return link.span
    return rest_of_line(document, entry.line, entry.marker_column)


@dataclass(frozen=True)
class Pair:
    """A finding to make: ``later`` repeats ``earlier``; ``at_earlier`` puts the finding on
    the earlier entry (which opted out, so the engine drops it)."""

    earlier: Entry
    later: Entry
    at_earlier: bool = False


class Earlier:
    """Earlier entries with one key, answering "which in this section, which in others"
    in constant time: rescanning a list of them per entry was quadratic (8,000 one-entry
    sections sharing a URL took 8 s)."""

    def __init__(self, entry: Entry, section: Section | None,
                 opted_out: Callable[[Entry], bool]) -> None:
        self.opted_out = opted_out
        #: (section, entry) in document order, and those not opted out.
        self.all: list[tuple[Section | None, Entry]] = []
        self.visible: list[tuple[Section | None, Entry]] = []
        self.by_section: dict[int, list[Entry]] = {}
        self.add(entry, section)

    def add(self, entry: Entry, section: Section | None) -> None:
        self.all.append((section, entry))
        if not self.opted_out(entry):
            self.visible.append((section, entry))
        self.by_section.setdefault(id(section), []).append(entry)

    def same(self, section: Section | None) -> list[Entry]:
        return list(self.by_section.get(id(section), ()))

    def others(self, section: Section | None) -> list[Entry]:
        """What :func:`choose` reads of the entries in other sections: the first one and
        the first one not opted out (a section holds at most two, so few are skipped)."""
        first = next((e for s, e in self.all if s is not section), None)
        visible = next((e for s, e in self.visible if s is not section), None)
        if first is None:
            return []
        return [first] if visible is None or visible is first else [first, visible]


def choose(later: Entry, candidates: Sequence[Entry], opted_out: Callable[[Entry], bool]
            ) -> Pair | None:
    """The pair to report for ``later`` given its earlier matches, honouring opt-outs."""
    if not candidates:
        return None
    if opted_out(later):
        return Pair(candidates[0], later)
    visible = next((c for c in candidates if not opted_out(c)), None)
    if visible is not None:
        return Pair(visible, later)
    return Pair(candidates[0], later, at_earlier=True)
