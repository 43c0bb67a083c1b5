"""The language server, driven over real stdio in a subprocess by pygls's client."""

from __future__ import annotations

import asyncio
import http.server
import subprocess
import sys
import threading
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest

pytest.importorskip("pygls")

from lsprotocol import types

from tests.lsp_harness import Session, apply_edits, workspace_edits

SEED = """\
# Awesome Papers

A reading list. Tags:
* [Gml] General ML
* [Vid] Video

## Papers

* 🚀🎉 [ResNet](https://arxiv.org/abs/1512.03385) [[Notes](https://example.org/resnet))  \
<kbd>CVPR 2016</kbd> [Gml]
* [Two-Stream](https://arxiv.org/abs/1406.2199) <kbd>NeurIPS 2014</kbd> [Vid]
* [VGG](https://arxiv.org/abs/1409.1556) <kbd>ICLR 2015</kbd> [Vid]
"""
NOTES = "[[Notes](https://example.org/resnet))"


def run(coro: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(coro(), 60))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def find(diagnostics: list[types.Diagnostic], code: str) -> types.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert found, f"no {code} in {[d.code for d in diagnostics]}"
    return found[0]


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


async def actions_at(session: Session, uri: str, where: types.Range,
                     only: list[str] | None = None) -> list[types.CodeAction]:
    result = await session.client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), where, types.CodeActionContext([], only=only)))
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


def write(root: Path, text: str = SEED) -> tuple[str, str]:
    path = root / "README.md"
    path.write_text(text, encoding="utf-8")
    return path.as_uri(), text


def test_diagnostics_quick_fix_and_change(tmp_path: Path) -> None:
    uri, text = write(tmp_path)

    async def scenario() -> None:
        async with Session(tmp_path) as session:
            caps = session.initialize_result.capabilities
            assert caps.position_encoding == types.PositionEncodingKind.Utf16
            assert caps.hover_provider and caps.code_action_provider
            session.open(uri, text)
            diagnostics = await session.diagnostics(uri, 1)
            assert codes(diagnostics) == ["LNK002"]
            found = find(diagnostics, "LNK002")
            line = text.splitlines()[8]
            start = utf16(line[:line.index(NOTES)])
            assert start == line.index(NOTES) + 2  # two emoji: two UTF-16 units each
            assert found.range == types.Range(types.Position(8, start),
                                              types.Position(8, start + utf16(NOTES)))
            assert found.severity == types.DiagnosticSeverity.Error
            assert found.source == "awesome-lint"
            assert found.code_description is not None
            assert found.code_description.href.endswith("#lnk002-malformed-link")

            actions = await actions_at(session, uri, found.range)
            quick = [a for a in actions if a.is_preferred]
            assert len(quick) == 1 and quick[0].kind == types.CodeActionKind.QuickFix
            assert quick[0].diagnostics and quick[0].diagnostics[0].code == "LNK002"
            titles = [a.title for a in actions]
            assert "Disable LNK002 for this line" in titles
            assert "Fix all safe awesome-lint findings in this file" in titles
            assert quick[0].edit is not None
            edits = workspace_edits(quick[0].edit, uri)
            fixed = apply_edits(text, edits)
            assert "[[Notes](https://example.org/resnet)]  <kbd>" in fixed
            session.change(uri, 2, edits)  # incremental, in UTF-16 ranges
            assert await session.diagnostics(uri, 2) == []

            # a new defect typed in: a misspelt venue after an emoji
            end = types.Position(len(fixed.splitlines()), 0)
            added = "* 😀 [Adam](https://arxiv.org/abs/1412.6980) <kbd>iclr 2015</kbd> [Gml]\n"
            session.change(uri, 3, [types.TextEdit(types.Range(end, end), added)])
            diagnostics = await session.diagnostics(uri, 3)
            badge = find(diagnostics, "BDG002")
            assert badge.range.start == types.Position(
                end.line, utf16(added[:added.index("<kbd>")]))
            assert badge.range.end.character == utf16(added[:added.index(" [Gml]")])
        assert session.returncode == 0

    run(scenario)


