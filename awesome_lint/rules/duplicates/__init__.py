"""Duplicates: the same resource listed twice, the same title under two links, a link
repeated inside one entry.

Lists grow by appending, so duplicates creep in.  Identity is :func:`canonical_key`, so
``arxiv.org/abs/X`` and ``arxiv.org/pdf/Xv3.pdf`` are one paper.  Only an entry's *primary*
link makes it an entry: links in descriptions and ``[[Notes](...)]`` links never do.

Scale: entries are indexed by canonical key (one dictionary lookup each, never pairwise),
and titles by their folded text and their ``Acronym:``-less variants.  Nearly identical
titles are found by *sorted-neighbourhood blocking*: the folded titles are sorted (once as
written, once reversed) and each is compared with its next ``_WINDOW`` neighbours only, so
a 50k-entry list costs a sort and at most ``2 * _WINDOW`` comparisons per entry.  Two alike
titles with more than ``_WINDOW`` other titles sorting between them in both orders are not
found; titles that fold to the same text always are.

Opting out: an entry covered by an inline suppression (``<!-- awesome-lint-disable-next-line
DUP001 -->``) takes no part in the comparison, in either role.  When the suppressed entry is
the *earlier* one, the finding is placed on it (where the engine drops it, marking the
comment as used) so that the later copy is not reported either.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Document, Entry, EntryKind, Link, LinkRole, Section, Span
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.rules.context import Analysis as DocumentAnalysis
from awesome_lint.syntax import conventions, entrymemo, suppression
from awesome_lint.syntax.urls import canonical_key

PREFIX = "DUP"
CATEGORY = "duplicates"

#: Neighbours in sorted order each title is compared with (the blocking window).
_WINDOW = 3
#: Earlier entries kept per exact-title key: bounds the candidates per entry.
_BUCKET_CAP = 4
#: A title shared by this many different links is a name ("Deep Learning"), not a duplicate.
_COMMON_NAME = 3
T = TypeVar("T")
_FOLD = re.compile(r"[\W_]+")
#: ASCII bytes lowercased, and every character ``_FOLD`` matches (not a letter or digit)
#: made a space: ``bytes.translate`` is a table lookup, ``str.translate`` a dictionary
#: lookup per character.
_ASCII_FOLD = bytes.maketrans(bytes(range(128)), bytes(
    ord(chr(c).lower()) if chr(c).isalnum() else 32 for c in range(128)))


# -- shared helpers ------------------------------------------------------------------------
def fold_title(text: str) -> str:
    """A title reduced to what identifies it: case, punctuation and spacing folded away."""
    return " ".join(_folded_words(text))


def _folded_words(text: str) -> list[str]:
    """The words of :func:`fold_title`'s result (which joins them with single spaces)."""
    if text.isascii():
        # same result as the regex below: runs of non-alphanumerics separate words
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii").split()
    text = unicodedata.normalize("NFKC", text)
    return _FOLD.sub(" ", text.casefold()).split()


def entry_title(entry: Entry) -> str:
    """The entry's title, or for ``[[CVPR](url)] Title. [[code](...)]`` the text after the
    bracketed venue link (the parser leaves the title empty there)."""
    title = entry.title.strip()
    if title:
        return title
    if entry.link is not None and entry.link.bracketed:
        return entry.description.split(" [", 1)[0].strip()
    return ""


class _Keys:
    """Canonical keys of destinations and titles' comparison forms, computed once per
    document and shared by the three rules: canonicalising is most of what they cost."""

    #: ``url(destination, keep_fragment)``: the canonical key, from the analysis' cache.
    url: Callable[[str, bool], str]

    def __init__(self, analysis: DocumentAnalysis) -> None:
        self.document = analysis.document
        self.url = analysis.url_keys.url
        memo = analysis.services.entry_memo
        if memo is not None:
            self.titles = memo.titles
            memo.titles.begin(self.document, None)

    @classmethod
    def of(cls, ctx: RuleContext) -> _Keys:
        return ctx.analysis.once(cls)

    #: Titles of the document's versions the language server linted before, if it keeps
    #: them (:mod:`awesome_lint.syntax.entrymemo`).
    titles: entrymemo.Table[Title] | None = None

    def title(self, raw: str) -> Title:
        """``Title.of(raw)``, reused from an earlier version when the caller keeps a memo."""
        table = self.titles
        if table is None:
            return Title.of(raw)
        found = table.take(raw)
        if found is None:
            found = Title.of(raw)
            table.keep(raw, found)
        return found

    def entry(self, entry: Entry, keep_fragment: bool) -> str | None:
        """Like :func:`entry_key`, cached."""
        dest = _primary(entry)
        return None if dest is None else self.url(dest, keep_fragment)


def _primary(entry: Entry) -> str | None:
    """The entry's primary destination; ``None`` for none, an empty one or an anchor."""
    dest = entry.link.destination.strip() if entry.link is not None else ""
    return dest if dest and not dest.startswith("#") else None


def entry_key(entry: Entry, *, keep_fragment: bool) -> str | None:
    """The canonical key of the entry's primary link; ``None`` for in-page anchors."""
    dest = _primary(entry)
    return None if dest is None else canonical_key(dest, keep_fragment=keep_fragment)


