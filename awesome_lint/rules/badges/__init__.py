"""Venue badges: a mark such as ``<kbd>CVPR 2017</kbd>`` names a real venue, a real year, cleanly.

Paper lists mark each entry's venue, in whichever notation the list uses (``<kbd>``,
``**[CVPR' 19]**``, ``[[CVPR](url)] Title``, ``*CVPR 2019*`` on an author line, a
``Venue`` table column, ...): the syntax layer reads them all and infers which notations the
list uses (:mod:`awesome_lint.syntax.notations`).  These rules resolve each mark against the
venue registry (:mod:`awesome_lint.venues`, extended by ``[tool.awesome-lint.venues]``) and
report broken markup, aliases, outdated names, impossible years, unknown venues, year-only
marks and mixed spellings, judged against the list's own majority.  Fixes rewrite mark text
only, never a link destination.

One module per rule or small group: :mod:`.markup` (BDG001), :mod:`.names` (BDG002, BDG003,
BDG008), :mod:`.years` (BDG004, BDG005), :mod:`.unknown` (BDG006, BDG007), :mod:`.missing`
(BDG009); :mod:`.analysis` reads the marks once per document, :mod:`.settings` validates the
``venues`` table.
"""

from __future__ import annotations

from awesome_lint.rules.badges import markup, missing, names, unknown, years
from awesome_lint.rules.badges.analysis import FoundBadge, Reading, analysis, read
from awesome_lint.rules.badges.canonical import canonical, expected_name
from awesome_lint.rules.badges.markup import MalformedBadge
from awesome_lint.rules.badges.missing import MissingBadge
from awesome_lint.rules.badges.names import (
    InconsistentVenueSpelling,
    NonCanonicalVenue,
    RenamedVenue,
)
from awesome_lint.rules.badges.settings import (
    CONFIG_TABLES,
    STYLES,
    TABLE,
    VenueSettings,
    YearWindow,
    registry,
    settings,
    validate,
)
from awesome_lint.rules.badges.unknown import UnknownVenue, YearOnlyBadge
from awesome_lint.rules.badges.years import BadgeBeforePreprint, ImplausibleYear

PREFIX = "BDG"
CATEGORY = "badges"

__all__ = [
    "CATEGORY", "CONFIG_TABLES", "PREFIX", "STYLES", "TABLE", "BadgeBeforePreprint", "FoundBadge",
    "ImplausibleYear", "InconsistentVenueSpelling", "MalformedBadge", "MissingBadge",
    "NonCanonicalVenue", "Reading", "RenamedVenue", "UnknownVenue", "VenueSettings",
    "YearOnlyBadge", "YearWindow", "analysis", "canonical", "expected_name", "markup",
    "missing", "names", "read", "registry", "settings", "unknown", "validate", "years",
]
