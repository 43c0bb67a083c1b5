"""awesome-lint 2.3.0 (JS) side by side with our AWE rules on the classic lists of ../shared.

    python benchmarks/classic/run.py [--out benchmarks/classic/RESULTS.md]

awesome-lint is installed on first use with ``npm install --prefix benchmarks/classic
awesome-lint@2.3.0`` (``node_modules/`` is git-ignored) and then runs offline: each list is
copied alone into a temporary folder as ``readme.md`` (so both tools see the same files
beside it: none) and linted through its library API (``awesome_lint_js.mjs``), which without
a repository URL never calls the GitHub API.  Our findings come from the real command line
(``awesome-lint check --select AWE,DUP --format json``).

Findings are matched per convention by line (file-level findings by presence).  Every
finding one tool has and the other lacks is classified by :data:`REASONS`, an ordered list
of (convention, side, test, verdict) explanations; a disagreement no reason explains is
printed as UNEXPLAINED and makes the script exit 1.  Then ``fix --unsafe-fixes`` (AWE
rules, formatter off) runs on each copy: the lines it changes must all be named by a
finding's fix, and ``check`` afterwards must report only findings without a fix.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
LISTS = ("sindresorhus__awesome", "vinta__awesome-python", "avelino__awesome-go",
         "ChristosChristofidis__awesome-deep-learning",
         "trimstray__the-book-of-secret-knowledge")
JS = HERE / "node_modules" / "awesome-lint"


@dataclass(frozen=True)
class Finding:
    tool: str  # "js" or "ours"
    convention: str
    line: int
    code: str  # their rule id or our code
    message: str
    text: str  # the source line


# -- conventions -------------------------------------------------------------------------------
def js_convention(rule: str, message: str) -> str:
    if rule == "awesome-list-item":
        if "separated" in message:
            return "item separator"
        if "casing" in message:
            return "description capital"
        if "punctuation" in message:
            return "description punctuation"
        return "item link"
    return {
        "no-repeat-item-in-description": "name in description",
        "awesome-spell-check": "spelling",
        "awesome-heading": "title heading",
        "awesome-badge": "awesome badge",
        "awesome-no-ci-badge": "CI badge",
        "awesome-toc": "TOC",
        "awesome-contributing": "contributing file",
        "awesome-license": "licence section",
        "awesome-code-of-conduct": "code of conduct",
        "double-link": "double link",
        "awesome-github": "GitHub API (aside)",
    }.get(rule, "generic markdown style (not compared)")


OUR_CONVENTION = {
    "AWE001": "item separator", "AWE002": "description capital",
    "AWE003": "description punctuation", "AWE004": "name in description",
    "AWE101": "spelling", "AWE201": "title heading", "AWE202": "awesome badge",
    "AWE203": "CI badge", "AWE301": "TOC", "AWE401": "alphabetical order",
    "AWE501": "contributing file", "AWE502": "licence file", "AWE503": "code of conduct",
    "AWE504": "licence section", "AWE601": "double link", "DUP001": "double link",
    "DUP003": "double link",
}
FILE_LEVEL = {"contributing file", "licence file", "code of conduct", "GitHub API (aside)",
              "title heading"}
NOT_COMPARED = {"generic markdown style (not compared)", "GitHub API (aside)"}

# -- explanations ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Context:
    """What the other tool said about the same list: codes per line."""

    ours: dict[int, set[str]]
    js: dict[int, set[str]]


Test = Callable[[Finding, Context], bool]


def _msg(pattern: str) -> Test:
    return lambda f, c: re.search(pattern, f.message) is not None


def _line(pattern: str) -> Test:
    return lambda f, c: re.search(pattern, f.text) is not None


def _ours_on_line(*codes: str) -> Test:
    return lambda f, c: bool(c.ours.get(f.line, set()) & set(codes))


def _js_on_line(*rules: str) -> Test:
    return lambda f, c: bool(c.js.get(f.line, set()) & set(rules))


def _any(f: Finding, c: Context) -> bool:
    return True


def _word(*words: str) -> Test:
    """awesome-lint's spelling message names one of these words."""
    pattern = re.compile(r'Text "(' + "|".join(map(re.escape, words)) + r')"')
    return lambda f, c: pattern.search(f.message) is not None


