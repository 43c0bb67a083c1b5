"""The files a classic awesome list keeps beside its README: contributing guide, licence,
code of conduct; and no licence section in the README itself.

The file facts come from the ``files`` service the CLI puts on the context (the resolver
LNK005 uses): these rules read names, never the disk.  Without it (text on stdin, the
library API without a path) they stay silent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, Protocol

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Span
from awesome_lint.rules import RuleContext, register
from awesome_lint.rules.awesome.classic import ClassicRule, opted_in
from awesome_lint.syntax.linespans import whole_line

PREFIX = "AWE5"
CATEGORY = "awesome"

#: Where GitHub looks for community files: beside the README, in .github/ and docs/, and
#: the same at the repository root.
FOLDERS = (".", ".github", "docs", "/", "/.github", "/docs")


class Names(Protocol):
    def names(self, folder: str = ".") -> frozenset[str]: ...


def _stems(ctx: RuleContext) -> Iterable[str] | None:
    """Lower-cased file names without extension in the community folders, or None."""
    files = ctx.services.files
    if files is None:
        return None
    found: set[str] = set()
    for folder in FOLDERS:
        for name in files.names(folder):
            found.add(name.lower().split(".", 1)[0])
    return found


class _MissingFile(ClassicRule):
    """Shared check: one finding on line 1 when no file with a known stem exists."""

    stems: tuple[str, ...] = ()
    what = ""

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        found = _stems(ctx)
        if found is None or any(stem in found for stem in self.stems):
            return
        yield self.diagnostic(Span(1, 1, 1, 1), f"no {self.what} beside the README or at "
                              "the repository root")


@register
class ContributingFile(_MissingFile):
    code = "AWE501"
    name = "contributing-file"
    category = CATEGORY
    summary = "Classic list without a contributing guide (`contributing.md`)."
    explanation = (
        "Awesome lists take suggestions by pull request; `contributing.md` (any case, "
        "beside the README, in `.github/` or `docs/`, or at the repository root) tells "
        "contributors the rules. Reported once, on line 1; checked only for files on disk."
    )
    bad = "readme.md  (and nothing else)"
    good = "readme.md  contributing.md"
    stems = ("contributing",)
    what = "contributing.md"


@register
class LicenceFile(_MissingFile):
    code = "AWE502"
    name = "licence-file"
    category = CATEGORY
    summary = "Classic list without a licence file."
    explanation = (
        "A list is a creative work; without a licence nobody may reuse it. Awesome lists "
        "usually use CC0. Any `LICENSE`, `LICENCE`, `COPYING` or `UNLICENSE` file (any "
        "extension) beside the README or at the repository root counts. Reported once, "
        "on line 1."
    )
    bad = "readme.md  contributing.md"
    good = "readme.md  contributing.md  license"
    stems = ("license", "licence", "copying", "unlicense", "license-cc0", "licence-cc0")
    what = "licence file"


@register
class CodeOfConductFile(_MissingFile):
    code = "AWE503"
    name = "code-of-conduct-file"
    category = CATEGORY
    severity = Severity.WARNING
    summary = "Classic list without a code of conduct."
    explanation = (
        "A code of conduct (`code-of-conduct.md`, `CODE_OF_CONDUCT.md`) sets the tone for "
        "discussions in issues and pull requests; the awesome guidelines ask for one. "
        "Reported once, on line 1."
    )
    bad = "readme.md  contributing.md  license"
    good = "readme.md  contributing.md  license  code-of-conduct.md"
    stems = ("code-of-conduct", "code_of_conduct", "codeofconduct", "conduct")
    what = "code of conduct"


@register
class LicenceSection(ClassicRule):
    code = "AWE504"
    name = "licence-section"
    category = CATEGORY
    summary = "A `License` section in a classic list's README."
    explanation = (
        "The awesome guidelines keep the licence in a file of its own (GitHub shows it in "
        "the sidebar); a `## License` section repeats it in every reader's way. "
        "Removing a section is the author's call, so there is no fix. Opt-in, as "
        "awesome-lint's rule: select `AWE504` by code (or set `enabled = true`)."
    )
    bad = "## License\n\nCC0"
    good = "(a `license` file beside the README)"
    options: ClassVar[dict[str, Any]] = {"enabled": False}

    def check_classic(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        if not opted_in(ctx, type(self)):
            return
        doc = ctx.document
        for section in doc.sections:
            if section.title.strip().casefold() in ("license", "licence"):
                yield self.diagnostic(whole_line(doc, section.line),
                                      "licence section in the README: keep the licence in "
                                      "its own file")
