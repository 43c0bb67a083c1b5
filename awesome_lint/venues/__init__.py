"""Registry of publication venues for badge rules.

Paper lists end entries with badges such as ``<kbd>CVPR 2017</kbd>`` or ``<kbd>NIPS 2015
Oral</kbd>``.  Rules need to know which venue a badge names, whether the venue met that
year, and which name it went by then; this module answers those questions from the data
file ``venues.toml`` next to it (see its header for the schema).

Importing the package is cheap: the TOML is parsed once, on the first call to
:func:`default_registry` (or to a helper that needs it), and read back from a cache after the
first run (:func:`awesome_lint.startup.cached_toml`).

One module per concern, each name importable from here:

- :mod:`.model`: the data types (venues, renames, ambiguous aliases, literal kinds);
- :mod:`.badge_text`: lookup keys and the parts of a badge's text;
- :mod:`.loading`: data-file tables to :class:`Venue` objects, checked;
- :mod:`.registry`: :class:`Registry` (lookup, near misses, badge resolution) and loading it;
- :mod:`.url_hints`: venue and year implied by a paper URL.
"""

from __future__ import annotations

from awesome_lint.venues.badge_text import (
    ParsedBadge,
    WhitespaceIssue,
    YearStyle,
    parse_badge_text,
)
from awesome_lint.venues.loading import venue_from_table
from awesome_lint.venues.model import (
    AmbiguousAlias,
    Cadence,
    Kind,
    MatchVia,
    Rename,
    Venue,
    VenueDataError,
)
from awesome_lint.venues.registry import (
    DATA_PATH,
    BadgeResolution,
    Match,
    Registry,
    default_registry,
    load_registry,
)
from awesome_lint.venues.url_hints import (
    UrlHint,
    arxiv_posted,
    arxiv_year,
    url_hint,
    venue_hint_from_url,
)

__all__ = [
    "DATA_PATH",
    "AmbiguousAlias",
    "BadgeResolution",
    "Cadence",
    "Kind",
    "Match",
    "MatchVia",
    "ParsedBadge",
    "Registry",
    "Rename",
    "UrlHint",
    "Venue",
    "VenueDataError",
    "WhitespaceIssue",
    "YearStyle",
    "arxiv_posted",
    "arxiv_year",
    "default_registry",
    "load_registry",
    "parse_badge_text",
    "url_hint",
    "venue_from_table",
    "venue_hint_from_url",
]