def similar(a: str, b: str, threshold: float) -> bool:
    """Whether two folded titles reach ``threshold`` (difflib ratio); cheap bounds first."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if not la or not lb or 2.0 * min(la, lb) / (la + lb) < threshold:
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


@dataclass(slots=True)
class Title:
    """A title in the forms the comparisons need, computed once per entry.  Read-only by
    convention: not frozen, as lists have 50k titles and a frozen dataclass costs three
    times as much to build."""

    raw: str
    #: Case, punctuation and spacing folded: "flow guided feature aggregation".
    folded: str
    #: ``folded`` without spaces, so "Birds-Eye-View" and "Bird's Eye View" agree.
    tight: str
    #: ``tight`` without a leading ``Acronym:`` or a trailing `` - Source``.
    variants: frozenset[str]
    numbers: tuple[str, ...]
    #: How many different words ``folded`` has (``len(self.words)``).
    size: int
    _words: frozenset[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, raw: str) -> Title:
        words = _folded_words(raw)
        folded, tight = " ".join(words), "".join(words)
        # letters only: no digit for _NUMBER to find
        numbers = () if tight.isalpha() else tuple(_NUMBER.findall(folded))
        return cls(raw, folded, tight, _variants(raw), numbers, len(set(words)))

    @property
    def words(self) -> frozenset[str]:
        """The distinct words of ``folded``.  Memory trick: built when two titles are
        compared and kept while they are (a frozenset of six words is 728 bytes: 36 MB for
        a 50k-entry list)."""
        words = self._words
        if words is None:
            words = self._words = frozenset(self.folded.split())
        return words

    def forget_words(self) -> None:
        """Drop the word set :attr:`words` built (it is built again when asked for)."""
        self._words = None


_NUMBER = re.compile(r"\d+")
_HEAD_SEPARATOR = re.compile(r"[:：]")
_TAIL_SEPARATOR = re.compile(r"\s[-–—|]\s")
_NO_VARIANTS: frozenset[str] = frozenset()
#: A leading ``Acronym:`` that names the item (``RegNet:``, ``PYVA:``): one word, no digit.
#: "NIPS 2016 Tutorial: GANs", "CS224d: Deep Learning for NLP" and "YOLOv3: ..." name
#: another item than the rest of their title does.
_NAME_HEAD = re.compile(r"^[^\W\d_][^\s\d]*$")
#: Near matching needs titles of this many words: one- and two-word titles are names
#: ("gonfiguration" is not a typo of "configuration").
_MIN_WORDS = 3
#: Titles that differ in more words than this are not "only misspelt words apart".
_MAX_WORD_EDITS = 3


def _variants(raw: str) -> frozenset[str]:
    """The title without a leading ``Acronym:`` or a trailing `` - Source`` (tight forms),
    when what is left has ``_MIN_WORDS`` words: "Deep Learning - Nvidia" is not a copy of
    "Deep Learning", but "RegNet: Designing Network Design Spaces" is one of its rest."""
    cores: list[str] = []
    if ":" in raw or "：" in raw:
        head, rest = _HEAD_SEPARATOR.split(raw, maxsplit=1)
        if _NAME_HEAD.match(head.strip()):
            cores.append(rest)
    if "-" in raw or "|" in raw or "–" in raw or "—" in raw:  # what _TAIL_SEPARATOR needs
        tail = _TAIL_SEPARATOR.split(raw)
        if len(tail) > 1:
            cores.append(" ".join(tail[:-1]))
    if not cores:
        return _NO_VARIANTS
    folded = (fold_title(core) for core in cores)
    return frozenset(f.replace(" ", "") for f in folded if f.count(" ") + 1 >= _MIN_WORDS)


def _words_align(a: Title, b: Title) -> bool:
    """Every word only one title has is a near spelling of a word only the other has
    (a typo, a plural): "prior-baesd" ~ "prior-based", but "Kimi-VL" !~ "MiMo-VL"."""
    words_a, words_b = a.words, b.words
    only_a, only_b = words_a - words_b, words_b - words_a
    if bool(only_a) != bool(only_b) or max(len(only_a), len(only_b)) > _MAX_WORD_EDITS:
        return False
    return _each_near(only_a, only_b) and _each_near(only_b, only_a, flipped=True)


def _each_near(words: frozenset[str], others: frozenset[str], flipped: bool = False) -> bool:
    """Whether every word has a near word among ``others``; ``_near_word`` always gets the
    first title's word first.  Loops rather than all(any(...)): no generators for the
    thousands of pairs that get here."""
    for word in words:
        for other in others:
            if _near_word(other, word) if flipped else _near_word(word, other):
                break
        else:
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _near_word(a: str, b: str) -> bool:
    """Two words a typo or a plural apart (cached: lists reuse their vocabulary); a word
    with a prefix or a suffix other than a plural added is another word ("supervised",
    "unsupervised"; "Fast", "Faster")."""
    if a.endswith(b) or b.endswith(a):
        return False
    if a.startswith(b) or b.startswith(a):
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        return longer[len(shorter):] in ("s", "es")
    return similar(a, b, 0.6)


def titles_match(a: Title, b: Title, threshold: float) -> bool:
    """Whether two titles name one item: equal once folded; one is the other plus a
    leading ``Acronym:`` or a trailing `` - Source``; or at least ``threshold`` alike with
    the same numbers and only misspelt words apart (so "Qwen2.5-VL" is not "Qwen3-VL")."""
    if a.tight == b.tight:
        return True
    if not a.tight or not b.tight:
        return False
    return a.tight in b.variants or b.tight in a.variants or _alike(a, b, threshold)


def _alike(a: Title, b: Title, threshold: float) -> bool:
    """At least ``threshold`` alike, same numbers, only misspelt words apart.  Cheapest
    tests first: this runs for every pair a blocking key brings together."""
    la, lb = len(a.folded), len(b.folded)
    return (threshold < 1.0 and 2.0 * min(la, lb) >= threshold * (la + lb)
            and a.numbers == b.numbers and a.size >= _MIN_WORDS
            and b.size >= _MIN_WORDS and _words_align(a, b)
            and similar(a.folded, b.folded, threshold))


def _threshold(value: Any) -> float:
    """``title-similarity`` clamped to [0, 1] (the config checks only its type)."""
    return min(1.0, max(0.0, float(value)))


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _section_of(document: Document) -> dict[int, Section]:
    return {id(entry): section for section in document.root.walk() for entry in section.entries}


def _section_name(section: Section | None) -> str:
    return section.title if section is not None and section.level > 0 else "(top of file)"


class _OptOut:
    """Which entries an inline suppression takes out of a rule's comparisons."""

    def __init__(self, rule: Rule, document: Document) -> None:
        self.rule = rule
        self.directives = suppression.directives(document) if document.comments else []

    def __call__(self, entry: Entry) -> bool:
        if not self.directives:
            return False
        probe = self.rule.diagnostic(Span(entry.line, 1, entry.line, 1), "")
        return any(directive.covers(probe) for directive in self.directives)


