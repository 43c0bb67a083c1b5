"""Properties of the AWE fixes on generated classic lists: every link survives, fixing twice
changes nothing, and what is left has no fix."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.engine import fix_text, lint
from awesome_lint.engine.schema import from_mapping
from awesome_lint.syntax.parser import parse

CONFIG = from_mapping({"select": ["AWE"], "extend-select": ["AWE401"],
                       "dialect": {"classic": True}})

names = st.sampled_from(["got", "Ky", "The Zen", "npm-name", "🚀 Rocket", "iOS kit", "alpha",
                         "Beta", "gamma"])
separators = st.sampled_from([" - ", " – ", " — ", ": ", "  -  ", " -", " "])
first_words = st.sampled_from(["Tiny", "tiny", "`fetch`", "npm", "a", "Javascript", "Github",
                               "iOS", "The"])
endings = st.sampled_from([".", "", "!", " (deprecated)", " [docs](https://d.org/x)", ":"])
nested = st.booleans()


@st.composite
def items(draw: st.DrawFn) -> str:
    index = draw(st.integers(min_value=0, max_value=10**6))
    name = draw(names)
    line = (f"- [{name}](https://example.org/{index}){draw(separators)}{draw(first_words)} "
            f"client for Mac OS{draw(endings)}")
    if draw(nested):
        line += f"\n  - [sub {index}](https://example.org/sub/{index}) - Nested item."
    return line


@st.composite
def lists(draw: st.DrawFn) -> str:
    sections = draw(st.lists(st.lists(items(), min_size=1, max_size=5), min_size=1,
                             max_size=3))
    titles = [f"Part {chr(65 + i)}" for i in range(len(sections))]
    toc = "\n".join(f"- [{t}](#{t.lower().replace(' ', '-')})" for t in
                    draw(st.permutations(titles))[: max(1, len(titles) - 1)])
    body = "\n\n".join(f"## {t}\n\n" + "\n".join(s) for t, s in zip(titles, sections,
                                                                    strict=True))
    badge = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
    return f"# Awesome Things {badge}\n\n## Contents\n\n{toc}\n\n{body}\n"


def _web_links(text: str) -> Counter[str]:
    return Counter(link.destination for link in parse(text).links
                   if not link.destination.startswith("#"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lists())
def test_awe_fixes_keep_links_and_are_idempotent(text: str) -> None:
    once = fix_text(text, CONFIG, unsafe=True)
    assert _web_links(once.text) - _web_links(text) == Counter()
    assert _web_links(text) - _web_links(once.text) == Counter()
    assert fix_text(once.text, CONFIG, unsafe=True).text == once.text
    assert [d for d in lint(once.text, CONFIG) if d.fix is not None] == []
