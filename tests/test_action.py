"""The GitHub Action, run locally: action.yml's "Check" step command, with the GITHUB_* and
INPUT_* variables a runner would set, against a temporary git repository with a pull request.

Nothing here reaches the network: link checks go to a server on 127.0.0.1, allowed with
``--allow-private-hosts``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from awesome_lint.cli.ci import load_reports
from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.report import FileReport, ReportOptions, renderer

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_CONFIG_NOSYSTEM": "1"}

# main has an old finding on line 5 (an empty link); the pull request adds line 7 with a new
# error (a resource link closed with ')', safe fix) and a warning (trailing spaces).
BASE = ("# List\n\n## Papers\n\n"
        "* [VGG](https://arxiv.org/abs/1409.1556) [[TBP]()]\n"
        "* [ResNet](https://arxiv.org/abs/1512.03385)\n")
PR = BASE + "* [ViT](https://arxiv.org/abs/2010.11929) [[Notes](https://n.org/vit))  \n"
NEW_ERROR = ("::error file=README.md,line=7,col=43,endLine=7,endColumn=70,"
             "title=LNK002 malformed-link::LNK002 resource link closed with ')' instead of ']'")
NEW_WARNING = "::warning file=README.md,line=7,col=71,"
OLD_ERROR = "::error file=README.md,line=5,"


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV})
    return done.stdout.strip()


@dataclass
class PullRequest:
    workspace: Path
    base_sha: str
    head_sha: str
    runner_temp: Path

    def event(self, name: str = "pull_request") -> Path:
        """The webhook payload a runner writes to GITHUB_EVENT_PATH (the fields we read)."""
        path = self.runner_temp / "event.json"
        payload: dict[str, Any] = {"action": "synchronize", "number": 1, "pull_request": {
            "number": 1, "base": {"ref": "main", "sha": self.base_sha},
            "head": {"ref": "pr", "sha": self.head_sha}}}
        if name == "push":
            payload = {"ref": "refs/heads/pr", "after": self.head_sha}
        path.write_text(json.dumps(payload), encoding="utf-8")
        return path


def make_pull_request(root: Path, base: str = BASE, head: str = PR) -> PullRequest:
    workspace, temp = root / "workspace", root / "runner-temp"
    workspace.mkdir()
    temp.mkdir()
    _git(workspace, "init", "-q", "-b", "main")
    (workspace / "README.md").write_text(base, encoding="utf-8")
    _git(workspace, "add", "README.md")
    _git(workspace, "commit", "-qm", "base")
    base_sha = _git(workspace, "rev-parse", "HEAD")
    _git(workspace, "checkout", "-qb", "pr")
    (workspace / "README.md").write_text(head, encoding="utf-8")
    _git(workspace, "commit", "-qam", "pull request")
    return PullRequest(workspace, base_sha, _git(workspace, "rev-parse", "HEAD"), temp)


@pytest.fixture
def pull_request(tmp_path: Path) -> PullRequest:
    return make_pull_request(tmp_path)


def _check_step() -> dict[str, Any]:
    [step] = [s for s in ACTION["runs"]["steps"] if s.get("id") == "check"]
    return dict(step)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    summary: str
    outputs: dict[str, str]


def run_action(pr: PullRequest, event: str = "pull_request", workspace: Path | None = None,
               python: str = sys.executable, **inputs: str) -> Run:
    """Run the Check step's command as a runner would: its env block with the inputs (action
    defaults unless given) substituted, plus the runner's GITHUB_* variables."""
    step = _check_step()
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values.update({k.replace("_", "-"): v for k, v in inputs.items()})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    for key, expression in step["env"].items():
        if expression.startswith("${{ inputs."):
            env[key] = values[expression.removeprefix("${{ inputs.").removesuffix(" }}")]
    env["AWESOME_LINT_PYTHON"] = python  # steps.install.outputs.python
    summary, outputs = pr.runner_temp / "step_summary.md", pr.runner_temp / "output.txt"
    summary.write_text("", encoding="utf-8")
    outputs.write_text("", encoding="utf-8")
    workspace = workspace or pr.workspace
    env.update({
        "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event,
        "GITHUB_EVENT_PATH": str(pr.event(event)), "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs), "RUNNER_TEMP": str(pr.runner_temp), "RUNNER_OS": "Linux",
        "GITHUB_SHA": pr.head_sha, "GITHUB_REPOSITORY": "someone/awesome-list",
        "NO_COLOR": "1", **GIT_ENV,
    })
    if event == "pull_request":
        env.update({"GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "pr",
                    "GITHUB_REF": "refs/pull/1/merge"})
    else:
        env.update({"GITHUB_REF": "refs/heads/pr"})
    done = subprocess.run([step.get("shell", "bash"), "-c", step["run"]], cwd=workspace,
                          env=env, capture_output=True, text=True, timeout=300)
    pairs = [line.partition("=") for line in outputs.read_text(encoding="utf-8").splitlines()]
    return Run(done.returncode, done.stdout, done.stderr, summary.read_text(encoding="utf-8"),
               {key: value for key, _, value in pairs})


