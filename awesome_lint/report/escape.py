"""Text from a README made safe to print: control characters shown, not obeyed.

A README comes from whoever opened the pull request.  A line holding ``\\x1b[2J\\x1b]0;pwned\\x07``
would clear the reader's terminal and retitle it if a reporter printed it raw, and
right-to-left overrides can make a finding read backwards.  Every human-readable format
passes the README's text (messages, source lines, paths) through :func:`printable`; the
machine formats (json, sarif, junit) escape through their own encoders.
"""

from __future__ import annotations

import re

#: C0 controls except tab, DEL, C1 controls, and the bidirectional embedding, override and
#: isolate controls (the "Trojan Source" characters).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with each control character (except tab) written as ``\\xNN`` or ``\\uNNNN``."""
    if _CONTROL.search(text) is None:  # the common case: nothing to copy
        return text
    return _CONTROL.sub(_show, text)