def _entry_span(document: Document, entry: Entry) -> Span:
    """Where a finding about an entry goes: its primary link when that starts on the entry's
    first line (so ``disable-next-line`` above the entry covers it), else the first line."""
    link = entry.link
    if link is not None and link.span.line == entry.line:
        return link.span
    text = document.line_text(entry.line)
    start = max(1, entry.marker_column)
    return Span(entry.line, start, entry.line, max(start, len(text.rstrip())))


@dataclass(frozen=True)
class _Pair:
    """A finding to make: ``later`` repeats ``earlier``; ``at_earlier`` puts the finding on
    the earlier entry (which opted out, so the engine drops it)."""

    earlier: Entry
    later: Entry
    at_earlier: bool = False


class _Earlier:
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
        """What :func:`_choose` reads of the entries in other sections: the first one and
        the first one not opted out (a section holds at most two, so few are skipped)."""
        first = next((e for s, e in self.all if s is not section), None)
        visible = next((e for s, e in self.visible if s is not section), None)
        if first is None:
            return []
        return [first] if visible is None or visible is first else [first, visible]


def _choose(later: Entry, candidates: Sequence[Entry], opted_out: Callable[[Entry], bool]
            ) -> _Pair | None:
    """The pair to report for ``later`` given its earlier matches, honouring opt-outs."""
    if not candidates:
        return None
    if opted_out(later):
        return _Pair(candidates[0], later)
    visible = next((c for c in candidates if not opted_out(c)), None)
    if visible is not None:
        return _Pair(visible, later)
    return _Pair(candidates[0], later, at_earlier=True)


# -- DUP001 --------------------------------------------------------------------------------
@register
class DuplicateEntry(Rule):
    code = "DUP001"
    name = "duplicate-entry"
    category = CATEGORY
    fixable = True
    summary = "Two entries whose primary links point to the same resource."
    explanation = (
        "Links are compared by canonical key: scheme, `www.`, trailing slashes, tracking "
        "parameters, arXiv abs/pdf/version forms, OpenReview forum/pdf, YouTube short and "
        "embed forms, GitHub `tree/master` and Google Docs views are all one resource. Only "
        "an entry's primary link counts; links in descriptions and `[[Notes](...)]` links "
        "never make an entry. `#fragments` tell resources apart (a list may link to several "
        "sections of one page) unless `keep-fragment = false`. Within one section the later "
        "entry is reported as an error and the fix deletes it, first merging into the "
        "earlier entry any resource links, badges and tags it lacks; the fix is safe only when "
        "both entries are identical, and is not offered when the titles differ (two items "
        "sharing one link), when the later entry has nested items or text the earlier one "
        "lacks. An item filed under two sections is a deliberate cross-listing in most "
        "lists, so sections are compared only with `allow-cross-section = false` (then a "
        "warning without a fix). Nested sub-items under different parents (a "
        "`+ https://github.com/... [PyTorch]` under each of two papers) are parts of their "
        "parents, never duplicates of each other. An entry listed twice on purpose can "
        "carry `<!-- awesome-lint-disable-next-line DUP001 -->`."
    )
    bad = ("* [Attention U-Net](https://arxiv.org/abs/1804.03999)\n"
           "* [Attention U-Net](https://arxiv.org/pdf/1804.03999v3.pdf) [[Notes](notes/au.md)]")
    good = "* [Attention U-Net](https://arxiv.org/abs/1804.03999) [[Notes](notes/au.md)]"
    options: ClassVar[dict[str, Any]] = {"allow-cross-section": True, "keep-fragment": True}

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options(self)
        allow_cross = bool(options["allow-cross-section"])
        keep_fragment = bool(options["keep-fragment"])
        threshold = _threshold(ctx.options(DuplicateTitle)["title-similarity"])
        doc = ctx.document
        sections = _section_of(doc)
        opted_out = _OptOut(self, doc)
        found = ctx.analysis.conventions
        #: key -> earlier entries with that key: per section the first one, and the first
        #: one not opted out when that differs.
        #: Keyed by link and parent item: nested sub-items of different parents never meet;
        #: table rows also by all their links (rows that share a course page but link
        #: different lecture videos are two editions of a course, not one item twice).
        #: Memory trick: a key seen once (most entries) keeps just its (entry, section);
        #: the :class:`_Earlier` index is built when the key comes back.
        index: dict[tuple[str, int | None, frozenset[str] | None],
                    _Earlier | tuple[Entry, Section | None]] = {}
        keys = _Keys.of(ctx)
        fixer = _Fixer(doc, keep_fragment, keys)
        for entry in doc.entries:
            link_key = keys.entry(entry, keep_fragment)
            if link_key is None:
                continue
            section = sections.get(id(entry))
            row = (frozenset(keys.url(link.destination, keep_fragment) for link in entry.links
                             if link.destination.strip())
                   if entry.kind is EntryKind.TABLE_ROW else None)
            key = (link_key, found.parent_of(entry), row)
            known = index.get(key)
            if known is None:  # a link seen first (most entries): nothing to compare with
                index[key] = (entry, section)
                continue
            if isinstance(known, tuple):
                known = index[key] = _Earlier(known[0], known[1], opted_out)
            same = known.same(section)
            others = known.others(section)
            if not same or (all(opted_out(e) for e in same) and not opted_out(entry)):
                known.add(entry, section)
            pair = _choose(entry, same, opted_out)
            if pair is not None:
                yield self._same_section(doc, pair, fixer, threshold)
                if not pair.at_earlier:
                    continue
            if not allow_cross:
                pair = _choose(entry, others, opted_out)
                if pair is not None:
                    yield self._cross_section(doc, pair, sections)

    def _message(self, pair: _Pair, where: str) -> str:
        first, later = pair.earlier, pair.later
        title = entry_title(later) or (later.link.destination if later.link else "")
        message = f"'{_clip(title)}' {where}"
        if first.link is not None and later.link is not None \
                and first.link.destination.strip() != later.link.destination.strip():
            message += (f" ({_clip(later.link.destination, 80)} is the same resource as "
                        f"{_clip(first.link.destination, 80)})")
        a, b = Title.of(entry_title(first)), Title.of(entry_title(later))
        if a.tight and b.tight and a.tight != b.tight:
            message += f"; titles differ: line {first.line} has '{_clip(a.raw)}'"
        return message

    def _same_section(self, doc: Document, pair: _Pair, fixer: _Fixer,
                      threshold: float) -> Diagnostic:
        first, later = pair.earlier, pair.later
        if pair.at_earlier:
            return self.diagnostic(_entry_span(doc, first),
                                   f"entry is repeated at line {later.line}")
        fix = fixer.removal(first, later, threshold)
        message = self._message(pair, f"duplicates the entry at line {first.line}")
        if fix is None:
            message += "; not fixed automatically: " + fixer.reason
        return self.diagnostic(_entry_span(doc, later), message, fix=fix)

    def _cross_section(self, doc: Document, pair: _Pair, sections: Mapping[int, Section]
                       ) -> Diagnostic:
        first, later = pair.earlier, pair.later
        if pair.at_earlier:
            return self.diagnostic(_entry_span(doc, first),
                                   f"entry is also listed at line {later.line}",
                                   severity=Severity.WARNING)
        where = (f"is also listed at line {first.line} in section "
                 f"'{_clip(_section_name(sections.get(id(first))), 40)}'")
        return self.diagnostic(_entry_span(doc, later), self._message(pair, where),
                               severity=Severity.WARNING)


