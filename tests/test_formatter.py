"""The canonical formatter behind ``awesome-lint fix``: fixtures, guarantees, real lists,
generated lists, atomic writes and the command line."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.autofix import guards
from awesome_lint.autofix.formatter import FormatOptions, format_document, validate
from awesome_lint.config import Config, ConfigError
from awesome_lint.engine import UnsafeFixError, fix_text
from awesome_lint.engine.schema import from_mapping
from awesome_lint.model import Document
from awesome_lint.syntax.parser import parse

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURE = ROOT / "fixtures" / "format.md"


# -- fixtures/format.md -------------------------------------------------------------------------
@dataclass
class FormatCase:
    title: str
    line: int
    input: str = ""
    formatted: str | None = None
    options: dict[str, str] = field(default_factory=dict)


def _text(lines: list[str], *, trim: bool) -> str:
    while trim and lines and not lines[-1].strip():
        lines = lines[:-1]
    text = "\n".join(lines) + "\n"
    if text.endswith("⏎\n"):
        text = text[: -len("⏎\n")]
    return text.replace("·", " ")


def load_cases(path: Path = FIXTURE) -> list[FormatCase]:
    """Cases as in the other fixture files, with the expected text under ``--- formatted``
    (the shared runner compares ``--- output`` with rule fixes alone)."""
    cases: list[FormatCase] = []
    section: str | None = None
    buffer: list[str] = []

    def finish() -> None:
        if cases and section == "input":
            cases[-1].input = _text(buffer, trim=False)
        elif cases and section == "formatted":
            cases[-1].formatted = _text(buffer, trim=True)

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("=== "):
            finish()
            cases.append(FormatCase(line[4:].strip(), number))
            section, buffer = None, []
        elif line.startswith("--- options:") and cases:
            for item in line.split(":", 1)[1].split():
                key, _, value = item.partition("=")
                cases[-1].options[key] = value
        elif line.startswith("--- ") and cases:
            finish()
            section, buffer = line[4:].strip(), []
        elif section is not None:
            buffer.append(line)
    finish()
    return cases


CASES = load_cases()


def case_config(case: FormatCase) -> Config:
    table: dict[str, object] = {}
    if "config" in case.options:
        table = tomllib.loads("x = " + case.options["config"])["x"]
    if "select" in case.options:
        table["select"] = case.options["select"].split(",")
    return from_mapping(table)


def test_format_fixtures_exist() -> None:
    assert len(CASES) >= 20
    assert all(case.formatted is not None for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.line}:{c.title}" for c in CASES])
def test_format_fixture(case: FormatCase) -> None:
    config = case_config(case)
    unsafe = "unsafe" in case.options
    result = fix_text(case.input, config, unsafe=unsafe, format=True)
    assert result.text == case.formatted
    again = fix_text(result.text, config, unsafe=unsafe, format=True)
    assert again.text == result.text, "fix is not idempotent"


# -- configuration ------------------------------------------------------------------------------
def test_format_table_is_validated() -> None:
    config = from_mapping({"format": {"bullet": "-", "sort-entries": True}})
    options = config.table("format")
    assert options == FormatOptions(bullet="-", sort_entries=True)
    with pytest.raises(ConfigError, match=r"unknown key 'format\.wrap'"):
        from_mapping({"format": {"wrap": 80}})
    with pytest.raises(ConfigError, match=r"format\.bullet"):
        from_mapping({"format": {"bullet": "x"}})
    with pytest.raises(ConfigError, match=r"format\.renumber"):
        from_mapping({"format": {"renumber": "yes"}})
    with pytest.raises(ConfigError, match="unknown part 'venue'"):
        from_mapping({"format": {"entry-order": ["title", "venue"]}})
    with pytest.raises(ConfigError, match="names a part twice"):
        validate({"entry-order": ["title", "title"]}, "format")
    assert validate({"entry-order": ["badges"]}, "format").entry_order == (
        "badges", "tags", "title", "resources", "description")


# -- the safety net -----------------------------------------------------------------------------
def test_a_formatter_change_of_rendering_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the formatter to change how a block renders, fix refuses and names the block."""
    import awesome_lint.autofix.formatter as engine  # fix_text imports format_document on use

    real = engine.format_document

    def broken(doc: Document, *args: object, **kwargs: object) -> object:
        result = real(doc)
        result.text = result.text.replace("* [B]", "    [B]")  # indented: now a code block
        return result

    monkeypatch.setattr(engine, "format_document", broken)
    text = "# T\n\n* [A](https://a.org)   \n* [B](https://b.org)\n"
    with pytest.raises(UnsafeFixError, match=r"renders line 3") as info:
        fix_text(text, format=True)
    assert info.value.line == 3


