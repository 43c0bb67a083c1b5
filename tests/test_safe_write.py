"""``fix`` writing back (issue #21): real files, the real CLI in a subprocess."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_lint.files import safe_write
from awesome_lint.files.safe_write import WriteRefused, write_fixed

BROKEN = "# List\n\n* [A](https://a.example)  \n"  # trailing spaces: one safe fix
FIXED = "# List\n\n* [A](https://a.example)\n"


def fix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "awesome_lint", "fix", *args], cwd=cwd,
                          text=True, capture_output=True, timeout=60,
                          env={**os.environ, "NO_COLOR": "1"})


def _readme(tmp_path: Path, text: str = BROKEN, mode: int = 0o644) -> Path:
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_read_only_file_is_refused_in_one_line(tmp_path: Path) -> None:
    path = _readme(tmp_path, mode=0o444)
    result = fix("README.md", cwd=tmp_path)
    assert result.returncode == 2
    # one line naming file and cause (an IO001 input-error finding, as for any bad input)
    lines = [line for line in result.stdout.splitlines() if "read-only" in line]
    assert lines == ["README.md:1:1: IO001 is read-only; not written (use --force to write it "
                     "anyway)"], result.stdout
    assert path.read_text(encoding="utf-8") == BROKEN


def test_force_writes_a_read_only_file_and_keeps_it_read_only(tmp_path: Path) -> None:
    path = _readme(tmp_path, mode=0o444)
    result = fix("--force", "README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    target = _readme(tmp_path / "docs")
    link = tmp_path / "README.md.link"
    link.symlink_to(target)
    result = fix(str(link), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED


def test_hard_links_mode_and_inode_are_kept(tmp_path: Path) -> None:
    path = _readme(tmp_path, mode=0o640)
    other = tmp_path / "copy.md"
    os.link(path, other)
    inode = path.stat().st_ino
    result = fix("README.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if "awesome-lint" in p.name]


def test_mode_is_kept_on_a_replaced_file(tmp_path: Path) -> None:
    path = _readme(tmp_path, mode=0o600)
    inode = path.stat().st_ino
    assert fix("README.md", cwd=tmp_path).returncode == 0
    assert path.stat().st_ino != inode  # renamed over: atomic
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root to chown")
def test_owner_is_kept(tmp_path: Path) -> None:
    path = _readme(tmp_path)
    os.chown(path, 65534, 65534)
    assert fix("README.md", cwd=tmp_path).returncode == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)
    assert path.read_text(encoding="utf-8") == FIXED


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = _readme(tmp_path)
    path.write_text(BROKEN + "* [B](https://b.example)\n", encoding="utf-8")  # someone else
    with pytest.raises(WriteRefused, match="changed on disk since it was read"):
        write_fixed(path, FIXED, original=BROKEN)
    assert "[B]" in path.read_text(encoding="utf-8")


def test_stale_temp_files_of_a_dead_process_are_removed(tmp_path: Path) -> None:
    _readme(tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".README.md.awesome-lint-{dead.pid}-0badf00d.tmp"
    stale.write_bytes(b"x" * 1000)
    live = tmp_path / f".README.md.awesome-lint-{os.getpid()}-0badf00d.tmp"
    live.write_bytes(b"y")
    other = tmp_path / ".README.md.someone-else.tmp"
    other.write_bytes(b"z")
    assert fix("README.md", cwd=tmp_path).returncode == 0
    assert not stale.exists()
    assert live.exists() and other.exists()  # a live process's, and not ours


def test_file_and_folder_are_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _readme(tmp_path)
    synced: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc")
    monkeypatch.setattr(safe_write.os, "fsync", spy)
    write_fixed(path, FIXED, original=BROKEN)
    assert str(tmp_path) in synced  # the folder, after the rename
    assert any(".awesome-lint-" in name for name in synced)  # the new file's data
    assert path.read_text(encoding="utf-8") == FIXED


def test_cache_gitignore_is_not_written_through_a_dangling_symlink(tmp_path: Path) -> None:
    from awesome_lint.linkcheck._cache import ResultCache

    cache = tmp_path / ".awesome-lint-cache"
    cache.mkdir()
    outside = tmp_path / "outside" / "planted"
    (cache / ".gitignore").symlink_to(outside)
    ResultCache(cache, ttl=60).close()
    assert not outside.exists() and not outside.parent.exists()
    assert (cache / ".gitignore").is_symlink()
