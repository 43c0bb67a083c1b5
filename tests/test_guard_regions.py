"""The guard reads only the regions where two renderings differ (awesome_lint/autofix/
regions.py): held against the whole cmark-gfm rendering, on generated lists in the seed
and corpus styles with random edits (lines replaced, inserted, deleted)."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from awesome_lint.autofix import github_html, guards, regions
from awesome_lint.autofix.apply import apply_fixes
from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from tests.test_fix_properties import PIECES, corpus_lists, mutated, seed_lists

SETTINGS = settings(max_examples=60, deadline=None,
                    phases=(Phase.explicit, Phase.reuse, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TEXTS = st.one_of(seed_lists(), corpus_lists(), mutated())
#: What an edit writes: lines of the generated styles and the fuzzer's troublemakers.
WRITTEN = st.sampled_from([*PIECES, "* [B](https://b.org)", "- [C](https://c.org) - text.",
                           "| [d](https://d.org) | x |", "## Heading", "Text line.",
                           "[r]: https://r.org", "  * [e](https://e.org)", "1. one"])


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str, guards.Declared]:
    """A text, the text after one to three line edits, and the lines they declare."""
    text = draw(TEXTS)
    lines = text.split("\n")
    edits = []
    for line in sorted(draw(st.sets(st.integers(1, len(lines)), min_size=1, max_size=3))):
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        length = len(lines[line - 1]) + (1 if line < len(lines) else 0)
        new = draw(WRITTEN)
        if action == "replace":
            edits.append(Edit(line, 1, len(lines[line - 1]), new))
        elif action == "insert":
            edits.append(Edit(line, 1, 0, new + "\n"))
        else:
            edits.append(Edit(line, 1, length, ""))
    diagnostics = [Diagnostic("T001", "test", "style", Severity.WARNING, e.line, e.column,
                              e.line, e.column, "edit", fix=Fix((e,), description="edit"))
                   for e in edits]
    after = apply_fixes(text, diagnostics).text
    return text, after, guards.Declared.of_edits(text, after, edits)


@SETTINGS
@given(TEXTS)
def test_the_pieces_add_up_to_the_whole_rendering(text: str) -> None:
    """Top-level pieces, and a list's head, items and tail, are the whole HTML in order,
    each starting on a later line than the one before."""
    html = github_html.render_html(text)
    cut = regions.cut(html, text.count("\n") + 1)
    assert "".join(html[p.start: p.end] for p in cut.pieces) == html
    assert all(a.end == b.start and a.first < b.first
               for a, b in zip(cut.pieces, cut.pieces[1:], strict=False))
    for piece in cut.pieces:
        items = cut.items(piece) if piece.list else None
        if items is None:
            continue
        body = "".join(html[i.start: i.end] for i in items.items)
        plain = regions._plain(html[piece.start: piece.end])
        assert items.head + regions._plain(body) + items.tail == plain


@SETTINGS
@given(edited())
def test_judging_regions_decides_as_judging_the_whole(case: tuple[str, str, guards.Declared]
                                                      ) -> None:
    """The same verdict, and the same occurrences counted lost, as reading both
    renderings whole (without and with removals declared)."""
    before, after, declared = case
    for removes in ((), [o.value for o in guards.render(before).occurrences][:2]):
        by_regions = guards.judge(before, after, declared, removes)
        whole = guards.judge(before, after, declared, removes, whole=True)
        assert (by_regions is None) == (whole is None), (by_regions, whole)
        lost = guards.unaccounted(*guards._changed(before, after), removes)
        assert lost == guards.unaccounted(guards.render(before), guards.render(after),
                                          removes)
        if whole is not None:
            assert by_regions is not None
            assert ("lose" in whole.message) == ("lose" in by_regions.message)


@SETTINGS
@given(st.lists(TEXTS, min_size=1, max_size=6), st.integers(2, 12))
def test_rendering_in_chunks_is_the_whole_rendering(texts: list[str], chunk: int) -> None:
    """Generated lists one after another, rendered in chunks of a few lines."""
    text = "\n".join(texts)
    assert github_html.render_html(text, chunk) == github_html.render_html(text, 10**9)


def test_a_refusal_by_regions_stands_only_if_the_whole_renderings_refuse() -> None:
    """Of two identical last entries, the regions see the later one deleted; a diff may
    declare the earlier one.  Both readings are right, so the guard must not refuse
    (found by test_fix_properties: the regions refused, the whole renderings did not)."""
    entry = "- [Same](https://s.org/a) [[Code](https://c.org/b)] <kbd>ICCV 2023</kbd>"
    before = "# List\n\n## A\n\n- [Other](https://o.org)\n" + f"{entry}\n{entry}\n"
    after = "# List\n\n## A\n\n- [Other](https://o.org)\n" + f"{entry}\n"
    declared = guards.Declared(frozenset({6}), frozenset())  # the earlier line, as difflib says
    removes = iter(["https://s.org/a", "https://c.org/b"])  # an iterator: read only once
    assert guards.judge(before, after, declared, removes, whole=True) is None
    assert guards.judge(before, after, declared,
                        iter(["https://s.org/a", "https://c.org/b"])) is None
