"""Hover and completion pieces, in process (tests/test_lsp.py drives them over stdio)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types

from awesome_lint.lsp.assist import complete, hover
from awesome_lint.lsp.documents import Linter, Snapshot

LIST = """\
# Papers

* [A](https://arxiv.org/abs/1512.03385) <kbd>CVRP 2017</kbd>
* [B](https://arxiv.org/abs/1512.03386) <kbd>Foo 2017</kbd>
"""


def snapshot(text: str = LIST) -> Snapshot:
    return Linter().lint("untitled:1", text, 1, None)


def at(line: int, text: str) -> types.Position:
    return types.Position(line, len(text.encode("utf-16-le")) // 2)


def test_hover_on_an_unknown_venue_suggests_the_nearest() -> None:
    snap = snapshot()
    shown = hover(snap, types.Position(2, 48))
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert "`CVRP 2017`: no venue of that name in the registry. Did you mean CVPR" in \
        shown.contents.value
    other = hover(snap, types.Position(3, 48))
    assert other is not None and isinstance(other.contents, types.MarkupContent)
    assert other.contents.value.endswith("`Foo 2017`: no venue of that name in the registry.")


@pytest.mark.parametrize("line", [
    "* [C](https://x.org) <kbd>CVPR 20",  # the year is being typed
    "* [C](https://x.org) ![",  # an image, not a tag
    "* [C](https://x.org) [Gm",  # no legend in this list
    "plain text",
])
def test_nothing_to_complete(line: str) -> None:
    assert complete(snapshot(), line, at(4, line)) == []


def test_venues_complete_after_kbd_with_what_was_typed_replaced() -> None:
    line = "* [C](https://x.org) <kbd>neur"
    items = complete(snapshot(), line, at(4, line))
    neurips = next(item for item in items if item.label == "NeurIPS")
    assert isinstance(neurips.text_edit, types.TextEdit)
    assert neurips.text_edit.range.start == at(4, "* [C](https://x.org) <kbd>")


def test_excluded_files_have_no_findings(tmp_path: Path) -> None:
    (tmp_path / ".awesome-lint.toml").write_text('exclude = ["CHANGELOG.md"]\n',
                                                 encoding="utf-8")
    text = "# Changes\n\n* [a]()\n"
    linter = Linter()
    changelog = linter.lint("file:///c", text, 1, tmp_path / "CHANGELOG.md")
    readme = linter.lint("file:///r", text, 1, tmp_path / "README.md")
    assert changelog.diagnostics == [] and changelog.problem is None
    assert [d.code for d in readme.diagnostics] == ["LNK001"]
