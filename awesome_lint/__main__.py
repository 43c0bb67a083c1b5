"""``python -m awesome_lint`` and the ``awesome-lint`` command."""

from __future__ import annotations

from typing import NoReturn


def main() -> NoReturn:
    """The command line, with compiled patterns and dataclass methods kept between runs
    (:func:`awesome_lint.startup.keep_compiled`, before click or anything else compiles)."""
    from awesome_lint import startup

    startup.keep_compiled()
    from awesome_lint.cli import console_main

    console_main()


if __name__ == "__main__":
    main()
