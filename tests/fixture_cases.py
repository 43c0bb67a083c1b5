"""Loader for fixture files: ``fixtures/*.md``, each holding many cases in our own words.

A case::

    === title of the case
    --- options: select=LNK002 unsafe
    --- input
    * [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](notes/resnet.md))
    --- diagnostics
    1:46 LNK002 closed with ')'
    --- output
    * [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](notes/resnet.md)]

``diagnostics`` lists every expected finding as ``LINE:COL CODE [message fragment]`` (an
empty section means none).  ``output`` is the text after ``fix`` and may be omitted.
Options: ``select=A,B``, ``ignore=A,B``, ``unsafe``, ``config=<toml inline table>`` and
``files=a,b/c`` (the input is a README in a folder holding just these files).
A ``⏎`` at the end of the input means "no final newline"; ``·`` stands for a trailing space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from awesome_lint.diagnostics import Diagnostic

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@dataclass
class Case:
    file: str
    title: str
    line: int
    input: str
    diagnostics: list[tuple[int, int, str, str]] | None = None
    output: str | None = None
    options: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}:{self.title}"


def _text(lines: list[str]) -> str:
    text = "\n".join(lines) + "\n"
    if text.endswith("⏎\n"):
        text = text[: -len("⏎\n")]
    return text.replace("·", " ")


def _finish(case: Case | None, section: str | None, buffer: list[str], out: list[Case]) -> None:
    if case is None or section is None:
        return
    while buffer and not buffer[-1].strip() and section != "input":
        buffer.pop()
    if section == "input":
        case.input = _text(buffer)
    elif section == "output":
        case.output = _text(buffer)
    elif section == "diagnostics":
        case.diagnostics = []
        for line in buffer:
            match = re.match(r"(\d+):(\d+)\s+([A-Z]+\d+)\s*(.*)", line.strip())
            if match is None:
                raise ValueError(f"bad diagnostic line in {case.id}: {line!r}")
            case.diagnostics.append((int(match[1]), int(match[2]), match[3], match[4]))


def load(path: Path) -> list[Case]:
    cases: list[Case] = []
    case: Case | None = None
    section: str | None = None
    buffer: list[str] = []
    # "\n" only: str.splitlines would also break at U+2028 and friends, which cases hold
    for number, line in enumerate(path.read_text(encoding="utf-8").removesuffix("\n")
                                  .split("\n"), 1):
        if line.startswith("=== "):
            _finish(case, section, buffer, cases)
            if case is not None:
                cases.append(case)
            case, section, buffer = Case(path.name, line[4:].strip(), number, ""), None, []
        elif line.startswith("--- options:") and case is not None:
            for item in line.split(":", 1)[1].split():
                key, _, value = item.partition("=")
                case.options[key] = value
        elif line.startswith("--- ") and case is not None:
            _finish(case, section, buffer, cases)
            section, buffer = line[4:].strip(), []
        elif section is not None:
            buffer.append(line)
    _finish(case, section, buffer, cases)
    if case is not None:
        cases.append(case)
    return cases


def assert_findings(case: Case, found: Sequence[Diagnostic]) -> None:
    """``found`` is exactly the case's expected findings, each message with its fragment."""
    assert case.diagnostics is not None
    got = sorted((d.line, d.column, d.code) for d in found)
    want = sorted((line, col, code) for line, col, code, _ in case.diagnostics)
    assert got == want, "\n".join(f"{d.line}:{d.column} {d.code} {d.message}" for d in found)
    for line, col, code, fragment in case.diagnostics:
        if fragment:
            message = next(d.message for d in found
                           if (d.line, d.column, d.code) == (line, col, code))
            assert fragment in message, message


def all_cases(pattern: str = "*.md") -> list[Case]:
    return [case for path in sorted(FIXTURES.glob(pattern)) for case in load(path)]
