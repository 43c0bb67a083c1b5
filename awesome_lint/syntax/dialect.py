"""The list's dialect: which family of conventions a document follows, inferred from its tree.

A *classic* awesome list (sindresorhus/awesome and the lists it links) writes entries as
``- [Name](url) - Description.`` and carries the Awesome badge on its title line; a paper
reading list (``* [Title](url) [[Notes](url)] <kbd>CVPR 2017</kbd>``) does neither.  Rule
families that hold only for one dialect (the ``AWE`` family) ask ``ctx.analysis.dialect`` first,
so a list is never judged by conventions it does not follow.

The inference runs once per document (on the rules' per-document analysis,
:class:`awesome_lint.rules.context.Analysis`, so the successive trees of one ``fix`` each get
their own).  The table
``[tool.awesome-lint.dialect]`` can force it: ``classic = true`` or ``classic = false``
(``"auto"``, the default, infers it).
To infer another convention, add a field to :class:`Dialect` and compute it in
:func:`infer`; add the matching override to :class:`DialectOptions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from awesome_lint.config import Config, ConfigError
from awesome_lint.model import Document, Entry, EntryKind, LinkForm

TABLE = "dialect"

#: Hosts an Awesome badge links to, and where its image lives (awesome-lint 2.3.0's lists);
#: copies of the image on rawgit, jsDelivr or raw.githubusercontent.com count as the badge.
BADGE_TARGETS = ("https://awesome.re", "https://github.com/sindresorhus/awesome")
BADGE_IMAGES = ("https://awesome.re/badge.svg", "https://awesome.re/badge-flat.svg",
                "https://awesome.re/badge-flat2.svg")
_BADGE_IMAGE = re.compile(r"^https?://(?:awesome\.re/badge|[^/]+/(?:gh/)?sindresorhus/"
                          r"awesome[/@][^?#]*badge[^/?#]*\.svg)", re.IGNORECASE)
#: What follows the name of a classic entry: `` - `` (or a dash written wrongly).
_SEPARATOR = re.compile(r"\s*(?:-|–|—)\s")
#: Share of bulleted link entries in the classic form that makes a list classic.
CLASSIC_SHARE = 0.5
#: Fewer link entries than this are too few to call a majority.
MIN_ENTRIES = 3


@dataclass(frozen=True, slots=True)
class DialectOptions:
    """``[tool.awesome-lint.dialect]``: ``None`` leaves a field to inference."""

    classic: bool | None = None


def validate(value: Any, where: str) -> DialectOptions:
    if not isinstance(value, dict):
        raise ConfigError(f"'{where}' must be a table")
    for key, item in value.items():
        if key != "classic":
            raise ConfigError(f"unknown key '{where}.{key}' (known: classic)")
        if not isinstance(item, bool) and item != "auto":
            raise ConfigError(f"'{where}.classic' must be \"auto\", true or false")
    classic = value.get("classic", "auto")
    return DialectOptions(classic=None if classic == "auto" else classic)



@dataclass(frozen=True, slots=True)
class Dialect:
    """What the document's own majority says about its conventions."""

    #: Whether the classic awesome-list rules apply (inferred or forced by config).
    classic: bool
    #: Whether config forced ``classic`` (True) or it was inferred (False).
    forced: bool
    #: Bulleted entries in the classic shape: a ``[Name](url)`` first, no venue badge, no
    #: ``[[Notes](...)]`` resource link.
    link_entries: int
    #: Of those, the ones whose name is followed by a dash separator.
    dashed_entries: int
    #: Line of the Awesome badge when it stands on the title line or just below it.
    badge_line: int | None
    #: Every entry of the document, and those in the classic shape with any marker.
    entries: int = 0
    shaped_entries: int = 0

    @property
    def dashed_share(self) -> float:
        return self.dashed_entries / self.link_entries if self.link_entries else 0.0


def is_badge_image(url: str) -> bool:
    return bool(_BADGE_IMAGE.match(url.strip()))


def is_classic_candidate(entry: Entry) -> bool:
    """A bulleted ``[Name](url)`` entry: the shape classic rules judge."""
    link = entry.link
    return (entry.kind is EntryKind.LINK_TITLED and link is not None
            and link.form in (LinkForm.INLINE, LinkForm.REFERENCE) and not link.image
            and not link.bracketed and not link.destination.startswith("#"))


def follows_with_dash(document: Document, entry: Entry) -> bool:
    """Whether the entry's name link is followed by a dash separator on its line."""
    assert entry.link is not None
    span = entry.link.span
    rest = document.line_text(span.end_line)[span.end_column:]
    return _SEPARATOR.match(rest) is not None


def _badge_line(document: Document) -> int | None:
    """The Awesome badge near the top: on the title line or within the header block."""
    sections = document.sections
    limit = sections[1].line if len(sections) > 1 else len(document.lines)
    for link in document.links:
        if link.span.line > limit:
            break
        if link.image and is_badge_image(link.destination):
            return link.span.line
    return None


def _classic_shaped(entry: Entry) -> bool:
    """``[Name](url) ...`` without the marks of a paper list (venue badges, notes links)."""
    return is_classic_candidate(entry) and not entry.badges and not entry.resources


def infer(document: Document, options: DialectOptions | None = None) -> Dialect:
    """Classic when most bulleted ``[Name](url)`` entries use the `` - `` separator, or when
    the Awesome badge heads a list whose entries are mostly ``[Name](url)`` ones (numbered
    lists such as ChristosChristofidis' count there); a paper list stays a paper list even
    under the badge."""
    shaped = [e for e in document.entries if _classic_shaped(e)]
    bullets = [e for e in shaped if not e.marker[:1].isdigit()]
    dashed = sum(1 for e in bullets if follows_with_dash(document, e))
    badge = _badge_line(document)
    forced = options is not None and options.classic is not None
    if forced:
        assert options is not None and options.classic is not None
        classic = options.classic
    else:
        entries = len(document.entries)
        classic = (len(bullets) >= MIN_ENTRIES and dashed > CLASSIC_SHARE * len(bullets)) or (
            badge is not None and len(shaped) > CLASSIC_SHARE * entries)
    return Dialect(classic, forced, len(bullets), dashed, badge, len(document.entries),
                   len(shaped))


def options_for(config: Config) -> DialectOptions:
    found = config.table(TABLE)
    return found if isinstance(found, DialectOptions) else DialectOptions()