def test_fix_all_and_disable_for_line(tmp_path: Path) -> None:
    text = SEED.replace("NeurIPS 2014</kbd> [Vid]", "nips 2014</kbd> [Vid]   ")
    uri, text = write(tmp_path, text)

    async def scenario() -> None:
        async with Session(tmp_path) as session:
            session.open(uri, text)
            before = await session.diagnostics(uri, 1)
            assert {"LNK002", "BDG002", "STY002"} <= set(codes(before))
            whole = types.Range(types.Position(0, 0), types.Position(0, 0))
            actions = await actions_at(session, uri, whole, only=["source.fixAll"])
            assert [a.kind for a in actions] == ["source.fixAll.awesome-lint"]
            assert actions[0].edit is not None
            fixed = apply_edits(text, workspace_edits(actions[0].edit, uri))
            session.replace_all(uri, fixed, 2)
            after = await session.diagnostics(uri, 2)
            assert not any(d.message.endswith("(fixable)") for d in after)
            assert "<kbd>NIPS 2014</kbd> [Vid]\n" in fixed
            assert "(https://example.org/resnet)]" in fixed

            # suppress what is left on one line, and see it go (no unused-suppression)
            session.replace_all(uri, text, 3)
            current = await session.diagnostics(uri, 3)
            badge = find(current, "BDG002")
            actions = await actions_at(session, uri, badge.range)
            disable = [a for a in actions if a.title == "Disable BDG002 for this line"]
            assert disable and disable[0].edit is not None
            suppressed = apply_edits(text, workspace_edits(disable[0].edit, uri))
            line = suppressed.splitlines()[9]
            assert line.endswith("[Vid] <!-- awesome-lint-disable-line BDG002 -->   ")
            session.replace_all(uri, suppressed, 4)
            left = await session.diagnostics(uri, 4)
            assert "BDG002" not in codes(left) and "STY006" not in codes(left)
            # a second code joins the comment already on the line
            trailing = find(left, "STY002")
            actions = await actions_at(session, uri, trailing.range)
            disable = [a for a in actions if a.title == "Disable STY002 for this line"]
            assert disable[0].edit is not None
            both = apply_edits(suppressed, workspace_edits(disable[0].edit, uri))
            assert "<!-- awesome-lint-disable-line BDG002 STY002 -->" in both

    run(scenario)


def test_fix_all_resolved_on_demand(tmp_path: Path) -> None:
    """A client that resolves code actions gets "fix all" without its (costly) edit first."""
    uri, text = write(tmp_path)
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            code_action=types.CodeActionClientCapabilities(
                resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]))),
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True)))

    async def scenario() -> None:
        async with Session(tmp_path, capabilities=capabilities) as session:
            session.open(uri, text, version=7)
            await session.diagnostics(uri, 7)
            start = types.Position(0, 0)
            actions = await actions_at(session, uri, types.Range(start, start),
                                       only=["source.fixAll.awesome-lint"])
            assert len(actions) == 1 and actions[0].edit is None
            resolved = await session.client.code_action_resolve_async(actions[0])
            assert resolved.edit is not None and resolved.edit.document_changes
            change = resolved.edit.document_changes[0]
            assert isinstance(change, types.TextDocumentEdit)
            assert change.text_document.version == 7  # applies to the text it was made on
            fixed = apply_edits(text, workspace_edits(resolved.edit, uri))
            assert "[[Notes](https://example.org/resnet)]" in fixed

    run(scenario)


