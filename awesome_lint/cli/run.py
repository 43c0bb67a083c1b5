"""Settings shared by ``check`` and ``fix`` (config per folder, --diff-base scope) and the
network services they may start (link checker, paper lookups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from awesome_lint.cli.options import fail, split_codes
from awesome_lint.config import Config, ConfigError, find_config, load_file
from awesome_lint.diagnostics import Diagnostic
from awesome_lint.model import Document


class Run:
    """Settings shared by check and fix, resolved once per invocation."""

    def __init__(self, select: tuple[str, ...], ignore: tuple[str, ...],
                 extend_select: tuple[str, ...], config_path: str | None,
                 diff_base: str | None = None) -> None:
        self.overrides = {"select": split_codes(select), "ignore": split_codes(ignore),
                          "extend_select": split_codes(extend_select)}
        self.explicit = load_file(Path(config_path)) if config_path else None
        if config_path and self.explicit is None:
            raise ConfigError("has no [tool.awesome-lint] table", config_path)
        self._cache: dict[Path, Config] = {}
        self.diff_base = diff_base
        self._merge_bases: dict[Path, str] = {}
        from awesome_lint.rules import is_valid_selector

        for key, values in self.overrides.items():
            for value in values or ():
                if not is_valid_selector(value):
                    from awesome_lint.suggest import selector_hint

                    fail(f"--{key.replace('_', '-')}: unknown rule, prefix or category "
                          f"{value!r}{selector_hint(value)}")

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


    def link_services(self, documents: list[tuple[Path, Config, Document]], links: bool | None,
                      no_cache: bool, allow_private: bool | None, *, quiet: bool = False
                      ) -> dict[str, Any]:
        """Run the link checker once over every file's http(s) links (only the changed lines
        with --diff-base) and return its results for the LNK1xx rules; {} when offline."""
        wanted = [(p, c, d) for p, c, d in documents if wants_links(c, links)]
        if not wanted:
            return {}  # offline: the link checker (asyncio, 50-70 ms to import) stays out
        from awesome_lint.linkcheck import session as remote
        from awesome_lint.rules.links import http as http_links

        urls: dict[str, None] = {}
        for path, _config, document in wanted:
            urls.update(dict.fromkeys(remote.urls_to_check(document, self.changed(path))))
        settings = wanted[0][1].table("links") or http_links.LINK_DEFAULTS
        options = remote.check_options(settings, root=remote.project_root(wanted[0][0]),
                                       use_cache=False if no_cache else None,
                                       allow_private=allow_private,
                                       config_path=wanted[0][1].path)
        from awesome_lint.startup import collecting

        with collecting():
            results = remote.run_checks(urls, options, quiet=quiet)
        if not quiet:
            click.echo(remote.summary_line(results), err=True)
        return {"link_results": results}

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


def paper_services(run: Run, documents: list[tuple[Path, Config, Document]],
                    papers: bool | None, no_cache: bool, *, quiet: bool = False
                    ) -> dict[str, Any]:
    """``--papers``: look the papers up (awesome_lint.papers) and say how it went (not with
    ``-q``)."""
    wanted = [(p, c, d) for p, c, d in documents if wants_papers(c, papers)]
    if not wanted:
        return {}
    from awesome_lint.papers.queries import services_for

    services, lines = services_for(wanted, no_cache, run.changed)
    for line in [] if quiet else lines:
        click.echo(line, err=True)
    return services


def wants_papers(config: Config, papers: bool | None) -> bool:
    """``--papers``/``--no-papers`` if given, else ``papers.check`` from the config."""
    return papers if papers is not None else bool((config.table("papers") or {}).get("check"))


def wants_links(config: Config, links: bool | None) -> bool:
    """``--links``/``--no-links`` if given, else ``links.check`` from the config."""
    return links if links is not None else bool((config.table("links") or {}).get("check"))
