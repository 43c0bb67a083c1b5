"""Markdown: a report people read in a CI job summary, a PR comment or an issue.

``--format markdown`` prints findings by category, a link-health table (from the link
checker's ``data`` on diagnostics) and the findings themselves.  The same module renders the
rule reference (``awesome-lint rules --format markdown > docs/rules.md``), so the documentation
is generated from the registry and cannot drift from it.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.report import FileReport, ReportOptions
from awesome_lint.report.escape import printable
from awesome_lint.rules import CATEGORIES, Rule

#: Rows in the findings table; the rest is counted, not listed (job summaries are capped at
#: 1 MiB, and nobody reads the 301st row).
MAX_ROWS = 300

#: How the link checker's classes are ordered in the link-health table (good ones first).
LINK_CLASS_ORDER = ("ok", "redirect-permanent", "redirect-temporary", "broken", "blocked",
                    "rate-limited", "server-error", "timeout", "tls-error", "connection-error",
                    "forbidden-address", "unsupported-scheme", "skipped")

_SPECIAL = re.compile(r"([\\`*_\[\]|<>#~!])")


def escape(text: str) -> str:
    """Plain text for a table cell: markdown syntax shown literally, on one line."""
    return _SPECIAL.sub(r"\\\1", printable(" ".join(text.split())))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _severity_counts(diagnostics: Iterable[Diagnostic]) -> str:
    counts = Counter(d.severity for d in diagnostics)
    return ", ".join(_plural(counts[s], s.value) for s in Severity if counts[s])


def link_health(diagnostics: Iterable[Diagnostic]) -> Counter[str]:
    """Links counted by the link checker's result class, from each diagnostic's ``data``."""
    counts: Counter[str] = Counter()
    for d in diagnostics:
        if d.data is not None and isinstance(d.data.get("class"), str):
            counts[d.data["class"]] += 1
    return counts


def _class_key(name: str) -> tuple[int, str]:
    order = LINK_CLASS_ORDER.index(name) if name in LINK_CLASS_ORDER else len(LINK_CLASS_ORDER)
    return (order, name)


def render(reports: list[FileReport], options: ReportOptions) -> str:
    diagnostics = [d for r in reports for d in r.diagnostics]
    out = ["## awesome-lint", ""]
    if options.scope:
        out += [options.scope, ""]
    files = _plural(len(reports), "file")
    if not diagnostics:
        out.append(f"All checks passed ({files} checked).")
    else:
        fixable = sum(d.fix is not None and d.fix.is_safe for d in diagnostics)
        unsafe = sum(d.fix is not None and not d.fix.is_safe for d in diagnostics)
        line = (f"**{_plural(len(diagnostics), 'finding')}** "
                f"({_severity_counts(diagnostics)}) in {files}.")
        if fixable:
            line += f" {fixable} fixable with `awesome-lint fix`."
        if unsafe:
            line += f" {unsafe} more with `awesome-lint fix --unsafe-fixes`."
        out.append(line)
    if diagnostics:
        out += ["", "### Findings by category", "",
                "| category | errors | warnings | fixable |", "| --- | ---: | ---: | ---: |"]
        known = [c for c in CATEGORIES if any(d.category == c for d in diagnostics)]
        extra = sorted({d.category for d in diagnostics} - set(CATEGORIES))
        for category in known + extra:
            found = [d for d in diagnostics if d.category == category]
            errors = sum(d.severity is Severity.ERROR for d in found)
            fixable = sum(d.fix is not None for d in found)
            out.append(f"| {category} | {errors} | {len(found) - errors} | {fixable} |")
    out += ["", "### Link health", ""]
    health = link_health(diagnostics)
    if health:
        out += ["Links with findings, by what the check concluded:", "",
                "| result | links |", "| --- | ---: |"]
        out += [f"| {name} | {health[name]} |" for name in sorted(health, key=_class_key)]
    else:
        out.append("No link checks ran (they run with `awesome-lint check --links`).")
    if diagnostics:
        out += ["", "### Findings", "", "| where | rule | severity | message |",
                "| --- | --- | --- | --- |"]
        rows = [(r.path, d) for r in reports for d in r.diagnostics]
        for path, d in rows[:MAX_ROWS]:
            fix = " (fixable)" if d.fix is not None else ""
            out.append(f"| {_where(path, d, options.link_base)} | `{d.code}` {d.rule} | "
                       f"{d.severity.value} | {escape(d.message)}{fix} |")
        if len(rows) > MAX_ROWS:
            out += ["", f"… and {_plural(len(rows) - MAX_ROWS, 'more finding')}: "
                        "run `awesome-lint check` for all of them."]
    return "\n".join(out) + "\n"


def _where(path: str, d: Diagnostic, link_base: str | None) -> str:
    """``path:line:col``, linked to those lines of the file at ``link_base`` when the path is
    inside the work tree."""
    where = f"`{printable(path)}:{d.line}:{d.column}`"
    relative = posixpath.normpath(path.replace("\\", "/"))
    if link_base is None or relative.startswith(("../", "/")) or relative == "..":
        return where
    lines = f"L{d.line}" + (f"-L{d.end_line}" if d.end_line > d.line else "")
    return f"[{where}]({link_base}{quote(relative)}#{lines})"


# The rule reference ------------------------------------------------------------------------

def rule_anchor(code: str, name: str) -> str:
    """GitHub's heading slug for ``## CODE name`` (also what editors link to)."""
    return f"{code} {name}".lower().replace(" ", "-")