class _Fixer:
    """Builds the fix that deletes a later duplicate, merging what it adds into the first."""

    def __init__(self, document: Document, keep_fragment: bool, keys: _Keys) -> None:
        self.doc = document
        self.keep_fragment = keep_fragment
        self.keys = keys
        self.reason = ""
        self._links_by_line: dict[int, list[Link]] | None = None

    def _key(self, url: str) -> str:
        return self.keys.url(url, self.keep_fragment)

    def _links_on(self, first: int, last: int) -> list[Link]:
        if self._links_by_line is None:
            self._links_by_line = {}
            for link in self.doc.links:
                self._links_by_line.setdefault(link.span.line, []).append(link)
        return [link for line in range(first, last + 1)
                for link in self._links_by_line.get(line, ())]

    def _none(self, reason: str) -> Fix | None:
        """Record ``reason`` and offer no fix."""
        self._fail(reason)
        return None

    def _fail(self, reason: str) -> None:
        """Record why no fix is offered (shown in the finding's message)."""
        self.reason = reason

    def removal(self, first: Entry, later: Entry, threshold: float) -> Fix | None:
        self.reason = ""
        doc = self.doc
        lines = doc.lines
        if later.end_line > len(lines) or not self._whole_lines(later):
            return self._none("the entry shares its lines with other content")
        if self._has_nested(later):
            return self._none(f"line {later.line} has nested content")
        if self._opens_ordered_list(later):
            return self._none("deleting the first item would renumber the list")
        identical = _normalised(doc, first) == _normalised(doc, later)
        a, b = Title.of(entry_title(first)), Title.of(entry_title(later))
        if not identical and (a.tight or b.tight) and not titles_match(a, b, threshold):
            return self._none("different titles may be two items that share one link")
        inserts: dict[tuple[int, int], list[str]] = {}
        merged: list[str] = []
        if not identical:
            extra = self._unmatched_text(first, later)
            if extra:
                return self._none(f"line {later.line} has text line {first.line} lacks: "
                                  f"'{_clip(extra, 40)}'")
            if not self._merge(first, later, inserts, merged):
                return None
        removes = list(_without(
            [link.destination for link in self._links_on(later.line, later.end_line)
             if link.destination], merged))
        delete = sum(len(lines[n - 1]) + 1 for n in range(later.line, later.end_line + 1))
        edits = [Edit(line, column, 0, "".join(parts))
                 for (line, column), parts in sorted(inserts.items())]
        edits.append(Edit(later.line, 1, delete))
        what = "identical " if identical else ""
        description = f"delete the {what}duplicate entry on line {later.line}"
        if merged or inserts:
            description += f", merging what it adds into line {first.line}"
        return Fix(tuple(edits), Applicability.SAFE if identical else Applicability.UNSAFE,
                   description, tuple(removes))

    # -- checks ---------------------------------------------------------------------------
    def _whole_lines(self, entry: Entry) -> bool:
        """The entry's lines hold nothing but the entry (quote markers aside)."""
        if entry.kind is EntryKind.TABLE_ROW:
            return entry.line == entry.end_line
        head = self.doc.line_text(entry.line)[: max(0, entry.marker_column - 1)]
        return head.strip(" \t>") == ""

    def _has_nested(self, entry: Entry) -> bool:
        """Whether lines after the entry's own text still belong to its list item."""
        if entry.kind is EntryKind.TABLE_ROW:
            return False
        indent = entry.marker_column - 1
        for number in range(entry.end_line + 1, len(self.doc.lines) + 1):
            text = self.doc.lines[number - 1]
            if not text.strip():
                continue
            stripped = text.lstrip(" \t>")
            width = len(text[: len(text) - len(stripped)].expandtabs(4))
            return width > indent
        return False

    def _opens_ordered_list(self, entry: Entry) -> bool:
        if not entry.marker[:1].isdigit() or not 0 <= entry.list_index < len(self.doc.lists):
            return False
        info = self.doc.lists[entry.list_index]
        return bool(info.items) and info.items[0].line == entry.line and len(info.items) > 1

    def _residual(self, entry: Entry) -> str:
        """The entry's own text with its links, badges and tags blanked out: its title
        (when not a link) and description, as written."""
        spans = [link.span for link in entry.links] + [b.span for b in entry.badges] + \
            [t.span for t in entry.tags]
        out: list[str] = []
        for number in range(entry.line, entry.end_line + 1):
            text = self.doc.line_text(number)
            if number == entry.line and entry.marker_column:
                start = entry.marker_column - 1 + len(entry.marker)
                text = " " * start + text[start:]
            chars = list(text)
            for span in spans:
                if span.line <= number <= span.end_line:
                    first = span.column - 1 if span.line == number else 0
                    last = span.end_column if span.end_line == number else len(chars)
                    if first > 0 and chars[first - 1] == "[" and last < len(chars) \
                            and chars[last] == "]":
                        first, last = first - 1, last + 1
                    chars[first:last] = " " * (last - first)
            out.append("".join(chars))
        return " ".join(" ".join(out).split())

    def _unmatched_text(self, first: Entry, later: Entry) -> str:
        """Text of ``later`` (links, badges and tags aside) that ``first`` does not have."""
        text = self._residual(later)
        folded = fold_title(text)
        if not folded or folded in fold_title(self._residual(first)):
            return ""
        return text

    # -- merging --------------------------------------------------------------------------
    def _slice(self, span: Span, widen: bool = False) -> str | None:
        """Source text of a one-line span; ``widen`` adds the ``[...]`` around a link."""
        if span.line != span.end_line:
            return None
        text = self.doc.line_text(span.line)
        start, end = span.column - 1, span.end_column
        if widen and start > 0 and text[start - 1: start] == "[" and text[end: end + 1] == "]":
            start, end = start - 1, end + 1
        return text[start:end]

    def _link_end(self, link: Link) -> tuple[int, int]:
        """The position right after a link (after the outer ``]`` of ``[[Notes](...)]``)."""
        text = self.doc.line_text(link.span.end_line)
        end = link.span.end_column + 1
        if link.bracketed and text[end - 1: end] == "]":
            end += 1
        return link.span.end_line, end

    def _line_end(self, line: int) -> tuple[int, int]:
        return line, len(self.doc.line_text(line).rstrip()) + 1

    def _merge(self, first: Entry, later: Entry, inserts: dict[tuple[int, int], list[str]],
               merged: list[str]) -> bool:
        """Plan inserts into ``first`` for the resources, badges and tags only ``later``
        has; ``False`` (with a reason) when they cannot be placed."""
        have = {self._key(link.destination) for link in first.links if link.destination}
        have.update(self._key(link.destination)
                    for link in self._links_on(first.line, first.end_line) if link.destination)
        resources: list[str] = []
        for link in later.links:
            if link.role is LinkRole.TITLE or not link.destination.strip():
                continue
            key = self._key(link.destination)
            if key in have:
                continue
            if link.role is not LinkRole.RESOURCE:
                self._fail(f"its link {link.destination} is not a resource link")
                return False
            text = self._slice(link.span, widen=link.bracketed)
            if text is None:
                self._fail(f"its link {link.destination} spans lines")
                return False
            have.add(key)
            resources.append(text)
            merged.append(link.destination)
        badges = self._missing_badges(first, later)
        known = fold_title(" ".join([self._residual(first), *(t.name for t in first.tags)]))
        tags = [tag for tag in later.tags if fold_title(tag.name) not in known]
        if badges is None or not self._room(first, later, resources, badges, tags):
            return False
        anchor_links = [link for link in first.links
                        if link.role in (LinkRole.TITLE, LinkRole.RESOURCE)]
        if resources:
            position = (self._link_end(anchor_links[-1]) if anchor_links
                        else self._line_end(first.end_line))
            inserts.setdefault(position, []).extend(" " + text for text in resources)
        if badges:
            position = (self._after(first.badges[-1].span) if first.badges
                        else self._line_end(first.end_line))
            inserts.setdefault(position, []).extend(" " + text for text in badges)
        for tag in tags:
            text = self._slice(tag.span)
            if text is None:
                self._fail("a tag spans lines")
                return False
            if first.tags:
                inserts.setdefault(self._after(first.tags[-1].span), []).append(" " + text)
            elif later.link is not None and tag.span.line == later.link.span.line \
                    and tag.span.column < later.link.span.column:
                start = self._content_start(first)
                inserts.setdefault(start, []).append(text + " ")
            else:
                inserts.setdefault(self._line_end(first.end_line), []).append(" " + text)
        return True

    def _missing_badges(self, first: Entry, later: Entry) -> list[str] | None:
        """Badges of ``later`` to copy: those for a venue ``first`` has no badge for.  A badge
        that says less than ``first``'s (``NeurIPS 2022`` beside ``NeurIPS 2022 Oral``) is
        dropped; one that says more or something else (``L4DC 2022`` beside ``L4DC``) is a
        conflict for a person to settle: no fix."""
        out: list[str] = []
        for badge in later.badges:
            words = set(badge.raw.casefold().split())
            same_venue = [b for b in first.badges
                          if b.venue.casefold() == badge.venue.casefold()]
            if any(words <= set(b.raw.casefold().split()) for b in same_venue):
                continue
            if same_venue:
                self._fail(f"its badge <kbd>{badge.raw}</kbd> disagrees with line "
                           f"{first.line}'s <kbd>{same_venue[0].raw}</kbd>")
                return None
            text = self._slice(badge.span)
            if text is None:
                self._fail("a badge spans lines")
                return None
            out.append(text)
        return out

    def _room(self, first: Entry, later: Entry, resources: list[str], badges: list[str],
              tags: Sequence[object]) -> bool:
        if not (resources or badges or tags):
            return True
        if first.kind is EntryKind.TABLE_ROW:
            self._fail(f"line {later.line} has links, badges or tags a table row cannot take")
            return False
        if self.doc.line_text(first.end_line).rstrip().endswith("\\"):
            self._fail(f"line {first.end_line} ends with a hard line break")
            return False
        return True

    def _after(self, span: Span) -> tuple[int, int]:
        return span.end_line, span.end_column + 1

    def _content_start(self, entry: Entry) -> tuple[int, int]:
        text = self.doc.line_text(entry.line)
        column = entry.marker_column + len(entry.marker)
        while column <= len(text) and text[column - 1] in " \t":
            column += 1
        return entry.line, column


