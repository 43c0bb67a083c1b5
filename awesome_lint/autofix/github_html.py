"""GitHub's HTML of a text: cmark-gfm (the ``cmarkgfm`` package, GitHub's own fork of
cmark) with GitHub's extensions, each block with its source lines.

Memory trick: ``cmarkgfm``'s own wrapper never frees the syntax tree nor the HTML buffer
it renders (its cffi declarations leave out ``cmark_node_free``), so every rendering of a
50k-entry list kept about 150 MB of C memory for the life of the process; ``fix``
renders each text it judges, and peaked at 750 MB there.  Here the same calls are made,
and the tree (``cmark_node_free``, exported by the same shared library, called through
ctypes) and the buffer (C ``free``: cmark's default allocator) are given back.  Where
ctypes cannot reach them, nothing is freed, as before.

Memory trick: a long text is rendered in chunks of about :data:`CHUNK` lines, so the
syntax tree of a 50k-entry list (some 200 MB in C) never exists whole.  A chunk's HTML is
kept up to the start of its last top-level block, and the next chunk starts at that
block's line: blocks that a later top-level block follows are closed, and cmark-gfm starts
the next one from a fresh document exactly as it does in the whole text.  Blank lines put
in front of a chunk keep its source positions those of the whole text.  Only link
reference definitions reach across blocks: a text that may hold one is rendered whole.
tests/test_guard_regions.py checks chunked against whole renderings.

Imported only by ``fix`` and ``format``: ``check`` never needs it.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from functools import cache
from typing import Any

EXTENSIONS = ("table", "autolink", "strikethrough", "tasklist", "tagfilter")
#: Lines per chunk: small enough that a chunk's tree is a few MB.
CHUNK = 4000
#: A line that may define a link reference (``[label]: destination``), in any container.
_DEFINITION = re.compile(r"^[ \t>*+\-\d.)]*\[(?:[^\]\\\n]|\\.)+\]:", re.MULTILINE)


def render_html(text: str, chunk: int = CHUNK) -> str:
    """GitHub's HTML of ``text`` (raw HTML kept), each block with its source lines."""
    if text.count("\n") < 2 * chunk or _DEFINITION.search(text):
        return _render(text)
    lines = text.split("\n")
    out: list[str] = []
    start = 0  # index of the chunk's first line
    size = chunk
    while True:
        stop = min(len(lines), start + size)
        html = _render("\n" * start + "\n".join(lines[start:stop])
                       + ("\n" if stop < len(lines) else ""))
        if stop == len(lines):
            out.append(html)
            return "".join(out)
        last = _last_top_block(html)
        if last is None or last[1] <= start + 1:  # one block fills the chunk: take more
            size *= 2
            continue
        out.append(html[: last[0]])
        start, size = last[1] - 1, chunk


def _last_top_block(html: str) -> tuple[int, int] | None:
    """Offset and line of the last top-level block that starts in ``html``, a table
    aside: a table right after a paragraph is cut from that paragraph by cmark-gfm's table
    extension (:mod:`.sourcepos`), so a chunk does not start at a table."""
    from awesome_lint.autofix.regions import top_blocks

    found = None
    for offset, line, name in top_blocks(html):
        if name != "table":
            found = (offset, line)
    return found


def _render(text: str) -> str:
    """cmark-gfm's HTML of ``text``, its tree and buffer freed, its source positions
    put right where cmark-gfm gets them wrong (:mod:`.sourcepos`)."""
    from cmarkgfm import cmark
    from cmarkgfm._cmark import ffi, lib

    from awesome_lint.autofix.sourcepos import corrected

    options = (cmark.Options.CMARK_OPT_SOURCEPOS | cmark.Options.CMARK_OPT_UNSAFE
               | cmark.Options.CMARK_OPT_GITHUB_PRE_LANG)
    cmark.core_extensions_ensure_registered()
    parser = lib.cmark_parser_new(options)
    try:
        for name in EXTENSIONS:
            lib.cmark_parser_attach_syntax_extension(parser, cmark.find_syntax_extension(name))
        encoded = text.encode("utf-8")
        lib.cmark_parser_feed(parser, encoded, len(encoded))
        root = lib.cmark_parser_finish(parser)
        try:
            raw = lib.cmark_render_html(root, options,
                                        lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return corrected(str(ffi.string(raw).decode("utf-8")), text)
            finally:
                _release("free", raw, ffi)
        finally:
            _release("cmark_node_free", root, ffi)
    finally:
        lib.cmark_parser_free(parser)


def _release(name: str, pointer: Any, ffi: Any) -> None:
    function = _function(name)
    if function is not None:
        function(int(ffi.cast("uintptr_t", pointer)))


@cache
def _function(name: str) -> Callable[[int], None] | None:
    """``cmark_node_free`` from cmark-gfm's library, ``free`` from the C library."""
    try:
        if name == "free":
            library = ctypes.CDLL(None)
        else:
            from cmarkgfm import _cmark

            library = ctypes.CDLL(_cmark.__file__)
        function = getattr(library, name)
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_void_p]
    function.restype = None
    return function  # type: ignore[no-any-return]
