"""The package's import contracts (``[tool.importlinter]`` in pyproject.toml) hold, and they
catch a breach: a layer importing upwards, one rule family importing another, anything
importing the command line, a cycle.

Each check runs the real ``lint-imports`` in a subprocess, on the checkout and on a copy of
the package with one import added.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
#: Contract id -> name, as pyproject.toml declares them.
CONTRACTS = {c["id"]: c["name"] for c in tomllib.loads(
    (ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]}


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the package found from ``cwd``, with the project's contracts."""
    script = Path(sys.executable).with_name("lint-imports")
    command = [str(script)] if script.exists() else [
        sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()"]
    return subprocess.run([*command, "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
                          cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def broken(output: str) -> set[str]:
    """The ids of the contracts the run reports broken."""
    return {key for key, name in CONTRACTS.items() if f"{name} BROKEN" in output}


def test_the_checkout_keeps_every_contract() -> None:
    found = lint_imports(ROOT)
    assert found.returncode == 0, found.stdout + found.stderr
    assert set(CONTRACTS) == {"layers", "families", "tree", "cli", "acyclic"}
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in found.stdout


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package, so a breach can be added without touching the checkout."""
    where = tmp_path_factory.mktemp("breach")
    shutil.copytree(ROOT / "awesome_lint", where / "awesome_lint",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return where


BREACHES = {
    # module written into the copy -> the contracts it must break
    # (an upward import also closes a cycle: the layer above imports this one)
    "syntax/_upward.py": ("from awesome_lint.rules import Rule\n",
                          ("layers", "tree", "acyclic")),
    "rules/papers/_sibling.py": ("from awesome_lint.rules.badges import read\n",
                                 ("families",)),
    "report/_cli.py": ("import awesome_lint.cli\n", ("layers", "cli", "acyclic")),
    "syntax/_cycle_a.py": ("from awesome_lint.syntax import _cycle_b\n", ("acyclic",)),
}


@pytest.mark.parametrize("module", sorted(BREACHES))
def test_a_breach_fails(copy: Path, module: str) -> None:
    source, expected = BREACHES[module]
    path = copy / "awesome_lint" / module
    path.write_text(source, encoding="utf-8")
    partner = copy / "awesome_lint" / "syntax" / "_cycle_b.py"
    if module.endswith("_cycle_a.py"):
        partner.write_text("from awesome_lint.syntax import _cycle_a\n", encoding="utf-8")
    try:
        found = lint_imports(copy)
    finally:
        path.unlink()
        partner.unlink(missing_ok=True)
    assert found.returncode != 0
    assert broken(found.stdout) == set(expected), found.stdout + found.stderr


# -- docs/architecture.md follows the package -----------------------------------------------
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def test_architecture_names_every_folder_module_and_family() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    package = ROOT / "awesome_lint"
    names = [f"{p.name}/" for p in package.iterdir() if (p / "__init__.py").is_file()]
    names += [p.name for p in package.glob("*.py") if not p.name.startswith("__")]
    names += [f"{p.name}/" for p in (package / "rules").iterdir() if (p / "__init__.py").is_file()]
    missing = [name for name in sorted(names) if f"`{name}`" not in text]
    assert not missing, f"docs/architecture.md does not say what these hold: {missing}"


def test_architecture_states_the_layers_as_configured() -> None:
    """The layer order in the docs is the one the contract enforces."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [layers] = [c["layers"] for c in config["tool"]["importlinter"]["contracts"]
                if c["id"] == "layers"]
    written = " → ".join(" | ".join(f"`{name.strip()}`" for name in layer.split("|"))
                         for layer in layers)
    text = " ".join(ARCHITECTURE.read_text(encoding="utf-8").split())
    assert written in text, written


def test_every_rule_family_is_in_the_independence_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [listed] = [c["modules"] for c in config["tool"]["importlinter"]["contracts"]
                if c["id"] == "families"]
    folders = ROOT / "awesome_lint" / "rules"
    found = {f"awesome_lint.rules.{p.name}" for p in folders.iterdir()
             if (p / "__init__.py").is_file()}
    assert set(listed) == found
