"""Rules read the tree, never the raw text: a Document's ``lines`` (or any ``text`` of a
document) are read in ``syntax/``, which puts what it finds in the tree (``model.py``) or
computes it on demand for the tree (``syntax/treememo.per_tree``, or a small function such
as ``syntax/linespans.whole_line``).

The scan walks every module of ``awesome_lint/rules`` and fails on an access to ``.lines``
or a call of ``.line_text`` (any receiver: only ``Document`` has them) or on ``.text`` of
something named ``doc`` / ``document``, outside the allow-list below.  The allow-list holds
fix helpers that measure or move the text of a span the tree gives them (and two readers of
words in prose); none of them reads markdown syntax.
"""

from __future__ import annotations

import ast
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parent.parent / "awesome_lint" / "rules"

#: (module under rules/, function) -> why reading the lines there is no re-read of syntax.
ALLOWED: dict[tuple[str, str], str] = {
    # -- fixes built from spans the tree gives: they cut, measure or move that text --------
    # DUP001 calls a fix safe only when two entries' source texts are the same word for
    # word: it compares the spans' text whole, whitespace collapsed.
    ("duplicates/entry_fix.py", "_normalised"): "an entry span's text, compared whole",
    # DUP001's merge: the entry's text with the tree's link, badge and tag spans blanked out.
    ("duplicates/entry_fix.py", "Fixer._residual"): "an entry's text minus its nodes' spans",
    # DUP001's merge copies a link, badge or tag of the later entry by its span.
    ("duplicates/entry_fix.py", "Fixer._slice"): "the text of a node's one-line span",
    # Where an insert after a link goes: past the ``]`` of a link the tree marks bracketed.
    ("duplicates/entry_fix.py", "Fixer._link_end"): "end of a bracketed link's span",
    # Where an insert at the end of an entry's line goes.
    ("duplicates/entry_fix.py", "Fixer._line_end"): "end column of a line, for an insert",
    # Where an entry's content starts: past the blanks after the marker the tree gives.
    ("duplicates/entry_fix.py", "Fixer._content_start"): "blanks after a known marker",
    # DUP003's fix deletes a resource link the tree marks bracketed, with its brackets.
    ("duplicates/resource.py", "_delete_link"): "a link span's brackets and spaces, deleted",
    # AWE401's fix moves each list item's lines (spans the tree gives) into sorted order.
    ("awesome/order.py", "_sorted"): "list items' line spans, moved as they are",
    # AWE203's fix removes a badge link (a tree span) with one space beside it.
    ("awesome/title.py", "_remove_badge"): "a badge link's span and the space beside it",
    # AWE301's fix rewrites the TOC list: the old lines it replaces, the author's own link
    # text (a TocEntry's span) and the items that link elsewhere, kept as written.
    ("awesome/toc.py", "_regenerate"): "the TOC list's lines, replaced whole",
    ("awesome/toc.py", "_links"): "a TOC entry's span, kept as the author wrote it",
    ("awesome/toc.py", "_hand_added"): "TOC items linking elsewhere, kept as written",
    # FMT fixes re-indent lines of a list the tree gives; indentation is what they move.
    ("layout/__init__.py", "_shift"): "indentation of a list's lines, shifted",
    # -- words, not syntax ------------------------------------------------------------------
    # AWE101 looks for misspelt names in lines the tree marks as prose; code spans and HTML
    # tags come from syntax/prose.py, links and images from the tree.
    ("awesome/spelling.py", "ProductSpelling.check_classic"): "words of prose lines",
    # TAG's message quotes the entry's line when the entry has no title.
    ("tags/__init__.py", "MissingTag.check"): "the line quoted in a message",
}

_DOCUMENT_NAMES = frozenset({"doc", "document"})
_RAW_FIELDS = frozenset({"lines", "text"})


@dataclass(frozen=True)
class Access:
    module: str
    function: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"rules/{self.module}:{self.line} in {self.function or '<module>'}: {self.what}"


def _names_document(node: ast.expr) -> bool:
    """``doc``, ``document``, ``self.doc``, ``ctx.document``..."""
    if isinstance(node, ast.Name):
        return node.id in _DOCUMENT_NAMES
    return isinstance(node, ast.Attribute) and node.attr in _DOCUMENT_NAMES


class _Scan(ast.NodeVisitor):
    def __init__(self, module: str) -> None:
        self.module = module
        self.scope: list[str] = []
        self.found: list[Access] = []

    def _enter(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _enter

    def _hit(self, node: ast.AST, what: str) -> None:
        self.found.append(Access(self.module, ".".join(self.scope), node.lineno, what))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in ("lines", "line_text") or (
                node.attr in _RAW_FIELDS and _names_document(node.value)):
            self._hit(node, f"{ast.unparse(node)}")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id == "getattr" and \
                len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and \
                node.args[1].value in _RAW_FIELDS and _names_document(node.args[0]):
            self._hit(node, ast.unparse(node))
        self.generic_visit(node)


def raw_text_reads(root: Path) -> list[Access]:
    """Every access to a document's raw lines or text in the modules under ``root``."""
    found: list[Access] = []
    for path in sorted(root.rglob("*.py")):
        scan = _Scan(path.relative_to(root).as_posix())
        scan.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        found.extend(scan.found)
    return found


def _outside_allow_list(root: Path) -> list[Access]:
    return [a for a in raw_text_reads(root) if (a.module, a.function) not in ALLOWED]


def test_rules_never_read_raw_lines() -> None:
    stray = _outside_allow_list(RULES)
    assert not stray, "rules read raw text; read it in syntax/ and put it in the tree:\n" + \
        "\n".join(map(str, stray))


def test_allow_list_names_only_current_readers() -> None:
    """An allow-list entry whose function no longer reads lines goes: left behind, it
    would let a re-read in."""
    used = {(a.module, a.function) for a in raw_text_reads(RULES)}
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)


@pytest.mark.parametrize("planted", [
    "def _planted(doc):\n    return doc.lines[0]\n",
    "def _planted(ctx):\n    return ctx.document.text.splitlines()\n",
    "class _Planted:\n    def check(self, ctx):\n        return len(self.doc.lines)\n",
    "def _planted(document):\n    return getattr(document, 'lines')\n",
    "def _planted(document, n):\n    return document.line_text(n).count('](')\n",
])
def test_the_scan_finds_a_planted_read(tmp_path: Path, planted: str) -> None:
    """The guard can fail: a copy of rules/ with one raw read planted in it is caught, even
    in a module that has allowed readers."""
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert _outside_allow_list(copy) == []
    for module in ("style/__init__.py", "duplicates/entry_fix.py"):
        target = copy / module
        original = target.read_text(encoding="utf-8")
        target.write_text(original + "\n\n" + planted, encoding="utf-8")
        stray = _outside_allow_list(copy)
        assert [a.module for a in stray] == [module], stray
        target.write_text(original, encoding="utf-8")
