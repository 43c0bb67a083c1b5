"""``awesome-lint server``: the language server, on pygls 2 over stdio.

Diagnostics are pushed on open, on save, and after a quiet time following changes (the
debounce: typing does not lint every keystroke).  Every request reads the snapshot of the
document's current version; a request that arrives while a lint is pending runs it first.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import default_converter
from pygls.uris import to_fs_path

from awesome_lint import __version__
from awesome_lint.lsp import actions, assist
from awesome_lint.lsp.convert import SOURCE, JsonCache
from awesome_lint.lsp.documents import Linter, Settings, Snapshot, is_config_file

log = logging.getLogger(__name__)

#: Glob patterns of the configuration files the client is asked to watch.
CONFIG_GLOBS = ("**/pyproject.toml", "**/.awesome-lint.toml")
#: Seconds of quiet after a lint before the garbage collector runs.
IDLE_COLLECT = 2.0
#: Lints without a pause after which it runs anyway (memory stays bounded while typing).
COLLECT_EVERY = 50


class AwesomeLintServer(LanguageServer):
    """pygls's server plus the documents' lints, the debounce and the publishing."""

    def __init__(self) -> None:
        super().__init__(SOURCE, __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.linter = Linter()
        self.options = actions.Options()
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._shown_problems: set[str] = set()
        self._json: dict[str, JsonCache] = {}
        self._unstructure = default_converter().unstructure  # type: ignore[no-untyped-call]
        self._collect: asyncio.TimerHandle | None = None
        self._lints = 0
        #: When each document was last linted (event-loop time), for the debounce.
        self._linted: dict[str, float] = {}

    # -- linting -----------------------------------------------------------------------------
    def path_of(self, uri: str) -> Path | None:
        if not uri.startswith("file:"):
            return None
        path = to_fs_path(uri)
        return Path(path) if path else None

    def snapshot(self, uri: str) -> Snapshot | None:
        """The lint of the document's current version (linting now if it is stale)."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        current = self.linter.snapshots.get(uri)
        if current is not None and current.version == document.version \
                and current.text == document.source:
            return current
        return self.lint_and_publish(uri)

    def lint_and_publish(self, uri: str) -> Snapshot | None:
        handle = self._pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        try:
            snapshot = self.linter.lint(uri, document.source, document.version,
                                        self.path_of(uri))
        except Exception as err:  # a bug in a rule must not take the editor's server down
            log.exception("lint of %s failed", uri)
            self.window_show_message(types.ShowMessageParams(
                types.MessageType.Error, f"awesome-lint failed on {uri}: {err!r}"))
            return None
        self.publish(snapshot)
        self._linted[uri] = asyncio.get_running_loop().time()
        return snapshot

    def publish(self, snapshot: Snapshot) -> None:
        unstructure = self._unstructure
        cache = self._json.setdefault(snapshot.uri, JsonCache())
        found = cache.convert(snapshot.diagnostics, snapshot.index,
                              self.linter.settings.docs_url, unstructure)
        if snapshot.problem is not None:
            found.insert(0, unstructure(self._problem(snapshot)))
        params: dict[str, Any] = {"uri": snapshot.uri, "diagnostics": found}
        if snapshot.version is not None:
            params["version"] = snapshot.version
        # Speed trick: the params are plain JSON already (see JsonCache), so they go out as
        # a plain JSON-RPC message; pygls's notify() would unstructure every finding again.
        self.protocol._send_data({"jsonrpc": "2.0", "params": params,
                                  "method": types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS})
        self._collect_later()

    def _collect_later(self) -> None:
        """Speed trick: the cyclic garbage collector stays off (as in the CLI) and runs
        once the editor has been quiet for a while, not in the middle of a lint, where a
        full collection over the trees of large lists cost tens of milliseconds.  Old trees
        hold cycles (sections know their parents), so it does run: after
        :data:`IDLE_COLLECT` seconds of quiet, or every :data:`COLLECT_EVERY` lints."""
        if self._collect is not None:
            self._collect.cancel()
        self._lints += 1
        if self._lints >= COLLECT_EVERY:
            self._collected()
            return
        self._collect = asyncio.get_running_loop().call_later(IDLE_COLLECT, self._collected)

    def _collected(self) -> None:
        self._lints = 0
        self._collect = None
        gc.collect()

    def _problem(self, snapshot: Snapshot) -> types.Diagnostic:
        """A configuration or parse error, shown on the document and once as a message."""
        message = snapshot.problem or ""
        if message not in self._shown_problems:
            self._shown_problems.add(message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error,
                                                             f"awesome-lint: {message}"))
        start = types.Position(max(snapshot.problem_line - 1, 0), 0)
        return types.Diagnostic(types.Range(start, start), message,
                                severity=types.DiagnosticSeverity.Error, source=SOURCE)

    def schedule(self, uri: str) -> None:
        """Lint after a change: at once when the document was quiet (the first keystroke
        after a pause shows its result without waiting), else after the debounce delay,
        restarted by each further change, so a burst of typing is linted once."""
        loop = asyncio.get_running_loop()
        handle = self._pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        delay = self.linter.settings.debounce
        if handle is None and loop.time() - self._linted.get(uri, -delay) >= delay:
            delay = 0.0
        self._pending[uri] = loop.call_later(delay, self.lint_and_publish, uri)

    def forget(self, uri: str) -> None:
        """A closed document: drop its state and clear its diagnostics."""
        handle = self._pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        self.linter.close(uri)
        self._json.pop(uri, None)
        self._linted.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri,
                                                                              diagnostics=[]))

    def relint_all(self) -> None:
        self.linter.reload()
        self._shown_problems.clear()
        for uri in list(self.workspace.text_documents):
            self.lint_and_publish(uri)

    # -- link checks (only when configured) --------------------------------------------------
    def check_links(self, snapshot: Snapshot) -> None:
        """Check the document's http(s) links in a worker thread, then lint again."""
        path = self.path_of(snapshot.uri)
        if snapshot.document is None or path is None \
                or not self.linter.wants_links(snapshot.config):
            return
        from awesome_lint.linkcheck import session as remote
        from awesome_lint.rules.links import http as http_links

        urls = remote.urls_to_check(snapshot.document)
        settings = snapshot.config.table("links") or http_links.LINK_DEFAULTS
        options = remote.check_options(settings, root=remote.project_root(path),
                                       use_cache=None, allow_private=None)
        loop = asyncio.get_running_loop()

        def done(future: asyncio.Future[Any]) -> None:
            if future.cancelled() or future.exception() is not None:
                log.warning("link check failed: %s", future.exception())
                return
            self.linter.link_results[snapshot.uri] = future.result()
            self.lint_and_publish(snapshot.uri)

        loop.run_in_executor(self.thread_pool, remote.run_checks, urls, options
                             ).add_done_callback(done)


server = AwesomeLintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: AwesomeLintServer, params: types.InitializeParams) -> None:
    ls.linter.settings = Settings.from_options(params.initialization_options)
    root = ls.workspace.root_path
    ls.linter.root = Path(root) if root else None
    ls.linter.encoding = str(ls.workspace.position_encoding or "utf-16")
    caps = params.capabilities
    edit = caps.workspace.workspace_edit if caps.workspace else None
    action = caps.text_document.code_action if caps.text_document else None
    resolvable = action is not None and action.resolve_support is not None \
        and "edit" in action.resolve_support.properties
    ls.options = actions.Options(versioned=bool(edit and edit.document_changes),
                                 resolve_edit=resolvable,
                                 docs_url=ls.linter.settings.docs_url)


@server.feature(types.INITIALIZED)
def initialized(ls: AwesomeLintServer, params: types.InitializedParams) -> None:
    """Ask the client to tell us when a configuration file changes (if it can)."""
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps else None
    if watched is None or not watched.dynamic_registration:
        return
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=g) for g in CONFIG_GLOBS])
    ls.client_register_capability(types.RegistrationParams(registrations=[
        types.Registration(id="awesome-lint-config",
                           method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                           register_options=options)]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: AwesomeLintServer, params: types.DidOpenTextDocumentParams) -> None:
    snapshot = ls.lint_and_publish(params.text_document.uri)
    if snapshot is not None:
        ls.check_links(snapshot)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: AwesomeLintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: AwesomeLintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is not None and is_config_file(str(path)):
        ls.relint_all()
        return
    snapshot = ls.lint_and_publish(uri)
    if snapshot is not None:
        ls.check_links(snapshot)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: AwesomeLintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: AwesomeLintServer,
                             params: types.DidChangeWatchedFilesParams) -> None:
    if any(is_config_file(to_fs_path(change.uri) or change.uri) for change in params.changes):
        ls.relint_all()


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL],
    resolve_provider=True))
def code_action(ls: AwesomeLintServer, params: types.CodeActionParams
                ) -> list[types.CodeAction] | None:
    snapshot = ls.snapshot(params.text_document.uri)
    if snapshot is None:
        return None
    only = [str(kind) for kind in params.context.only] if params.context.only else None
    return actions.code_actions(snapshot, params.range, only, ls.options) or None


@server.feature(types.CODE_ACTION_RESOLVE)
def code_action_resolve(ls: AwesomeLintServer, action: types.CodeAction) -> types.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri")
    snapshot = ls.snapshot(uri) if isinstance(uri, str) else None
    if snapshot is not None and action.edit is None:
        action.edit = actions.fix_all_edit(snapshot, ls.options)
    return action


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: AwesomeLintServer, params: types.HoverParams) -> types.Hover | None:
    snapshot = ls.snapshot(params.text_document.uri)
    if snapshot is None:
        return None
    return assist.hover(snapshot, params.position, ls.linter.settings.docs_url)


@server.feature(types.TEXT_DOCUMENT_COMPLETION,
                types.CompletionOptions(trigger_characters=["[", ">"]))
def completion(ls: AwesomeLintServer, params: types.CompletionParams
               ) -> types.CompletionList | None:
    uri = params.text_document.uri
    snapshot = ls.linter.snapshots.get(uri) or ls.snapshot(uri)
    document = ls.workspace.text_documents.get(uri)
    if snapshot is None or document is None:
        return None
    lines = document.lines
    line = lines[params.position.line] if params.position.line < len(lines) else ""
    items = assist.complete(snapshot, line.rstrip("\r\n"), params.position)
    return types.CompletionList(is_incomplete=False, items=items) if items else None


def main() -> None:
    """Serve over stdio until the client says exit."""
    server.start_io()