def _word_is_link_text(f: Finding, c: Context) -> bool:
    """The misspelt word is the whole text of a link: a package or tool named as its repo."""
    match = re.search(r'Text "([^"]+)"', f.message)
    return match is not None and re.search(
        r"\[(?:[\w./-]*/)?" + re.escape(match.group(1)) + r"\]\(", f.text) is not None


#: (convention, side the finding is on, test, verdict): the first that matches explains it.
REASONS: list[tuple[str, str, Test, str]] = [
    ("item link", "js", _line(r"\]\(#"),
     "awesome-lint is wrong: these are table-of-contents items (`[Section](#anchor)`); it "
     "judges every list as entries unless the TOC sits under a heading exactly "
     "`## Contents`, then calls `#anchor` an invalid URL. TOCs are AWE301's business."),
    ("item link", "js", _line(r"^\s*(?:[-*+]|\d+[.)])\s+`"),
     "awesome-lint is wrong: a list of command-line options or commands in code spans "
     "(`` `-t` - show timestamp ``) is documentation, not a list of links."),
    ("item link", "js", _line(r"\]\((?!https?://|#)[^)]*\)"),
     "awesome-lint is right that the link is relative (`cil-ster.html`), a dead link on "
     "GitHub; LNK005 (missing file) reports it when the file is absent, not an AWE rule."),
    ("item link", "js", _line(r"^#"),
     "awesome-lint is wrong: a BOM-less ATX title followed by an HTML block confuses its "
     "'Invalid list item' check (the reported node is the heading, not a list item)."),
    ("TOC", "js", _msg(r"does not match corresponding heading"),
     "awesome-lint is wrong: this TOC lists the title and `Contents` itself before the "
     "sections; awesome-lint pairs TOC items with the headings *after* `## Contents` by "
     "position and gives up at the first mismatch. AWE301 resolves each item by anchor "
     "and finds this TOC complete and in order."),
    ("TOC", "ours", _msg(r"at depth"),
     "both defensible, ours is the stricter: the TOC lists `### Websites`... flat, but "
     "they follow `## Researchers`, so the document nests them under it (the heading "
     "levels are probably what is wrong). awesome-lint checks a TOC only under "
     "`## Contents`; this one is under `## Table of Contents`. Our fix is unsafe here."),
    ("double link", "js", _msg(r"Duplicate link: #"),
     "awesome-lint is wrong: in-page anchors (`#contents` back-to-top links, `[TOC]` "
     "links under every chapter) are meant to repeat; we never compare anchors."),
    ("double link", "js", _msg(r"Duplicate link: (?!https?://)"),
     "awesome-lint is right that cmark renders `<ip:port>` in a heading as a link, but "
     "the repeated 'URL' is a placeholder, not a resource listed twice; we compare only "
     "web URLs (the accidental autolink deserves its own rule)."),
    ("double link", "js", lambda f, c: True,
     "deliberate repetition across sections, which we leave alone by design (the issue "
     "asks for a URL twice *within an item or section*): the list's homepage in the title "
     "and the intro, the contributing guide linked at the top and in *Contributing*, the "
     "community chat in the intro and in *Resources*; and entries filed under two "
     "sections, a cross-listing DUP001 reports only with `allow-cross-section = false` "
     "(its default treats it as deliberate)."),
    ("double link", "ours", lambda f, c: True,
     "we are right: the same URL twice inside one entry (DUP003, `[CatalyzeX](url) - "
     "... [Chrome](url)`); awesome-lint ignores every link after an item's first "
     "(`createAwesomeListIgnore`)."),
    ("spelling", "js", _word_is_link_text,
     "awesome-lint is wrong: the word is the whole link text of an entry or TOC item, a "
     "package or tool named exactly as its repository or command (`[pytorch](...)`, "
     "`[redis](...)`, `[git](#tool-git)`); changing it would misname the package."),
    ("spelling", "js", _word("WASM", "K8s", "Postgres", "postgres", "aws", "OS X"),
     "awesome-lint is wrong: an abbreviation or nickname (`WASM`, `K8s`, `Postgres`) or "
     "a former official name (`OS X`, 2012-2016), not a misspelling."),
    ("spelling", "js", _word("blockchain"),
     "awesome-lint is wrong: `blockchain` is a common noun, not a product name."),
    ("spelling", "js", _word("pandas"),
     "awesome-lint is wrong: the pandas project writes its name in lower case "
     "(https://pandas.pydata.org/about/)."),
    ("spelling", "js", _word("git", "ffmpeg", "sqlite", "perl"),
     "context-dependent, left alone: lower-case `git`, `ffmpeg`, `sqlite`, `perl` are "
     "also the commands and packages (`git commit`, the Go package `sqlite`); "
     "awesome-lint's own message hedges 'if referring to the technology'. Add them to "
     "the `words` option to enforce the product names."),
    ("spelling", "ours", lambda f, c: True,
     "we are right: forms awesome-lint's table lacks (`Github`, `Tensorflow`, `WiFi`, "
     "`wordpress`, `mongodb`) or words it skips inside link text and emphasis."),
    ("description capital", "js", _ours_on_line("AWE004"),
     "same item, other convention: the description starts with the item's own lower-case "
     "name (`immudb - immudb is...`); we report AWE004 (name repeated) and do not ask to "
     "capitalise a lower-case name, which would misspell it."),
    ("description capital", "js", lambda f, c: True,
     "awesome-lint is wrong: the first word is a name its owners write in lower case "
     "(`sklearn`, `uv`) or a code identifier (`http.Handler`)."),
    ("description capital", "ours", lambda f, c: True,
     "we are right: the description starts lower-case (`a thread-safe...`, `by Liu "
     "Peng`); awesome-lint stops at the first problem of an item (missing final "
     "punctuation is checked before case) and takes one-letter words as camel case."),
    ("description punctuation", "ours", _js_on_line("awesome-list-item"),
     "we are right, and add to awesome-lint's finding on the same item: it reports only "
     "the first problem of an item (here the separator), we report each convention."),
    ("description punctuation", "ours", _line(r"\]\([^)]*\)\s*$"),
     "we are right: the description ends with a link (`Go client for [imgur](...)`), "
     "which awesome-lint accepts as an ending; the sentence still has no full stop."),
    ("description punctuation", "ours", _line(r"\)\s{2,}-\s|\]\([^)]*\).* - [A-Z]"),
     "we are right: awesome-lint never reaches its punctuation check here: the separator "
     "is missing or has a doubled space, and its fallback (' - ' followed by a capital "
     "anywhere, as in `by Jeremy Howard - Fast.ai`) accepts the item outright."),
    ("item separator", "ours", lambda f, c: True,
     "we are right: a doubled space around the dash, or text between the name and the "
     "dash (`[Name](url) by X - Y`); awesome-lint accepts any item whose description "
     "contains ' - ' followed by a capital."),
    ("CI badge", "ours", lambda f, c: True,
     "we are right: a GitHub Actions build badge (`/actions/workflows/.../badge.svg`); "
     "awesome-lint knows only Travis and CircleCI URLs and a 'build status' *title*."),
    ("licence file", "ours", lambda f, c: True,
     "ours only, and right in this setup: awesome-lint 2.3.0 forbids a License "
     "*section* but never asks for a licence file, which the awesome guidelines require. "
     "(Each README is linted alone in a temporary folder, so no list has its files here; "
     "both tools agree on the contributing guide for the same reason.)"),
    ("code of conduct", "ours", lambda f, c: True,
     "ours only: awesome-lint validates a code of conduct when there is one but does not "
     "require one; the awesome guidelines ask for it."),
]