def _normalised(document: Document, entry: Entry) -> str:
    """The entry's own text after its marker, whitespace collapsed: equal means identical."""
    text = "\n".join(document.lines[entry.line - 1: entry.end_line])
    if entry.marker_column:
        text = text[entry.marker_column - 1 + len(entry.marker):]
    return " ".join(text.split())


def _without(items: list[str], taken: list[str]) -> Iterator[str]:
    """``items`` minus one occurrence of each of ``taken`` (a multiset difference)."""
    pending = list(taken)
    for item in items:
        if item in pending:
            pending.remove(item)
        else:
            yield item


# -- DUP002 --------------------------------------------------------------------------------
@register
class DuplicateTitle(Rule):
    code = "DUP002"
    name = "duplicate-title"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "Two entries with different links but the same or nearly the same title."
    explanation = (
        "The same paper often comes back under another link: the arXiv page once, the "
        "conference PDF later. Titles are compared after folding case, punctuation and "
        "spacing. Nearly equal titles count too: one is the other plus a leading `Acronym:` "
        "or a trailing ` - Source`, or they are at least `title-similarity` alike (difflib "
        "ratio, default 0.9) with the same numbers and only misspelt words apart, so "
        "`Qwen2.5-VL Technical Report` and `Qwen3-VL Technical Report` stay apart. Titles "
        "shorter than `min-title-length` folded characters (default 12: 'Vanilla', "
        "'Slides') are not compared, nor is a title that three or more different links "
        "share (a course called 'Deep Learning' is a name, not a duplicate). Only titles "
        "are compared: not the author line nested under a wrapped entry, not a code-span "
        "tag, and in a table only the cell that holds the row's link. A distinguishing "
        "word keeps titles apart: `Fast R-CNN` and `Faster R-CNN`, a version number, a "
        "leading `NIPS 2016 Tutorial:`, different authors (`by ...`). Sections and nested "
        "sub-items are compared as duplicate-entry compares them. Entries with "
        "the same link are left to duplicate-entry. A warning: two resources can share a "
        "name."
    )
    bad = ("* [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n"
           "* [Deep residual learning for image recognition](https://openaccess.thecvf.com/"
           "content_cvpr_2016/papers/He_Deep_Residual_Learning_CVPR_2016_paper.pdf)")
    good = "* [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)"
    options: ClassVar[dict[str, Any]] = {"title-similarity": 0.9, "min-title-length": 12}

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options(self)
        threshold = _threshold(options["title-similarity"])
        min_length = int(options["min-title-length"])
        keep_fragment = bool(ctx.options(DuplicateEntry)["keep-fragment"])
        allow_cross = bool(ctx.options(DuplicateEntry)["allow-cross-section"])
        doc = ctx.document
        found_conventions = ctx.analysis.conventions
        sections = _section_of(doc)
        rows = self._rows(doc, _Keys.of(ctx), keep_fragment, min_length, found_conventions)
        near = self._near_pairs(rows, threshold) if threshold < 1.0 else {}
        opted_out = _OptOut(self, doc)
        exact: dict[str, list[int]] = {}
        #: "PYVA: Projecting Your View" is filed under "projectingyourview" too.
        by_variant: dict[str, list[int]] = {}
        for index, (entry, title, key) in enumerate(rows):
            found = exact.get(title.tight)
            if not found:
                found = [i for v in title.variants for i in exact.get(v, ())] \
                    if title.variants else []
                found += by_variant.get(title.tight, ())
                if not found:
                    found = near.get(index)
            if found:
                candidates = [
                    rows[i][0] for i in sorted(set(found)) if rows[i][2] != key
                    and (not allow_cross
                         or sections.get(id(rows[i][0])) is sections.get(id(entry)))
                    and _same_parent(found_conventions, rows[i][0], entry)
                    and not _apart(rows[i][0], entry)]
                pair = _choose(entry, candidates, opted_out)
                if pair is not None:
                    yield self._finding(doc, pair)
            _file(exact, title.tight, index)
            for variant in title.variants:
                _file(by_variant, variant, index)

    @staticmethod
    def _rows(doc: Document, keys: _Keys, keep_fragment: bool, min_length: int,
              habits: conventions.Conventions) -> list[tuple[Entry, Title, str | None]]:
        """The entries to compare, in document order: titles long enough, links not seen
        before (a repeated link is duplicate-entry's finding), names not common, and
        titles only (:func:`_is_title`)."""
        rows: list[tuple[Entry, Title, str | None]] = []
        seen_keys: set[str] = set()
        for entry in doc.entries:
            if not _is_title(entry, habits):
                continue
            title = keys.title(entry_title(entry))
            if len(title.folded) < min_length:
                continue
            key = keys.entry(entry, keep_fragment)
            if key is not None:
                if key in seen_keys:
                    continue
                seen_keys.add(key)
            rows.append((entry, title, key))
        links: dict[str, set[str | None]] = {}
        for _, title, key in rows:
            found = links.get(title.tight)
            if found is None:
                links[title.tight] = {key}
            elif len(found) < _COMMON_NAME:
                found.add(key)
        # a title three links share is a name ("Deep Learning"), not a duplicate
        return [row for row in rows if len(links[row[1].tight]) < _COMMON_NAME]

    @staticmethod
    def _near_pairs(rows: Sequence[tuple[Entry, Title, str | None]], threshold: float
                    ) -> dict[int, list[int]]:
        """Later row -> earlier rows with an alike title.  Sorted-neighbourhood blocking:
        the titles are sorted twice (as written, and reversed, for a typo near the start)
        and each is compared with its next ``_WINDOW`` neighbours only."""
        out: dict[int, list[int]] = {}
        titles = [title for _, title, _ in rows]
        folded = [title.folded for title in titles]
        lengths = [len(text) for text in folded]
        keys = [key for _, _, key in rows]
        numbers = [title.numbers for title in titles]
        sizes = [title.size for title in titles]
        #: _alike needs _MIN_WORDS words in both titles: rows without them never match.
        worded = [size >= _MIN_WORDS for size in sizes]
        reversed_ = [text[::-1] for text in folded]
        for order in (sorted(range(len(rows)), key=folded.__getitem__),
                      sorted(range(len(rows)), key=reversed_.__getitem__)):
            # each title against its next _WINDOW neighbours (the result does not depend
            # on the order the pairs are visited in: check() reads sorted(set(...)))
            for position, i in enumerate(order):
                if not worded[i]:
                    continue
                title_i = titles[i]
                for j in order[position + 1:position + 1 + _WINDOW]:
                    if not worded[j]:
                        continue
                    la, lb = lengths[i], lengths[j]
                    # _alike's cheap tests first, inlined: this is the rule's hot loop
                    if 2.0 * (la if la < lb else lb) < threshold * (la + lb) \
                            or keys[i] == keys[j] or folded[i] == folded[j] \
                            or numbers[i] != numbers[j]:
                        continue
                    # _words_align's counting test, without building the differences
                    common = len(title_i.words & titles[j].words)
                    only_i, only_j = sizes[i] - common, sizes[j] - common
                    if (only_i > 0) != (only_j > 0) or only_i > _MAX_WORD_EDITS \
                            or only_j > _MAX_WORD_EDITS:
                        continue
                    # the rest of _alike(titles[i], titles[j], threshold): every cheaper
                    # test of it has passed above
                    if _words_align(title_i, titles[j]) \
                            and similar(folded[i], folded[j], threshold):
                        if i < j:
                            out.setdefault(j, []).append(i)
                        else:
                            out.setdefault(i, []).append(j)
                # memory trick: title i meets no later title in this order, so its word set
                # goes (at most _WINDOW + 1 sets live instead of one per title)
                title_i.forget_words()
        return out

    def _finding(self, doc: Document, pair: _Pair) -> Diagnostic:
        first, later = pair.earlier, pair.later
        if pair.at_earlier:
            return self.diagnostic(_entry_span(doc, first),
                                   f"title is repeated at line {later.line}")
        a, b = Title.of(entry_title(first)), Title.of(entry_title(later))
        same = a.tight == b.tight
        how = "the same title as" if same else "nearly the same title as"
        if not _has_link(later):
            link = "; it has no link, the earlier entry has"
        elif not _has_link(first):
            link = ", which has no link"
        else:
            link = " but a different link"
        message = f"'{_clip(b.raw)}' has {how} line {first.line}{link}"
        if not same:
            message += f" (line {first.line}: '{_clip(a.raw)}')"
        return self.diagnostic(_entry_span(doc, later), message)