def test_hover_finding_and_badge(tmp_path: Path) -> None:
    uri, text = write(tmp_path)

    async def scenario() -> None:
        async with Session(tmp_path) as session:
            session.open(uri, text)
            found = find(await session.diagnostics(uri, 1), "LNK002")

            shown = await session.hover(uri, 8, found.range.start.character + 3)
            assert shown is not None
            assert shown.startswith("**LNK002 malformed-link**")
            assert "instead of ']'" in shown and "Bad:" in shown
            assert "#lnk002-malformed-link)" in shown
            line = text.splitlines()[9]
            venue = await session.hover(uri, 9, utf16(line[:line.index("NeurIPS")]) + 2)
            assert venue is not None
            assert "**NeurIPS**: Conference on Neural Information Processing Systems" in venue
            assert "Cadence: annual, since 1987" in venue
            assert "Former names: NIPS" in venue
            assert "2014: held; then called NIPS" in venue
            assert await session.hover(uri, 0, 3) is None
            session.forget(uri)  # closing the document clears its findings
            session.client.text_document_did_close(types.DidCloseTextDocumentParams(
                types.TextDocumentIdentifier(uri)))
            assert await session.diagnostics(uri) == []

    run(scenario)


def test_completion_of_venues_and_tags(tmp_path: Path) -> None:
    uri, text = write(tmp_path)

    async def scenario() -> None:
        async with Session(tmp_path) as session:
            session.open(uri, text)
            await session.diagnostics(uri, 1)
            typed = "* 🎉 [Adam](https://arxiv.org/abs/1412.6980) <kbd>IC"
            end = types.Position(11, 0)
            session.change(uri, 2, [types.TextEdit(types.Range(end, end), typed)])

            items = await session.complete(uri, 11, utf16(typed))
            labels = [item.label for item in items]
            assert {"ICLR", "ICML", "CVPR", "NeurIPS"} <= set(labels)
            iclr = next(item for item in items if item.label == "ICLR")
            assert iclr.detail == "International Conference on Learning Representations"
            assert isinstance(iclr.text_edit, types.TextEdit)
            assert iclr.text_edit.range.start.character == utf16(typed) - 2
            assert iclr.text_edit.new_text == "ICLR "

            more = "CLR 2015</kbd> [V"
            position = types.Position(11, utf16(typed))
            session.change(uri, 3, [types.TextEdit(types.Range(position, position), more)])
            tags = await session.complete(uri, 11, utf16(typed + more))
            assert [item.label for item in tags] == ["Gml", "Vid"]
            assert tags[1].detail == "Video"
            assert isinstance(tags[1].text_edit, types.TextEdit)
            assert tags[1].text_edit.new_text == "Vid]"
            assert await session.complete(uri, 11, 3) == []  # plain text: nothing to offer

    run(scenario)


def test_config_is_read_and_reloaded(tmp_path: Path) -> None:
    text = SEED.replace("<kbd>ICLR 2015</kbd>", "<kbd>iclr 2015</kbd>")
    uri, text = write(tmp_path, text)
    config = tmp_path / ".awesome-lint.toml"
    config.write_text('ignore = ["LNK"]\n', encoding="utf-8")
    capabilities = types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(
        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
            dynamic_registration=True)))

    async def scenario() -> None:
        async with Session(tmp_path, capabilities=capabilities) as session:
            session.open(uri, text)
            assert codes(await session.diagnostics(uri, 1)) == ["BDG002"]
            for _ in range(100):  # the registration request follows `initialized`
                if session.registrations:
                    break
                await asyncio.sleep(0.05)
            assert [r.method for r in session.registrations] == [
                types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
            config.write_text('ignore = ["BDG"]\n', encoding="utf-8")
            session.forget(uri)
            session.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
                [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]))
            assert codes(await session.diagnostics(uri, 1)) == ["LNK002"]
            # a broken config: the defaults, the error on the document and in a message
            config.write_text('ignore = ["NOPE"]\n', encoding="utf-8")
            session.forget(uri)
            session.client.text_document_did_save(types.DidSaveTextDocumentParams(
                types.TextDocumentIdentifier(config.as_uri())))
            found = await session.diagnostics(uri, 1)
            assert "unknown rule, prefix or category 'NOPE'" in found[0].message
            assert {"LNK002", "BDG002"} <= set(codes(found))
            assert any("NOPE" in message for message in session.messages)

    run(scenario)


