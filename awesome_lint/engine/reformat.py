"""``awesome-lint format``: the whole file in canonical layout, on request.

``fix`` changes only what findings name.  Whoever wants every list, heading and blank line
in canonical form (the list's own majority conventions, see :mod:`awesome_lint.autofix.formatter`)
asks for it with ``format``, which runs the formatter alone (no rule fixes) behind the same
guards as ``fix``.
"""

from __future__ import annotations

from dataclasses import replace

from awesome_lint.config import Config
from awesome_lint.engine import FixResult, fix_text


def format_text(text: str, config: Config | None = None, *, path: str | None = None,
                unsafe: bool | None = None) -> FixResult:
    """``text`` in canonical layout; raises ``UnsafeFixError`` where the guards refuse."""
    from awesome_lint.autofix.formatter import TABLE, options_for

    config = config or Config()
    options = replace(options_for(config), enabled=True)  # asked for by name: always on
    layout_only = replace(config, select=(), extend_select=(), ignore=(),
                          tables={**config.tables, TABLE: options})
    return fix_text(text, layout_only, path=path, unsafe=unsafe, format=True)
