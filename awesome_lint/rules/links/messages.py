"""Plain sentences for link-check results: what happened to the link and which flag or config
key changes the outcome, instead of a class name and an exception's repr."""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from awesome_lint.linkcheck import LinkResult

_FORBIDDEN = re.compile(r"(?P<host>\S+) resolves to (?P<addr>\S+) \((?P<reason>[^)]*)\)")
_SCHEME = re.compile(r"scheme '(?P<scheme>[^']*)'")


def _status(status: int | None) -> str:
    if status is None:
        return "no HTTP status"
    try:
        return f"HTTP {status} ({HTTPStatus(status).phrase})"
    except ValueError:
        return f"HTTP {status}"


def _github_note(error: str) -> str:
    _, _, note = error.partition("; GitHub API")
    return f" (the GitHub API{note})" if note else ""


def _connection(error: str) -> str:
    lowered = error.lower()
    if "refused" in lowered:
        return "the server refused the connection"
    if "reset" in lowered:
        return "the server reset the connection"
    if "remoteprotocolerror" in lowered or "protocol" in lowered:
        return "the server broke the HTTP protocol"
    detail = error.rsplit(": ", 1)[-1] if error else "no answer"
    return f"the connection failed ({detail})"


def describe(url: str, result: LinkResult) -> str:
    """One sentence (two at most) about ``result`` for the link ``url``."""
    cls, error, status = result.link_class.value, result.error or "", result.status
    if cls == "broken":
        if error.startswith("DNS lookup"):
            text = f"{url} is broken: its host name does not resolve ({error})"
        elif error in ("redirect loop",) or error.startswith("too many redirects"):
            text = f"{url} is broken: it redirects {'in a loop' if 'loop' in error else error}"
        elif error.startswith(("invalid", "redirect")):
            text = f"{url} is broken: {error}"
        else:
            text = (f"{url} is broken: the server answered {_status(status)}"
                    f"{_github_note(error)}; if that status is fine for this site, list it in "
                    "links.accept")
    elif cls == "unsupported-scheme":
        found = _SCHEME.search(error)
        scheme = f"'{found.group('scheme')}'" if found else "a scheme other than http(s)"
        verb = "redirects to" if error.startswith("redirect") else "uses"
        text = (f"{url} {verb} {scheme}, which the link checker does not follow; set "
                "links.severity.unsupported-scheme = \"ignore\" to accept such links")
    elif cls == "blocked":
        text = (f"{url} refused the link checker ({_status(status)}); people may still reach "
                "it: add its host to links.skip-hosts to stop checking it")
    elif cls == "rate-limited":
        text = (f"{url} kept answering {_status(status)} after the waits it asked for; lower "
                "links.per-host or raise links.per-host-interval (for github.com, set "
                "GITHUB_TOKEN)")
    elif cls == "server-error":
        text = (f"{url} failed with {_status(status)} on each of {result.attempts} attempts; "
                "links.retries sets how often to try again")
    elif cls == "timeout":
        if error == "deadline":
            text = (f"{url} was not checked before the run's deadline ran out; raise "
                    "links.deadline (seconds, 0 for none)")
        else:
            text = f"{url} did not answer in time ({error or 'timed out'}); raise links.timeout"
    elif cls == "tls-error":
        detail = error.removeprefix("TLS: ") or "handshake failed"
        text = (f"{url} failed its secure connection: {detail}; the certificate may be expired "
                "or issued for another name")
    elif cls == "connection-error":
        text = (f"{url} could not be reached: {_connection(error)}; links.retries sets how "
                "often to try again")
    elif cls == "forbidden-address":
        found = _FORBIDDEN.fullmatch(error)
        where = (f"{found.group('host')} resolves to {found.group('addr')}, a "
                 f"{found.group('reason')} address" if found
                 else f"its host is a private address ({error})")
        text = (f"{url} was not fetched: {where}; pass --allow-private-hosts to check links "
                "to loopback and private addresses")
    else:
        text = f"{url}: {cls} ({error or _status(status)})"
    if result.from_cache:
        text += " (result from the link cache: --no-cache checks it again)"
    return text
