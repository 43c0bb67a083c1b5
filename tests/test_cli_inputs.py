"""What the CLI reads: per-file errors as findings while the other files are checked, files
that are not files, bounded reads from any source, stdin, and README discovery in a real git
repository.  Everything runs the real command line in a subprocess on real files."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

GOOD = "# List\n\n## Papers\n\n* [ResNet](https://arxiv.org/abs/1512.03385)\n"
BAD = "# List\n\n## Papers\n\n* [VGG](https://arxiv.org/abs/1409.1556) [[TBP]()]\n"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_CONFIG_NOSYSTEM": "1"}


def run(*args: str, cwd: Path, stdin: str | bytes | None = None, timeout: float = 60,
        **popen: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    data = stdin.encode() if isinstance(stdin, str) else stdin
    done = subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd,
                          capture_output=True, input=data, env=env, timeout=timeout,
                          **popen)  # type: ignore[call-overload]
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def _one_line(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.splitlines()) <= 1, result.stderr


# One bad file does not end the run ---------------------------------------------------------

@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return tmp_path


ARGS = ("missing.md", "binary.md", "bad.md", "good.md")


def test_text_reports_every_file_and_exits_2(mixed: Path) -> None:
    result = run("check", *ARGS, cwd=mixed)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0] == "missing.md:1:1: IO001 no such file"
    assert lines[1].startswith("binary.md:3:1: IO001 binary content")
    assert any(line.startswith("bad.md:5:") and "LNK001" in line for line in lines)
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "concise", "gitlab",
                                 "markdown"])
def test_every_format_carries_the_error_and_the_other_findings(mixed: Path, fmt: str) -> None:
    result = run("check", "--format", fmt, *ARGS, cwd=mixed)
    assert result.returncode == 2
    assert "IO001" in result.stdout and "no such file" in result.stdout
    assert "LNK001" in result.stdout  # bad.md was still checked
    # stdout holds the format; stderr names each unreadable file on one line
    assert result.stderr.splitlines() == [
        "awesome-lint: missing.md: no such file",
        "awesome-lint: binary.md:3:1: binary content (NUL byte); not a markdown file"]
    if fmt == "json":
        files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
        assert set(files) == {"missing.md", "binary.md", "bad.md", "good.md"}
        assert files["good.md"]["diagnostics"] == []
    if fmt == "junit":
        from xml.etree import ElementTree as ET

        suites = {s.get("name"): s for s in ET.fromstring(result.stdout)}
        assert suites["missing.md"].get("errors") == "1"
        assert suites["missing.md"].find("testcase/error") is not None
        assert suites["bad.md"].get("errors") == "0"
    if fmt == "sarif":
        run_ = json.loads(result.stdout)["runs"][0]
        assert run_["invocations"][0]["executionSuccessful"] is False
        assert len(run_["invocations"][0]["toolExecutionNotifications"]) == 2


def test_fix_goes_on_after_a_bad_file(mixed: Path) -> None:
    (mixed / "messy.md").write_text("# List\n\nText.   \n", encoding="utf-8")
    result = run("fix", "missing.md", "messy.md", cwd=mixed)
    assert result.returncode == 2
    assert "missing.md:1:1: IO001 no such file" in result.stdout
    assert (mixed / "messy.md").read_text(encoding="utf-8") == "# List\n\nText.\n"


def test_exit_zero_and_fail_on_never_do_not_hide_unreadable_files(mixed: Path) -> None:
    assert run("check", "--exit-zero", "missing.md", "good.md", cwd=mixed).returncode == 2
    assert run("check", "--fail-on", "never", "missing.md", cwd=mixed).returncode == 2


# Files that are not files (issue 21) --------------------------------------------------------

def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "README.md")
    (tmp_path / "other.md").write_text(GOOD, encoding="utf-8")
    result = run("check", "README.md", "other.md", cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    assert result.stdout.splitlines()[0] == \
        "README.md:1:1: IO001 is a named pipe (FIFO), not a regular file"
    _one_line(result)
    fixed = run("fix", "README.md", cwd=tmp_path, timeout=30)
    assert fixed.returncode == 2 and "named pipe (FIFO)" in fixed.stdout


def test_devices_and_sockets_are_refused(tmp_path: Path) -> None:
    result = run("check", "/dev/zero", "/dev/null", cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    assert result.stdout.splitlines()[:2] == [
        "/dev/zero:1:1: IO001 is a character device, not a regular file",
        "/dev/null:1:1: IO001 is a character device, not a regular file"]
    # A short folder name: a socket path must fit in 108 bytes.
    with tempfile.TemporaryDirectory(dir="/tmp") as short:
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(f"{short}/s.md")
            sock = run("check", f"{short}/s.md", cwd=tmp_path, timeout=30)
        finally:
            server.close()
    assert sock.returncode == 2 and "IO001 is a socket, not a regular file" in sock.stdout


def test_unreadable_file_is_one_line_not_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that allow it
        import shutil

        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv to drop CAP_DAC_OVERRIDE")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    done = subprocess.run([*prefix, sys.executable, "-m", "awesome_lint", "check", "README.md"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 2
    assert done.stdout.splitlines()[0] == \
        "README.md:1:1: IO001 permission denied (the file is not readable)"
    assert "Usage:" not in done.stderr
    _one_line(done)
    (tmp_path / "README.md").chmod(0o644)
    (tmp_path / "lint.toml").write_text("select = ['ALL']\n", encoding="utf-8")
    (tmp_path / "lint.toml").chmod(0)
    config = subprocess.run([*prefix, sys.executable, "-m", "awesome_lint", "check", "--config",
                             "lint.toml"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert config.returncode == 2 and "Usage:" not in config.stderr
    assert config.stderr.startswith("awesome-lint: lint.toml: cannot read:")
    _one_line(config)


def test_stdin_is_read_up_to_the_limit_only(tmp_path: Path) -> None:
    """Endless stdin (/dev/zero) stops at max-file-size + 1 bytes: one line, exit 2."""
    (tmp_path / ".awesome-lint.toml").write_text("max-file-size = 100000\n", encoding="utf-8")
    for command in (["check", "-"], ["fix", "-"]):
        with open("/dev/zero", "rb") as zero:
            done = subprocess.run([sys.executable, "-m", "awesome_lint", *command],
                                  cwd=tmp_path, stdin=zero, capture_output=True, timeout=60,
                                  env={**os.environ, "NO_COLOR": "1"})
        assert done.returncode == 2, done
        out = (done.stdout + done.stderr).decode()
        assert "over the 100,000-byte limit (max-file-size)" in out
        assert "Traceback" not in out


def test_memory_error_never_escapes(tmp_path: Path) -> None:
    """Under an address-space limit too small for the file, the run ends with one line."""
    resource = pytest.importorskip("resource")
    (tmp_path / ".awesome-lint.toml").write_text("max-file-size = 400000000\n",
                                                 encoding="utf-8")
    line = "* [Paper](https://example.org/p) <kbd>CVPR 2017</kbd>\n"
    with open(tmp_path / "README.md", "w", encoding="utf-8") as handle:
        handle.write("# List\n\n## Papers\n\n" + line * (150_000_000 // len(line)))

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (350 * 2**20, 350 * 2**20))

    result = run("check", "README.md", cwd=tmp_path, timeout=120, preexec_fn=limit)
    assert result.returncode == 2, result.stdout[-500:] + result.stderr[-2000:]
    assert "not enough memory" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# Standard input -----------------------------------------------------------------------------

def test_check_dash_and_stdin_filename(tmp_path: Path) -> None:
    plain = run("check", "-", cwd=tmp_path, stdin=BAD)
    assert plain.returncode == 1 and plain.stdout.startswith("-:5:")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (docs / ".awesome-lint.toml").write_text('ignore = ["LNK001"]\n', encoding="utf-8")
    text = "# List\n\n* [Guide](guide.md)\n* [Gone](gone.md)\n* [VGG](https://v.org) [[TBP]()]\n"
    named = run("check", "--stdin-filename", "docs/README.md", cwd=tmp_path, stdin=text)
    # Named and placed in docs/: its config applies (LNK001 ignored) and guide.md resolves.
    assert named.stdout.splitlines()[0].startswith("docs/README.md:4:")
    assert "gone.md" in named.stdout and "guide.md" not in named.stdout
    assert "LNK001" not in named.stdout
    also = run("check", "--stdin-filename", "docs/README.md", "-", cwd=tmp_path, stdin=text)
    assert also.stdout == named.stdout
    fixed = run("fix", "--stdin-filename", "docs/README.md", cwd=tmp_path,
                stdin="# List\n\nText.   \n")
    assert fixed.stdout == "# List\n\nText.\n"


def test_binary_stdin_is_an_input_error(tmp_path: Path) -> None:
    result = run("check", "-", "--format", "json", cwd=tmp_path, stdin=b"ab\x00cd")
    assert result.returncode == 2
    [file] = json.loads(result.stdout)["files"]
    assert file["path"] == "-" and file["diagnostics"][0]["code"] == "IO001"


# Discovery ----------------------------------------------------------------------------------

@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "repo"
    files = {
        "README.md": GOOD, "README.zh-CN.md": BAD, "docs/guide/README.md": BAD,
        "docs/Readme.markdown": GOOD, "docs/notes.md": BAD, "build/README.md": BAD,
        "vendor/lib/README.md": BAD, ".github/README.md": GOOD, "untracked/README.md": BAD,
        "node_modules/pkg/README.md": BAD,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / ".gitignore").write_text("build/\nnode_modules/\n", encoding="utf-8")
    (root / ".awesome-lint.toml").write_text('exclude = ["vendor/*"]\n', encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".gitignore", "README.md", "README.zh-CN.md", "docs", "vendor", ".github")
    git(root, "commit", "-qm", "init")
    yield root


def _paths(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [f["path"] for f in json.loads(result.stdout)["files"]]


def test_folder_discovery_honours_gitignore_and_exclude(repo: Path) -> None:
    result = run("check", "--format", "json", ".", cwd=repo)
    assert _paths(result) == [".github/README.md", "README.md", "README.zh-CN.md",
                              "docs/Readme.markdown", "docs/guide/README.md",
                              "untracked/README.md"]
    sub = run("check", "--format", "json", "docs", cwd=repo)
    assert _paths(sub) == ["docs/Readme.markdown", "docs/guide/README.md"]


def test_discovery_outside_git_skips_hidden_and_node_modules(repo: Path) -> None:
    import shutil

    shutil.rmtree(repo / ".git")
    result = run("check", "--format", "json", ".", cwd=repo)
    assert "node_modules/pkg/README.md" not in _paths(result)
    assert ".github/README.md" not in _paths(result)
    assert "build/README.md" in _paths(result)  # no git, no .gitignore semantics
    assert "vendor/lib/README.md" not in _paths(result)  # exclude still applies


def test_glob_arguments(repo: Path) -> None:
    result = run("check", "--format", "json", "docs/**/README.md", "README*.md", cwd=repo)
    assert _paths(result) == ["docs/guide/README.md", "README.md", "README.zh-CN.md"]
    none = run("check", "nothing/*.md", cwd=repo)
    assert none.returncode == 2 and "nothing/*.md:1:1: IO001 no file matches this pattern" \
        in none.stdout


def test_a_file_named_twice_is_checked_once(repo: Path) -> None:
    result = run("check", "--format", "json", "README.md", "./README.md", "README*.md",
                 cwd=repo)
    assert _paths(result) == ["README.md", "README.zh-CN.md"]


def test_discovery_with_diff_base_reports_only_changed_lines(repo: Path) -> None:
    """`check --diff-base HEAD .`: committed READMEs report only lines changed since HEAD; a
    README git does not track yet is new, so all of it counts."""
    with open(repo / "docs" / "guide" / "README.md", "a", encoding="utf-8") as handle:
        handle.write("* [New](https://new.org/x) [[Code]()]\n")
    result = run("check", "--format", "json", "--diff-base", "HEAD", ".", cwd=repo)
    found = {f["path"]: [(d["line"], d["code"]) for d in f["diagnostics"]]
             for f in json.loads(result.stdout)["files"]}
    assert found["README.zh-CN.md"] == []  # its old LNK001 on line 5 predates the change
    assert found["docs/guide/README.md"] == [(6, "LNK001")]
    assert found["untracked/README.md"] == [(5, "LNK001")]
