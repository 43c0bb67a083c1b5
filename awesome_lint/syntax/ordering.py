"""Alphabetical order as readers of a list expect it: one key for the AWE401 rule and the
formatter's ``sort-entries``, so the check and the fix agree on what sorted means."""

from __future__ import annotations

import re

from awesome_lint.startup import EMOJI_CLASS, AsciiTwin

#: Emoji and shortcodes: ``re`` with the emoji class spelt out (:class:`AsciiTwin`).
_EMOJI = AsciiTwin(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]|:[a-z0-9_+-]+:",
                   EMOJI_CLASS + "|:[a-z0-9_+-]+:", unsure="(?!)")
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)


def sort_key(title: str) -> str:
    """Case-insensitive, without emoji, leading punctuation or a leading article."""
    text = _EMOJI.sub("", title).strip()
    text = text.lstrip("\"'“‘([{*_`@#.").strip()
    text = _ARTICLE.sub("", text)
    return text.casefold()
