"""Links checked over HTTP (``--links``): broken, moved, blocked, rate-limited, unreachable.

The rules never touch the network: the CLI runs the link checker first and hands its results
to the rules as the ``link_results`` service, so the flow stays text → tree → results →
diagnostics.  Each class's severity is configurable under ``[tool.awesome-lint.links]``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from awesome_lint.config import ConfigError, Validator, checked_value
from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Link
from awesome_lint.rules import Rule, RuleContext, register
from awesome_lint.suggest import unknown_key

if TYPE_CHECKING:
    from awesome_lint.linkcheck import LinkResult

PREFIX = "LNK1"
CATEGORY = "links"

#: [tool.awesome-lint.links] keys and their defaults (documented in README).
LINK_DEFAULTS: dict[str, Any] = {
    "check": False,
    "concurrency": 64,
    "per-host": 4,
    "per-host-interval": 0.0,
    "timeout": 10.0,
    "retries": 2,
    "deadline": 0.0,
    "accept": [],
    "skip-hosts": ["linkedin.com", "x.com", "twitter.com"],
    "allow-private-hosts": False,
    "cache": True,
    "cache-ttl": 86400.0,
    "failure-ttl": 600.0,
    #: Seconds in total one host may make us wait by Retry-After; past it, rate-limited.
    "retry-after-cap": 60.0,
    "severity": {},
}
LINK_CLASSES = ("broken", "redirect-permanent", "blocked", "rate-limited", "server-error",
                "timeout", "tls-error", "connection-error", "forbidden-address",
                "unsupported-scheme")
SEVERITIES = ("error", "warning", "ignore")


def _validate(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"'{where}' must be a table")
    out = dict(LINK_DEFAULTS)
    for key, item in value.items():
        if key not in LINK_DEFAULTS:
            raise ConfigError(unknown_key(f"{where}.{key}", LINK_DEFAULTS))
        out[key] = checked_value(f"{where}.{key}", item, LINK_DEFAULTS[key])
    for cls, severity in out["severity"].items():
        if cls not in LINK_CLASSES or severity not in SEVERITIES:
            raise ConfigError(f"'{where}.severity.{cls}': classes are {', '.join(LINK_CLASSES)}"
                              f"; severities are {', '.join(SEVERITIES)}")
    if not all(isinstance(s, int) for s in out["accept"]):
        raise ConfigError(f"'{where}.accept' must be a list of HTTP status codes")
    return out


#: The tables this family reads, for the schema the engine assembles.
CONFIG_TABLES: dict[str, Validator] = {"links": _validate}


def link_settings(ctx: RuleContext) -> Mapping[str, Any]:
    return ctx.config.table("links") or LINK_DEFAULTS


def _data(result: LinkResult) -> dict[str, Any]:
    return {"class": result.link_class.value, "status": result.status,
            "final_url": result.final_url, "attempts": result.attempts,
            "elapsed": round(result.elapsed, 3), "error": result.error,
            "redirects": list(result.redirects), "from_cache": result.from_cache}


class _HttpRule(Rule):
    """Reports links whose check ended in one of ``classes``."""

    needs_network = True
    classes: ClassVar[tuple[str, ...]] = ()

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        results = ctx.services.link_results
        if not results:
            return
        overrides = link_settings(ctx).get("severity", {})
        for link in ctx.document.links:
            result = results.get(link.destination)
            if result is None or result.link_class.value not in self.classes:
                continue
            chosen = overrides.get(result.link_class.value)
            if chosen == "ignore":
                continue
            severity = Severity(chosen) if chosen else None
            yield from self.report(link, result, severity)

    def report(self, link: Link, result: LinkResult, severity: Severity | None
               ) -> Iterator[Diagnostic]:
        from awesome_lint.rules.links.messages import describe

        yield self.diagnostic(link.span, describe(link.destination, result), severity=severity,
                              data=_data(result))


@register
class BrokenLink(_HttpRule):
    code = "LNK101"
    name = "broken-link"
    category = CATEGORY
    classes = ("broken", "unsupported-scheme")
    summary = "Link that answers 404 or 410, whose host does not resolve, or that loops."
    explanation = (
        "A dead link is the most common defect of a curated list. Checked only with "
        "`--links`: HEAD first, GET when a server mishandles HEAD, retries with backoff."
    )
    bad = "* [Old Paper](https://example.org/removed-page)"
    good = "* [Old Paper](https://example.org/paper)"


@register
class PermanentRedirect(_HttpRule):
    code = "LNK102"
    name = "permanent-redirect"
    category = CATEGORY
    severity = Severity.WARNING
    fixable = True
    classes = ("redirect-permanent",)
    summary = "Link that permanently redirects (301/308) to another working address."
    explanation = (
        "Permanent redirects rot: the old address is kept alive only by courtesy. The fix "
        "writes the final address; it is safe when only the scheme or the path changes on "
        "the same host and unsafe otherwise (redirects to login pages are common)."
    )
    bad = "* [D2L](http://d2l.ai/)"
    good = "* [D2L](https://d2l.ai/)"

    def report(self, link: Link, result: LinkResult, severity: Severity | None
               ) -> Iterator[Diagnostic]:
        final = result.final_url
        fix = None
        if final and link.dest_span is not None and \
                link.dest_span.line == link.dest_span.end_line and "#" not in final:
            fragment = link.destination.partition("#")[2]
            target = final + (f"#{fragment}" if fragment else "")
            old, new = urlsplit(link.destination), urlsplit(target)
            same_host = (old.hostname or "").lower() == (new.hostname or "").lower()
            fix = self.replace(link.dest_span, target, safe=same_host,
                               description=f"write {target}", removes=(link.destination,))
        yield self.diagnostic(link.span, f"{link.destination} moved permanently to {final}",
                              fix=fix, severity=severity, data=_data(result))


@register
class BlockedLink(_HttpRule):
    code = "LNK103"
    name = "blocked-link"
    category = CATEGORY
    severity = Severity.WARNING
    classes = ("blocked",)
    summary = "Link the server refused to a robot (401, 403, 999): probably fine for people."
    explanation = (
        "Many sites answer automated checks with 403 or LinkedIn's 999. These are warnings, "
        "not errors, so they do not block pull requests; skip such hosts with "
        "`links.skip-hosts`."
    )
    bad = "* [Profile](https://bot-hostile.example.org/in/someone)"
    good = "* [Profile](https://bot-hostile.example.org/in/someone)  (skip-hosts configured)"


@register
class RateLimitedLink(_HttpRule):
    code = "LNK104"
    name = "rate-limited-link"
    category = CATEGORY
    severity = Severity.WARNING
    classes = ("rate-limited",)
    summary = "Link still answering 429 after honouring Retry-After."
    explanation = (
        "The host throttled us and retries did not get through; the link may be fine. "
        "Set GITHUB_TOKEN for github.com links, or lower `links.per-host`."
    )
    bad = "* [Repo](https://busy.example.org/repo)"
    good = "* [Repo](https://busy.example.org/repo)  (checked later or with a token)"


@register
class UnreachableLink(_HttpRule):
    code = "LNK105"
    name = "unreachable-link"
    category = CATEGORY
    classes = ("server-error", "timeout", "tls-error", "connection-error")
    summary = "Link whose server errs, times out, resets or fails TLS."
    explanation = (
        "The server could not give an answer after retries: 5xx, a timeout, a refused or "
        "reset connection, or a bad certificate."
    )
    bad = "* [Site](https://down.example.org/)"
    good = "* [Site](https://up.example.org/)"


@register
class PrivateAddressLink(_HttpRule):
    code = "LNK106"
    name = "private-address-link"
    category = CATEGORY
    severity = Severity.WARNING
    classes = ("forbidden-address",)
    summary = "Link that resolves to a loopback, private or link-local address (not fetched)."
    explanation = (
        "Link targets come from untrusted pull requests and the check runs inside CI "
        "networks, so addresses such as 127.0.0.1 or 169.254.169.254 are never fetched. "
        "A public list should not link to them; `--allow-private-hosts` lifts the guard."
    )
    bad = "* [Internal](http://169.254.169.254/latest/meta-data/)"
    good = "* [Docs](https://docs.example.org/)"
