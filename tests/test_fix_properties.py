"""Properties of `fix` judged by cmark-gfm, on generated lists in the seed and corpus styles
and on mutated ones (issues #15 and #21).

For every input: `fix` (safe and with unsafe fixes, with and without formatting) raises
nothing but its own refusal, keeps every link, image and anchor occurrence GitHub renders
except those the applied fixes declare, renders the same outside the lines it changed, and a
second `fix` changes nothing.  Generated lists are well-formed, so there `fix` must not even
refuse; mutated ones may be refused (that is the guard doing its job), never damaged.
"""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from awesome_lint.autofix import guards
from awesome_lint.config import Config
from awesome_lint.engine import UnsafeFixError, fix_text
from awesome_lint.syntax.parser import ParseError

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=7)
TITLE = st.lists(WORD, min_size=1, max_size=4).map(lambda ws: " ".join(ws).title())
HOST = st.sampled_from(["arxiv.org/abs", "github.com/org", "example.org/papers",
                        "openreview.net/forum?id=", "youtube.com/watch?v="])
URL = st.builds(lambda host, slug: f"https://{host}/{slug}", HOST, WORD)
VENUE = st.builds(lambda v, y: f"{v} {y}", st.sampled_from(["CVPR", "ICCV", "NeurIPS", "ICLR",
                                                            "arXiv"]),
                  st.integers(2012, 2024))
