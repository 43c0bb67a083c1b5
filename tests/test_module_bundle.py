"""Start-up trick (11): the package's modules imported from one file of code objects
(:class:`awesome_lint.startup.ModuleBundle`), each checked against its source as Python
checks a ``.pyc``, with the usual import as the fallback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_lint.startup import ModuleBundle
from awesome_lint.startup.bundle import bundle_path

PACKAGE = "bundled_pkg_for_test"


@pytest.fixture
def package(tmp_path: Path) -> Iterator[Path]:
    """A package of three modules on ``sys.path``, forgotten again afterwards."""
    root = tmp_path / "src" / PACKAGE
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "one.py").write_text("VALUE = 1\n\ndef where():\n    return __file__\n")
    (root / "sub" / "__init__.py").write_text("from . import two\n")
    (root / "sub" / "two.py").write_text("from .. import one\nVALUE = one.VALUE + 1\n")
    sys.path.insert(0, str(root.parent))
    yield root
    sys.path.remove(str(root.parent))
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]


def _import_with(bundle: ModuleBundle) -> dict[str, object]:
    """Import the package's modules afresh with ``bundle`` first on the meta path; which
    loader each came from, and what it holds."""
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]
    sys.meta_path.insert(0, bundle)  # type: ignore[arg-type]
    try:
        __import__(f"{PACKAGE}.sub.two")
        one = sys.modules[f"{PACKAGE}.one"]
        two = sys.modules[f"{PACKAGE}.sub.two"]
        sub = sys.modules[f"{PACKAGE}.sub"]
        return {"bundled": sorted(n.rsplit(".", 1)[-1] for n in (one.__name__, sub.__name__,
                                                                 two.__name__)
                                  if sys.modules[n].__spec__.loader is bundle),
                "one": one.VALUE, "two": two.VALUE, "file": one.where(),
                "path": list(sub.__path__), "cached": one.__cached__}
    finally:
        sys.meta_path.remove(bundle)  # type: ignore[arg-type]


def test_modules_come_from_the_bundle_as_they_would_from_their_files(
        package: Path, tmp_path: Path) -> None:
    __import__(PACKAGE)
    store = tmp_path / "bundle.marshal"
    first = ModuleBundle(str(package), store, PACKAGE)
    plain = _import_with(first)
    assert plain["bundled"] == []  # nothing stored yet: the usual import
    first.save()
    assert store.is_file()
    second = ModuleBundle(str(package), store, PACKAGE)
    bundled = _import_with(second)
    assert bundled.pop("bundled") == ["one", "sub", "two"]
    plain.pop("bundled")
    assert bundled == plain  # same values, __file__, __path__ and __cached__
    assert not second.missed


def test_an_edited_module_is_imported_from_its_source(package: Path, tmp_path: Path) -> None:
    __import__(PACKAGE)
    store = tmp_path / "bundle.marshal"
    first = ModuleBundle(str(package), store, PACKAGE)
    _import_with(first)
    first.save()
    (package / "one.py").write_text("VALUE = 10\n\ndef where():\n    return __file__\n")
    second = ModuleBundle(str(package), store, PACKAGE)
    found = _import_with(second)
    assert found["bundled"] == ["sub", "two"]
    assert (found["one"], found["two"]) == (10, 11)
    second.save()  # and stored afresh
    assert _import_with(ModuleBundle(str(package), store, PACKAGE))["one"] == 10


@pytest.mark.parametrize("content", [b"", b"not marshal at all", None])
def test_a_damaged_or_foreign_bundle_imports_as_usual(package: Path, tmp_path: Path,
                                                      content: bytes | None) -> None:
    __import__(PACKAGE)
    store = tmp_path / "bundle.marshal"
    first = ModuleBundle(str(package), store, PACKAGE)
    _import_with(first)
    first.save()
    if content is None:  # a bundle made for another folder
        assert ModuleBundle(str(tmp_path), store, PACKAGE).index == {}
        return
    store.write_bytes(content)
    found = _import_with(ModuleBundle(str(package), store, PACKAGE))
    assert found["bundled"] == [] and found["two"] == 2


def test_an_unwritable_cache_folder_imports_as_usual(package: Path, tmp_path: Path) -> None:
    __import__(PACKAGE)
    blocker = tmp_path / "file"
    blocker.write_text("")
    bundle = ModuleBundle(str(package), blocker / "cache" / "bundle.marshal", PACKAGE)
    assert _import_with(bundle)["two"] == 2
    bundle.save()  # nothing written, nothing raised
    assert not (blocker / "cache").exists()


def test_a_truncated_bundle_imports_the_cut_module_as_usual(package: Path,
                                                           tmp_path: Path) -> None:
    __import__(PACKAGE)
    store = tmp_path / "bundle.marshal"
    first = ModuleBundle(str(package), store, PACKAGE)
    _import_with(first)
    first.save()
    store.write_bytes(store.read_bytes()[:-10])  # the last module's code is cut short
    found = _import_with(ModuleBundle(str(package), store, PACKAGE))
    assert len(found["bundled"]) == 2  # type: ignore[arg-type]
    assert (found["one"], found["two"]) == (1, 2)


def test_the_command_line_imports_the_package_from_its_bundle(tmp_path: Path) -> None:
    """Through the real entry point: the first run stores the bundle, the second imports
    the package from it, and both print what a run without any cache prints."""
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n* [A](https://example.org)\n* [A](https://example.org)\n")
    code = ("import sys\n"
            f"sys.argv = ['awesome-lint', 'check', {str(readme)!r}]\n"
            "from awesome_lint import startup\n"
            "def report(code):\n"
            "    bundle = startup.keep_modules()\n"
            "    n = sum(getattr(getattr(m, '__spec__', None), 'loader', None) is bundle\n"
            "            for m in list(sys.modules.values()))\n"
            "    print(n, file=sys.stderr)\n"
            "    startup.bundle.save_at_exit()\n"
            "    sys.exit(code)\n"
            "startup.exit_now = report\n"
            "from awesome_lint.__main__ import main\nmain()\n")
    env = {**os.environ, "AWESOME_LINT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env) for _ in range(2)]
    cold = subprocess.run([sys.executable, "-c", "from awesome_lint.cli import main; main()",
                           "check", str(readme)], capture_output=True, text=True)
    assert [r.stdout for r in runs] == [cold.stdout] * 2
    assert [r.returncode for r in runs] == [cold.returncode] * 2 == [1, 1]
    assert int(runs[0].stderr.split()[-1]) == 0
    assert int(runs[1].stderr.split()[-1]) > 50
    assert len(list((tmp_path / "cache").glob("modules-*.marshal"))) == 1


def test_the_bundle_is_named_by_python_build_and_folder(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWESOME_LINT_CACHE_DIR", str(tmp_path))
    one, two = bundle_path("/a/awesome_lint"), bundle_path("/b/awesome_lint")
    assert one is not None and two is not None and one != two
    assert f"{sys.hexversion:x}" in one.name
