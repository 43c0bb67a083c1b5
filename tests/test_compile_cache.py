"""The compiled cache of :mod:`awesome_lint.startup` gives back what compiling gives.

Patterns are replayed from what ``re``'s compiler handed to ``_sre.compile``, dataclass
methods from a cached code object: every entry a real ``check`` leaves in the cache is
compared with a fresh compile, dataclasses built through the cache behave as plain ones, and
the command's output does not depend on the cache being cold, warm, corrupt or unwritable."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from awesome_lint import startup

LIST = """# Awesome Cache

A list to check.

## Contents

- [Alpha](https://example.org/alpha) - First entry.
- [Beta](https://example.org/beta) - Second entry <kbd>CVPR 2017</kbd>.
- [Alpha](https://example.org/alpha) - Duplicate.
* [Gamma](http://example.org/gamma) — caf\u00c3\u00a9 star \u201a\u2260\u00ea.
"""


def _run(args: list[str], cache: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AWESOME_LINT_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A cache folder after one ``check`` of LIST, the list, and that run's output."""
    root = tmp_path_factory.mktemp("compiled")
    (root / "README.md").write_text(LIST, encoding="utf-8")
    cache = root / "cache"
    first = _run(["check", "README.md"], cache, root)
    assert first.returncode == 1, first.stderr
    return cache, root, first.stdout


def _entries(cache: Path) -> tuple[dict, dict]:  # type: ignore[type-arg]
    (methods,) = cache.glob("compiled-*-methods.marshal")
    (path,) = [p for p in cache.glob("compiled-*.marshal") if p != methods]
    assert methods.name == f"{path.stem}-methods.marshal"
    patterns, expressions = marshal.loads(path.read_bytes())
    sources, _ = marshal.loads(methods.read_bytes())
    for text, code in expressions.items():  # string annotations typing.ForwardRef compiled
        assert code == compile(text, "<string>", "eval", dont_inherit=True)
    return patterns, sources


def test_every_cached_pattern_equals_a_fresh_compile(warm: tuple[Path, Path, str]) -> None:
    import _sre  # type: ignore[import-not-found]

    patterns, _ = _entries(warm[0])
    assert len(patterns) > 100  # ours, click's, mistletoe's...
    compiler = getattr(re, "_compiler", None) or sys.modules["sre_compile"]
    for (text, flags), args in patterns.items():
        replayed = _sre.compile(text, args[0], startup.code_words(args[1]), *args[2:])
        fresh = compiler.compile(text, flags)
        assert replayed == fresh, text  # pattern, flags and compiled code
        assert (replayed.groups, dict(replayed.groupindex)) == \
            (fresh.groups, dict(fresh.groupindex))


def test_every_cached_method_equals_a_fresh_compile(warm: tuple[Path, Path, str]) -> None:
    _, sources = _entries(warm[0])
    assert len(sources) > 100  # the methods of our dataclasses
    for text, code in sources.items():
        assert code == compile(text, "<string>", "exec", dont_inherit=True)


def test_string_annotations_compile_as_typing_would(tmp_path: Path) -> None:
    """typing's ForwardRef, through the cache (cold, then warm), holds the code a plain
    ForwardRef holds, and evaluates the same."""
    code = ("import sys, typing\n"
            "from awesome_lint import startup\n"
            "cache = startup.keep_compiled()\n"
            "ref = typing.ForwardRef('list[int] | None')\n"
            "alias = typing.Optional['Token']\n"
            "print(typing.compile is not compile, ref.__forward_code__ == compile("
            "'list[int] | None', '<string>', 'eval'),\n"
            "      ref._evaluate(globals(), None, recursive_guard=frozenset()))\n"
            "cache.save()\n")
    env = {**os.environ, "AWESOME_LINT_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True).stdout for _ in range(2)]
    assert runs == ["True True list[int] | None\n"] * 2


def test_output_does_not_depend_on_the_cache(warm: tuple[Path, Path, str]) -> None:
    cache, root, cold = warm
    assert _run(["check", "README.md"], cache, root).stdout == cold  # warm
    for path in cache.glob("compiled-*.marshal"):
        path.write_bytes(b"\x00garbage")
    assert _run(["check", "README.md"], cache, root).stdout == cold  # corrupt: rewritten
    assert all(marshal.loads(path.read_bytes()) for path in cache.glob("compiled-*.marshal"))
    blocker = root / "file"
    blocker.write_text("")
    assert _run(["check", "README.md"], blocker / "cache", root).stdout == cold  # unwritable
    fixed = _run(["fix", "--diff", "README.md"], cache, root)
    assert fixed.stdout == _run(["fix", "--diff", "README.md"], root / "cold", root).stdout


DATACLASSES = '''
import dataclasses, pickle
from dataclasses import dataclass, field

@dataclass(frozen=True, order=True)
class Frozen:
    a: int
    b: str = "x"
    c: list = field(default_factory=list, compare=False)

@dataclass(slots=True, eq=True)
class Slotted:
    a: int
    b: float = 0.5

@dataclass(unsafe_hash=True, kw_only=True)
class KwOnly:
    a: int
    b: tuple = ()

@dataclass
class Plain:
    a: int
    b: "Plain | None" = None
    def __post_init__(self):
        self.a += 1

def behaviour():
    out = []
    f1, f2 = Frozen(1), Frozen(1, "y")
    out += [repr(f1), f1 == Frozen(1), f1 < f2, hash(f1) == hash(Frozen(1)), sorted([f2, f1])]
    try:
        f1.a = 2
    except dataclasses.FrozenInstanceError as error:
        out.append(type(error).__name__)
    s = Slotted(1)
    out += [repr(s), s == Slotted(1), hasattr(s, "__dict__"), Slotted.__slots__]
    try:
        s.z = 1
    except AttributeError as error:
        out.append(type(error).__name__)
    k = KwOnly(a=1)
    out += [repr(k), hash(k) == hash(KwOnly(a=1)), k == KwOnly(a=1, b=())]
    try:
        KwOnly(1)
    except TypeError as error:
        out.append(str(error))
    p = Plain(1, Plain(2))
    out += [repr(p), p.a, Plain.__init__.__annotations__, Plain.__init__.__qualname__,
            pickle.loads(pickle.dumps(f1)) == f1, dataclasses.fields(Frozen)[2].compare]
    return repr(out)
'''


def _behaviour(cache: Path, keep: bool) -> str:
    code = ("import sys\nfrom awesome_lint import startup\n"
            + ("startup.keep_compiled()\n" if keep else "")
            + DATACLASSES + "\nprint(behaviour())\nstartup.exit_now(0)\n")
    env = {**os.environ, "AWESOME_LINT_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True).stdout


def test_dataclasses_built_through_the_cache_behave_the_same(tmp_path: Path) -> None:
    plain = _behaviour(tmp_path, keep=False)
    assert "FrozenInstanceError" in plain and "AttributeError" in plain
    assert _behaviour(tmp_path, keep=True) == plain  # cold: compiles and saves
    assert list(tmp_path.glob("compiled-*.marshal"))
    assert _behaviour(tmp_path, keep=True) == plain  # warm: from the cache


def test_a_debug_pattern_is_never_cached(tmp_path: Path) -> None:
    code = ("import re\nfrom awesome_lint import startup\ncache = startup.keep_compiled()\n"
            "assert cache is not None\n"
            "re.compile('a+b', re.DEBUG)\nre.compile('c+d')\n"
            "print(sorted(k[0] for k in cache.patterns if k[0] in ('a+b', 'c+d')))\n")
    env = {**os.environ, "AWESOME_LINT_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "['c+d']"


def test_a_full_cache_keeps_what_its_run_used(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "compiled.marshal"
    old: dict[str, object] = {f"x{i} = 1\n": None for i in range(3)}
    (tmp_path / "compiled-methods.marshal").write_bytes(marshal.dumps((old, {})))
    monkeypatch.setattr(startup.compiled, "_COMPILED_CAP", 3)
    cache = startup.CompiledCache(path)
    assert cache.methods_path == tmp_path / "compiled-methods.marshal"
    assert cache.sources == old
    cache.source("y = 2\n")
    cache.save()
    sources, answers = marshal.loads(cache.methods_path.read_bytes())
    assert list(sources) == ["y = 2\n"] and answers == {}
    assert not path.exists()  # no pattern compiled: the patterns' file is not written


def test_damaged_entries_are_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "compiled.marshal"
    path.write_bytes(marshal.dumps(({("a+", 0): (0, [999999], 7)}, {"int": 42})))
    (tmp_path / "compiled-methods.marshal").write_bytes(marshal.dumps(({"x = 1\n": 42}, {})))
    cache = startup.CompiledCache(path)
    compiler: Any = getattr(re, "_compiler", None) or sys.modules["sre_compile"]
    recorder = startup.compiled._RecordingSre(compiler._sre)
    compiler._sre, real = recorder, compiler._sre
    try:
        pattern = cache.pattern(compiler.compile, recorder, real, "a+", 0)
    finally:
        compiler._sre = real
    assert pattern == re.compile("a+") and pattern.match("aa")
    assert cache.source("x = 1\n") == compile("x = 1\n", "<string>", "exec", dont_inherit=True)
    assert cache.expression("int") == compile("int", "<string>", "eval", dont_inherit=True)
    assert cache.patterns_changed and cache.methods_changed
