"""What the server knows about each open document: its last lint, and the configuration.

Every feature (diagnostics, code actions, hover, completion) reads one :class:`Snapshot`: the
text, the tree, the findings and the position index of one version of the document, so a
quick fix is always computed on the text its ranges describe.  Configuration comes from the
nearest ``.awesome-lint.toml`` / ``pyproject.toml`` above the document, as on the command
line, and is read again when one of those files changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awesome_lint.config import CONFIG_FILES, Config, ConfigError
from awesome_lint.diagnostics import Diagnostic
from awesome_lint.engine.schema import find_config
from awesome_lint.files.sources import FileResolver
from awesome_lint.lsp.positions import LineIndex
from awesome_lint.model import Document
from awesome_lint.rules.context import Services
from awesome_lint.syntax.entrymemo import EntryMemo
from awesome_lint.syntax.parser import ParseError, ParseMemo, parse, split_lines


@dataclass(frozen=True)
class Settings:
    """The editor's ``initializationOptions`` (all optional)."""

    #: Check http(s) links (on open and save only): None follows ``links.check`` in the
    #: configuration; off unless one of them says so.
    links: bool | None = None
    #: Quiet time after the last keystroke before the document is linted again.
    debounce: float = 0.05
    #: Base URL of the rule reference (docs/rules.md) for the links on each code.
    docs_url: str | None = None

    @classmethod
    def from_options(cls, options: Any) -> Settings:
        if not isinstance(options, dict):
            return cls()
        links = options.get("links")
        debounce = options.get("debounceMs")
        docs = options.get("docsUrl")
        return cls(links=links if isinstance(links, bool) else None,
                   debounce=debounce / 1000 if isinstance(debounce, (int, float))
                   and not isinstance(debounce, bool) and debounce >= 0 else cls.debounce,
                   docs_url=docs if isinstance(docs, str) and docs else None)


@dataclass
class Snapshot:
    """One linted version of a document."""

    uri: str
    version: int | None
    text: str
    index: LineIndex
    config: Config
    document: Document | None  # None when the text does not parse
    diagnostics: list[Diagnostic]
    #: The services the rules ran with (file resolver, link results, entry memo).
    services: Services = field(default_factory=Services)
    #: A parse or configuration problem to show instead of (or besides) the findings.
    problem: str | None = None
    problem_line: int = 1
    #: The fixed text of "fix all safe" once computed (None: nothing to fix or refused);
    #: a cursor moving on a fixable line asks for it again and again.
    fixed: str | None = None
    fixed_known: bool = False

    @property
    def newline(self) -> str:
        return self.document.newline if self.document is not None else "\n"


def is_config_file(path: str) -> bool:
    return Path(path).name in CONFIG_FILES


class Linter:
    """Lints documents with the configuration that applies to each; keeps the last lint."""

    def __init__(self, settings: Settings | None = None, root: Path | None = None) -> None:
        self.settings = settings or Settings()
        self.root = root
        #: The position encoding agreed with the client.
        self.encoding: str = "utf-16"
        self._configs: dict[Path, Config | ConfigError] = {}
        self._memos: dict[str, ParseMemo] = {}
        self._entry_memos: dict[str, EntryMemo] = {}
        self.snapshots: dict[str, Snapshot] = {}
        #: Link check results by document URI (kept between edits; refreshed on save).
        self.link_results: dict[str, dict[str, Any]] = {}

    def reload(self) -> None:
        """Forget every configuration read so far (a config file changed)."""
        self._configs.clear()

    def config_for(self, path: Path | None) -> tuple[Config, str | None]:
        """The configuration for a document at ``path`` (None: not a file), and the error
        that made it fall back to the defaults, if any."""
        folder = path.parent if path is not None else self.root
        if folder is None:
            return Config(), None
        if folder not in self._configs:
            try:
                self._configs[folder] = find_config(folder)
            except ConfigError as err:
                self._configs[folder] = err
        found = self._configs[folder]
        if isinstance(found, ConfigError):
            return Config(), str(found)
        return found, None

    def wants_links(self, config: Config) -> bool:
        if self.settings.links is not None:
            return self.settings.links
        return bool((config.table("links") or {}).get("check"))

    def lint(self, uri: str, text: str, version: int | None, path: Path | None) -> Snapshot:
        """Parse and lint ``text``; the result becomes the document's snapshot."""
        from awesome_lint.engine import lint_document
        from awesome_lint.files.inputs import excluded as _excluded  # the command line's test

        config, problem = self.config_for(path)
        results = self.link_results.get(uri)
        services = Services(
            files=FileResolver.for_file(path) if path is not None else None,
            link_results=results if results and self.wants_links(config) else None,
            entry_memo=self._entry_memos.setdefault(uri, EntryMemo()))
        memo = self._memos.setdefault(uri, ParseMemo())
        line = 1
        size = len(text.encode("utf-8", "surrogatepass")) if len(text) * 4 > \
            config.max_file_size else len(text)
        document: Document | None = None
        if path is not None and _excluded(path, config):
            pass  # as on the command line: an excluded file has no findings
        elif size > config.max_file_size:
            problem = (f"not checked: {size:,} bytes, over the {config.max_file_size:,}-byte "
                       "limit (max-file-size)")
        else:
            try:
                # no path: the findings then need no copy that carries it (the editor knows
                # which document they belong to), 580 copies took 3-8 ms
                document = parse(text, None, memo=memo)
            except ParseError as err:
                problem, line = f"cannot parse: {err.message}", err.line
        diagnostics: list[Diagnostic] = []
        if document is not None:
            diagnostics = lint_document(document, config, services=services,
                                        network=services.network)
            lines = document.lines
        else:
            lines = split_lines(text)[0]
        snapshot = Snapshot(uri, version, text, LineIndex(lines, bom=text.startswith("\ufeff"),
                                                      encoding=self.encoding),
                            config, document, diagnostics, services, problem, line)
        self.snapshots[uri] = snapshot
        return snapshot

    def close(self, uri: str) -> None:
        self.snapshots.pop(uri, None)
        self._memos.pop(uri, None)
        self._entry_memos.pop(uri, None)
        self.link_results.pop(uri, None)
