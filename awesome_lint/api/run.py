"""One run's settings, resolved once: the configuration of each file, the lines in scope
(``--diff-base``) and the network services (link results, paper lookups) shared by every file.

:func:`awesome_lint.api.check` and the ``check``, ``fix`` and ``format`` commands build one
:class:`Run` per invocation.  Nothing here prints: what a person should read (the links
summary, the paper lookups' summary and warnings) goes to the ``notes`` callback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from awesome_lint.config import Config, ConfigError
from awesome_lint.diagnostics import Diagnostic
from awesome_lint.engine.schema import find_config, load_file
from awesome_lint.model import Document
from awesome_lint.rules.context import LinkResults

if TYPE_CHECKING:
    from awesome_lint.papers import PaperResults

#: Where a run's notes go (the CLI: standard error); None drops them.
Notes = Callable[[str], None] | None

#: One parsed input of a run: where it is, its configuration and its tree.
Parsed = tuple[Path, Config, Document]


def split_selectors(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """``("E1,E2", "W3")`` -> ``("E1", "E2", "W3")``; None (not given) when empty."""
    items = tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())
    return items or None


class Run:
    """Settings shared by check and fix, resolved once per invocation.

    ``config`` is a config file to use instead of searching for one (``--config``), or a
    :class:`Config` to use for every file; ``select``/``ignore``/``extend_select`` override
    the file's selection as the command-line options do.  Unknown selectors and a config
    file without our table raise :class:`ConfigError`."""

    def __init__(self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                 extend_select: Iterable[str] | None = None,
                 config: str | os.PathLike[str] | Config | None = None,
                 diff_base: str | None = None
                 ) -> None:
        self.overrides = {"select": split_selectors(select),
                          "ignore": split_selectors(ignore),
                          "extend_select": split_selectors(extend_select)}
        if isinstance(config, Config) or config is None:
            self.explicit = config
        else:
            self.explicit = load_file(Path(config))
            if self.explicit is None:
                raise ConfigError("has no [tool.awesome-lint] table", os.fspath(config))
        self._cache: dict[Path, Config] = {}
        self.diff_base = diff_base
        self._merge_bases: dict[Path, str] = {}
        from awesome_lint.rules import is_valid_selector

        for key, values in self.overrides.items():
            for value in values or ():
                if not is_valid_selector(value):
                    from awesome_lint.rules import selector_hint

                    raise ConfigError(f"--{key.replace('_', '-')}: unknown rule, prefix or "
                                      f"category {value!r}{selector_hint(value)}")

    def config_for(self, path: Path) -> Config:
        base = self.explicit
        if base is None:
            folder = path.resolve().parent
            if folder not in self._cache:
                self._cache[folder] = find_config(folder)
            base = self._cache[folder]
        overrides = dict(self.overrides)
        if overrides["select"] is not None and overrides["ignore"] is None:
            overrides["ignore"] = ()  # as in ruff: a --select on the command line wins
        return base.with_overrides(**overrides)

    def link_services(self, documents: list[Parsed], links: bool | None, no_cache: bool,
                      allow_private: bool | None, *, quiet: bool = False,
                      notes: Notes = None) -> LinkResults | None:
        """Run the link checker once over every file's http(s) links (only the changed lines
        with --diff-base) and return its results for the LNK1xx rules; None when offline."""
        wanted = [(p, c, d) for p, c, d in documents if wants_links(c, links)]
        if not wanted:
            return None  # offline: the link checker (asyncio, 50-70 ms to import) stays out
        from awesome_lint.linkcheck import session as remote
        from awesome_lint.rules.links import http as http_links
        from awesome_lint.startup import collecting

        urls: dict[str, None] = {}
        for path, _config, document in wanted:
            urls.update(dict.fromkeys(remote.urls_to_check(document, self.changed(path))))
        settings = wanted[0][1].table("links") or http_links.LINK_DEFAULTS
        options = remote.check_options(settings, root=remote.project_root(wanted[0][0]),
                                       use_cache=False if no_cache else None,
                                       allow_private=allow_private,
                                       config_path=wanted[0][1].path)
        with collecting():
            results = remote.run_checks(urls, options, quiet=quiet)
        if notes is not None:
            notes(remote.summary_line(results))
        return results

    def paper_services(self, documents: list[Parsed], papers: bool | None, no_cache: bool,
                       *, notes: Notes = None) -> PaperResults | None:
        """``--papers``: look the papers up (awesome_lint.papers); its summary and warnings
        go to ``notes``."""
        wanted = [(p, c, d) for p, c, d in documents if wants_papers(c, papers)]
        if not wanted:
            return None
        from awesome_lint.papers.queries import services_for

        results, lines = services_for(wanted, no_cache, self.changed)
        if notes is not None:
            for line in lines:
                notes(line)
        return results

    def changed(self, path: Path) -> set[int] | None:
        """Lines to report on for ``path``: None means all of them."""
        if self.diff_base is None:
            return None
        from awesome_lint.files.gitdiff import GitError, changed_lines, merge_base

        folder = path.resolve().parent
        try:
            if folder not in self._merge_bases:
                self._merge_bases[folder] = merge_base(self.diff_base, folder)
            return changed_lines(path, self._merge_bases[folder])
        except GitError as err:
            raise ConfigError(f"--diff-base {self.diff_base}: {err}", str(path)) from None

    def scope(self, path: Path, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        lines = self.changed(path)
        if lines is None:
            return diagnostics
        return [d for d in diagnostics if any(n in lines for n in range(d.line, d.end_line + 1))]


def wants_papers(config: Config, papers: bool | None) -> bool:
    """``--papers``/``--no-papers`` if given, else ``papers.check`` from the config."""
    return papers if papers is not None else bool((config.table("papers") or {}).get("check"))


def wants_links(config: Config, links: bool | None) -> bool:
    """``--links``/``--no-links`` if given, else ``links.check`` from the config."""
    return links if links is not None else bool((config.table("links") or {}).get("check"))
