"""Glue between the tree and the lookups for ``--papers``: what to ask, with which options.

Entries that link an arXiv paper, a DOI, an OpenReview forum or a proceedings page become
:class:`PaperQuery` objects (only entries on changed lines with ``--diff-base``).  Options
come from ``[tool.awesome-lint.papers]`` for what only makes the run slower or more
polite, and from the environment for what widens what the tool may reach: the services'
base URLs (``AWESOME_LINT_ARXIV_URL``, ``AWESOME_LINT_DBLP_URL``,
``AWESOME_LINT_CROSSREF_URL``) are never read from a file in the repository.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from awesome_lint.model import Document

from ._types import Api, PaperOptions, PaperQuery, PaperResults
from .match import paper_links

#: Environment variables naming a service's base URL (a mirror or a test server).
URL_VARIABLES = {"arxiv": "AWESOME_LINT_ARXIV_URL", "dblp": "AWESOME_LINT_DBLP_URL",
                 "crossref": "AWESOME_LINT_CROSSREF_URL"}
#: Multiplies the pacing intervals of services whose base URL the environment set (a local
#: mirror may allow more); the public services always get their published pace.
PACE_VARIABLE = "AWESOME_LINT_PAPERS_PACE"
CONTACT_VARIABLE = "AWESOME_LINT_PAPERS_CONTACT"


def queries_for(document: Document, lines: set[int] | None = None) -> list[PaperQuery]:
    """One query per entry that links a paper (on ``lines`` only, when given)."""
    from awesome_lint.syntax.venuemarks import entry_marks, title_without_marks

    marks = entry_marks(document)
    out: list[PaperQuery] = []
    for entry in document.entries:
        if lines is not None and not any(n in lines
                                         for n in range(entry.line, entry.end_line + 1)):
            continue
        links = paper_links(entry)
        if not links:
            continue
        arxiv = tuple(dict.fromkeys(p.ident for p in links if p.kind == "arxiv"))
        dois = tuple(dict.fromkeys(p.ident for p in links if p.kind == "doi"))
        searchable = any(p.kind != "doi" for p in links)
        title = title_without_marks(entry, marks.get(entry, ()))
        out.append(PaperQuery(title, arxiv, dois, search_title=searchable and bool(title)))
    return out


def _api(default: Api, environ: Mapping[str, str], pace: float) -> Api:
    url = environ.get(URL_VARIABLES[default.name], "").strip()
    if not url:
        return default
    return replace(default, base_url=url, interval=default.interval * pace, trusted=True)


def options_from(settings: Mapping[str, Any], *, cache_dir: str | None,
                 use_cache: bool | None = None,
                 environ: Mapping[str, str] | None = None) -> PaperOptions:
    """The run's options: ``settings`` is the validated ``papers`` table."""
    env = os.environ if environ is None else environ
    try:
        pace = max(0.0, float(env.get(PACE_VARIABLE, "1") or 1))
    except ValueError:
        pace = 1.0
    base = PaperOptions()
    return PaperOptions(
        arxiv=_api(base.arxiv, env, pace), dblp=_api(base.dblp, env, pace),
        crossref=_api(base.crossref, env, pace),
        contact=env.get(CONTACT_VARIABLE, "") or str(settings.get("contact", "")),
        timeout=float(settings.get("timeout", base.timeout)),
        retries=int(settings.get("retries", base.retries)),
        retry_after_cap=float(settings.get("retry-after-cap", base.retry_after_cap)),
        deadline=float(settings.get("deadline", base.deadline)),
        cache_dir=cache_dir,
        use_cache=bool(settings.get("cache", True) if use_cache is None else use_cache),
        cache_ttl=float(settings.get("cache-ttl", base.cache_ttl)))


def run(queries: Iterable[PaperQuery], options: PaperOptions) -> PaperResults:
    """The lookups, with a progress line on a terminal (DBLP's pace makes a cold run of a
    long list take minutes)."""
    from awesome_lint.linkcheck.session import Progress

    from . import lookup

    progress = Progress(label="Looking up papers")
    try:
        return lookup(queries, options, progress)
    finally:
        progress.done()


def summary_line(results: PaperResults, asked: int) -> str:
    """``Papers: 12 entries looked up (4 requests; 30 from the cache).``"""
    made = sum(results.requests.values())
    parts = [f"{made} request{'s' if made != 1 else ''}"]
    if results.from_cache:
        parts.append(f"{results.from_cache} from the cache")
    return f"Papers: {asked} entr{'ies' if asked != 1 else 'y'} looked up ({'; '.join(parts)})."


def warning_lines(results: PaperResults) -> list[str]:
    """One ``warning:`` line per failed service: their entries were not judged."""
    return [f"warning: paper lookups incomplete: {err}; those entries were not checked"
            for err in results.errors]


def cache_dir_for(path: Path) -> str:
    from awesome_lint.linkcheck.session import CACHE_DIR, project_root

    return str(project_root(path) / CACHE_DIR)


def services_for(wanted: list[tuple[Path, Any, Document]], no_cache: bool,
                 changed: Callable[[Path], set[int] | None]
                 ) -> tuple[PaperResults, list[str]]:
    """Look up the documents' papers once: the results for the rules (their
    ``services.paper_results``), and the lines to print on standard error."""
    queries = [q for path, _config, document in wanted
               for q in queries_for(document, changed(path))]
    options = options_from(wanted[0][1].table("papers") or {},
                           cache_dir=cache_dir_for(wanted[0][0]),
                           use_cache=False if no_cache else None)
    results = run(queries, options)
    return results, [summary_line(results, len(queries)),
                                        *warning_lines(results)]
