"""Drive the real ``awesome-lint server`` in a subprocess over stdio with pygls's client.

Shared by tests/test_lsp.py and benchmarks/bench_lsp.py.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient


def utf16_offset(text: str, position: types.Position) -> int:
    """Character offset of an LSP (UTF-16) position in ``text``."""
    lines = text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[:position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    index = 0
    while index < len(line) and units < position.character and line[index] not in "\r\n":
        units += 2 if ord(line[index]) > 0xFFFF else 1
        index += 1
    return offset + index


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits as an editor does (all ranges refer to the original text)."""
    spans = sorted(((utf16_offset(text, e.range.start), utf16_offset(text, e.range.end),
                     e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def workspace_edits(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    """The text edits a workspace edit makes to ``uri`` (plain or versioned form)."""
    found: list[types.TextEdit] = list((edit.changes or {}).get(uri, []))
    for change in edit.document_changes or []:
        if isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri:
            found += [e for e in change.edits if isinstance(e, types.TextEdit)]
    return found


class Session:
    """One server process: initialize on enter, shutdown and exit on leave."""

    def __init__(self, root: Path, options: dict[str, Any] | None = None,
                 capabilities: types.ClientCapabilities | None = None) -> None:
        self.root = root
        self.options = options
        self.capabilities = capabilities or types.ClientCapabilities()
        self.client = LanguageClient("awesome-lint-tests", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.messages: list[str] = []
        self.registrations: list[types.Registration] = []
        self._arrived = asyncio.Event()
        self.returncode: int | None = None

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            self._arrived.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

    async def __aenter__(self) -> Session:
        await self.client.start_io(sys.executable, "-m", "awesome_lint", "server", "--stdio",
                                   cwd=str(self.root))
        self.initialize_result = await self.client.initialize_async(types.InitializeParams(
            capabilities=self.capabilities, root_uri=self.root.as_uri(),
            initialization_options=self.options))
        self.client.initialized(types.InitializedParams())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), 10)
        self.client.exit(None)
        server = self.client._server
        if server is not None:
            self.returncode = await asyncio.wait_for(server.wait(), 10)
        await self.client.stop()

    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=version,
                                   text=text)))

    def replace_all(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))

    def change(self, uri: str, version: int, edits: list[types.TextEdit]) -> None:
        """Incremental changes, as editors send them (applied in order)."""
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
             for e in edits]))

    async def diagnostics(self, uri: str, version: int | None = None, timeout: float = 20
                          ) -> list[types.Diagnostic]:
        """The first diagnostics published for ``uri`` at ``version`` (or any version)."""
        async def wait() -> list[types.Diagnostic]:
            while True:
                for params in self.published.get(uri, []):
                    if version is None or params.version == version:
                        return list(params.diagnostics)
                self._arrived.clear()
                await self._arrived.wait()
        return await asyncio.wait_for(wait(), timeout)

    async def hover(self, uri: str, line: int, character: int) -> str | None:
        """The hover text at a position, or None."""
        result = await self.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character)))
        if result is None:
            return None
        assert isinstance(result.contents, types.MarkupContent)
        return result.contents.value

    async def complete(self, uri: str, line: int, character: int
                       ) -> list[types.CompletionItem]:
        result = await self.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character)))
        if result is None:
            return []
        return list(result.items if isinstance(result, types.CompletionList) else result)

    def forget(self, uri: str) -> None:
        self.published.pop(uri, None)