class _Links(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_HEAD(self) -> None:
        _Links.requests.append(self.path)
        self.send_response(404 if self.path == "/gone" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def link_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Links)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Links.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("configured", [False, True])
def test_link_checks_only_when_configured(tmp_path: Path, link_server: str,
                                          configured: bool,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()  # the link cache goes to the project root
    text = f"# Links\n\n* [Gone]({link_server}/gone)\n* [Here]({link_server}/ok)\n"
    uri, text = write(tmp_path, text)
    # The server on 127.0.0.1 is a private address: only the environment (never the
    # repository's config) lets the server reach it.
    monkeypatch.setenv("AWESOME_LINT_ALLOW_PRIVATE_HOSTS", "1")
    if configured:
        (tmp_path / ".awesome-lint.toml").write_text(
            "[links]\ncheck = true\ncache = false\nretries = 0\n", encoding="utf-8")

    async def scenario() -> None:
        async with Session(tmp_path) as session:
            session.open(uri, text)
            assert await session.diagnostics(uri, 1) == []
            if configured:  # checked in the background, then published again
                session.forget(uri)
                broken = find(await session.diagnostics(uri, 1), "LNK101")
                assert broken.range.start.line == 2
            else:
                await asyncio.sleep(1.0)
                assert _Links.requests == []
                assert all(not p.diagnostics for p in session.published[uri])

    run(scenario)


def test_core_cli_does_not_import_pygls(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(SEED, encoding="utf-8")
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "awesome_lint", "check",
                             str(readme)], capture_output=True, text=True, timeout=60)
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "awesome_lint" in imported
    assert not imported & {"pygls", "lsprotocol", "cattrs"}


def test_server_without_the_extra_says_how_to_install() -> None:
    code = ("import sys; sys.modules['pygls'] = None; sys.argv = ['awesome-lint', 'server'];"
            "from awesome_lint.cli import console_main; console_main()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == ('awesome-lint: the language server needs pygls: '
                                     'pip install "awesome-lint[lsp]"')


def test_utf8_positions_when_negotiated_and_crlf_kept(tmp_path: Path) -> None:
    """Neovim and Helix offer UTF-8 first: ranges then count bytes."""
    text = SEED.replace("\n", "\r\n")
    uri, _ = write(tmp_path, text)
    capabilities = types.ClientCapabilities(general=types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8,
                            types.PositionEncodingKind.Utf16]))

    async def scenario() -> None:
        async with Session(tmp_path, capabilities=capabilities) as session:
            caps = session.initialize_result.capabilities
            assert caps.position_encoding == types.PositionEncodingKind.Utf8
            session.open(uri, text)
            found = find(await session.diagnostics(uri, 1), "LNK002")
            line = text.splitlines()[8]
            start = len(line[:line.index(NOTES)].encode("utf-8"))
            assert (found.range.start.character, found.range.end.character) == (
                start, start + len(NOTES))
            whole = types.Range(types.Position(0, 0), types.Position(0, 0))
            [fix_all] = await actions_at(session, uri, whole, only=["source.fixAll"])
            assert fix_all.edit is not None
            [edit] = workspace_edits(fix_all.edit, uri)
            assert edit.range.start == types.Position(8, start + len(NOTES) - 1)
            assert edit.new_text == "]"

    run(scenario)


def test_readme_editor_recipes_start_the_server() -> None:
    import json

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In the editor", 1)[1].split("\n## ", 1)[0]
    blocks = {}
    for block in section.split("```")[1::2]:
        language, _, body = block.partition("\n")
        blocks[language] = body
    helix = tomllib.loads(blocks["toml"])
    assert helix["language-server"]["awesome-lint"]["command"] == "awesome-lint"
    assert helix["language-server"]["awesome-lint"]["args"] == ["server"]
    assert "awesome-lint" in helix["language"][0]["language-servers"]
    vscode = json.loads(blocks["json"])
    assert [vscode["glspc.serverCommand"], *vscode["glspc.serverCommandArguments"]] == [
        "awesome-lint", "server"]
    assert 'cmd = { "awesome-lint", "server" }' in blocks["lua"]
    assert "vim.lsp.start" in blocks["lua"]


