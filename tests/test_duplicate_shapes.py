"""DUP001 on entries that are not list items (a bold title with ``- Paper:``/``- Code:``
bullets, amusi's shape): nothing nests under them, so the finding says why no fix is
offered in the entry's own terms, and an identical copy is deleted whole."""

from __future__ import annotations

from awesome_lint.config import Config
from awesome_lint.engine import fix_text, lint

ENTRY = """\
**TransNeXt: Robust Foveal Perception**

- Paper: https://arxiv.org/abs/2311.17132
- Code: https://github.com/DaiShiResearch/TransNeXt
"""
OTHER = """\
**RepViT: Revisiting Mobile CNN**

- Paper: https://arxiv.org/abs/2307.09283
"""


def test_an_identical_bold_titled_entry_is_deleted_whole() -> None:
    text = f"# Backbone\n\n{ENTRY}\n{OTHER}\n{ENTRY}\n# CLIP\n\n{OTHER}"
    found = [(d.line, d.code, d.fix is not None) for d in lint(text, Config())]
    assert found == [(12, "DUP001", True)]
    assert fix_text(text, Config()).text == f"# Backbone\n\n{ENTRY}\n{OTHER}\n# CLIP\n\n{OTHER}"


def test_a_retitled_copy_is_reported_for_its_title_not_for_nesting() -> None:
    later = ENTRY.replace("Perception**", "Perception (CVPR version)**").replace(
        "abs/2311.17132", "pdf/2311.17132.pdf")
    text = f"# Backbone\n\n{ENTRY}\n{later}"
    [finding] = [d for d in lint(text, Config()) if d.code == "DUP001"]
    assert finding.line == 8 and finding.fix is None
    assert "different titles may be two items that share one link" in finding.message
