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

Modules: :mod:`.titles` (title folding and comparison), :mod:`.keys` (canonical keys per
document), :mod:`.pairs` (which earlier entry a later one repeats, opt-outs, where findings
go), :mod:`.entries` (DUP001 and DUP002), :mod:`.entry_fix` (DUP001's delete-and-merge fix)
and :mod:`.resource` (DUP003).
"""

from __future__ import annotations

from awesome_lint.rules.duplicates.entries import DuplicateEntry, DuplicateTitle
from awesome_lint.rules.duplicates.keys import entry_key
from awesome_lint.rules.duplicates.pairs import CATEGORY, PREFIX
from awesome_lint.rules.duplicates.resource import DuplicateResource
from awesome_lint.rules.duplicates.titles import (
    Title,
    entry_title,
    fold_title,
    similar,
    titles_match,
)

__all__ = ["CATEGORY", "PREFIX", "DuplicateEntry", "DuplicateResource", "DuplicateTitle",
           "Title", "entry_key", "entry_title", "fold_title", "similar", "titles_match"]