def test_a_list_over_max_file_size_is_not_checked(tmp_path: Path) -> None:
    uri, text = write(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.awesome-lint]\nmax-file-size = 100\n",
                                             encoding="utf-8")

    async def scenario() -> None:
        async with Session(tmp_path) as session:
            session.open(uri, text)
            [only] = await session.diagnostics(uri, 1)
            assert only.message.startswith("not checked: ")
            assert "over the 100-byte limit (max-file-size)" in only.message
            assert await session.hover(uri, 8, 60) is None  # no tree: nothing to say, no crash

    run(scenario)


def test_a_burst_of_changes_is_linted_once_it_pauses(tmp_path: Path) -> None:
    uri, text = write(tmp_path)

    async def scenario() -> None:
        async with Session(tmp_path, options={"debounceMs": 300}) as session:
            session.open(uri, text)
            await session.diagnostics(uri, 1)
            end = types.Position(len(text.splitlines()), 0)
            for version in range(2, 8):  # typing "abcdef" on a new line
                session.change(uri, version, [types.TextEdit(types.Range(end, end), "a")])
                end = types.Position(end.line, end.character + 1)
                await asyncio.sleep(0.02)
            await session.diagnostics(uri, 7)
            await asyncio.sleep(0.5)
            versions = [p.version for p in session.published[uri]]
            assert versions[0] == 1 and versions[-1] == 7, versions
            assert len(versions) <= 3, versions  # the first change at once, then the last

    run(scenario)


REAL = ("seeds/000_b0be866922e18fab.txt", "seeds/001_838255085520cd98.txt",
        "seeds/002_19adcd5dca8c0e79.txt", "seeds/003_ce96beb1a467b61c.txt",
        "seeds/004_ba3d963ac3089cdc.txt",
        "corpus/BradyFU__Awesome-Multimodal-Large-Language-Models.md",  # emoji in entries
        "corpus/amusi__CVPR2024-Papers-with-Code.md")


def test_real_lists_match_the_engine(tmp_path: Path, shared: Path) -> None:
    """On real lists (emoji included) the server reports what the engine finds, at the
    UTF-16 columns of each finding's text, and "fix all" gives what the engine's fix does."""
    from awesome_lint.engine import fix_text, lint_document
    from awesome_lint.files.sources import FileResolver
    from awesome_lint.rules.context import Services
    from awesome_lint.syntax.parser import parse

    async def scenario() -> None:
        async with Session(tmp_path) as session:
            for number, name in enumerate(REAL):
                path = tmp_path / f"list{number}" / "README.md"
                path.parent.mkdir()
                text = (shared / name).read_text(encoding="utf-8")
                path.write_text(text, encoding="utf-8")
                uri = path.as_uri()
                session.open(uri, text)
                got = await session.diagnostics(uri, 1, timeout=30)
                lines = text.splitlines()
                expected = [(d.code, d.line - 1, utf16(lines[d.line - 1][:d.column - 1]),
                             d.end_line - 1,
                             utf16(lines[d.end_line - 1][:d.end_column]))
                            for d in lint_document(parse(text, str(path)), services=Services(
                                files=FileResolver.for_file(path)))]
                assert sorted((str(d.code), d.range.start.line, d.range.start.character,
                               d.range.end.line, d.range.end.character) for d in got) == \
                    sorted(expected), name
                start = types.Position(0, 0)
                actions = await actions_at(session, uri, types.Range(start, start),
                                           only=["source.fixAll"])
                fixed = fix_text(text, path=str(path),
                                 services=Services(files=FileResolver.for_file(path))).text
                if fixed == text:
                    assert actions == [], name
                    continue
                assert actions[0].edit is not None
                assert apply_edits(text, workspace_edits(actions[0].edit, uri)) == fixed, name

    run(scenario)
