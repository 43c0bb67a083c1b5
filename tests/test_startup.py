"""The speed tricks of ``awesome_lint.startup`` keep the answers they short-cut."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint import rules, startup, venues
from awesome_lint.syntax import mojibake

CODE_PAGES = ["latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257",
              "iso-8859-2", "mac_roman", "cp437"]


def _decoded(byte_values: range | list[int], pages: list[str]) -> set[str]:
    found = set()
    for page in pages:
        for value in byte_values:
            try:
                found.add(bytes([value]).decode(page))
            except UnicodeDecodeError:
                continue
    return found


def _members(char_class: str) -> set[str]:
    import re

    pattern = re.compile(f"[{char_class}]")
    return {chr(c) for c in range(0x80, 0x10000) if pattern.fullmatch(chr(c))}


def test_mojibake_classes_are_derived_from_ftfys_code_pages() -> None:
    import ftfy.chardata

    assert len(ftfy.chardata.CHARMAP_ENCODINGS) == len(CODE_PAGES)
    assert _members(mojibake.LEAD) == _decoded(range(0xC0, 0xF8), CODE_PAGES)
    assert _members(mojibake.CONTINUATION) == _decoded(range(0x80, 0xC0), CODE_PAGES)
    a0_leads = [0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE2, 0xE3, 0xF0]
    assert _members(mojibake.LEAD_BEFORE_A0) == _decoded(
        a0_leads, [p for p in CODE_PAGES if p != "mac_roman"])


_ALPHABET = sorted(_decoded(range(0x80, 0x100), CODE_PAGES) | set("ab ?\x1a-–’é"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=8))
def test_ftfy_leaves_alone_what_the_pre_check_skips(line: str) -> None:
    import ftfy

    if not mojibake.may_be_utf8().search(line):
        assert ftfy.fix_encoding(line) == line


def test_common_typography_does_not_load_ftfy() -> None:
    code = ("import sys; from awesome_lint.syntax import mojibake; "
            "assert mojibake.find('A – b ‘c’ “d” café.') == []; print('ftfy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_mojibake_still_found_behind_the_pre_check() -> None:
    assert [m.repaired for m in mojibake.find("caf\u00c3\u00a9")] == ["é"]
    assert [m.repaired for m in mojibake.find("A \u201a\u2260\u00ea star")] == ["⭐"]
    assert [m.repaired for m in mojibake.find("voil\u00c3 le travail")] == ["à"]


# -- cached TOML ------------------------------------------------------------------------------


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AWESOME_LINT_CACHE_DIR", str(folder))
    return folder


def test_cached_venues_agree_with_the_toml(cache: Path) -> None:
    fresh = startup.parse_toml(venues.DATA_PATH.read_bytes())
    first = startup.cached_toml(venues.DATA_PATH)  # parses and writes the cache
    assert len(list(cache.glob("venues-*.marshal"))) == 1
    second = startup.cached_toml(venues.DATA_PATH)  # reads the cache
    assert first == second == fresh
    cached = venues.load_registry()
    assert [v for v in cached] == list(startup_free_registry())


def test_the_cached_registry_agrees_with_a_fresh_build(cache: Path) -> None:
    """The checked venues and the indexes kept between runs build the very registry that
    checking and indexing the TOML builds."""
    fresh = startup_free_registry()
    first = venues.load_registry()  # checks, indexes and writes the cache
    assert len(list(cache.glob("venues-checked-*.marshal"))) == 1
    second = venues.load_registry()  # from the cache
    for registry in (first, second):
        assert registry.venues == fresh.venues
        assert registry._index() == fresh._index()
        assert registry._near() == fresh._near()
        assert registry.topic_badges == fresh.topic_badges
    for text in ["NIPS", "NeurIPS 2019", "cvpr", "T RO", "ICCV Workshop", "Eurospeech",
                 "JMLR", "arXiv", "nonsense"]:
        assert second.lookup(text) == fresh.lookup(text), text
        assert second.closest(text) == fresh.closest(text), text
    extra = {"Gml": {"name": "Gml", "full_name": "Graph ML", "first_year": 2020}}
    assert second.extend(venues=extra).venues == fresh.extend(venues=extra).venues


def test_a_damaged_registry_cache_builds_the_registry_again(cache: Path) -> None:
    venues.load_registry()
    (path,) = cache.glob("venues-checked-*.marshal")
    for damaged in ({"venues": [{"key": "x"}], "index": {}}, {"venues": []}, {}):
        path.write_bytes(marshal.dumps(damaged))
        assert venues.load_registry().venues == startup_free_registry().venues


def test_cached_data_follows_the_code_behind_it(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "d.toml"
    data.write_text("x = 1\n")
    code = tmp_path / "code.py"
    code.write_text("# v1\n")
    assert startup.cached_toml(data, lambda raw: {"v": 1}, name="d", depends=(str(code),)) \
        == {"v": 1}
    assert startup.cached_toml(data, lambda raw: {"v": 2}, name="d", depends=(str(code),)) \
        == {"v": 1}  # read back
    code.write_text("# version 2\n")
    assert startup.cached_toml(data, lambda raw: {"v": 2}, name="d", depends=(str(code),)) \
        == {"v": 2}  # other code: made again
    assert startup.cached_toml(data, lambda raw: {"v": 3}, name="d",
                               depends=(str(tmp_path / "gone.py"),)) == {"v": 3}


def startup_free_registry() -> venues.Registry:
    """The registry built from a plain TOML parse, bypassing every cache."""
    data = startup.parse_toml(venues.DATA_PATH.read_bytes())
    return venues.Registry(venues.venue_from_table(k, t, strict=True)
                           for k, t in data["venue"].items())


def test_an_edited_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "venues.toml"
    data.write_text('[venue.a]\nname = "A"\n')
    assert startup.cached_toml(data) == {"venue": {"a": {"name": "A"}}}
    data.write_text('[venue.a]\nname = "B"\n')
    assert startup.cached_toml(data) == {"venue": {"a": {"name": "B"}}}
    assert len(list(cache.glob("venues-*.marshal"))) == 2


def test_a_corrupt_cache_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "d.toml"
    data.write_text("x = 1\n")
    startup.cached_toml(data)
    (entry,) = cache.glob("d-*.marshal")
    entry.write_bytes(b"\x00garbage")
    assert startup.cached_toml(data) == {"x": 1}
    entry.write_bytes(marshal.dumps(["not", "a", "dict"]))
    assert startup.cached_toml(data) == {"x": 1}


def test_an_unwritable_cache_folder_still_parses(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("AWESOME_LINT_CACHE_DIR", str(blocker / "cache"))
    data = tmp_path / "d.toml"
    data.write_text("when = 1979-05-27\n")  # a date: marshal cannot hold it
    assert str(startup.cached_toml(data)["when"]) == "1979-05-27"
    data.write_text("x = 2\n")
    assert startup.cached_toml(data) == {"x": 2}


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AWESOME_LINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert startup.cache_dir() == tmp_path / "awesome-lint"


def test_no_home_no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("AWESOME_LINT_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # "~" stays "~"
    monkeypatch.chdir(tmp_path)
    assert startup.cache_dir() is None
    data = tmp_path / "d.toml"
    data.write_text("x = 3\n")
    assert startup.cached_toml(data) == {"x": 3}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.toml"]


# -- plugin scan ------------------------------------------------------------------------------


def test_plugin_scan_finds_a_declared_group(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    dist = tmp_path / "acme_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[console_scripts]\nx = y\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing")])
    assert not startup.any_plugin_declared("awesome_lint.rules")
    (dist / "entry_points.txt").write_text("[awesome_lint.rules]\nacme = acme.rules\n")
    assert startup.any_plugin_declared("awesome_lint.rules")


# -- what each command imports ----------------------------------------------------------------


def _imported_after(args: list[str]) -> set[str]:
    code = ("import sys, runpy\n"
            f"sys.argv = ['awesome-lint', *{args!r}]\n"
            "from awesome_lint.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"})
    return set(proc.stderr.split())


@pytest.mark.parametrize("args", [["--version"], ["rules"], ["explain", "DUP001"]])
def test_commands_that_lint_nothing_skip_the_engine(args: list[str]) -> None:
    loaded = _imported_after(args)
    assert "awesome_lint.cli" in loaded
    heavy = ["awesome_lint.engine", "awesome_lint.syntax.parser", "mistletoe", "ftfy", "httpx",
             "cmarkgfm", "awesome_lint.autofix.formatter"]
    if args == ["--version"]:  # no command module at all: click and the command table
        heavy += ["awesome_lint.rules", "regex", "awesome_lint.model", "awesome_lint.config",
                  "awesome_lint.report", "awesome_lint.venues", "awesome_lint.cli.check"]
    assert not [name for name in heavy if name in loaded]


# -- rule families by selection ---------------------------------------------------------------


def test_rule_index_agrees_with_the_rule_classes() -> None:
    from awesome_lint import rules
    from awesome_lint.rules.index import RULE_INDEX

    actual = tuple((r.code, r.name, r.category) for r in rules.all_rules()
                   if rules.is_builtin(r))
    assert actual == RULE_INDEX, "regenerate it: python -m awesome_lint.rules.index"
    module_of = {r.code: r.__module__ for r in rules.all_rules()}
    for code, _, _ in RULE_INDEX:
        # the family's module, or a module inside the family's package
        family = rules._family_of(code)
        assert module_of[code] == family or module_of[code].startswith(family + ".")


def _families_loaded(code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return out.split()


def test_a_selection_imports_only_its_families() -> None:
    loaded = _families_loaded(
        "import sys\nfrom awesome_lint.rules import iter_selected, is_valid_selector\n"
        "assert is_valid_selector('LNK0')\n"
        "names = [r.code for r in iter_selected(['LNK001', 'duplicates'], ['DUP002'])]\n"
        "assert 'LNK001' in names and 'DUP001' in names and 'DUP002' not in names, names\n"
        "print(' '.join(m for m in sys.modules if m.startswith('awesome_lint.rules.')))")
    assert "awesome_lint.rules.links" in loaded
    assert "awesome_lint.rules.duplicates" in loaded
    assert "awesome_lint.rules.badges" not in loaded
    assert "awesome_lint.rules.links.http" not in loaded


def test_selection_answers_match_a_full_load() -> None:
    from awesome_lint import rules

    for selector in ["ALL", "LNK", "LNK1", "badges", "duplicate-url", "AWE", "nonsense", "S"]:
        expected = [r for r in rules.all_rules() if rules.matches(r, selector)]
        assert list(rules.iter_selected([selector], [])) == expected
        assert rules.is_valid_selector(selector) == bool(expected)
    assert rules.find_rule("dup001") is next(r for r in rules.all_rules() if r.code == "DUP001")
    assert rules.find_rule("no-such-rule") is None


def test_an_offline_check_never_imports_the_link_checker(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n- [A](https://example.org) - An example.\n")
    loaded = _imported_after(["check", "--exit-zero", str(readme)])
    assert "awesome_lint.engine" in loaded
    assert not [name for name in ("awesome_lint.linkcheck", "asyncio", "httpx")
                if name in loaded]


def test_a_small_check_skips_what_it_does_not_use(tmp_path: Path) -> None:
    """ftfy (a line it would change only), git's subprocess (a folder argument only), json
    (``--statistics --format json`` only) stay unimported by a plain ``check``."""
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n- [A](https://example.org) - An example café – "
                      "Tom\u00e1\u0161 \u2018quoted\u2019.\n", encoding="utf-8")
    loaded = _imported_after(["check", "--exit-zero", str(readme)])
    assert "awesome_lint.engine" in loaded
    assert not [name for name in ("ftfy", "wcwidth", "subprocess", "json") if name in loaded]


def test_a_small_check_imports_no_fixer_and_no_network_family(tmp_path: Path) -> None:
    """``check`` applies no fix (``autofix``), completes no shell word
    (``click.shell_completion``) and, offline, runs no rule of a network-only family."""
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n- [A](https://example.org) - An example.\n")
    loaded = _imported_after(["check", "--exit-zero", str(readme)])
    assert "awesome_lint.rules.links" in loaded
    assert not [name for name in ("awesome_lint.autofix.apply", "awesome_lint.autofix.linemap",
                                  "click.shell_completion", *rules.NETWORK_FAMILIES)
                if name in loaded]


def test_network_families_are_those_whose_every_rule_needs_the_network() -> None:
    by_family: dict[str, set[bool]] = {}
    for rule in rules.all_rules():
        if rules.is_builtin(rule):
            by_family.setdefault(rules._family_of(rule.code), set()).add(rule.needs_network)
    assert {f for f, needs in by_family.items() if needs == {True}} == rules.NETWORK_FAMILIES


def test_offline_selection_answers_match_a_full_load() -> None:
    """Skipping the network families (in a fresh process) changes no answer of the engine."""
    selections = [("ALL",), ("LNK",), ("PAP",), ("links", "papers")]
    code = ("from awesome_lint.config import Config\n"
            "from awesome_lint.engine import selected_rules\n"
            f"for select in {selections!r}:\n"
            "    print(','.join(r.code for r in selected_rules(Config(select=select))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    expected = [",".join(r.code for r in rules.all_rules()
                         if any(rules.matches(r, s) for s in select) and not r.needs_network)
                for select in selections]
    assert out == expected


def test_a_list_without_badges_never_builds_the_venue_registry(tmp_path: Path) -> None:
    code = ("import sys\nfrom awesome_lint import lint\n"
            "from awesome_lint.venues import default_registry\n"
            "lint('# Awesome X\\n\\n- [A](https://example.org) - An example.\\n')\n"
            "print(default_registry.cache_info().currsize)\n"
            "lint('# Awesome X\\n\\n- [A](https://example.org) <kbd>CVPR 2017</kbd>\\n')\n"
            "print(default_registry.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["0", "1"]


def test_the_entry_point_keeps_version_light(tmp_path: Path) -> None:
    """``awesome-lint --version`` through the installed entry point (the compiled cache on)
    imports no command module, no rule and no parser."""
    code = ("import sys\nsys.argv = ['awesome-lint', '--version']\n"
            "from awesome_lint import startup\n"
            "startup.exit_now = lambda code: (print(' '.join(sorted(sys.modules)),"
            " file=sys.stderr), sys.exit(code))\n"
            "from awesome_lint.__main__ import main\nmain()\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "AWESOME_LINT_CACHE_DIR": str(tmp_path)})
    loaded = set(proc.stderr.split())
    assert proc.stdout.startswith("awesome-lint, version")
    assert "awesome_lint.cli" in loaded
    assert not [name for name in ("awesome_lint.engine", "awesome_lint.rules", "regex",
                                  "mistletoe", "ftfy", "awesome_lint.cli.check") if name in loaded]


def test_clean_removes_the_start_up_cache_and_nothing_else(cache: Path, tmp_path: Path) -> None:
    startup.cached_toml(venues.DATA_PATH)
    keep = cache / "notes.txt"
    keep.write_text("not ours")
    assert list(cache.glob("*.marshal"))
    env = {**os.environ, "AWESOME_LINT_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-m", "awesome_lint", "clean", str(tmp_path)],
                         capture_output=True, text=True, check=True, env=env).stdout
    assert "start-up cache" in out
    assert not list(cache.glob("*.marshal"))
    assert keep.read_text() == "not ours"
