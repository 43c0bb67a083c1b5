"""``--papers`` end to end: the real CLI in a subprocess against local stand-ins of arXiv,
DBLP and Crossref on 127.0.0.1 (their addresses given through the environment)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paper_apis import FakeApis

LIST = """\
# Papers

* [EfficientNet: Rethinking Model Scaling](https://arxiv.org/abs/1905.11946) <kbd>ICML 2019</kbd>
* [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)
* [Attention Is All You Need](https://arxiv.org/abs/1706.03762) <kbd>ICML 2017</kbd>
* [On the Stability of Widget Training](https://arxiv.org/abs/2303.00003)
"""


@pytest.fixture
def apis() -> Iterator[FakeApis]:
    servers = FakeApis()
    yield servers
    servers.close()


def cli(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "NO_COLOR": "1", **env}
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, text=True,
                          capture_output=True, env=full, timeout=120)


def _project(tmp_path: Path, text: str = LIST) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_offline_by_default(apis: FakeApis, tmp_path: Path) -> None:
    done = cli("check", "--select", "PAP", cwd=_project(tmp_path), env=apis.env())
    assert done.returncode == 0 and "Papers:" not in done.stderr
    assert sum(apis.requests().values()) == 0


def test_findings_then_a_warm_rerun_asks_nothing(apis: FakeApis, tmp_path: Path) -> None:
    root = _project(tmp_path)
    first = cli("check", "--papers", "--format", "concise", cwd=root, env=apis.env())
    assert first.returncode == 1
    codes = sorted(line.split()[1] for line in first.stdout.splitlines() if " PAP" in line)
    assert codes == ["PAP001", "PAP002", "PAP004"], first.stdout
    assert "Papers: 4 entries looked up (5 requests)." in first.stderr
    before = apis.requests()
    second = cli("check", "--papers", "--format", "concise", cwd=root, env=apis.env())
    assert apis.requests() == before  # not one request
    assert second.stdout == first.stdout
    assert "(0 requests; 8 from the cache)" in second.stderr
    third = cli("check", "--papers", "--no-cache", cwd=root, env=apis.env())
    assert sum(apis.requests().values()) == 2 * sum(before.values())
    assert third.returncode == 1


def test_config_turns_lookups_on_and_names_the_contact(apis: FakeApis, tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / ".awesome-lint.toml").write_text(
        '[papers]\ncheck = true\ncontact = "lists@example.org"\n', encoding="utf-8")
    done = cli("check", "--select", "PAP", cwd=root, env=apis.env())
    assert done.returncode == 1 and "PAP001" in done.stdout
    assert all("mailto:lists@example.org" in agent for _path, agent in apis["dblp"].seen)
    off = cli("check", "--no-papers", "--no-cache", "--select", "PAP", cwd=root, env=apis.env())
    assert off.returncode == 0


def test_a_base_url_in_the_repository_is_a_config_error(apis: FakeApis, tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / ".awesome-lint.toml").write_text('[papers]\ndblp-url = "http://127.0.0.1:1/"\n',
                                             encoding="utf-8")
    done = cli("check", "--papers", cwd=root, env=apis.env())
    assert done.returncode == 2 and "AWESOME_LINT_DBLP_URL" in done.stderr
    assert "Traceback" not in done.stderr


def test_network_errors_degrade_to_a_warning(apis: FakeApis, tmp_path: Path) -> None:
    root = _project(tmp_path)
    env = {**apis.env(), "AWESOME_LINT_DBLP_URL": "http://127.0.0.1:9/search/publ/api"}
    apis["arxiv"].faults.extend(["garbage"])
    done = cli("check", "--papers", "--select", "PAP", cwd=root, env=env)
    assert "Traceback" not in done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2, done.stderr
    assert "arXiv answer is not XML" in warnings[0] + warnings[1]
    assert done.returncode == 0  # nothing could be judged, nothing is reported


def test_diff_base_looks_up_only_changed_entries(apis: FakeApis, tmp_path: Path) -> None:
    root = tmp_path

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})

    head, _, _rest = LIST.partition("* [Attention")
    (root / "README.md").write_text(head, encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "README.md")
    git("commit", "-qm", "base")
    git("checkout", "-qb", "pr")
    (root / "README.md").write_text(LIST, encoding="utf-8")
    git("commit", "-qam", "add two")
    done = cli("check", "--papers", "--diff-base", "main", "--format", "concise", cwd=root,
               env=apis.env())
    assert "Papers: 2 entries looked up" in done.stderr
    assert "1512.03385" not in apis["arxiv"].seen[0][0]
    assert sorted(line.split()[1] for line in done.stdout.splitlines()) == ["PAP002", "PAP004"]


def test_fix_writes_the_suggested_badge_with_unsafe_fixes(apis: FakeApis, tmp_path: Path) -> None:
    root = _project(tmp_path)
    safe = cli("fix", "--papers", "--select", "PAP001", cwd=root, env=apis.env())
    assert "<kbd>CVPR 2016</kbd>" not in (root / "README.md").read_text(encoding="utf-8")
    assert safe.returncode == 1
    done = cli("fix", "--papers", "--unsafe-fixes", "--select", "PAP001", cwd=root,
               env=apis.env())
    text = (root / "README.md").read_text(encoding="utf-8")
    assert ("* [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)"
            " <kbd>CVPR 2016</kbd>\n") in text
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_offline_check_imports_nothing_of_the_lookups(tmp_path: Path) -> None:
    """pre-commit runs ``check`` on every commit: the paper machinery must cost nothing."""
    root = _project(tmp_path)
    script = ("import sys\nfrom click.testing import CliRunner\nfrom awesome_lint.cli import main\n"
              "CliRunner().invoke(main, ['check', '--exit-zero', 'README.md'])\n"
              "print(' '.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=root, text=True,
                          capture_output=True, timeout=60)
    imported = set(done.stdout.split())
    assert "awesome_lint.rules.badges" in imported  # the rules ran...
    # (syntax.venuemarks is the syntax layer's: the badge rules read the list's notation)
    # ...and offline not even the paper rules' family is imported (rules.NETWORK_FAMILIES)
    assert not {m for m in imported
                if m.startswith(("awesome_lint.papers", "awesome_lint.rules.papers", "httpx"))}