def explain(finding: Finding, side: str, context: Context) -> str | None:
    for convention, where, test, verdict in REASONS:
        if convention == finding.convention and where == side and test(finding, context):
            return verdict
    return None


# -- running the tools ---------------------------------------------------------------------------
def install_js() -> None:
    if JS.is_dir():
        return
    if not shutil.which("npm"):
        sys.exit("npm is needed to install awesome-lint 2.3.0")
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(HERE),
                    "awesome-lint@2.3.0"], check=True)


def run_js(readme: Path, lines: list[str]) -> list[Finding]:
    done = subprocess.run(["node", str(HERE / "awesome_lint_js.mjs"), str(readme)],
                          capture_output=True, text=True, check=True, cwd=HERE)
    out = []
    for raw in done.stdout.splitlines():
        item = json.loads(raw)
        if item["file"] != "readme.md":
            continue
        line = int(item["line"])
        out.append(Finding("js", js_convention(item["rule"], item["message"]), line,
                           item["rule"], item["message"], _text(lines, line)))
    return out


def _ours(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "awesome_lint", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


#: awesome-lint's mode: every list classic, the badge required, the licence section checked
#: (our defaults leave these to the list's own choice).
FORCED = ('extend-select = ["AWE504"]\n[dialect]\nclassic = true\n'
          "[rules.awesome-badge]\nrequire = true\n")


def run_ours(folder: Path, lines: list[str]) -> tuple[list[Finding], list[dict[str, object]]]:
    """Our findings, with the dialect forced to classic as for awesome-lint (the lists are
    classic by the issue's account; the inferred dialect is reported separately)."""
    (folder / ".awesome-lint.toml").write_text(FORCED, encoding="utf-8")
    done = _ours(["check", "--select", "AWE,DUP", "--format", "json", "readme.md"], folder)
    (folder / ".awesome-lint.toml").unlink()
    report = json.loads(done.stdout)
    raw = [d for f in report["files"] for d in f["diagnostics"]]
    found = [Finding("ours", OUR_CONVENTION[d["code"]], int(d["line"]), str(d["code"]),
                     str(d["message"]), _text(lines, int(d["line"])))
             for d in raw if d["code"] in OUR_CONVENTION]
    return found, raw


def _codes(found: list[Finding]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for finding in found:
        out[finding.line].add(finding.code)
    return out


def _text(lines: list[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


# -- comparing -----------------------------------------------------------------------------------
@dataclass
class Tally:
    js: int = 0
    ours: int = 0
    both: int = 0
    only_js: int = 0
    only_ours: int = 0


def compare(js: list[Finding], ours: list[Finding]) -> tuple[dict[str, Tally],
                                                           list[tuple[str, Finding]]]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    unmatched: list[tuple[str, Finding]] = []
    conventions = {f.convention for f in js + ours} - NOT_COMPARED
    for convention in sorted(conventions):
        theirs = [f for f in js if f.convention == convention]
        mine = [f for f in ours if f.convention == convention]
        tally = tallies[convention]
        tally.js, tally.ours = len(theirs), len(mine)
        if convention == "double link":
            rest_js, rest_ours = _pairs(theirs, mine)
            tally.both = len(theirs) - len(rest_js)
        elif convention in FILE_LEVEL:
            tally.both = min(len(theirs), len(mine))
            rest_js, rest_ours = theirs[tally.both:], mine[tally.both:]
        else:
            keys_js = Counter(_key(f) for f in theirs)
            keys_ours = Counter(_key(f) for f in mine)
            common = keys_js & keys_ours
            tally.both = sum(common.values())
            rest_js = _minus(theirs, common)
            rest_ours = _minus(mine, common)
        tally.only_js, tally.only_ours = len(rest_js), len(rest_ours)
        unmatched += [("js", f) for f in rest_js] + [("ours", f) for f in rest_ours]
    return tallies, unmatched


_REFERENCE = re.compile(r"(?:line |at )(\d+)")


def _pairs(theirs: list[Finding], mine: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Double links come in pairs: awesome-lint reports every copy, we the later ones and
    name the line of the earlier; a copy counts as found when either line matches."""
    covered = {f.line for f in mine} | {int(m) for f in mine
                                         for m in _REFERENCE.findall(f.message)}
    lines_js = {f.line for f in theirs}
    rest_js = [f for f in theirs if f.line not in covered]
    rest_ours = [f for f in mine if f.line not in lines_js and not any(
        int(m) in lines_js for m in _REFERENCE.findall(f.message))]
    return rest_js, rest_ours


_WORD = re.compile(r"""^(?:Text "([^"]+)"|'([^']+)' is written)""")


def _key(finding: Finding) -> tuple[int, str]:
    """Where a finding is: its line, and for spelling the word (a line may have several)."""
    match = _WORD.match(finding.message) if finding.convention == "spelling" else None
    word = (match.group(1) or match.group(2)).casefold() if match else ""
    return finding.line, word


def _minus(found: list[Finding], common: Counter[tuple[int, str]]) -> list[Finding]:
    left = Counter(common)
    out = []
    for finding in found:
        if left[_key(finding)] > 0:
            left[_key(finding)] -= 1
        else:
            out.append(finding)
    return out


# -- fixing --------------------------------------------------------------------------------------
def check_fix(folder: Path, raw: list[dict[str, object]]) -> tuple[int, int, int, list[str]]:
    """(lines changed, fixes offered, findings left with a fix, problems)."""
    (folder / ".awesome-lint.toml").write_text(
        'select = ["AWE"]\n' + FORCED + "[format]\nenabled = false\n", encoding="utf-8")
    readme = folder / "readme.md"
    before = readme.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
    named: set[int] = set()
    offered = 0
    for item in raw:
        fix = item.get("fix")
        if not isinstance(fix, dict) or not str(item["code"]).startswith("AWE"):
            continue
        offered += 1
        for edit in fix["edits"]:
            line, budget, span = int(edit["line"]), int(edit["delete"]), 0
            while budget > 0 and line + span - 1 < len(before):
                budget -= len(before[line + span - 1]) + 1
                span += 1
            named.update(range(line, line + max(span, 1)))
    _ours(["fix", "--unsafe-fixes", "readme.md"], folder)
    after = readme.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
    problems, changed = [], 0
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed += max(i2 - i1, j2 - j1)
        touched = set(range(i1 + 1, i2 + 1)) if i2 > i1 else {i1, i1 + 1}
        if not touched & named or (i2 > i1 and not touched <= named):
            problems.append(f"lines {i1 + 1}-{i2} changed without a finding naming them")
    left = json.loads(_ours(["check", "--format", "json", "readme.md"], folder).stdout)
    fixable = sum(1 for f in left["files"] for d in f["diagnostics"] if d["fix"])
    (folder / ".awesome-lint.toml").unlink()
    return changed, offered, fixable, problems


# -- report --------------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--dump", type=Path, help="write every disagreement as JSON lines")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print("../shared/corpus is absent", file=sys.stderr)
        return 2
    install_js()
    totals: dict[str, Tally] = defaultdict(Tally)
    per_list: list[tuple[str, dict[str, Tally]]] = []
    verdicts: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    unexplained: list[tuple[str, str, Finding]] = []
    fixes: list[tuple[str, int, int, int, list[str]]] = []
    ignored: Counter[str] = Counter()
    for name in LISTS:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            readme = folder / "readme.md"
            shutil.copyfile(CORPUS / f"{name}.md", readme)
            lines = readme.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
            js = run_js(readme, lines)
            ours, raw = run_ours(folder, lines)
            ignored.update(f.code for f in js if f.convention in NOT_COMPARED)
            tallies, unmatched = compare(js, ours)
            context = Context(_codes(ours), _codes(js))
            per_list.append((name, tallies))
            for convention, tally in tallies.items():
                total = totals[convention]
                for key in ("js", "ours", "both", "only_js", "only_ours"):
                    setattr(total, key, getattr(total, key) + getattr(tally, key))
            for side, finding in unmatched:
                if args.dump:
                    with args.dump.open("a", encoding="utf-8") as handle:
                        handle.write(json.dumps({"list": name, "side": side,
                                                 **finding.__dict__}) + "\n")
                verdict = explain(finding, side, context)
                if verdict is None:
                    unexplained.append((name, side, finding))
                else:
                    verdicts[(finding.convention, side, verdict)].append(finding)
            fixes.append((name, *check_fix(folder, raw)))
    args.out.write_text(render(totals, per_list, verdicts, fixes, ignored, dialects()),
                        encoding="utf-8")
    for name, side, finding in unexplained:
        print(f"UNEXPLAINED {name} {side} {finding.convention} {finding.line} "
              f"{finding.code} {finding.message} | {finding.text[:100]}")
    problems = [p for *_, ps in fixes for p in ps]
    for problem in problems:
        print("FIX", problem)
    print(f"wrote {args.out}")
    return 1 if unexplained or problems else 0


def dialects() -> list[str]:
    """What dialect inference says of each list (the comparison forces classic)."""
    sys.path.insert(0, str(ROOT))
    from awesome_lint.syntax.dialect import infer
    from awesome_lint.syntax.parser import parse

    rows = []
    for name in LISTS:
        found = infer(parse((CORPUS / f"{name}.md").read_text(encoding="utf-8")))
        rows.append(f"| {name} | {'classic' if found.classic else 'not classic'} | "
                    f"{found.shaped_entries} of {found.entries} | "
                    f"{found.dashed_entries} of {found.link_entries} | "
                    f"{found.badge_line or '-'} |")
    return rows


def render(totals: dict[str, Tally], per_list: list[tuple[str, dict[str, Tally]]],
           verdicts: dict[tuple[str, str, str], list[Finding]],
           fixes: list[tuple[str, int, int, int, list[str]]], ignored: Counter[str],
           inferred: list[str]) -> str:
    out = ["# awesome-lint 2.3.0 vs our AWE rules on the classic lists", "",
           "Generated by `python benchmarks/classic/run.py` (awesome-lint run offline through "
           "its library API; ours through `awesome-lint check --select AWE,DUP`). Findings "
           "are matched per convention by line (spelling by line and word, double links by "
           "either line of the pair); file-level ones by presence. Our side runs in "
           "awesome-lint's mode: `[dialect] classic = true` (awesome-lint assumes every list "
           "is classic), `[rules.awesome-badge] require = true` and AWE504 selected (by "
           "default we leave the badge and a licence section to the list's own choice). "
           "What inference says unforced:", "",
           "| list | inferred dialect | `[Name](url)` entries, of all | bulleted ones with "
           "` - `, of bulleted | Awesome badge line |",
           "| --- | --- | ---: | ---: | ---: |", *inferred, "",
           "Classic means: most bulleted `[Name](url)` entries use ` - `, or the Awesome "
           "badge heads a list whose entries are mostly `[Name](url)` ones (no venue badges, "
           "no `[[Notes]]` links). trimstray writes its entries as HTML paragraphs, so "
           "inference finds 13 markdown entries and no badge: unforced, no AWE rule runs "
           "there. The corpus's paper lists that carry the badge (jason718, terryum, "
           "Yochengliu, subeeshvasu) and the seeds are not classic.", "",
           "## Per convention, all five lists", "",
           "| convention | awesome-lint | ours | awesome-lint's found by us | only awesome-lint "
           "| only ours |",
           "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for convention in sorted(totals):
        t = totals[convention]
        out.append(f"| {convention} | {t.js} | {t.ours} | {t.both} | {t.only_js} | "
                   f"{t.only_ours} |")
    out += ["", "## Per list", "", "| list | convention | awesome-lint | ours | "
            "awesome-lint's found by us |",
            "| --- | --- | ---: | ---: | ---: |"]
    for name, tallies in per_list:
        for convention in sorted(tallies):
            t = tallies[convention]
            out.append(f"| {name} | {convention} | {t.js} | {t.ours} | {t.both} |")
    out += ["", "## Every disagreement, explained", "",
            "Each row groups the findings one tool has and the other lacks under one "
            "explanation (the first that applies, from `REASONS` in run.py), with an "
            "example.", "", "| convention | only in | count | who is right, and why | example |",
            "| --- | --- | ---: | --- | --- |"]
    for (convention, side, verdict), found in sorted(verdicts.items(),
                                                     key=lambda kv: (kv[0][0], kv[0][1])):
        sample = found[0]
        example = f"`{sample.message[:70]}` (line {sample.line})".replace("|", "\\|")
        who = "awesome-lint" if side == "js" else "ours"
        out.append(f"| {convention} | {who} | {len(found)} | {verdict} | {example} |")
    out += ["", "Not compared: generic markdown style rules awesome-lint inherits from "
            "remark-lint presets (list indentation, marker style, table alignment...), "
            f"{sum(ignored.values())} findings: " + ", ".join(
                f"{code} {n}" for code, n in ignored.most_common()) + ". The GitHub-API "
            "rule (`awesome-github`) needs the network and is set aside.", "",
            "## fix --unsafe-fixes (AWE rules, formatter off)", "",
            "| list | lines changed | AWE fixes offered | fixable findings left | lines changed "
            "that no finding names |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, changed, offered, fixable, problems in fixes:
        out.append(f"| {name} | {changed} | {offered} | {fixable} | {len(problems)} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