def test_a_formatter_loss_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import awesome_lint.autofix.formatter as engine  # fix_text imports format_document on use

    real = engine.format_document

    def lossy(doc: Document, *args: object, **kwargs: object) -> object:
        result = real(doc)
        result.text = result.text.replace(" <kbd>CVPR 2016</kbd>", "")
        result.reference = result.text
        return result

    monkeypatch.setattr(engine, "format_document", lossy)
    with pytest.raises(UnsafeFixError, match="lose the badge 'CVPR 2016'"):
        fix_text("*  [A](https://a.org) <kbd>CVPR 2016</kbd>\n", format=True)


# -- guarantees on real lists -------------------------------------------------------------------
def _real_lists() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted([*SHARED.glob("seeds/*"), *SHARED.glob("corpus/*.md")])


REAL = _real_lists()


def _contents(doc: Document) -> tuple[Counter[str], Counter[str], Counter[str]]:
    return (Counter(link.destination for link in doc.links if link.destination),
            Counter(" ".join(b.raw.split()) for b in doc.badges),
            Counter(t.name for e in doc.entries for t in e.tags))


def _words(text: str) -> Counter[str]:
    """Visible words of the rendered document: text content must survive formatting."""
    html = guards.render_html(text)
    return Counter(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.skipif(not REAL, reason="../shared is absent")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_real_list_guarantees(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for unsafe in (False, True):
        rule_fixed = fix_text(text, unsafe=unsafe).text
        once = fix_text(text, unsafe=unsafe, format=True)
        # idempotent
        assert fix_text(once.text, unsafe=unsafe, format=True).text == once.text
        # lossless: destinations, badges and tags, except those removed on purpose
        before, after = _contents(parse(rule_fixed)), _contents(parse(once.text))
        anchors = Counter({k: v for k, v in once.intended.items()})
        assert not before[0] - after[0] - anchors
        assert before[1] == after[1] and before[2] == after[2]
    # rendering-safe, on the whole document: the cosmetic changes render as the reference
    # does, to GitHub's renderer
    rule_fixed = fix_text(text).text.lstrip("\ufeff")
    formatted = format_document(parse(rule_fixed))
    assert guards.judge(formatted.reference, formatted.text) is None
    # text content preserved (TOC titles aside, which a TOC update may rename)
    if not formatted.toc_changed:
        assert _words(rule_fixed) == _words(formatted.text)


# -- generated lists ----------------------------------------------------------------------------
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
TITLE = st.lists(WORD, min_size=1, max_size=5).map(lambda ws: " ".join(ws).capitalize())
VENUES = ("CVPR", "ICCV", "NeurIPS", "ICLR", "MICCAI")


@dataclass
class GenEntry:
    title: str
    slug: str
    resources: list[str]
    badge: str | None
    tags: list[str]
    description: str | None


@st.composite
def entries(draw: st.DrawFn, index: int) -> GenEntry:
    title = draw(TITLE)
    resources = draw(st.lists(st.sampled_from(["Notes", "Code", "Video"]), max_size=2,
                              unique=True))
    badge = draw(st.none() | st.tuples(st.sampled_from(VENUES), st.integers(2010, 2023))
                 .map(lambda t: f"{t[0]} {t[1]}"))
    tags = draw(st.lists(st.sampled_from(["Gml", "Opt", "Net"]), max_size=2, unique=True))
    description = draw(st.none() | TITLE)
    return GenEntry(title, f"p{index}", resources, badge, tags, description)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """An awesome list in canonical form, and the same list with cosmetic noise."""
    sections = draw(st.lists(st.tuples(TITLE, st.integers(1, 5)), min_size=1, max_size=4,
                             unique_by=lambda s: s[0].lower()))
    bullet = draw(st.sampled_from("*-+"))
    clean: list[str] = ["# Awesome Generated", "", "A generated list.", ""]
    noisy: list[str] = [draw(st.sampled_from(["# Awesome Generated", "#   Awesome Generated"])),
                        "", "A generated list." + " " * draw(st.integers(0, 1))]
    counter = 0
    order_noise_left = None
    for title, count in sections:
        heading = "## " + title
        clean += [heading, ""]
        noisy += [""] * draw(st.integers(1, 3))
        noisy += ["##" + " " * draw(st.integers(1, 3)) + title]
        noisy += [""] * draw(st.integers(0, 2))
        found = [draw(entries(counter + i)) for i in range(count)]
        counter += count
        if order_noise_left is None:
            order_noise_left = 0
        marker = bullet if draw(st.integers(0, 4)) else draw(st.sampled_from("*-+"))
        for position, entry in enumerate(found):
            parts = [f"[{t}]" for t in entry.tags]
            parts.append(f"[{entry.title}](https://example.org/{entry.slug})")
            resources = [f"[[{r}](https://example.org/{entry.slug}/{r.lower()})]"
                         for r in entry.resources]
            parts += resources
            tail = f" - {entry.description}" if entry.description else ""
            badge = f"<kbd>{entry.badge}</kbd>" if entry.badge else ""
            clean.append(f"{bullet} " + " ".join(parts) + tail + (f" {badge}" if badge
                                                                   else ""))
            gap = " " * draw(st.integers(1, 3))
            noisy_parts = [f"[{t}]" for t in entry.tags]
            noisy_parts.append(f"[{entry.title}](https://example.org/{entry.slug})")
            glue = "" if draw(st.booleans()) else gap
            res = glue.join(resources)
            if badge and draw(st.booleans()):
                badge = draw(st.sampled_from([f"<KBD>{entry.badge}</KBD>",
                                              f"<kbd> {entry.badge} </kbd>",
                                              f"<kbd>{entry.badge}</kbd>"]))
            swap = bool(badge and resources and not entry.description and position % 2
                        and draw(st.booleans()))
            pieces = noisy_parts + ([badge, res] if swap else [res, tail.strip(), badge])
            line = gap.join(p for p in pieces if p)
            spaces = " " * draw(st.integers(1, 4))
            trailing = " " * draw(st.integers(0, 3))
            noisy.append(f"{marker}{spaces}{line}{trailing}")
        clean.append("")
        noisy += [""] * draw(st.integers(0, 2))
    return "\n".join(clean).rstrip("\n") + "\n", "\n".join(noisy)


def _tree(doc: Document) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = [(s.level, s.title) for s in doc.sections]
    for e in doc.entries:
        out.append((e.kind, e.title, e.link.destination if e.link else None,
                    tuple((r.text, r.destination) for r in e.resources),
                    tuple(b.raw for b in e.badges), tuple(t.name for t in e.tags),
                    e.description, e.section_path))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_lists_fix_to_the_noise_free_tree(pair: tuple[str, str]) -> None:
    clean, noisy = pair
    config = Config(select=("STY",))
    assert fix_text(clean, config, format=True).text == clean  # canonical input: unchanged
    fixed = fix_text(noisy, config, format=True).text
    assert _tree(parse(fixed)) == _tree(parse(clean))
    assert fix_text(fixed, config, format=True).text == fixed


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=" *-+#>`|[]()<>!\\\n\tab1.:_", max_size=120))
def test_arbitrary_text_formats_idempotently_or_is_refused(text: str) -> None:
    """Any input: the formatter either produces a fixed point or refuses; never crashes."""
    try:
        once = fix_text(text, Config(select=("STY",)), format=True).text
    except UnsafeFixError:
        return
    assert fix_text(once, Config(select=("STY",)), format=True).text == once


