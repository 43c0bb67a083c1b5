"""Findings and the text edits that fix them (markdownlint-style: line, column, delete, insert)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Delete ``delete`` characters at (line, column), then insert ``insert`` there.

    ``delete`` may run past the end of the line: the line ending counts as one character,
    which is how an edit joins or removes whole lines.
    """

    line: int
    column: int
    delete: int
    insert: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "delete": self.delete,
                "insert": self.insert}


@dataclass(frozen=True, slots=True)
class Fix:
    """The text edits that resolve one finding, and how safe applying them is."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    description: str = ""
    #: Link destinations the fix removes or rewrites on purpose (a duplicate entry, a
    #: redirect).  Any other destination that disappears makes ``fix`` refuse to write.
    removes: tuple[str, ...] = ()

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    def to_json(self) -> dict[str, Any]:
        return {"applicability": self.applicability.value,
                "edits": [edit.to_json() for edit in self.edits]}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: which rule, where, what it says, and its fix if it has one."""

    code: str
    rule: str
    category: str
    severity: Severity
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: Fix | None = None
    #: Extra machine-readable details (link checker results and the like).
    data: dict[str, Any] | None = field(default=None, compare=False)
    path: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code, "rule": self.rule, "category": self.category,
            "severity": self.severity.value, "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column, "message": self.message,
            "fix": self.fix.to_json() if self.fix else None,
        }
        if self.data is not None:
            out["data"] = self.data
        return out

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


@dataclass
class FileReport:
    """The findings of one file (and, for ``fix``, what was fixed): what every output format
    renders.  It sits here, beside the findings, so that the stages that produce it (inputs,
    engine, command line) need nothing from the formats."""

    path: str
    diagnostics: list[Diagnostic]
    lines: list[str] = field(default_factory=list)
    #: Number of fixes applied to this file (fix command only).
    fixed: int = 0
    #: The findings those fixes fixed (fix command only), for ``--show-fixes``.
    applied: list[Diagnostic] = field(default_factory=list)
    #: Findings left whose fix is unsafe, not applied without --unsafe-fixes (fix only).
    unsafe_hidden: int = 0
