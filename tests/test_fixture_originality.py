"""Fixtures are written by us: no long line of ``fixtures/`` is copied from ``../shared``.

The brief: the real lists in ``../shared`` are data to read and test against, never to copy;
fixtures imitate their styles in our own words.  A stripped line longer than 50 characters is
long enough to be content rather than markup, so none may appear verbatim in any file under
``../shared``.  Skips when ``../shared`` is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LONGER_THAN = 50


def _long_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, stripped text) of every line longer than ``LONGER_THAN`` in a text file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return []  # binary fixtures (a pdf, an image) hold no list text
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)
            if len(line.strip()) > LONGER_THAN]


def _shared_lines() -> set[str]:
    lines: set[str] = set()
    for path in SHARED.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            lines.update(line.strip() for line in text.splitlines()
                         if len(line.strip()) > LONGER_THAN)
    return lines


def test_no_fixture_line_is_copied_from_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    shared = _shared_lines()
    assert shared, "../shared holds no text: the check would pass vacuously"
    copied = [f"{path.relative_to(FIXTURES.parent)}:{number}: {line[:100]}"
              for path in sorted(FIXTURES.rglob("*")) if path.is_file()
              for number, line in _long_lines(path) if line in shared]
    assert not copied, f"{len(copied)} fixture lines copied from ../shared:\n" + "\n".join(copied)


def test_the_check_sees_a_copied_line(tmp_path: Path) -> None:
    """The comparison itself: a line equal after strip is caught, a reworded one is not."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    copied = next(iter(sorted(_shared_lines())))
    fixture = tmp_path / "list.md"
    fixture.write_text(f"  {copied}  \n- {copied[:-1]}x and more words\n", encoding="utf-8")
    assert [number for number, line in _long_lines(fixture) if line in _shared_lines()] == [1]