def _same_parent(found: conventions.Conventions, a: Entry, b: Entry) -> bool:
    """Whether two entries may repeat each other: nested sub-items under different parents
    (each paper's ``+ https://github.com/... [PyTorch]``) are parts of their parents."""
    pa, pb = found.parent_of(a), found.parent_of(b)
    return pa == pb or (pa is None and pb is None)


def _is_title(entry: Entry, found: conventions.Conventions) -> bool:
    """Whether the entry's title names an item: not a linkless nested line (the author or
    venue line of a wrapped entry), not a code-span topic tag, and in a table only the cell
    that holds the row's link (a course-name cell beside a course-code link names the
    course, and two universities' courses share names)."""
    title = entry_title(entry)
    if entry.link is None and found.parent_of(entry) is not None:
        return False
    if title.startswith("`") and title.endswith("`"):
        return False
    if entry.kind is EntryKind.TABLE_ROW:
        link = entry.link
        return link is not None and fold_title(link.text) == fold_title(title)
    return True


_BY = re.compile(r"\b[Bb]y\s+(\S+(?:\s+\S+)?)")
_GITHUB_REPO = re.compile(r"^https?://(?:www\.)?github\.com/([^/?#]+/[^/?#]+)", re.IGNORECASE)


def _apart(a: Entry, b: Entry) -> bool:
    """Something outside the titles keeps two entries apart: different authors
    (``[Deep Learning](...) by Bengio`` and ``[Deep Learning](...) by Microsoft``), two
    GitHub repositories (``cuckoofilter`` by two owners: a name clash, not a copy), or a
    site and a page inside it."""
    by_a, by_b = _BY.search(a.description), _BY.search(b.description)
    if by_a is not None and by_b is not None and \
            fold_title(by_a.group(1)) != fold_title(by_b.group(1)):
        return True
    url_a = a.link.destination.strip() if a.link is not None else ""
    url_b = b.link.destination.strip() if b.link is not None else ""
    repo_a, repo_b = _GITHUB_REPO.match(url_a), _GITHUB_REPO.match(url_b)
    if repo_a is not None and repo_b is not None:
        return repo_a.group(1).casefold() != repo_b.group(1).casefold()
    return _site_and_page(url_a, url_b)


