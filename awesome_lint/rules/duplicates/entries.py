"""``duplicate-entry`` (DUP001) and ``duplicate-title`` (DUP002): entries that repeat one
another by link, or by title under another link.  One module: each reads the other's options
(sections and fragments are compared alike; a fix compares titles as DUP002 does)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Document, Entry, EntryKind, Section
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.rules.duplicates.entry_fix import Fixer
from awesome_lint.rules.duplicates.keys import Keys
from awesome_lint.rules.duplicates.pairs import (
    CATEGORY,
    PREFIX,
    Earlier,
    OptOut,
    Pair,
    choose,
    clip,
    entry_span,
    section_name,
    section_of,
    similarity_threshold,
)
from awesome_lint.rules.duplicates.titles import (
    MAX_WORD_EDITS,
    MIN_WORDS,
    Title,
    entry_title,
    fold_title,
    similar,
    words_align,
)
from awesome_lint.syntax import conventions

__all__ = ["PREFIX", "DuplicateEntry", "DuplicateTitle"]

#: Neighbours in sorted order each title is compared with (the blocking window).
_WINDOW = 3
#: Earlier entries kept per exact-title key: bounds the candidates per entry.
_BUCKET_CAP = 4
#: A title shared by this many different links is a name ("Deep Learning"), not a duplicate.
_COMMON_NAME = 3
T = TypeVar("T")


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
        threshold = similarity_threshold(ctx.options(DuplicateTitle)["title-similarity"])
        doc = ctx.document
        sections = section_of(doc)
        opted_out = OptOut(self, doc)
        found = ctx.analysis.conventions
        #: key -> earlier entries with that key: per section the first one, and the first
        #: one not opted out when that differs.
        #: Keyed by link and parent item: nested sub-items of different parents never meet;
        #: table rows also by all their links (rows that share a course page but link
        #: different lecture videos are two editions of a course, not one item twice).
        #: Memory trick: a key seen once (most entries) keeps just its (entry, section);
        #: the :class:`Earlier` index is built when the key comes back.
        index: dict[tuple[str, int | None, frozenset[str] | None],
                    Earlier | tuple[Entry, Section | None]] = {}
        keys = Keys.of(ctx)
        fixer = Fixer(doc, keep_fragment, keys)
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
                known = index[key] = Earlier(known[0], known[1], opted_out)
            same = known.same(section)
            others = known.others(section)
            if not same or (all(opted_out(e) for e in same) and not opted_out(entry)):
                known.add(entry, section)
            pair = choose(entry, same, opted_out)
            if pair is not None:
                yield self._same_section(doc, pair, fixer, threshold)
                if not pair.at_earlier:
                    continue
            if not allow_cross:
                pair = choose(entry, others, opted_out)
                if pair is not None:
                    yield self._cross_section(doc, pair, sections)

    def _message(self, pair: Pair, where: str) -> str:
        first, later = pair.earlier, pair.later
        title = entry_title(later) or (later.link.destination if later.link else "")
        message = f"'{clip(title)}' {where}"
        if first.link is not None and later.link is not None \
                and first.link.destination.strip() != later.link.destination.strip():
            message += (f" ({clip(later.link.destination, 80)} is the same resource as "
                        f"{clip(first.link.destination, 80)})")
        a, b = Title.of(entry_title(first)), Title.of(entry_title(later))
        if a.tight and b.tight and a.tight != b.tight:
            message += f"; titles differ: line {first.line} has '{clip(a.raw)}'"
        return message

    def _same_section(self, doc: Document, pair: Pair, fixer: Fixer,
                      threshold: float) -> Diagnostic:
        first, later = pair.earlier, pair.later
        if pair.at_earlier:
            return self.diagnostic(entry_span(doc, first),
                                   f"entry is repeated at line {later.line}")
        fix = fixer.removal(first, later, threshold)
        message = self._message(pair, f"duplicates the entry at line {first.line}")
        if fix is None:
            message += "; not fixed automatically: " + fixer.reason
        return self.diagnostic(entry_span(doc, later), message, fix=fix)

    def _cross_section(self, doc: Document, pair: Pair, sections: Mapping[int, Section]
                       ) -> Diagnostic:
        first, later = pair.earlier, pair.later
        if pair.at_earlier:
            return self.diagnostic(entry_span(doc, first),
                                   f"entry is also listed at line {later.line}",
                                   severity=Severity.WARNING)
        where = (f"is also listed at line {first.line} in section "
                 f"'{clip(section_name(sections.get(id(first))), 40)}'")
        return self.diagnostic(entry_span(doc, later), self._message(pair, where),
                               severity=Severity.WARNING)



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
        "leading `NIPS 2016 Tutorial:`, different authors (`by ...`); and a title both "
        "descriptions name as their subject (`DNS-over-HTTPS` - 'a cartoon intro to DNS "
        "over HTTPS') is the topic of two articles, not one item twice. Sections and nested "
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
        threshold = similarity_threshold(options["title-similarity"])
        min_length = int(options["min-title-length"])
        keep_fragment = bool(ctx.options(DuplicateEntry)["keep-fragment"])
        allow_cross = bool(ctx.options(DuplicateEntry)["allow-cross-section"])
        doc = ctx.document
        found_conventions = ctx.analysis.conventions
        sections = section_of(doc)
        rows = self._rows(doc, Keys.of(ctx), keep_fragment, min_length, found_conventions)
        near = self._near_pairs(rows, threshold) if threshold < 1.0 else {}
        opted_out = OptOut(self, doc)
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
                pair = choose(entry, candidates, opted_out)
                if pair is not None:
                    yield self._finding(doc, pair)
            _file(exact, title.tight, index)
            for variant in title.variants:
                _file(by_variant, variant, index)

    @staticmethod
    def _rows(doc: Document, keys: Keys, keep_fragment: bool, min_length: int,
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
        #: _alike needs MIN_WORDS words in both titles: rows without them never match.
        worded = [size >= MIN_WORDS for size in sizes]
        reversed_ = [text[::-1] for text in folded]
        for order in (sorted(range(len(rows)), key=folded.__getitem__),
                      sorted(range(len(rows)), key=reversed_.__getitem__)):
            # each title against its next _WINDOW neighbours (the result does not depend
            # on the order the pairs are visited in: check() reads sorted(set(...)))
            for position, i in enumerate(order):
                if not worded[i]:
                    continue
                title_i = titles[i]
                # (row i's values held in locals for its _WINDOW comparisons)
                la, key_i, folded_i, numbers_i = lengths[i], keys[i], folded[i], numbers[i]
                size_i, words_i = sizes[i], None  # (row i's word set: built when first needed)
                for j in order[position + 1:position + 1 + _WINDOW]:
                    if not worded[j]:
                        continue
                    lb = lengths[j]
                    # _alike's cheap tests first, inlined: this is the rule's hot loop
                    if 2.0 * (la if la < lb else lb) < threshold * (la + lb) \
                            or key_i == keys[j] or folded_i == folded[j] \
                            or numbers_i != numbers[j]:
                        continue
                    # words_align's counting test, without building the differences
                    if words_i is None:
                        words_i = title_i.words
                    common = len(words_i & titles[j].words)
                    only_i, only_j = size_i - common, sizes[j] - common
                    if (only_i > 0) != (only_j > 0) or only_i > MAX_WORD_EDITS \
                            or only_j > MAX_WORD_EDITS:
                        continue
                    # the rest of _alike(titles[i], titles[j], threshold): every cheaper
                    # test of it has passed above
                    if words_align(title_i, titles[j]) \
                            and similar(folded[i], folded[j], threshold):
                        if i < j:
                            out.setdefault(j, []).append(i)
                        else:
                            out.setdefault(i, []).append(j)
                # memory trick: title i meets no later title in this order, so its word set
                # goes (at most _WINDOW + 1 sets live instead of one per title)
                title_i.forget_words()
        return out

    def _finding(self, doc: Document, pair: Pair) -> Diagnostic:
        first, later = pair.earlier, pair.later
        if pair.at_earlier:
            return self.diagnostic(entry_span(doc, first),
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
        message = f"'{clip(b.raw)}' has {how} line {first.line}{link}"
        if not same:
            message += f" (line {first.line}: '{clip(a.raw)}')"
        return self.diagnostic(entry_span(doc, later), message)


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
    GitHub repositories (``cuckoofilter`` by two owners: a name clash, not a copy), a
    site and a page inside it, or a title both descriptions name as their subject."""
    if _about(a) and _about(b):
        return True
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


def _about(entry: Entry) -> bool:
    """Whether the entry's description names its title as its subject: the title is then
    the topic the resource is about, not the resource's own name (``DNS-over-HTTPS`` -
    "a cartoon intro to DNS over HTTPS" and ``DNS-over-HTTPS`` - "tutorial to set up your
    own DNS-over-HTTPS server" are two articles, not one twice)."""
    if not entry.description:
        return False
    title, text = fold_title(entry_title(entry)), fold_title(entry.description)
    # (a description that starts with the title holds it: ``[[arXiv](url)] Title.``)
    return bool(title) and not text.startswith(title) and f" {title} " in f" {text} "


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
