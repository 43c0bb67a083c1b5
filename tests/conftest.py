from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_lists() -> list[Path]:
    """The real lists in ../shared (seeds and corpus), or [] when it is absent."""
    if not SHARED.is_dir():
        return []
    return sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/*.md"))


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED
