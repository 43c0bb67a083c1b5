"""Rule base class and registry.

Rules register by family prefix, as flake8 plugins do: each family module declares its
``PREFIX`` and ``CATEGORY`` and decorates its rule classes with :func:`register`.  Built-in
families are listed in ``BUILTIN_FAMILIES``; third-party packages add families through the
``awesome_lint.rules`` entry-point group (each entry point names a module).

A rule reads the typed tree and yields diagnostics.  It never prints, never parses again and
never touches files: everything it needs is on the :class:`RuleContext`, typed
(:mod:`awesome_lint.rules.context`).
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from awesome_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from awesome_lint.model import Document, Span
from awesome_lint.rules.context import Analysis, Services

if TYPE_CHECKING:
    from awesome_lint.config import Config

CATEGORIES = ("links", "badges", "duplicates", "tags", "structure", "style", "papers",
              "awesome")

#: prefix -> module; the registry imports these on first use.
BUILTIN_FAMILIES: dict[str, str] = {
    "AWE0": "awesome_lint.rules.awesome.items",
    "AWE1": "awesome_lint.rules.awesome.spelling",
    "AWE2": "awesome_lint.rules.awesome.title",
    "AWE3": "awesome_lint.rules.awesome.toc",
    "AWE4": "awesome_lint.rules.awesome.order",
    "AWE5": "awesome_lint.rules.awesome.repo",
    "AWE6": "awesome_lint.rules.awesome.links",
    "BDG001": "awesome_lint.rules.badges.markup",
    "BDG002": "awesome_lint.rules.badges.names",
    "BDG003": "awesome_lint.rules.badges.names",
    "BDG004": "awesome_lint.rules.badges.years",
    "BDG005": "awesome_lint.rules.badges.years",
    "BDG006": "awesome_lint.rules.badges.unknown",
    "BDG007": "awesome_lint.rules.badges.unknown",
    "BDG008": "awesome_lint.rules.badges.names",
    "BDG009": "awesome_lint.rules.badges.missing",
    "DUP": "awesome_lint.rules.duplicates",
    "FMT": "awesome_lint.rules.layout",
    "LNK": "awesome_lint.rules.links",
    "LNK1": "awesome_lint.rules.links.http",
    "PAP": "awesome_lint.rules.papers",
    "STR": "awesome_lint.rules.structure",
    "STY": "awesome_lint.rules.style",
    "TAG": "awesome_lint.rules.tags",
}

#: Families whose every rule needs the network: an offline selection never imports them
#: (``tests/test_startup.py`` checks the list against the rule classes).
NETWORK_FAMILIES = frozenset({"awesome_lint.rules.links.http", "awesome_lint.rules.papers"})

#: Families whose every rule is silent unless the list is a classic awesome list (AWE's
#: ``ClassicRule``): the engine imports none of them for a list of another dialect
#: (``tests/test_seed_fixed_costs.py`` checks the list against the rule classes).
CLASSIC_FAMILIES = frozenset(module for prefix, module in BUILTIN_FAMILIES.items()
                             if prefix.startswith("AWE"))


@dataclass
class RuleContext:
    """What a rule may look at: the tree, the configuration, what the caller passes in
    (:class:`Services`) and what is computed once per document (:class:`Analysis`)."""

    document: Document
    config: Config
    #: The file resolver, link and paper results, entry memo the caller passes in.
    services: Services = field(default_factory=Services)
    today: datetime.date = field(default_factory=datetime.date.today)
    #: Dialect, conventions, venue registry, URL keys...: computed on first use.
    analysis: Analysis = field(init=False)

    def __post_init__(self) -> None:
        self.analysis = Analysis(self.document, self.config, self.services)

    def options(self, rule: type[Rule] | Rule) -> Mapping[str, Any]:
        return rule_options(self.config, rule)


def rule_options(config: Config, rule: type[Rule] | Rule) -> Mapping[str, Any]:
    """The rule's option defaults with ``[rules.<name>]`` of ``config`` on top."""
    merged = dict(rule.options)
    merged.update(config.rule_options.get(rule.name, {}))
    return merged


class Rule:
    """One check.  Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    #: One line: what the rule finds.
    summary: ClassVar[str]
    #: One paragraph: why it matters.
    explanation: ClassVar[str]
    bad: ClassVar[str]
    good: ClassVar[str]
    fixable: ClassVar[bool] = False
    #: Option defaults for ``[tool.awesome-lint.rules.<name>]``.
    options: ClassVar[dict[str, Any]] = {}
    #: Rules that need the network run only with ``--links``.
    needs_network: ClassVar[bool] = False

    def check(self, ctx: RuleContext) -> Iterable[Diagnostic]:
        raise NotImplementedError

    # Helpers for subclasses -------------------------------------------------------------
    def diagnostic(
        self,
        span: Span,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
        data: Mapping[str, object] | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code, rule=self.name, category=self.category,
            severity=severity or self.severity, line=span.line, column=span.column,
            end_line=span.end_line, end_column=span.end_column, message=message, fix=fix,
            data=None if data is None else dict(data),
        )

    @staticmethod
    def replace(span: Span, text: str, *, safe: bool = True, description: str = "",
                removes: tuple[str, ...] = ()) -> Fix:
        """A fix that replaces the single-line ``span`` with ``text``."""
        if span.line != span.end_line:
            raise ValueError("replace() takes a single-line span")
        edit = Edit(span.line, span.column, span.end_column - span.column + 1, text)
        return Fix((edit,), Applicability.SAFE if safe else Applicability.UNSAFE, description,
                   removes)


R = TypeVar("R", bound=type[Rule])

_RULES: dict[str, type[Rule]] = {}
_FAMILIES: dict[str, str] = {}
_loaded = False


def register(rule: R) -> R:
    """Class decorator: add a rule to the registry, checking its code against its family."""
    module = importlib.import_module(rule.__module__)
    prefix = getattr(module, "PREFIX", None)
    if prefix is None or not rule.code.startswith(prefix):
        raise ValueError(f"rule {rule.code} does not match its family prefix {prefix!r}")
    if rule.category not in CATEGORIES:
        raise ValueError(f"rule {rule.code}: unknown category {rule.category!r}")
    existing = _RULES.get(rule.code)
    if existing is not None and existing is not rule:
        raise ValueError(f"rule code {rule.code} registered twice")
    _RULES[rule.code] = rule
    _FAMILIES.setdefault(prefix, rule.__module__)
    return rule


def _load() -> None:
    """Import every family: built-in and third-party."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in BUILTIN_FAMILIES.values():
        importlib.import_module(module)
    _load_plugins()