def _fence(text: str) -> str:
    """A code fence longer than any backtick run in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def toml_value(value: Any) -> str:
    """A default as it is written in a TOML config file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return "[" + ", ".join(toml_value(v) for v in items) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def _example(label: str, text: str) -> list[str]:
    fence = _fence(text)
    return [f"{label}:", "", f"{fence}markdown", text.rstrip("\n"), fence, ""]


def render_rules(rules: Sequence[type[Rule]]) -> str:
    """docs/rules.md: an index table, then one section per rule."""
    prefixes = sorted({re.match(r"[A-Z]+", r.code).group(0)  # type: ignore[union-attr]
                       for r in rules})
    out = [
        "# Rules",
        "",
        "<!-- Generated from the rule registry by "
        "`awesome-lint rules --format markdown > docs/rules.md`; do not edit by hand. -->",
        "",
        f"{_plural(len(rules), 'rule')} in {len(prefixes)} families: "
        + ", ".join(f"`{p}`" for p in prefixes) + ". Select or ignore them by code, prefix, "
        "name or category (`--select LNK`, `--ignore trailing-whitespace`); rules marked "
        "(network) run only with `--links` (`LNK1xx`) or `--papers` (`PAP`).",
        "",
        "| code | name | category | severity | fixable |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in rules:
        network = " (network)" if rule.needs_network else ""
        anchor = rule_anchor(rule.code, rule.name)
        out.append(f"| [`{rule.code}`](#{anchor}) | {rule.name}{network} | "
                   f"{rule.category} | {rule.severity.value} | "
                   f"{'yes' if rule.fixable else 'no'} |")
    for rule in rules:
        out += ["", f"## {rule.code} {rule.name}", "", rule_section(rule)]
    return "\n".join(out) + "\n"


def rule_section(rule: type[Rule]) -> str:
    """One rule's reference below its heading (also the editor's hover text)."""
    facts = [f"**Category:** {rule.category}", f"**Severity:** {rule.severity.value}",
             f"**Fixable:** {'yes' if rule.fixable else 'no'}"]
    if rule.needs_network:
        facts.append("**Network:** only with `--links`")
    out = [" · ".join(facts), "", rule.summary.strip(), "", rule.explanation.strip(), ""]
    out += _example("Bad", rule.bad) + _example("Good", rule.good)
    if rule.options:
        out += [f"Options, under `[tool.awesome-lint.rules.{rule.name}]`:", "",
                "| option | default |", "| --- | --- |"]
        out += [f"| `{key}` | `{toml_value(value)}` |" for key, value in rule.options.items()]
    return "\n".join(out).rstrip("\n")
