"""Start-up tricks (9) and (10): the plain ``check PATH...`` runs without click, and
``dataclasses`` gets ``inspect`` only when it calls it (:mod:`awesome_lint.startup.entry`).

The plain path must answer exactly as click's: every comparison runs the same check twice
through the real entry point, once as ``check PATH...`` and once with ``--color auto`` (the
default, spelled out), which click parses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_lint import startup
from tests.conftest import shared_lists

ENTRY = [sys.executable, "-m", "awesome_lint"]
ROOT = Path(__file__).resolve().parents[1]


def _bare(env: dict[str, str] | None = None) -> tuple[list[str], dict[str, str]]:
    """A Python that imports nothing at start-up beyond the interpreter's own (``-S``: no
    ``.pth`` files, such as an editable install's finder, which imports ``pathlib``), with
    this checkout and the installed packages on its path, as an installed wheel runs."""
    import site

    path = os.pathsep.join([str(ROOT), *site.getsitepackages()])
    return [sys.executable, "-S"], {**os.environ, **(env or {}), "PYTHONPATH": path}


def _run(args: list[str], cwd: Path, cache: Path, **env: str
         ) -> tuple[int, str, str]:
    proc = subprocess.run([*ENTRY, *args], capture_output=True, cwd=cwd,
                          env={**os.environ, "AWESOME_LINT_CACHE_DIR": str(cache),
                               "NO_COLOR": "", "FORCE_COLOR": "", **env})
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


def _both(paths: list[str], cwd: Path, cache: Path, **env: str) -> tuple[int, str, str]:
    """The plain run's answer, after checking it equals click's."""
    plain = _run(["check", *paths], cwd, cache, **env)
    clicked = _run(["check", "--color", "auto", *paths], cwd, cache, **env)
    assert plain == clicked
    return plain


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.mark.parametrize("path", shared_lists(), ids=lambda p: p.name)
def test_a_real_list_reads_the_same_without_click(path: Path, cache: Path) -> None:
    code, out, _ = _both([str(path)], path.parent, cache)
    assert code in (0, 1)
    assert out


def test_clean_missing_and_several_files(tmp_path: Path, cache: Path) -> None:
    good = tmp_path / "README.md"
    good.write_text("# Awesome X\n\n- [A](https://example.org) - An example.\n")
    bad = tmp_path / "docs" / "README.md"
    bad.parent.mkdir()
    bad.write_text("# Awesome Y\n\n* [A](https://example.org)\n* [A](https://example.org)\n")
    assert _both([str(good)], tmp_path, cache)[0] == 0
    assert _both([str(good), str(bad)], tmp_path, cache)[0] == 1
    assert _both([str(bad), str(tmp_path / "gone.md")], tmp_path, cache)[0] == 2
    assert _both(["--exit-zero", str(good), str(bad)], tmp_path, cache)[0] == 0
    assert _both([str(bad), "--exit-zero", str(tmp_path / "gone.md")], tmp_path, cache)[0] == 2
    assert _both([], tmp_path, cache)[0] == 0  # README.md of the current folder
    assert _both(["docs"], tmp_path, cache)[0] == 1  # a folder


def test_colour_and_escapes(tmp_path: Path, cache: Path) -> None:
    """Colour forced on (click styles the report), and a path holding an escape character
    (printed escaped, and through click's own ``echo``)."""
    readme = tmp_path / "README\x1b[31m.md"
    readme.write_text("# Awesome X\n\n* [A](https://example.org)\n* [A](https://example.org)\n")
    coloured = _both([str(readme)], tmp_path, cache, FORCE_COLOR="1")
    assert coloured[0] == 1 and "\x1b[" in coloured[1]
    assert _both([str(readme)], tmp_path, cache)[0] == 1


def test_a_config_error_is_one_line(tmp_path: Path, cache: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.awesome-lint]\nselect = 3\n")
    (tmp_path / "README.md").write_text("# Awesome X\n\n- [A](https://example.org) - A.\n")
    code, out, err = _both(["README.md"], tmp_path, cache)
    assert code == 2 and not out
    assert err.startswith("awesome-lint: ") and err.count("\n") == 1


def test_a_link_check_from_the_config_notes_the_same(tmp_path: Path, cache: Path) -> None:
    """Links checked because the config says so: the run's note on standard error (the
    loopback link is refused before any request: no network)."""
    (tmp_path / "pyproject.toml").write_text("[tool.awesome-lint.links]\ncheck = true\n")
    (tmp_path / "README.md").write_text("# Awesome X\n\n- [A](http://127.0.0.1:9/a) - An a.\n")
    code, out, err = _both(["README.md"], tmp_path, cache)
    assert code == 1 and "LNK106" in out and err.startswith("Links: 1 checked")


def test_an_ascii_stdout_goes_through_click(tmp_path: Path, cache: Path) -> None:
    """click writes to an ASCII stream through a wrapper of its own: the plain run steps
    aside, and the output is still the same."""
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n* [Ä](https://example.org)\n* [Ä](https://example.org)\n")
    _both([str(readme)], tmp_path, cache, PYTHONIOENCODING="ascii")


def _loaded_by_entry(args: list[str], cache: Path, **env: str) -> set[str]:
    code = ("import sys\n"
            f"sys.argv = ['awesome-lint', *{args!r}]\n"
            "from awesome_lint import startup\n"
            "startup.exit_now = lambda code: (print(' '.join(sorted(sys.modules)),"
            " file=sys.stderr), sys.exit(code))\n"
            "from awesome_lint.__main__ import main\nmain()\n")
    python, environment = _bare({"AWESOME_LINT_CACHE_DIR": str(cache), **env})
    proc = subprocess.run([*python, "-c", code], capture_output=True, text=True,
                          env=environment)
    assert proc.returncode in (0, 1), proc.stderr
    return set(proc.stderr.split())


def test_the_plain_check_imports_neither_click_nor_inspect(tmp_path: Path,
                                                            cache: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n- [A](https://example.org) - An example.\n")
    loaded = _loaded_by_entry(["check", str(readme)], cache)
    assert "awesome_lint.engine" in loaded
    assert not [name for name in ("click", "awesome_lint.cli", "inspect", "ast", "uuid",
                                  "ipaddress", "copy", "weakref", "glob") if name in loaded]
    assert "click" not in _loaded_by_entry(["check", "--exit-zero", str(readme)], cache)
    assert "click" in _loaded_by_entry(["check", "-q", str(readme)], cache)


@pytest.mark.parametrize(("argv", "paths"), [
    (["check", "a.md", "b/"], (["a.md", "b/"], False)),
    (["check"], ([], False)),
    (["check", "--exit-zero", "a.md"], (["a.md"], True)),
    (["check", "a.md", "--exit-zero", "b.md"], (["a.md", "b.md"], True)),
    (["check", "--exit-zero=1", "a.md"], None),
    (["check", "--exit"], None),
    (["check", "-"], None),
    (["check", "--select", "DUP", "a.md"], None),
    (["check", "a.md", "-q"], None),
    (["fix", "a.md"], None),
    (["--version"], None),
    ([], None),
])
def test_which_command_lines_are_plain(argv: list[str],
                                       paths: tuple[list[str], bool] | None,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert startup.plain_check(argv) == paths
    monkeypatch.setenv("_AWESOME_LINT_COMPLETE", "bash_complete")  # click completes words
    assert startup.plain_check(argv) is None


def test_deferred_inspect_answers_as_inspect() -> None:
    """A dataclass without a docstring (the one call ``dataclasses`` makes) gets the same
    docstring; until then ``inspect`` stays unimported, and afterwards it is the real one."""
    code = ("import sys\n"
            "from awesome_lint import startup\n"
            "deferred = startup.defer_inspect()\n"
            "import dataclasses\n"
            "before = 'inspect' in sys.modules\n"
            "@dataclasses.dataclass\n"
            "class Point:\n    x: int\n"
            "    y: 'list[str]' = dataclasses.field(default_factory=list)\n"
            "import inspect\n"
            "copied = dataclasses.asdict(Point(1, ['a']))\n"
            "print(deferred, before, Point.__doc__, inspect.signature is not None,\n"
            "      type(inspect).__name__, copied)\n")
    python, env = _bare()
    out = subprocess.run([*python, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout.split(" ", 2)
    assert out[:2] == ["True", "False"]
    assert out[2] == "Point(x: int, y: 'list[str]' = <factory>) True module " \
        "{'x': 1, 'y': ['a']}\n"


def test_deferred_ipaddress_answers_as_ipaddress() -> None:
    """``urllib.parse`` with ``ipaddress`` deferred splits bracketed hosts (the one use) as
    with the real module, errors included; anything importing it later gets the real one."""
    code = ("import sys\n"
            "from awesome_lint import startup\n"
            "deferred = startup.defer_ipaddress() if sys.argv[1] == 'defer' else None\n"
            "from urllib.parse import urlsplit\n"
            "before = 'ipaddress' in sys.modules\n"
            "out = []\n"
            "for url in ('http://[::1]:8080/a', 'http://[v1.x]/', 'http://[1.2.3.4]/',\n"
            "            'http://[zz]/', 'https://example.org/'):\n"
            "    try:\n"
            "        out.append(urlsplit(url).hostname)\n"
            "    except ValueError as err:\n"
            "        out.append(str(err))\n"
            "import ipaddress\n"
            "print(deferred, before, out, type(ipaddress).__name__, ipaddress.ip_address('::1'))\n")
    python, env = _bare()
    run = [subprocess.run([*python, "-c", code, how], capture_output=True, text=True, env=env,
                          check=True).stdout.split(" ", 2) for how in ("defer", "plain")]
    assert run[0][:2] == ["True", "False"]
    assert run[0][2] == run[1][2]
    assert "module ::1" in run[0][2] and "does not appear to be an IPv4 or IPv6" in run[0][2]


@pytest.mark.parametrize("args", [["check"], ["check", "-q"]])
def test_no_collection_while_the_command_imports(tmp_path: Path, cache: Path,
                                                 args: list[str]) -> None:
    """The cyclic collector is off before the command imports anything (27 collections,
    2 ms of a seed's ``check``, when it was switched off after the imports)."""
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n- [A](https://example.org) - An example.\n")
    code = ("import gc, sys\n"
            f"sys.argv = ['awesome-lint', *{args!r}, {str(readme)!r}]\n"
            "from awesome_lint import startup\n"
            "from awesome_lint.__main__ import main\n"
            "runs = []\n"
            "gc.callbacks.append(lambda phase, info: runs.append(phase))\n"
            "startup.exit_now = lambda code: (print(len(runs), file=sys.stderr),"
            " sys.exit(code))\n"
            "main()\n")
    python, env = _bare({"AWESOME_LINT_CACHE_DIR": str(cache)})
    proc = subprocess.run([*python, "-c", code], capture_output=True, text=True, env=env)
    assert proc.stderr.split()[-1] == "0", proc.stderr
