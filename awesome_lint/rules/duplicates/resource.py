"""``duplicate-resource`` (DUP003): one URL twice inside one entry, when it is a copy-paste
slip rather than the list's own labels."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Document, Link, LinkRole
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.rules.duplicates.keys import Keys
from awesome_lint.rules.duplicates.pairs import CATEGORY, PREFIX, clip
from awesome_lint.rules.duplicates.titles import fold_title

__all__ = ["PREFIX", "DuplicateResource"]


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
        keys = Keys.of(ctx)
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
                else f"'{clip(earlier.text, 30)}'")
        message = (f"'{clip(link.text, 30)}' links to {clip(link.destination, 80)}, "
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
