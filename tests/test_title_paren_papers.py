"""PAP001 in a list whose venue marks close the title (``Source, Title (ICML 2019): URL``):
the missing mark goes where the list writes marks, and the fix converges.  Records come
from the local stand-ins of arXiv, DBLP and Crossref (tests/paper_apis.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from awesome_lint.config import Config
from awesome_lint.engine import fix_text, lint_document
from awesome_lint.papers import lookup
from awesome_lint.papers.queries import options_from, queries_for
from awesome_lint.rules.context import Services
from awesome_lint.syntax.parser import parse
from tests.paper_apis import FakeApis

LIST = """\
1. Blog, EfficientNet: Model Scaling (ICML 2019): https://arxiv.org/abs/1905.11946 ,wide
2. Blog, Attention Is All You Need: https://arxiv.org/abs/1706.03762 ,transformers
"""


@pytest.fixture(scope="module")
def apis() -> Iterator[FakeApis]:
    servers = FakeApis()
    yield servers
    servers.close()


def _services(text: str, apis: FakeApis) -> Services:
    options = options_from({}, cache_dir=None, environ=apis.env(pace=0.0))
    results = lookup(queries_for(parse(text)), options)
    assert not results.errors
    return Services(paper_results=results)


def test_a_missing_mark_closes_the_title(apis: FakeApis) -> None:
    config = Config(select=("PAP001",))
    found = lint_document(parse(LIST), config, network=True, services=_services(LIST, apis))
    assert [(d.line, d.code) for d in found] == [(2, "PAP001")]
    fixed = fix_text(LIST, config, unsafe=True, network=True, services=_services(LIST, apis))
    assert fixed.text.splitlines()[1] == (
        "2. Blog, Attention Is All You Need (NIPS 2017): https://arxiv.org/abs/1706.03762"
        " ,transformers")
    again = fix_text(fixed.text, config, unsafe=True, network=True,
                     services=_services(fixed.text, apis))
    assert again.text == fixed.text