_plugins_loaded = False


def _load_plugins() -> None:
    """Import the families of the ``awesome_lint.rules`` entry points (cheap when there are
    none: :func:`awesome_lint.startup.any_plugin_declared`)."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from awesome_lint.startup import any_plugin_declared

    if any_plugin_declared("awesome_lint.rules"):
        from importlib.metadata import entry_points

        for entry in entry_points(group="awesome_lint.rules"):
            importlib.import_module(entry.value)


def is_builtin(rule: type[Rule]) -> bool:
    """Whether ``rule`` belongs to a built-in family: defined in the family's module or in a
    module inside the family's package (``rules/duplicates/entries.py``)."""
    module = rule.__module__
    return any(module == family or module.startswith(family + ".")
               for family in BUILTIN_FAMILIES.values())


def _family_of(code: str) -> str:
    """The module of the built-in family that ``code`` belongs to (longest prefix)."""
    prefix = max((p for p in BUILTIN_FAMILIES if code.startswith(p)), key=len)
    return BUILTIN_FAMILIES[prefix]


def _load_for(selectors: Iterable[str], skip: frozenset[str] = frozenset()) -> bool:
    """Import only the families that hold a rule some selector names, by the generated
    :data:`~awesome_lint.rules.index.RULE_INDEX`, except those in ``skip``; plugin families
    always.  Everything when a selector names no indexed rule (a plugin's rule, or one the
    index does not know yet): False if nothing matched at all."""
    from awesome_lint.rules.index import RULE_INDEX

    wanted: set[str] = set()
    for selector in selectors:
        hits = {_family_of(code) for code, name, category in RULE_INDEX
                if _selects(selector, code, name, category)}
        if not hits:
            _load()
            return any(matches(rule, selector) for rule in _RULES.values())
        wanted |= hits
    indexed = {_family_of(code) for code, _, _ in RULE_INDEX}
    wanted |= set(BUILTIN_FAMILIES.values()) - indexed  # a family the index does not know
    for module in sorted(wanted - skip):
        importlib.import_module(module)
    _load_plugins()
    return True


def all_rules() -> list[type[Rule]]:
    """Every registered rule, ordered by code."""
    _load()
    return [_RULES[code] for code in sorted(_RULES)]


def families() -> dict[str, str]:
    _load()
    return dict(_FAMILIES)


def find_rule(code_or_name: str) -> type[Rule] | None:
    key = code_or_name.strip()
    if _is_exact(key):
        _load_for([key])
    else:
        _load()
    for code in sorted(_RULES):
        rule = _RULES[code]
        if rule.code.lower() == key.lower() or rule.name == key.lower():
            return rule
    return None


def _is_exact(key: str) -> bool:
    """Whether ``key`` is exactly one indexed rule's code or name."""
    from awesome_lint.rules.index import RULE_INDEX

    return any(key.upper() == code or key.lower() == name for code, name, _ in RULE_INDEX)


def _selects(selector: str, code: str, name: str, category: str) -> bool:
    """A selector is a code, a code prefix, a rule name, a category or ``ALL``."""
    sel = selector.strip()
    return (sel.upper() == "ALL" or code.upper().startswith(sel.upper())
            or name == sel.lower() or category == sel.lower())


def matches(rule: type[Rule], selector: str) -> bool:
    """A selector is a code, a code prefix, a rule name, a category or ``ALL``."""
    return _selects(selector, rule.code, rule.name, rule.category)


def is_valid_selector(selector: str) -> bool:
    return _load_for([selector])


def iter_selected(select: Iterable[str], ignore: Iterable[str], *, network: bool = True,
                  skip: frozenset[str] = frozenset()) -> Iterator[type[Rule]]:
    """The selected rules, ordered by code; only their families are imported, and without
    ``network`` not the :data:`NETWORK_FAMILIES`, nor the families in ``skip`` (their rules
    may still be yielded if already imported: the caller filters on ``needs_network`` and
    on the module)."""
    select, ignore = list(select), list(ignore)
    _load_for(select, (frozenset() if network else NETWORK_FAMILIES) | skip)
    for code in sorted(_RULES):
        rule = _RULES[code]
        if any(matches(rule, s) for s in select) and not any(matches(rule, s) for s in ignore):
            yield rule


def selector_hint(selector: str) -> str:
    """Did-you-mean over every rule code, family prefix, rule name and category."""
    from awesome_lint.suggest import did_you_mean

    rules = all_rules()
    words = [r.code for r in rules] + [r.name for r in rules] + list(CATEGORIES)
    return did_you_mean(selector, [*words, *families()])
