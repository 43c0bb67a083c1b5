"""GitHub anchors checked against github-slugger and against the corpus lists' own TOCs.

Two oracles:

* ``github-slugger`` (npm), GitHub's own slug algorithm: ``scripts/slug_oracle.py`` ran it
  over the text of every heading of ``../shared/corpus`` and stored the answers in
  ``tests/data/slug_oracle.json``; with ``AWESOME_LINT_SLUGGER=<node_modules folder>`` and
  node on PATH the live package is asked as well.
* the corpus lists' working TOCs: what a heading's *text* is (emoji shortcodes kept,
  ``&nbsp;``, links, ``<sup>``, images, trailing badges) is settled by the anchors that
  lists link to and that work on GitHub.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from awesome_lint import parse
from awesome_lint.syntax.slugs import Slugger, heading_text

SHARED = Path(__file__).resolve().parents[2] / "shared"
ORACLE = Path(__file__).with_name("data") / "slug_oracle.json"

#: (file, line) -> why awesome-lint's anchor differs from github-slugger's.  Empty: the
#: anchors of all 1,120 corpus headings agree.  A disagreement must be explained here.
EXPLAINED: dict[tuple[str, int], str] = {}

#: TOC links of the corpus that do not work on GitHub either, by file: (line, anchor, why).
BROKEN_ON_GITHUB: dict[str, tuple[str, set[int]]] = {
    "amusi__CVPR2024-Papers-with-Code.md": (
        "the TOC is carried over from earlier years: these topics have no section (and no "
        "<a name> anchor) in this year's list",
        {26, 36, 39, 40, 45, 46, 49, 50, 51, 52, 57, 61, 62, 63, 64, 67, 72, 73, 75, 76, 77,
         78, 79, 80, 81, 82, 83, 84, 85, 86, 88, 90, 91, 94}),
    "hoya012__awesome-anomaly-detection.md": (
        "the headings were renamed ('Time-series anomaly detection **(need to survey "
        "more..)**', 'One Class (Anomaly) Classification target') after the TOC was written",
        {36, 39, 41}),
    "subeeshvasu__Awesome-Learning-with-Label-Noise.md": (
        "links the list's title, which is not a heading in this README", {10}),
}


def _corpus() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is absent")
    return SHARED / "corpus"


def _oracle() -> dict[str, list[dict[str, object]]]:
    data: dict[str, list[dict[str, object]]] = json.loads(ORACLE.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(("markdown", "anchor"), [
    (":anger: &nbsp;Table of Contents", "anger-table-of-contents"),
    ("CLI Tools &nbsp;[<sup>[TOC]</sup>](#anger-table-of-contents)", "cli-tools-toc"),
    ("Systems/Services &nbsp;[<sup>[TOC]</sup>](#anger-table-of-contents)",
     "systemsservices-toc"),
    ("![logo](images/logo.png)", ""),
    ("awesome-point-cloud-analysis [![Awesome](https://awesome.re/badge.svg)]"
     "(https://awesome.re)", "awesome-point-cloud-analysis-"),
    ("Papers & Code", "papers--code"),
    ("`code` and *emphasis*", "code-and-emphasis"),
    ("Ünïcode – Dash", "ünïcode--dash"),
])
def test_heading_anchor_cases(markdown: str, anchor: str) -> None:
    assert Slugger().add(heading_text(markdown)) == anchor
    assert parse(f"# x\n\n## {markdown}\n").sections[1].anchor == anchor


def test_parser_anchors_agree_with_github_slugger() -> None:
    corpus = _corpus()
    oracle = _oracle()
    disagreements: dict[tuple[str, int], str] = {}
    for name, items in oracle.items():
        path = corpus / name
        if not path.is_file():
            continue
        sections = parse(path.read_text(encoding="utf-8")).sections
        assert [s.line for s in sections] == [item["line"] for item in items], name
        for section, item in zip(sections, items, strict=True):
            assert heading_text(section.raw) == item["text"], (name, section.line)
            if section.anchor != item["slug"]:
                disagreements[(name, section.line)] = f"{section.anchor} != {item['slug']}"
    assert set(disagreements) == set(EXPLAINED), disagreements


def test_live_github_slugger() -> None:
    """Ask the real package when it is installed (``AWESOME_LINT_SLUGGER``)."""
    folder = os.environ.get("AWESOME_LINT_SLUGGER")
    if not folder or not shutil.which("node") or not Path(folder, "github-slugger").is_dir():
        pytest.skip("set AWESOME_LINT_SLUGGER to a node_modules with github-slugger")
    corpus = _corpus()
    texts = {}
    docs = {}
    for path in sorted(corpus.glob("*.md")):
        docs[path.name] = parse(path.read_text(encoding="utf-8")).sections
        texts[path.name] = [heading_text(s.raw) for s in docs[path.name]]
    from scripts.slug_oracle import github_slugger  # the same program the data came from

    answers = github_slugger(texts, Path(folder))
    for name, sections in docs.items():
        ours = [s.anchor for s in sections]
        odd = {(name, s.line) for s, a in zip(sections, answers[name], strict=True)
               if s.anchor != a}
        assert odd <= set(EXPLAINED), (name, ours)


def test_corpus_tocs_resolve_as_on_github() -> None:
    """Every TOC link of the corpus reaches a heading (GitHub matches fragments without
    regard to case), except the ones that are broken on GitHub too."""
    corpus = _corpus()
    for path in sorted(corpus.glob("*.md")):
        doc = parse(path.read_text(encoding="utf-8"))
        anchors = {a.lower() for a in doc.anchors}
        broken = {t.span.line for t in doc.toc if t.anchor.lower() not in anchors}
        assert broken == BROKEN_ON_GITHUB.get(path.name, ("", set()))[1], path.name


def test_oracle_script_runs_when_node_is_there(tmp_path: Path) -> None:
    """The data's generator works end to end on a small corpus (needs node + the package)."""
    folder = os.environ.get("AWESOME_LINT_SLUGGER")
    if not folder or not shutil.which("node"):
        pytest.skip("set AWESOME_LINT_SLUGGER to a node_modules with github-slugger")
    (tmp_path / "a.md").write_text("# A\n\n## :fire: Hot\n\n## Hot\n\n## Hot\n", "utf-8")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        ["python", "-c", "import sys, json; sys.path.insert(0, '.');"
         "from scripts.slug_oracle import headings, github_slugger;"
         "from awesome_lint.syntax.slugs import heading_text;"
         f"h = headings(__import__('pathlib').Path({str(tmp_path)!r}));"
         "t = {k: [heading_text(r) for _, r in v] for k, v in h.items()};"
         f"print(json.dumps(github_slugger(t, __import__('pathlib').Path({folder!r}))))"],
        cwd=root, capture_output=True, text=True, check=True, timeout=30)
    assert json.loads(out.stdout) == {"a.md": ["a", "fire-hot", "hot", "hot-1"]}