def _site_and_page(a: str, b: str) -> bool:
    """Whether one URL is a site and the other a page inside it (a lab's homepage and its
    image database page): two resources of one owner, even under one name."""
    try:
        pa, pb = urlsplit(a), urlsplit(b)
    except ValueError:
        return False
    if not pa.hostname or pa.hostname != pb.hostname:
        return False
    path_a, path_b = pa.path.rstrip("/") + "/", pb.path.rstrip("/") + "/"
    return path_a != path_b and (path_a.startswith(path_b) or path_b.startswith(path_a))


def _has_link(entry: Entry) -> bool:
    return entry.link is not None and bool(entry.link.destination.strip())


def _file(index: dict[str, list[T]], key: str, item: T) -> None:
    """Add ``item`` under ``key`` unless that bucket is full (the blocking bound)."""
    bucket = index.setdefault(key, [])
    if len(bucket) < _BUCKET_CAP:
        bucket.append(item)


# -- DUP003 --------------------------------------------------------------------------------
@register
class DuplicateResource(Rule):
    code = "DUP003"
    name = "duplicate-resource"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    summary = "The same URL twice inside one entry."
    explanation = (
        "An entry that links one resource twice, as `[[Notes](x)] [[Notes](x)]` or "
        "`[[Github](x)] [[Demo](x)]`, is a copy-paste slip: either the second link is "
        "redundant or it should point somewhere else. A word-for-word repeat of a resource "
        "link is deleted by a safe fix; otherwise the finding says which link repeats which. "
        "Reported are the same text twice and texts that do not fit the URL (`[arXiv]` off "
        "arxiv.org, `[code]` off a code host, `[Paper]` or `[Demo]` on a repository page, a "
        "`[Notes]` link shared with another): the traces of a copy-paste slip. Two fitting "
        "labels on one URL are deliberate: `[abs]` and `[pdf]`, `[tensorflow]` and "
        "`[pytorch]` on a repository holding both, a table's `Lecture-Videos` column on the "
        "course page."
    )
    bad = "* [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](notes/r.md)] [[Notes](notes/r.md)]"
    good = "* [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](notes/r.md)]"
    options: ClassVar[dict[str, Any]] = {"keep-fragment": True}

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        keep_fragment = bool(ctx.options(self)["keep-fragment"])
        doc = ctx.document
        keys = _Keys.of(ctx)
        for entry in doc.entries:
            if len(entry.links) < 2:
                continue
            seen: dict[str, Link] = {}
            for link in entry.links:
                dest = link.destination.strip()
                if not dest or dest.startswith("#"):
                    continue
                key = keys.url(link.destination, keep_fragment)
                earlier = seen.get(key)
                if earlier is None:
                    seen[key] = link
                elif _slip(earlier, link):
                    yield self._finding(doc, earlier, link)

    def _finding(self, doc: Document, earlier: Link, link: Link) -> Diagnostic:
        what = ("the title link" if earlier.role is LinkRole.TITLE
                else f"'{_clip(earlier.text, 30)}'")
        message = (f"'{_clip(link.text, 30)}' links to {_clip(link.destination, 80)}, "
                   f"which {what} at {earlier.span.line}:{earlier.span.column} already links")
        fix = None
        if earlier.role is LinkRole.RESOURCE and link.role is LinkRole.RESOURCE \
                and earlier.text.strip() == link.text.strip() \
                and earlier.destination.strip() == link.destination.strip():
            fix = _delete_link(doc, link)
        return self.diagnostic(link.span, message, fix=fix)