# action.yml ---------------------------------------------------------------------------------

def test_action_yml_shape() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "links", "diff-base", "fail-on", "args"}
    assert ACTION["inputs"]["fail-on"]["default"] == "error"
    assert ACTION["inputs"]["links"]["default"] == "false"
    steps = ACTION["runs"]["steps"]
    install = steps[0]["run"]
    assert 'pip install' in install and '"$GITHUB_ACTION_PATH"' in install  # its own version
    check = _check_step()
    install_id = steps[0]["id"]
    assert check["env"]["AWESOME_LINT_PYTHON"] == f"${{{{ steps.{install_id}.outputs.python }}}}"
    assert check["run"] == 'bash "$GITHUB_ACTION_PATH/scripts/action.sh"'
    assert {f"${{{{ inputs.{name} }}}}" for name in ACTION["inputs"]} <= set(
        check["env"].values()), "every input reaches the script"
    caches = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache/")]
    assert {s["uses"].split("@")[0] for s in caches} == {"actions/cache/restore",
                                                         "actions/cache/save"}
    assert all(s["with"]["path"] == ".awesome-lint-cache" for s in caches)
    assert all("inputs.links == 'true'" in s["if"] for s in caches)
    assert "always()" in caches[-1]["if"]  # the cache is kept when the check fails
    assert steps.index(caches[0]) < steps.index(check) < steps.index(caches[-1])
    assert (ROOT / "scripts" / "action.sh").is_file()


