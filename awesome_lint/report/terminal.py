"""Whether to colour output: ``--color``, then the no-color.org and force-color.org
conventions, then whether the stream is a terminal."""

from __future__ import annotations

import os
from typing import TextIO


def color_enabled(choice: str, stream: TextIO) -> bool:
    """``--color always|never`` wins; else a non-empty ``NO_COLOR`` turns colour off and a
    non-empty ``FORCE_COLOR`` turns it on (whatever its value, as force-color.org says; when
    both are set, NO_COLOR wins: opting out is the safer reading); else colour on a TTY."""
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False
