"""The language server (``awesome-lint server``): diagnostics, quick fixes, hover, completion.

Built on pygls and lsprotocol, which come with the ``lsp`` extra
(``pip install "awesome-lint[lsp]"``); nothing outside this package imports them, so the
command line starts as fast without them.  Modules: :mod:`.positions` (code points to the
editor's code units), :mod:`.convert` (findings to LSP diagnostics), :mod:`.documents`
(configuration and the last lint of each document), :mod:`.actions` (code actions),
:mod:`.assist` (hover and completion) and :mod:`.server` (the protocol wiring).
"""

from __future__ import annotations

MISSING = 'the language server needs pygls: pip install "awesome-lint[lsp]"'


def serve() -> None:
    """Run the server over stdio; ImportError (with :data:`MISSING`) without the extra."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise ImportError(MISSING) from None
    from awesome_lint.lsp.server import main

    main()
