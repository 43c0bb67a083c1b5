"""Third-party rule families register through the ``awesome_lint.rules`` entry-point group."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PLUGIN = '''
from awesome_lint.rules import Rule, register

PREFIX = "XYZ"


@register
class NoTodo(Rule):
    code = "XYZ001"
    name = "no-todo"
    category = "style"
    summary = "TODO left in the list."
    explanation = "Finish or remove it."
    bad = "* TODO"
    good = "* [A](https://a.org)"

    def check(self, ctx):
        for number, line in enumerate(ctx.document.lines, 1):
            if "TODO" in line:
                from awesome_lint.model import Span
                col = line.index("TODO") + 1
                yield self.diagnostic(Span(number, col, number, col + 3), "TODO left")
'''


def test_entry_point_family_is_loaded_and_runs(tmp_path: Path) -> None:
    (tmp_path / "xyz_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "xyz_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: xyz-plugin\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[awesome_lint.rules]\nxyz = xyz_plugin\n",
                                           encoding="utf-8")
    (tmp_path / "README.md").write_text("* TODO write this\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    run = [sys.executable, "-m", "awesome_lint"]
    rules = subprocess.run([*run, "rules"], capture_output=True, text=True, env=env,
                           cwd=tmp_path, check=True).stdout
    assert "XYZ001  no-todo" in rules
    found = subprocess.run([*run, "check", "--select", "XYZ", "--format", "concise"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert found.stdout == "README.md:1:3: XYZ001 [error] TODO left\n"
