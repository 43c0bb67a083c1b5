"""benchmarks/fix_audit.py on every shared list: `fix` loses nothing GitHub shows and changes
GitHub's rendering only on the lines it rewrites."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import shared_lists

AUDIT_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "fix_audit.py"
REAL = shared_lists()


@functools.cache
def _audit_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fix_audit", AUDIT_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fix_audit"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not REAL, reason="../shared is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_fix_audit(path: Path) -> None:
    report = _audit_module().audit(path)
    assert not report.refused, report.refused
    assert report.lost == 0
    assert report.render == 0
    from awesome_lint.cli import main

    if "format" in main.commands:  # `fix` no longer formats: it changes only what it reports
        assert report.unflagged == 0
        assert report.clean_changed == 0