#: Bounded for CI, and no shrinking: each example runs `fix` eight times, and shrinking a
#: failure would take minutes (the unshrunk example is reported, and replayed from the
#: example database on the next run).
SETTINGS = settings(max_examples=25, deadline=None,
                    phases=(Phase.explicit, Phase.reuse, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def seed_entry(draw: st.DrawFn) -> list[str]:
    """``* [Title](url) [[Notes](url)] <kbd>CVPR 2017</kbd>``, maybe with nested items."""
    bullet = draw(st.sampled_from(["*", "-"]))
    parts = [f"{bullet} [{draw(TITLE)}]({draw(URL)})"]
    for name in draw(st.lists(st.sampled_from(["Notes", "Code", "Slides"]), max_size=2,
                              unique=True)):
        parts.append(f"[[{name}]({draw(URL)})]")
    if draw(st.booleans()):
        parts.append(f"<kbd>{draw(VENUE)}</kbd>")
    lines = [" ".join(parts) + draw(st.sampled_from(["", " ", "  "]))]
    for _ in range(draw(st.integers(0, 2))):
        lines.append(f"  {bullet} [{draw(st.sampled_from(['Code', 'Notes', 'Demo']))}]"
                     f"({draw(URL)})")
    return lines


@st.composite
def seed_lists(draw: st.DrawFn) -> str:
    sections = draw(st.lists(TITLE, min_size=1, max_size=3, unique=True))
    out = ["# Awesome Papers", "", "A reading list.", ""]
    if draw(st.booleans()):  # a table of contents
        out += [f"- [{title}](#{title.lower().replace(' ', '-')})" for title in sections]
        out.append("")
    for title in sections:
        out += [f"## {title}", ""]
        for _ in range(draw(st.integers(1, 4))):
            out += draw(seed_entry())
        if draw(st.booleans()):  # a duplicate, as lists grow them
            out += [out[-1]]
        out.append("")
    return "\n".join(out)


@st.composite
def corpus_block(draw: st.DrawFn) -> list[str]:
    """One block in a style of ../shared/corpus: tables (with pipe-less rows), details,
    described links, numbered prose, badges, HTML anchors, fences."""
    kind = draw(st.sampled_from(["table", "details", "described", "numbered", "badges",
                                 "anchor", "fence"]))
    if kind == "table":
        rows = ["| Paper | Code | Venue |", "|---|---|---|"]
        for _ in range(draw(st.integers(1, 3))):
            rows.append(f"| [{draw(TITLE)}]({draw(URL)}) | [code]({draw(URL)}) | "
                        f"{draw(VENUE)} |")
        if draw(st.booleans()):
            rows.append(f"  {draw(TITLE)} [<kbd>{draw(VENUE)}</kbd>]({draw(URL)}) <!-- -->")
        return rows
    if kind == "details":
        inner = draw(corpus_block())
        return ["<details>", f"<summary>{draw(TITLE)}</summary>", "", *inner, "</details>"]
    # lists end with prose: two lists in a row would be one loose list
    if kind == "described":
        return [*(f"- [{draw(TITLE)}]({draw(URL)}) - {draw(TITLE)}."
                  for _ in range(draw(st.integers(1, 3)))), "", f"{draw(TITLE)}."]
    if kind == "numbered":
        return [*(f"{i}. {draw(TITLE)}, {draw(TITLE)}: {draw(URL)}"
                  for i in range(1, draw(st.integers(2, 4)))), "", f"{draw(TITLE)}."]
    if kind == "badges":
        return [f"[![Stars](https://img.shields.io/github/stars/{draw(WORD)})]({draw(URL)}) "
                f"<img src=\"https://example.org/{draw(WORD)}.png\" width=\"20\">"]
    if kind == "anchor":
        return [f"<a name=\"{draw(WORD)}\"></a>", f"**{draw(TITLE)}** [link]({draw(URL)})"]
    return ["```bash", f"pip install {draw(WORD)}", "", "```"]


@st.composite
def corpus_lists(draw: st.DrawFn) -> str:
    out = ["# Awesome Things", ""]
    for title in draw(st.lists(TITLE, min_size=1, max_size=3, unique=True)):
        out += [f"## {title}", ""]
        if draw(st.booleans()):
            out += ["**[⬆ back to top](#awesome-things)**", ""]
        for _ in range(draw(st.integers(1, 3))):
            out += [*draw(corpus_block()), ""]
    return "\n".join(out)


PIECES = [")", ".", "\u2028", "|", "```", "", "  - [x](https://x.org)", "<details>",
          "</details>", "| a |", "    code", "> quote", "#", "- [ ]", "[^1]: note", "***"]
CHARS = "[]()<>|`*-_#!: \n\u2028\\"


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A corpus-style list with random line insertions, deletions and character edits."""
    lines = draw(corpus_lists()).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["insert", "delete", "char"]))
        at = draw(st.integers(0, len(lines) - 1))
        if action == "insert":
            lines.insert(at, draw(st.sampled_from(PIECES)))
        elif action == "delete" and len(lines) > 1:
            del lines[at]
        else:
            line = lines[at]
            col = draw(st.integers(0, len(line)))
            lines[at] = line[:col] + draw(st.sampled_from(CHARS)) + line[col + 1:]
    return "\n".join(lines)


def _check(text: str, *, may_refuse: bool) -> None:
    for unsafe in (False, True):
        for formatting in (False, True):
            config = Config()
            try:
                once = fix_text(text, config, unsafe=unsafe, format=formatting)
            except (UnsafeFixError, ParseError) as err:
                assert may_refuse, f"fix refused a well-formed list: {err}"
                continue
            declared = guards.Declared.of_diff(text, once.text)
            refusal = guards.judge(text, once.text, declared, once.intended.elements())
            assert refusal is None, refusal.message
            twice = fix_text(once.text, config, unsafe=unsafe, format=formatting)
            assert twice.text == once.text, "a second fix changed the text"


#: Bullets made ``-`` and a duplicate sub-item deleted: the line diff pairs the second entry
#: with the first, so the outer items' tags fell outside its declared lines (the judge needs
#: the reading that pairs lines alike but for their bullets: guards.Declared.of_diff).
RETOUCHED_TWINS = (
    "# Awesome Papers\n\nA reading list.\n\n## Aa\n\n"
    "* [Aa Aa Aa Aa](https://arxiv.org/abs/aa) [[Notes](https://arxiv.org/abs/aa)] "
    "<kbd>CVPR 2012</kbd>\n  * [Code](https://arxiv.org/abs/aa)\n"
    "- [Aa Aa Aa Aa](https://arxiv.org/abs/aa) [[Notes](https://arxiv.org/abs/aa)] "
    "<kbd>CVPR 2012</kbd>\n  - [Code](https://arxiv.org/abs/aa)\n"
    "  - [Code](https://arxiv.org/abs/aa)\n")


@SETTINGS
@given(seed_lists())
@example(RETOUCHED_TWINS)
def test_seed_style_lists(text: str) -> None:
    _check(text, may_refuse=False)


@SETTINGS
@given(corpus_lists())
def test_corpus_style_lists(text: str) -> None:
    _check(text, may_refuse=False)


#: A table's header split by a mutation: ``| `` (a paragraph) over ``aper | Code | Venue |``.
#: cmark-gfm put the header on the paragraph's line; the judge refused the formatter's
#: blank line between them (awesome_lint/autofix/sourcepos.py).
SPLIT_HEADER = "\n".join([
    '# Awesome Things',
    '',
    '## Vuahhcf False Cfau Rioy',
    '',
    '| Paper | Code | Venue |',
    '|---|---|---|',
    '| [Yr Null Eqesi Ipr](https://youtube.com/watch?v=/nvzuamy) '
    '| [code](https://youtube.com/watch?v=/zogeaq) | ICCV 2012 |',
    '| [Gm Zqq Ysxsdsk](https://youtube.com/watch?v=/wswrxnh) '
    '| [code](https://github.com/org/lv) | ICCV 2012 |',
    '| a |',
    '',
    '```bash',
    'pip install esqrkdr',
    '',
    '```',
    '',
    '## Tzcgdaj Zromefv Else',
    '',
    '| ',
    'aper | Code | Venue |',
    '|---|---|---|',
    '| [Yr Null Eqesi Ipr](https://youtube.com/watch?v=/nvzuamy) '
    '| [code](https://youtube.com/watch?v=/zogeaq) | ICCV 2012 |',
    '| [Gm Zqq Ysxsdsk](https://youtube.com/watch?v=/wswrxnh) '
    '| [code](https://github.com/org/lv) | ICCV 2012 |',
    '',
    '- [Tluw Gczuiq Hh](https://arxiv.org/abs/xy) - Psej Axdb Vuxsgpq.',
    '- [Vnipcno Qree Deg Bpvj](https://openreview.net/forum?id=/cbqfn) - Ts Bp Nygxkam If.',
    '- [Nfzrzwt Hldlqwt Bax](https://openreview.net/forum?id=/vlposwx) - Exec None Yz.',
    '',
    'Urkhw False.',
    '',
    '1. Phvxoln Mx, Pbvrijh Uzs Dp Vrfd: https://youtube.com/watch?v=/dit',
    '2. Urkhw False, Count Nw Fpftuuq: https://openreview.net/forum?id=/fsk',
    '3. Nlyaj, Mmdffdb Egtwekf Comzahf Xd: https://youtube.com/watch?v=/hvvk',
    '',
    'Yqa Nbwh Else Prugnx.',
    '',
    '## Xiiynuv Vtood Ohbovfz Uqajnvy',
    '',
    '<a name="tjdmgxq"></a>',
    '**Xnwyfku Hollal Xvjqogp Mxvu** [link](https://openreview.net/forum?id=/rwn)',
    '',
    '<a name="aot"></a>',
    '**Joideew Ensfxef Fjb Ttig** [link](https://github.com/org/wcdwehq)',
    '',
])


@settings(SETTINGS, max_examples=60)
@given(mutated())
@example(SPLIT_HEADER)
def test_mutated_corpus_style_lists(text: str) -> None:
    _check(text, may_refuse=True)
