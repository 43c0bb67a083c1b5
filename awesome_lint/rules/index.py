"""Every built-in rule's code, name and category, written out so that a selection (``--select
LNK``, ``explain DUP001``) is resolved without importing the rule families: only the families
that hold a selected rule are imported (see :mod:`awesome_lint.startup`).

Generated; ``tests/test_startup.py`` checks it against the rule classes.  After adding or
renaming a rule, regenerate it::

    python -m awesome_lint.rules.index
"""

from __future__ import annotations

#: (code, name, category) of every built-in rule, ordered by code.
RULE_INDEX: tuple[tuple[str, str, str], ...] = (
    ("AWE001", "item-separator", "awesome"),
    ("AWE002", "description-capital", "awesome"),
    ("AWE003", "description-punctuation", "awesome"),
    ("AWE004", "name-in-description", "awesome"),
    ("AWE101", "product-spelling", "awesome"),
    ("AWE201", "title-heading", "awesome"),
    ("AWE202", "awesome-badge", "awesome"),
    ("AWE203", "ci-badge", "awesome"),
    ("AWE301", "toc-sync", "awesome"),
    ("AWE401", "alphabetical-order", "awesome"),
    ("AWE501", "contributing-file", "awesome"),
    ("AWE502", "licence-file", "awesome"),
    ("AWE503", "code-of-conduct-file", "awesome"),
    ("AWE504", "licence-section", "awesome"),
    ("AWE601", "double-link", "awesome"),
    ("BDG001", "malformed-badge", "badges"),
    ("BDG002", "non-canonical-venue", "badges"),
    ("BDG003", "renamed-venue", "badges"),
    ("BDG004", "implausible-year", "badges"),
    ("BDG005", "badge-before-preprint", "badges"),
    ("BDG006", "unknown-venue", "badges"),
    ("BDG007", "year-only-badge", "badges"),
    ("BDG008", "inconsistent-venue-spelling", "badges"),
    ("BDG009", "missing-badge", "badges"),
    ("DUP001", "duplicate-entry", "duplicates"),
    ("DUP002", "duplicate-title", "duplicates"),
    ("DUP003", "duplicate-resource", "duplicates"),
    ("FMT001", "bullet-marker", "style"),
    ("FMT002", "marker-spacing", "style"),
    ("FMT003", "list-indent", "style"),
    ("FMT004", "blank-lines", "style"),
    ("FMT005", "heading-blank-lines", "style"),
    ("FMT006", "heading-spacing", "style"),
    ("LNK001", "empty-link", "links"),
    ("LNK002", "malformed-link", "links"),
    ("LNK003", "bare-url-punctuation", "links"),
    ("LNK004", "broken-anchor", "links"),
    ("LNK005", "missing-file", "links"),
    ("LNK101", "broken-link", "links"),
    ("LNK102", "permanent-redirect", "links"),
    ("LNK103", "blocked-link", "links"),
    ("LNK104", "rate-limited-link", "links"),
    ("LNK105", "unreachable-link", "links"),
    ("LNK106", "private-address-link", "links"),
    ("PAP001", "published-preprint", "papers"),
    ("PAP002", "venue-mismatch", "papers"),
    ("PAP003", "wrong-paper-link", "papers"),
    ("PAP004", "withdrawn-paper", "papers"),
    ("STR001", "empty-section", "structure"),
    ("STR002", "duplicate-heading", "structure"),
    ("STR003", "skipped-heading-level", "structure"),
    ("STR004", "stale-toc-entry", "structure"),
    ("STY001", "mixed-bullets", "style"),
    ("STY002", "trailing-whitespace", "style"),
    ("STY003", "missing-final-newline", "style"),
    ("STY004", "mojibake", "style"),
    ("STY005", "tab-indentation", "style"),
    ("STY006", "unused-suppression", "style"),
    ("TAG001", "undefined-tag", "tags"),
    ("TAG002", "unused-legend-tag", "tags"),
    ("TAG003", "tag-case", "tags"),
    ("TAG004", "tag-order", "tags"),
    ("TAG005", "missing-tag", "tags"),
    ("TAG006", "legend-drift", "tags"),
)


def _generate() -> str:
    from awesome_lint import rules

    rows = "".join(f"    (\"{r.code}\", \"{r.name}\", \"{r.category}\"),\n"
                   for r in rules.all_rules() if rules.is_builtin(r))
    from pathlib import Path

    head, _, rest = Path(__file__).read_text(encoding="utf-8").partition("RULE_INDEX: ")
    _, _, tail = rest.partition("\n)\n")
    return f"{head}RULE_INDEX: tuple[tuple[str, str, str], ...] = (\n{rows})\n{tail}"


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    from pathlib import Path

    Path(__file__).write_text(_generate(), encoding="utf-8")
