"""``awesome-lint check --watch`` in a real subprocess, with real file changes."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

GOOD = "# Awesome\n\n## Papers\n\n* [Adam](https://arxiv.org/abs/1412.6980) <kbd>ICLR 2015</kbd>\n"


def _default_sigint() -> None:
    """A shell's background job (`pytest &`) ignores SIGINT and its children inherit that;
    the watcher is stopped with SIGINT as a user's Ctrl-C stops it, so restore the default."""
    signal.signal(signal.SIGINT, signal.default_int_handler)


class Watcher:
    def __init__(self, *args: str, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "awesome_lint", "check", "--watch", *args], cwd=cwd,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "NO_COLOR": "1"}, preexec_fn=_default_sigint)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert self.process.stdout is not None
        stdout = self.process.stdout
        threading.Thread(target=lambda: [self.lines.put(line) for line in stdout],
                         daemon=True).start()

    def until(self, text: str, timeout: float = 20) -> list[str]:
        """Lines up to the first one containing ``text``."""
        got: list[str] = []
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            got.append(line)
            self.seen.append(line)
            if text in line:
                return got

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=20)
        finally:
            self.process.kill()
        assert self.process.stderr is not None
        return code, self.process.stderr.read()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_watch_rechecks_on_save_and_stops_cleanly(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(GOOD, encoding="utf-8")
    watcher = Watcher("README.md", cwd=tmp_path)
    try:
        first = watcher.until("Watching for changes")
        assert any("check #1" in line for line in first)
        assert not any("BDG002" in line for line in first)
        readme.write_text(GOOD.replace("ICLR 2015", "iclr 2015"), encoding="utf-8")
        second = watcher.until("Watching for changes")
        assert any("check #2" in line for line in second)
        assert any("README.md:5:" in line and "BDG002" in line for line in second)
        # the configuration in force is watched too
        (tmp_path / ".awesome-lint.toml").write_text('ignore = ["BDG"]\n', encoding="utf-8")
        readme.write_text(GOOD.replace("ICLR 2015", "iclr 2015") + "\n", encoding="utf-8")
        watcher.until("check #3")
        third = watcher.until("Watching for changes")
        assert not any("BDG002" in line for line in third)
        (tmp_path / ".awesome-lint.toml").write_text("", encoding="utf-8")
        fourth = watcher.until("Watching for changes")
        assert any("BDG002" in line for line in fourth)
    finally:
        code, stderr = watcher.stop()
    assert code == 130
    assert "Traceback" not in stderr and "Aborted" not in stderr


def test_watch_of_a_missing_file_fails_at_once(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "awesome_lint", "check", "--watch",
                             "missing.md"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 2
    assert result.stderr.startswith("awesome-lint: missing.md")
    assert "Traceback" not in result.stderr


def test_each_check_starts_on_a_clear_screen_on_a_terminal(capfd: pytest.CaptureFixture[str]
                                                            ) -> None:
    from awesome_lint.cli.watch import CLEAR, _run_once, check_command

    assert check_command(["check", "--watch", "README.md"])[-2:] == ["check", "README.md"]
    _run_once([sys.executable, "-c", "print('found')"], 3, stream_is_tty=True)
    out = capfd.readouterr().out
    assert out.startswith(CLEAR) and "check #3" in out and "found" in out
    _run_once([sys.executable, "-c", "print('found')"], 4, stream_is_tty=False)
    assert CLEAR not in capfd.readouterr().out