_CODE_HOSTS = frozenset(("github.com", "gitlab.com", "bitbucket.org"))
_CODE_WORDS = frozenset(("code", "git", "github", "gitlab", "pytorch", "tensorflow", "keras",
                         "jax", "caffe", "implementation"))


def _mislabelled(link: Link) -> bool:
    """Whether the link's text names a kind of resource its URL is not: ``[arXiv]`` off
    arxiv.org, ``[code]`` or ``[pytorch]`` off a code host, ``[Paper]`` or ``[Demo]`` on a
    repository page, and ``[Notes]`` (notes are the list's own page for an item) shared
    with another link.  That is the trace a copy-paste slip leaves."""
    words = set(fold_title(link.text).split())
    if not words:
        return False
    if "notes" in words:
        return True
    try:
        host = (urlsplit(link.destination.strip()).hostname or "").removeprefix("www.")
    except ValueError:
        return False
    code_host = host in _CODE_HOSTS
    return ("arxiv" in words and not host.endswith("arxiv.org")) \
        or (bool(words & _CODE_WORDS) and not code_host and not host.endswith("github.io")) \
        or (bool(words & {"paper", "pdf", "demo"}) and code_host)


def _slip(a: Link, b: Link) -> bool:
    """Whether one URL under two links of an entry is a slip rather than the list's labels:
    the same text twice, or a text that does not fit the URL.  Two fitting labels on one
    URL are deliberate (``[tensorflow]`` and ``[pytorch]`` on a repository holding both,
    ``[abs]`` and ``[pdf]``, a table's `Lecture-Videos` column on the course page)."""
    return fold_title(a.text) == fold_title(b.text) or _mislabelled(a) or _mislabelled(b)


def _delete_link(doc: Document, link: Link) -> Fix | None:
    """Delete ``[[Notes](x)]`` (outer brackets and the spaces before it included)."""
    span = link.span
    if span.line != span.end_line:
        return None
    text = doc.line_text(span.line)
    start, end = span.column - 1, span.end_column
    if link.bracketed:
        if text[start - 1: start] != "[" or text[end: end + 1] != "]":
            return None
        start, end = start - 1, end + 1
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    edit = Edit(span.line, start + 1, end - start)
    return Fix((edit,), Applicability.SAFE, f"delete the repeated link to {link.destination}",
               (link.destination,))
