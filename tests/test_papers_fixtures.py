"""Paper fixtures (``fixtures/papers/*.txt``): each case linted with records looked up from
the local stand-ins of arXiv, DBLP and Crossref (tests/paper_apis.py), then fixed.

The cases use the format of ``fixtures/*.md`` (see tests/fixture_cases.py); they live in
``.txt`` files because the offline fixture runner must not pick them up.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from awesome_lint.config import Config
from awesome_lint.engine import fix_text, lint_document
from awesome_lint.papers import lookup
from awesome_lint.papers.queries import options_from, queries_for
from awesome_lint.rules.context import Services
from awesome_lint.syntax.parser import parse
from tests.fixture_cases import Case, all_cases, assert_findings
from tests.paper_apis import FakeApis

CASES = all_cases("papers/*.txt")


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


def test_every_notation_has_cases() -> None:
    assert {c.file for c in CASES} == {"kbd.txt", "bold-bracket.txt", "table.txt"}
    for name in ("kbd.txt", "bold-bracket.txt", "table.txt"):
        found = {code for c in CASES if c.file == name for _l, _c, code, _m in c.diagnostics or ()}
        assert found == {"PAP001", "PAP002", "PAP003", "PAP004"}, name


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_paper_fixture(case: Case, apis: FakeApis) -> None:
    config = Config(select=tuple(case.options.get("select", "PAP").split(",")))
    services = _services(case.input, apis)
    if case.diagnostics is not None:
        assert_findings(case, lint_document(parse(case.input), config, network=True,
                                            services=services))
    if case.output is not None:
        unsafe = "unsafe" in case.options
        result = fix_text(case.input, config, unsafe=unsafe, network=True, services=services)
        assert result.text == case.output
        again = fix_text(result.text, config, unsafe=unsafe, network=True,
                         services=_services(result.text, apis))
        assert again.text == result.text, "fix is not idempotent"


TITLE_PAREN_LIST = """\
1. Blog, EfficientNet: Model Scaling (ICML 2019): https://arxiv.org/abs/1905.11946 ,wide
2. Blog, Attention Is All You Need: https://arxiv.org/abs/1706.03762 ,transformers
"""


def test_a_missing_mark_closes_the_title(apis: FakeApis) -> None:
    """PAP001 in a list whose marks close the title (``Source, Title (ICML 2019): URL``):
    the missing mark goes where the list writes marks, and the fix converges."""
    config, text = Config(select=("PAP001",)), TITLE_PAREN_LIST
    found = lint_document(parse(text), config, network=True, services=_services(text, apis))
    assert [(d.line, d.code) for d in found] == [(2, "PAP001")]
    fixed = fix_text(text, config, unsafe=True, network=True, services=_services(text, apis))
    assert fixed.text.splitlines()[1] == (
        "2. Blog, Attention Is All You Need (NIPS 2017): https://arxiv.org/abs/1706.03762"
        " ,transformers")
    again = fix_text(fixed.text, config, unsafe=True, network=True,
                     services=_services(fixed.text, apis))
    assert again.text == fixed.text