def test_install_step_then_check_step(tmp_path: Path) -> None:
    """The Install step pip-installs the action's own checkout (needs PyPI for the
    dependencies); the Check step then runs with that interpreter."""
    from tests.test_precommit import snapshot_checkout

    action_path = snapshot_checkout(tmp_path / "action")  # pip builds in-tree: not in ROOT
    pr = make_pull_request(tmp_path)
    outputs = pr.runner_temp / "install-output.txt"
    env = {**os.environ, "RUNNER_TEMP": str(pr.runner_temp), "GITHUB_OUTPUT": str(outputs),
           "GITHUB_ACTION_PATH": str(action_path)}
    env.pop("VIRTUAL_ENV", None)
    install = ACTION["runs"]["steps"][0]
    done = subprocess.run([install["shell"], "-c", install["run"]], cwd=pr.workspace, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    key, _, python = outputs.read_text(encoding="utf-8").strip().partition("=")
    assert key == "python" and Path(python).is_relative_to(pr.runner_temp)
    where = subprocess.run([python, "-c", "import awesome_lint; print(awesome_lint.__file__)"],
                           cwd=pr.workspace, capture_output=True, text=True,
                           check=True).stdout.strip()
    assert Path(where).is_relative_to(pr.runner_temp)  # installed, not this checkout
    result = run_action(pr, python=python)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith(NEW_ERROR)


# The Check step on a pull request -----------------------------------------------------------

def test_pull_request_annotates_only_changed_lines(pull_request: PullRequest) -> None:
    result = run_action(pull_request)
    assert result.returncode == 1, result.stdout + result.stderr
    annotations = result.stdout.splitlines()
    assert annotations[0] == NEW_ERROR + ": [[Notes](https://n.org/vit))"
    assert annotations[1].startswith(NEW_WARNING)
    assert "STY002" in annotations[1]
    assert len(annotations) == 2
    assert OLD_ERROR not in result.stdout  # line 5 predates the pull request
    assert f"--diff-base {pull_request.base_sha}" in result.stderr  # the command, logged

    summary = result.summary
    assert summary.startswith("## awesome-lint\n")
    assert "**2 findings** (1 error, 1 warning) in 1 file. 2 fixable with `awesome-lint fix`." \
        in summary
    assert "| links | 1 | 0 | 1 |" in summary and "| style | 0 | 1 | 1 |" in summary
    assert "### Link health\n\nNo link checks ran" in summary
    # Each location links to the file at the pull request's head commit (not GITHUB_SHA, which
    # on a pull_request event is the test merge commit), and the summary states its scope.
    head = f"https://github.com/someone/awesome-list/blob/{pull_request.head_sha}/README.md"
    assert f"| [`README.md:7:43`]({head}#L7) | `LNK002` malformed-link | error |" in summary
    assert summary.startswith("## awesome-lint\n\nScope: only lines the pull request added or "
                              f"changed (since its merge base with `{pull_request.base_sha[:12]}`)")
    assert result.outputs["findings"] == "2"
    assert (result.outputs["errors"], result.outputs["warnings"]) == ("1", "1")
    results = json.loads(Path(result.outputs["results"]).read_text(encoding="utf-8"))
    assert results["version"] == 1 and len(results["files"][0]["diagnostics"]) == 2


@pytest.mark.parametrize(("fail_on", "args", "expected"), [
    ("error", "", 1), ("warning", "", 1), ("never", "", 0),
    ("error", "--select STY", 0), ("warning", "--select STY", 1),
])
def test_fail_on(pull_request: PullRequest, fail_on: str, args: str, expected: int) -> None:
    result = run_action(pull_request, fail_on=fail_on, args=args)
    assert result.returncode == expected, result.stdout + result.stderr
    assert NEW_WARNING in result.stdout  # annotations are printed whatever fail-on says
    assert ("LNK002" in result.stdout) is (args == "")
    assert result.summary.startswith("## awesome-lint")


def test_push_checks_every_line(pull_request: PullRequest) -> None:
    result = run_action(pull_request, event="push")
    assert result.returncode == 1
    assert OLD_ERROR in result.stdout and NEW_ERROR in result.stdout
    assert "--diff-base" not in result.stderr
    assert result.outputs["findings"] == "3"
    assert "Scope: every line of the checked files." in result.summary
    assert f"/blob/{pull_request.head_sha}/README.md#L5)" in result.summary


def test_diff_base_input(pull_request: PullRequest) -> None:
    everything = run_action(pull_request, diff_base="none")
    assert OLD_ERROR in everything.stdout and everything.outputs["findings"] == "3"
    explicit = run_action(pull_request, event="push", diff_base="main")
    assert OLD_ERROR not in explicit.stdout and explicit.outputs["findings"] == "2"


def test_paths_input_and_clean_summary(pull_request: PullRequest) -> None:
    (pull_request.workspace / "docs").mkdir()
    (pull_request.workspace / "docs" / "README.md").write_text("# Docs\n\nFine.\n",
                                                               encoding="utf-8")
    result = run_action(pull_request, paths="docs", diff_base="none")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "All checks passed (1 file checked)." in result.summary
    assert result.outputs["findings"] == "0"


def test_shallow_checkout_is_deepened(tmp_path: Path) -> None:
    """actions/checkout clones one commit: the script fetches the history it needs."""
    pr = make_pull_request(tmp_path)
    clone = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "pr",
         (pr.workspace / ".git").as_uri(), str(clone))
    assert _git(clone, "rev-parse", "--is-shallow-repository") == "true"
    result = run_action(pr, workspace=clone)
    assert result.returncode == 1, result.stdout + result.stderr
    assert NEW_ERROR in result.stdout and OLD_ERROR not in result.stdout
    assert "::warning title=awesome-lint" not in result.stdout


def test_missing_base_warns_and_checks_everything(pull_request: PullRequest) -> None:
    result = run_action(pull_request, diff_base="0" * 40)
    assert "::warning title=awesome-lint::no merge base of " + "0" * 40 in result.stdout
    assert OLD_ERROR in result.stdout and result.outputs["findings"] == "3"


@pytest.mark.parametrize(("inputs", "message"), [
    ({"args": "--select NOPE"}, "::error title=awesome-lint::awesome-lint: --select: unknown"),
    ({"fail_on": "sometimes"}, "::error title=awesome-lint::input fail-on must be error, "),
    ({"links": "yes"}, "::error title=awesome-lint::input links must be true or false"),
])
def test_usage_errors_exit_2(pull_request: PullRequest, inputs: dict[str, str],
                             message: str) -> None:
    result = run_action(pull_request, **inputs)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout.startswith(message), result.stdout


