"""The pre-commit hooks, run by the real ``pre-commit`` against this checkout.

pre-commit clones the hooks' repository and pip-installs it into a hook environment, so this
needs PyPI (for the package's dependencies) and takes a while: the tests snapshot the working
tree (tracked and untracked, minus ignored files) into a throwaway repository, and a module
fixture installs its hook environment once, in a PRE_COMMIT_HOME shared by every test here.
The hooks then run as users run them, ``pre-commit run`` with a config naming that repository
and revision.  (``pre-commit try-repo`` would build a fresh environment on every call: 20 to
30 s each.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_CONFIG_NOSYSTEM": "1"}

# Two safe fixes (the ')' that closes [[Notes](...)], trailing spaces) and one finding
# without a fix (an empty link), which only the check hook reports.
DEFECTIVE = ("# List\n\n## Papers\n\n"
             "* [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](https://n.org/resnet))\n"
             "* [VGG](https://arxiv.org/abs/1409.1556) [[TBP]()]   \n")
FIXED = ("# List\n\n## Papers\n\n"
         "* [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](https://n.org/resnet)]\n"
         "* [VGG](https://arxiv.org/abs/1409.1556) [[TBP]()]\n")
CLEAN = "# List\n\n## Papers\n\n* [ResNet](https://arxiv.org/abs/1512.03385)\n"


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV})
    return done.stdout


def _commit_all(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "-m", message)


def snapshot_checkout(snapshot: Path) -> Path:
    """Copy this checkout's working tree (tracked and untracked files, not ignored ones) to
    ``snapshot`` and commit it there."""
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # deleted-but-tracked files are skipped
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    _git(snapshot, "init", "-q", "-b", "main")
    _commit_all(snapshot, "snapshot")
    return snapshot


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout's working tree, committed in a throwaway repository."""
    return snapshot_checkout(tmp_path_factory.mktemp("awesome-lint-snapshot"))


@pytest.fixture(scope="module")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One PRE_COMMIT_HOME for the module: the hook environment is installed once."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
            "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def hooks_config(hooks_repo: Path, pre_commit_env: dict[str, str],
                 tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config naming the three hooks at the snapshot's revision, their environment installed."""
    rev = _git(hooks_repo, "rev-parse", "HEAD").strip()
    config = tmp_path_factory.mktemp("pre-commit-config") / "config.yaml"
    config.write_text(f"repos:\n  - repo: {hooks_repo.as_posix()}\n    rev: {rev}\n"
                      "    hooks:\n      - id: awesome-lint\n      - id: awesome-lint-fix\n"
                      "      - id: awesome-lint-format\n",
                      encoding="utf-8")
    done = subprocess.run([*PRE_COMMIT, "install-hooks", "--config", str(config)],
                          cwd=hooks_repo, env=pre_commit_env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return config


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A list repository: a defective README and a defective non-README markdown file."""
    (tmp_path / "README.md").write_text(DEFECTIVE, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.md").write_text(DEFECTIVE, encoding="utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _commit_all(tmp_path, "list")
    return tmp_path


def run_hook(hook: str, project: Path, config: Path, env: dict[str, str]
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PRE_COMMIT, "run", hook, "--all-files", "--config", str(config)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


def test_check_hook_fails_on_findings_in_readmes_only(
        project: Path, hooks_config: Path, pre_commit_env: dict[str, str]) -> None:
    result = run_hook("awesome-lint", project, hooks_config, pre_commit_env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^awesome-lint\.+Failed$", result.stdout, re.MULTILINE), result.stdout
    assert "README.md:5:46: LNK002" in result.stdout
    assert "README.md:6:43: LNK001" in result.stdout
    assert "notes.md" not in result.stdout  # the default `files` is README-like markdown

    (project / "README.md").write_text(CLEAN, encoding="utf-8")
    _commit_all(project, "clean")
    clean = run_hook("awesome-lint", project, hooks_config, pre_commit_env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"^awesome-lint\.+Passed$", clean.stdout, re.MULTILINE), clean.stdout


def test_fix_hook_fixes_and_fails_only_when_it_changed_a_file(
        project: Path, hooks_config: Path, pre_commit_env: dict[str, str]) -> None:
    result = run_hook("awesome-lint-fix", project, hooks_config, pre_commit_env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert (project / "README.md").read_text(encoding="utf-8") == FIXED
    assert (project / "docs" / "notes.md").read_text(encoding="utf-8") == DEFECTIVE

    # Nothing left to fix: the hook passes although an unfixable finding remains ...
    again = run_hook("awesome-lint-fix", project, hooks_config, pre_commit_env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert (project / "README.md").read_text(encoding="utf-8") == FIXED
    # ... which the check hook still reports.
    check = run_hook("awesome-lint", project, hooks_config, pre_commit_env)
    assert check.returncode == 1
    assert "README.md:6:43: LNK001" in check.stdout and "LNK002" not in check.stdout


MESSY = "#   List\n\n\n## Papers\n*   [ResNet](https://arxiv.org/abs/1512.03385)\n"
FORMATTED = "# List\n\n## Papers\n\n* [ResNet](https://arxiv.org/abs/1512.03385)\n"


def test_format_hook_writes_the_canonical_layout_and_fails_only_when_it_changed_a_file(
        project: Path, hooks_config: Path, pre_commit_env: dict[str, str]) -> None:
    (project / "README.md").write_text(MESSY, encoding="utf-8")
    _commit_all(project, "messy")
    # the list is consistent (no finding asks for this layout): fix leaves it alone ...
    fixed = run_hook("awesome-lint-fix", project, hooks_config, pre_commit_env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert (project / "README.md").read_text(encoding="utf-8") == MESSY
    # ... and format writes it whole
    result = run_hook("awesome-lint-format", project, hooks_config, pre_commit_env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert (project / "README.md").read_text(encoding="utf-8") == FORMATTED
    assert (project / "docs" / "notes.md").read_text(encoding="utf-8") == DEFECTIVE
    _commit_all(project, "formatted")
    again = run_hook("awesome-lint-format", project, hooks_config, pre_commit_env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert re.search(r"^awesome-lint \(format\)\.+Passed$", again.stdout, re.MULTILINE)


def _readme_config() -> str:
    """The .pre-commit-config.yaml README.md shows for widening the hooks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```yaml\n")[1:]]
    [config] = [b for b in blocks if "id: awesome-lint-fix" in b and "files:" in b]
    return config


def test_readme_config_widens_the_hooks(
        project: Path, hooks_repo: Path, hooks_config: Path,
        pre_commit_env: dict[str, str]) -> None:
    """README's config, with this snapshot as the repo: docs/notes.md is checked too."""
    config = _readme_config()
    rev = _git(hooks_repo, "rev-parse", "HEAD").strip()
    config = re.sub(r"repo: \S+", f"repo: {hooks_repo.as_posix()}", config)
    config = re.sub(r"rev: \S+", f"rev: {rev}", config)
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _commit_all(project, "pre-commit config")
    result = subprocess.run([*PRE_COMMIT, "run", "--all-files"], cwd=project,
                            env=pre_commit_env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 1, result.stdout + result.stderr
    for path in ("README.md", "docs/notes.md"):
        assert (project / path).read_text(encoding="utf-8") == FIXED, path
    assert "docs/notes.md:6:43: LNK001" in result.stdout
