"""What a rule receives besides the tree and the configuration, typed.

:class:`Services` is what the caller passes in: a file resolver for relative links, the link
checker's and the paper lookups' results, the language server's entry memo.  Each is a
typed protocol or value, absent (``None``) when the run has none.

:class:`Analysis` is what several rules read from one document, computed on first use and
once per document: the dialect, the layout and item conventions, the tag conventions, the
venue registry, the canonical keys of URLs and the classic items.  A family's own
per-document work (reading every badge, judging papers) goes through :meth:`Analysis.once`
with the function that computes it, so it too runs once however many rules ask.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, TypeVar

from awesome_lint.model import Document

if TYPE_CHECKING:
    from awesome_lint.config import Config
    from awesome_lint.linkcheck import LinkResult
    from awesome_lint.papers import PaperResults
    from awesome_lint.syntax import conventions, layout_conventions, tags
    from awesome_lint.syntax.classic import ClassicItem
    from awesome_lint.syntax.dialect import Dialect
    from awesome_lint.syntax.entrymemo import EntryMemo
    from awesome_lint.syntax.urlkeys import UrlKeys
    from awesome_lint.venues import Registry

T = TypeVar("T")


class FileLookup(Protocol):
    """Answers for relative-file links (:class:`awesome_lint.files.sources.FileResolver`)."""

    def exists(self, link_path: str) -> bool:
        """Whether the link's target exists (``/x``: from the repository root)."""
        ...

    def names(self, folder: str = ".") -> frozenset[str]:
        """The file names in ``folder`` (``/folder``: from the repository root)."""
        ...


#: The link checker's results by destination as written (``--links``).
LinkResults = Mapping[str, "LinkResult"]


@dataclass(frozen=True)
class Services:
    """What the caller hands the rules; ``None`` where the run has no such thing."""

    #: Relative-file links are checked only for a file on disk.
    files: FileLookup | None = None
    #: ``--links``: what the link checker found, for the LNK1xx rules.
    link_results: LinkResults | None = None
    #: ``--papers``: what arXiv, DBLP and Crossref said, for the PAP rules.
    paper_results: PaperResults | None = None
    #: The language server's per-entry values of earlier versions of the document.
    entry_memo: EntryMemo | None = None

    @property
    def network(self) -> bool:
        """Whether any network results came in (the network rules run only then)."""
        return self.link_results is not None or self.paper_results is not None


class Analysis:
    """What rules read from one document besides the tree, computed once, on first use."""

    def __init__(self, document: Document, config: Config, services: Services) -> None:
        self.document = document
        self.config = config
        self.services = services
        self._once: dict[Callable[[Analysis], object], object] = {}

    def once(self, compute: Callable[[Analysis], T]) -> T:
        """``compute(self)``, computed on the first call only (``compute`` must be a
        module-level function: it is the memo's key)."""
        if compute in self._once:
            found: T = self._once[compute]  # type: ignore[assignment]
            return found
        value = compute(self)
        self._once[compute] = value
        return value

    @cached_property
    def dialect(self) -> Dialect:
        """Classic awesome list or reading list (``[dialect]`` can force it)."""
        from awesome_lint.syntax.dialect import infer, options_for

        return infer(self.document, options_for(self.config))

    @cached_property
    def conventions(self) -> conventions.Conventions:
        """Which nested items belong to which entry, which headings are labels."""
        from awesome_lint.syntax.conventions import infer

        return infer(self.document)

    @cached_property
    def layout_conventions(self) -> layout_conventions.Conventions:
        """The majority layout of items, headings and blank lines (the FMT rules)."""
        from awesome_lint.syntax.layout_conventions import conventions

        return conventions(self.document)

    @cached_property
    def tag_conventions(self) -> tags.Conventions:
        """The tag legend in force and each entry's tags."""
        from awesome_lint.syntax.tags import conventions

        return conventions(self.document, self.config, self.services.entry_memo)

    @cached_property
    def venues(self) -> Registry:
        """The venue registry: the defaults plus ``[venues]`` (built once per config)."""
        return venues_for(self.config)

    @cached_property
    def url_keys(self) -> UrlKeys:
        """Canonical keys of the document's destinations, computed once per URL."""
        from awesome_lint.syntax.urlkeys import UrlKeys

        return UrlKeys()

    @cached_property
    def classic_items(self) -> list[ClassicItem]:
        """Every ``[Name](url) - Description`` item: its separator and description."""
        from awesome_lint.syntax.classic import items

        return items(self.document)


def venues_for(config: Config) -> Registry:
    """The venue registry of ``config``: the defaults plus ``[venues]``, built once per
    config (it holds nothing of a document, so a callable over it keeps no tree alive)."""
    from awesome_lint.venues import Registry, default_registry

    registry = getattr(config.table("venues"), "registry", None)
    return registry if isinstance(registry, Registry) else default_registry()