def test_unreadable_file_is_annotated_and_the_rest_checked(pull_request: PullRequest) -> None:
    """A missing path is an IO001 annotation and exit 2, and README.md is still checked."""
    result = run_action(pull_request, paths="missing.md README.md")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "::error file=missing.md,line=1,col=1,endLine=1,endColumn=1,title=IO001 " \
           "input-error::IO001 no such file" in result.stdout
    assert NEW_ERROR in result.stdout
    assert result.outputs["findings"] == "3" and "`IO001` input-error" in result.summary


# Link checking against 127.0.0.1 ------------------------------------------------------------

class _Site(BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_HEAD(self) -> None:
        self.seen.append(self.path)
        self.send_response(200 if self.path == "/ok" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Site", (_Site,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_links_fetch_only_what_the_pull_request_touches(
        tmp_path: Path, site: tuple[str, list[str]]) -> None:
    base_url, seen = site
    base = f"# List\n\n## Papers\n\n* [Old]({base_url}/old)\n"
    head = base + f"* [New]({base_url}/gone)\n* [Fine]({base_url}/ok)\n"
    pr = make_pull_request(tmp_path, base, head)
    result = run_action(pr, links="true", args="--allow-private-hosts")
    assert result.returncode == 1, result.stdout + result.stderr
    assert set(seen) == {"/gone", "/ok"}, seen  # never /old: line 5 is not the PR's
    assert result.stdout.startswith("::error file=README.md,line=6,")
    assert "title=LNK101 broken-link::LNK101 " in result.stdout
    assert "### Link health\n\nLinks with findings, by what the check concluded:" \
        in result.summary
    assert "| broken | 1 |" in result.summary
    assert (pr.workspace / ".awesome-lint-cache").is_dir()  # what actions/cache persists


# --format markdown, anywhere ----------------------------------------------------------------

def _diagnostic(code: str, severity: Severity, data: dict[str, Any] | None = None,
                message: str = "m") -> Diagnostic:
    return Diagnostic(code, "r", "links", severity, 3, 1, 3, 5, message, data=data)


def test_markdown_link_health_counts_classes_in_checker_order() -> None:
    report = FileReport("README.md", [
        _diagnostic("LNK101", Severity.ERROR, {"class": "broken", "status": 404}),
        _diagnostic("LNK103", Severity.WARNING, {"class": "blocked", "status": 403}),
        _diagnostic("LNK102", Severity.WARNING, {"class": "redirect-permanent"}),
        _diagnostic("LNK101", Severity.ERROR, {"class": "broken", "status": 410}),
        _diagnostic("LNK002", Severity.ERROR, None, "closed with ')': [[a](b)) | x <b>"),
    ])
    text = renderer("markdown")([report], ReportOptions())
    assert ("| result | links |\n| --- | ---: |\n| redirect-permanent | 1 |\n| broken | 2 |\n"
            "| blocked | 1 |\n") in text
    assert "| links | 3 | 2 | 0 |" in text
    # message text is escaped, so a finding cannot break the table or inject markup
    assert r"closed with ')': \[\[a\](b)) \| x \<b\> |" in text


def test_markdown_format_from_the_cli(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(PR, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "awesome_lint", "check", "--format",
                           "markdown"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "**3 findings** (2 errors, 1 warning) in 1 file." in done.stdout
    assert "| links | 2 | 0 | 1 |" in done.stdout


def test_json_contract_round_trips_through_the_ci_replay(pull_request: PullRequest) -> None:
    done = subprocess.run([sys.executable, "-m", "awesome_lint", "check", "--format", "json",
                           "--exit-zero"], cwd=pull_request.workspace, capture_output=True,
                          text=True, timeout=120)
    payload = json.loads(done.stdout)
    reports = load_reports(payload)
    assert renderer("json")(reports, ReportOptions()) == done.stdout


def test_paths_input_takes_folders_and_globs(pull_request: PullRequest) -> None:
    """Folders are searched for every README; patterns are expanded by awesome-lint (the
    script itself never globs)."""
    docs = pull_request.workspace / "docs" / "guide"
    docs.mkdir(parents=True)
    (docs / "README.md").write_text("# Guide\n\n* [A]()\n", encoding="utf-8")
    result = run_action(pull_request, paths=". docs/**/README.md", diff_base="none")
    paths = [f["path"] for f in json.loads(
        Path(result.outputs["results"]).read_text(encoding="utf-8"))["files"]]
    assert paths == ["README.md", "docs/guide/README.md"]
    assert "::error file=docs/guide/README.md,line=3," in result.stdout