# -- atomic writes ------------------------------------------------------------------------------
SLOW_WRITER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from awesome_lint.files import safe_write

    real_fdopen = os.fdopen

    class Slow:
        def __init__(self, handle):
            self.handle = handle
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)
        def write(self, data):
            for start in range(0, len(data), 4096):
                self.handle.write(data[start:start + 4096])
                self.handle.flush()
                if start == 0:
                    print("started", flush=True)
                time.sleep(0.01)
        def __getattr__(self, name):
            return getattr(self.handle, name)

    os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
    target = Path(sys.argv[1])
    safe_write.write_fixed(target, "* [New](https://new.org)\\n" * 200_000,
                           original=target.read_text(encoding="utf-8"))
""")


def test_killed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    original = "# List\n\n* [A](https://a.org)\n"
    target.write_text(original, encoding="utf-8")
    target.chmod(0o640)
    process = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target)],
                               stdout=subprocess.PIPE, cwd=ROOT, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "started"
    time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == original
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    leftovers = [p for p in tmp_path.iterdir() if p != target]
    assert all(p.name.startswith(".README.md.") and p.name.endswith(".tmp") for p in leftovers)


def test_write_keeps_the_mode(tmp_path: Path) -> None:
    from awesome_lint.files.safe_write import write_fixed

    target = tmp_path / "README.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    write_fixed(target, "new\n", original="old\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


# -- command line -------------------------------------------------------------------------------
MESSY = "#   Title\n\n\n*   [A](https://a.org)   \n*   [B](https://b.org)\n"


def _cli(*args: str, stdin: str = "", cwd: Path | None = None
         ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd or ROOT, env=env,
                          timeout=120, check=False)


def test_cli_fix_stdin_to_stdout(tmp_path: Path) -> None:
    """``fix`` changes what findings name (here trailing spaces), never the layout."""
    done = _cli("fix", "-", "--select", "STY", stdin=MESSY, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == MESSY.replace("   \n", "\n")
    check = _cli("fix", "--check", "-", "--select", "STY", stdin=MESSY, cwd=tmp_path)
    assert check.returncode == 1 and check.stdout == ""
    clean = _cli("fix", "--check", "-", "--select", "STY", stdin=done.stdout, cwd=tmp_path)
    assert clean.returncode == 0
    diff = _cli("fix", "--diff", "-", "--select", "STY", stdin=MESSY, cwd=tmp_path)
    assert diff.returncode == 1
    assert "-*   [A](https://a.org)   \n+*   [A](https://a.org)\n" in diff.stdout
    mixed = _cli("fix", "-", "README.md", stdin=MESSY, cwd=tmp_path)
    assert mixed.returncode == 2 and "cannot be combined" in mixed.stderr


def test_cli_format_files_check_diff_and_write(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_text(MESSY, encoding="utf-8")
    check = _cli("format", "--check", cwd=tmp_path)
    assert check.returncode == 1 and "Would reformat: README.md" in check.stdout
    diff = _cli("format", "--diff", cwd=tmp_path)
    assert diff.returncode == 1 and "+# Title" in diff.stdout
    assert "1 file would be reformatted" in diff.stderr
    assert target.read_text(encoding="utf-8") == MESSY  # --check and --diff write nothing
    done = _cli("format", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    formatted = "# Title\n\n* [A](https://a.org)\n* [B](https://b.org)\n"
    assert target.read_text(encoding="utf-8") == formatted
    again = _cli("format", "--check", cwd=tmp_path)
    assert again.returncode == 0 and "0 files would be reformatted, 1 already" in again.stdout
    assert _cli("fix", "--check", "--select", "STY", cwd=tmp_path).returncode == 0


def test_cli_fix_never_formats_and_the_format_table_is_checked(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(MESSY, encoding="utf-8")
    done = _cli("fix", "--select", "STY002", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == MESSY.replace("   \n", "\n")
    (tmp_path / ".awesome-lint.toml").write_text("[format]\nwrap = 80\n")
    for command in ("fix", "format"):
        bad = _cli(command, cwd=tmp_path)
        assert bad.returncode == 2 and "unknown key 'format.wrap'" in bad.stderr


def test_cli_refuses_with_exit_2_and_names_the_block(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import awesome_lint.autofix.formatter as engine  # fix_text imports format_document on use
    from awesome_lint.cli import main

    real = engine.format_document

    def broken(doc: Document, *args: object, **kwargs: object) -> object:
        result = real(doc)
        result.text = result.text.replace("* [B]", "    [B]")
        return result

    monkeypatch.setattr(engine, "format_document", broken)
    target = tmp_path / "README.md"
    target.write_text(MESSY, encoding="utf-8")
    done = CliRunner().invoke(main, ["format", str(target)])
    assert done.exit_code == 2
    assert "formatting would change how GitHub renders line" in done.output
    assert "lay out that block by hand" in done.output and "enabled = false" not in done.output
    assert target.read_text(encoding="utf-8") == MESSY
