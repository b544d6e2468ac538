"""`python -m lintkit.lsp`, driven over stdio by a real protocol client (pytest-lsp).

Each test starts the server in a project folder of its own under tmp_path (its own
lintkit.toml), opens documents there and waits for `textDocument/publishDiagnostics`
notifications, with bounded timeouts. Columns are asserted exactly, with emoji (outside the
Basic Multilingual Plane: two UTF-16 code units, four UTF-8 bytes, one code point) before the
finding, in each position encoding a client can negotiate.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any, Union

import pytest
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient
from pytest_lsp.client import make_test_lsp_client

from lintkit.registry import load_rules
from lintkit.run import lint_file_text
from lintkit.source import split_lines

pytestmark = pytest.mark.asyncio(loop_scope="function")

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 20.0  # seconds: a cold start loads every rule; a check takes milliseconds after that

# Line 2 holds a repeated word after two emoji: code-point column 18, UTF-16 column 20,
# UTF-8 column 24 (each emoji is 1 code point, 2 UTF-16 units, 4 UTF-8 bytes).
STORY = "Ceasefire talks resume\n\n🙂🎉 Officials said the the ceasefire would hold.\n"
FIXED = "Ceasefire talks resume\n\n🙂🎉 Officials said the ceasefire would hold.\n"


# lsprotocol's client side reads every code action that carries a command as a bare Command
# (it checks only that a "command" key is present); editors tell them apart by the type of
# that key, as the specification does, and so does `session` below.


def uri_of(path: Path) -> str:
    uri = from_fs_path(str(path))
    assert uri is not None
    return uri


@contextlib.asynccontextmanager
async def session(
    cwd: Path, encodings: Sequence[str] | None = None, config: Path | None = None, cli: bool = False
) -> AsyncIterator[tuple[LanguageClient, types.InitializeResult]]:
    """A client connected to a fresh `python -m lintkit.lsp` (with `cli`: `lintkit lsp
    --stdio`, as editors start it) running in `cwd`."""
    start = ["lintkit", "lsp", "--stdio"] if cli else ["lintkit.lsp"]
    command = [sys.executable, "-m", *start, *(["--config", str(config)] if config else [])]
    client = make_test_lsp_client()
    converter = client.protocol._converter
    converter.register_structure_hook(
        Union[types.Command, types.CodeAction],  # noqa: UP007 - the key lsprotocol registers
        lambda obj, _: converter.structure(
            obj, types.Command if isinstance(obj.get("command"), str) else types.CodeAction
        ),
    )
    await client.start_io(*command, cwd=str(cwd))
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=list(encodings)) if encodings else None,
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True)
        ),
    )
    try:
        result = await asyncio.wait_for(
            client.initialize_session(
                types.InitializeParams(capabilities=capabilities, root_uri=uri_of(cwd))
            ),
            TIMEOUT,
        )
        yield client, result
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
    finally:
        server = client._server
        if server is not None and server.returncode is None:
            server.kill()  # a failed test must not wait for a server that was never told to exit
        await asyncio.wait_for(client.stop(), TIMEOUT)


async def published(
    client: LanguageClient, send: Callable[[], None], uri: str,
    until: Callable[[types.PublishDiagnosticsParams], bool] = lambda p: True,
) -> types.PublishDiagnosticsParams:  # fmt: skip
    """Send a notification, then wait for the first diagnostics for `uri` that satisfy
    `until` (the waiter is registered before sending, so none is missed)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    future = client.protocol.wait_for_notification_async(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    send()
    while True:
        params = await asyncio.wait_for(future, max(0.01, deadline - loop.time()))
        future = client.protocol.wait_for_notification_async(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri and until(params):
            return params  # type: ignore[no-any-return]


def open_doc(
    client: LanguageClient, uri: str, text: str, language: str = "plaintext", version: int = 1
) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )


def change_doc(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def spans(params: types.PublishDiagnosticsParams) -> list[tuple[Any, int, int, int, int]]:
    return [
        (d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in params.diagnostics
    ]


def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def apply_edits(text: str, edits: Sequence[types.TextEdit], encoding: str = "utf-16") -> str:
    """What an editor does with a quick fix: edits in client units, applied last first."""
    lines = split_lines(text)  # \n, \r\n and \r only, as the protocol counts lines

    def offset(p: types.Position) -> int:
        line = lines[p.line] if p.line < len(lines) else ""
        column, seen = 0, 0
        while column < len(line) and seen < p.character:
            seen += units(line[column], encoding)
            column += 1
        return sum(len(x) for x in lines[: p.line]) + column

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        (change,) = action.edit.document_changes
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == uri
        return [e for e in change.edits if isinstance(e, types.TextEdit)]
    assert action.edit.changes is not None
    return list(action.edit.changes[uri])


async def actions_at(client: LanguageClient, uri: str, rng: types.Range) -> list[types.CodeAction]:
    result = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=rng,
                context=types.CodeActionContext(diagnostics=[]),
            )
        ),
        TIMEOUT,
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "lintkit.toml").write_text('baseline = "lintkit-baseline.json"\n', encoding="utf-8")
    return tmp_path


# -- diagnostics, positions, fixes ------------------------------------------------------------


async def test_diagnostics_at_utf16_columns_and_the_fix_applies(project: Path) -> None:
    uri = uri_of(project / "story.txt")
    async with session(project) as (client, init):
        assert init.capabilities.position_encoding == types.PositionEncodingKind.Utf16
        params = await published(client, lambda: open_doc(client, uri, STORY), uri)
        assert spans(params) == [("MT005", 2, 20, 2, 27)]
        (d,) = params.diagnostics
        assert d.severity == types.DiagnosticSeverity.Warning
        assert d.source == "lintkit"
        assert "the the" in d.message
        assert params.version == 1

        actions = await actions_at(client, uri, d.range)
        titles = [a.title for a in actions]
        assert titles[0] == "MT005: delete the repeated word"
        assert actions[0].is_preferred is True
        assert actions[0].kind == types.CodeActionKind.QuickFix
        assert any(t.startswith("Add this MT005 finding to the baseline") for t in titles)
        assert not any(t.startswith("Ignore") for t in titles)  # plain text has no comments
        fixed = apply_edits(STORY, edits_of(actions[0], uri))
        assert fixed == FIXED

        params = await published(client, lambda: change_doc(client, uri, fixed, 2), uri)
        assert spans(params) == []
        assert params.version == 2


async def test_unsafe_fixes_are_offered_but_not_preferred(project: Path) -> None:
    uri = uri_of(project / "broken.txt")
    text = "Ceasefire talks resume\n\nThe envoys met in the world. the air was cold.\n"
    async with session(project) as (client, _):
        params = await published(client, lambda: open_doc(client, uri, text), uri)
        assert spans(params) == [("MT001", 2, 22, 2, 36)]
        actions = await actions_at(client, uri, params.diagnostics[0].range)
        fixes = [a for a in actions if a.edit is not None]
        assert [a.title for a in fixes] == [
            'MT001: start a new sentence: "The" (unsafe)',
            "MT001: remove the period (unsafe)",
        ]
        assert all(not a.is_preferred for a in fixes)
        assert apply_edits(text, edits_of(fixes[0], uri)).endswith("in the world. The air was cold.\n")


@pytest.mark.parametrize(
    ("encoding", "start", "end"), [("utf-32", 18, 25), ("utf-8", 24, 31), ("utf-16", 20, 27)]
)
async def test_position_encoding_is_negotiated(project: Path, encoding: str, start: int, end: int) -> None:
    uri = uri_of(project / "story.txt")
    async with session(project, encodings=[encoding]) as (client, init):
        assert init.capabilities.position_encoding == encoding
        params = await published(client, lambda: open_doc(client, uri, STORY), uri)
        assert spans(params) == [("MT005", 2, start, 2, end)]
        line = STORY.splitlines()[2]
        assert units(line[: line.index("the the")], encoding) == start
        actions = await actions_at(client, uri, params.diagnostics[0].range)
        assert apply_edits(STORY, edits_of(actions[0], uri), encoding) == FIXED


async def test_lines_end_where_lintkit_ends_them(project: Path) -> None:
    """A byte-order mark the editor kept and a U+2028 inside a line (an ordinary character for
    lintkit and the protocol, a line break for str.splitlines) move nothing."""
    uri = uri_of(project / "story.txt")
    text = "\ufeffCeasefire talks resume\n\nIn brief\u2028🙂 Officials said the the ceasefire would hold.\r\n"
    async with session(project) as (client, _):
        params = await published(client, lambda: open_doc(client, uri, text), uri)
        assert spans(params) == [("MT005", 2, 27, 2, 34)]
        actions = await actions_at(client, uri, params.diagnostics[0].range)
        assert apply_edits(text, edits_of(actions[0], uri)) == text.replace("the the", "the")


async def test_typing_is_debounced_and_the_latest_text_wins(project: Path) -> None:
    uri = uri_of(project / "story.txt")
    async with session(project) as (client, _):
        await published(client, lambda: open_doc(client, uri, FIXED), uri)
        seen: list[types.PublishDiagnosticsParams] = []

        def burst() -> None:
            change_doc(client, uri, STORY, 2)
            change_doc(client, uri, FIXED, 3)
            change_doc(client, uri, STORY.replace("🙂🎉 ", ""), 4)

        params = await published(client, burst, uri, lambda p: seen.append(p) is None)
        assert params.version == 4  # versions 2 and 3 were never checked
        assert spans(params) == [("MT005", 2, 15, 2, 22)]
        assert len(seen) == 1


async def test_save_checks_at_once_and_close_clears(project: Path) -> None:
    uri = uri_of(project / "story.txt")
    async with session(project) as (client, _):
        await published(client, lambda: open_doc(client, uri, FIXED), uri)
        loop = asyncio.get_running_loop()

        def change_and_save() -> None:
            change_doc(client, uri, STORY, 2)
            client.text_document_did_save(
                types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )

        started = loop.time()
        params = await published(client, change_and_save, uri)
        assert spans(params) == [("MT005", 2, 20, 2, 27)]
        assert loop.time() - started < 0.3  # the save did not wait for the typing pause
        closed = types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        params = await published(client, lambda: client.text_document_did_close(closed), uri)
        assert spans(params) == []


async def test_hover_explains_the_rule(project: Path) -> None:
    uri = uri_of(project / "story.txt")
    meta = next(r.meta for r in load_rules() if r.meta.code == "MT005")
    async with session(project) as (client, _):
        await published(client, lambda: open_doc(client, uri, STORY), uri)
        hover = await asyncio.wait_for(
            client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=2, character=22),
                )
            ),
            TIMEOUT,
        )
        assert hover is not None
        assert isinstance(hover.contents, types.MarkupContent)
        assert hover.contents.kind == types.MarkupKind.Markdown
        value = hover.contents.value
        assert value.startswith(f"**MT005** `{meta.name}`")
        assert 'Repeated word: "the the"' in value
        first_words = " ".join(meta.explanation.split()[:6])
        assert first_words in " ".join(value.split())
        assert hover.range == types.Range(start=types.Position(line=2, character=20),
                                          end=types.Position(line=2, character=27))  # fmt: skip
        nothing = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=0, character=3),
            )
        )
        assert nothing is None


# -- Markdown and HTML ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "story.md",
            "# Ceasefire talks\n\nDiplomats met on Tuesday.\n"
            "🙂 Officials said the the ceasefire would hold.\n",
            ("MT005", 3, 18, 3, 25),
        ),
        (
            "story.html",
            "<p>Diplomats met on Tuesday.\n🙂 Officials said the the ceasefire would hold.</p>\n",
            ("MT005", 1, 18, 1, 25),
        ),
    ],
)
async def test_markdown_and_html_with_an_inline_suppression(
    project: Path, name: str, text: str, expected: tuple[str, int, int, int, int]
) -> None:
    uri = uri_of(project / name)
    async with session(project) as (client, _):
        params = await published(client, lambda: open_doc(client, uri, text, name.split(".")[1]), uri)
        assert spans(params) == [expected]
        actions = await actions_at(client, uri, params.diagnostics[0].range)
        fix = actions[0]
        assert apply_edits(text, edits_of(fix, uri)) == text.replace("the the", "the")
        (ignore,) = [a for a in actions if a.title == "Ignore MT005 on this line"]
        suppressed = apply_edits(text, edits_of(ignore, uri))
        assert "<!-- lintkit: disable-next-line=MT005 -->" in suppressed
        assert lint_file_text(suppressed, str(project / name)) == []
        params = await published(client, lambda: change_doc(client, uri, suppressed, 2), uri)
        assert spans(params) == []


async def test_same_findings_as_lintkit_check(project: Path) -> None:
    """The editor shows what `lintkit check` reports, at the same places (code points)."""
    article = ROOT / "fixtures" / "examples" / "geneva-talks.txt"
    text = article.read_text(encoding="utf-8")
    target = project / "geneva-talks.txt"
    expected = [(f.rule, f.line - 1, f.column - 1) for f in lint_file_text(text, str(target))]
    assert len(expected) > 5
    uri = uri_of(target)
    async with session(project, encodings=["utf-32"]) as (client, _):
        params = await published(client, lambda: open_doc(client, uri, text), uri)
        assert [(c, line, col) for c, line, col, _, _ in spans(params)] == expected


# -- configuration and baseline ----------------------------------------------------------


async def test_per_file_ignores_and_a_config_given_at_start(project: Path) -> None:
    (project / "lintkit.toml").write_text('[per-file-ignores]\n"quiet/*.txt" = ["MT005"]\n', encoding="utf-8")
    (project / "quiet").mkdir()
    other = project / "strict.toml"
    other.write_text('ignore = ["PU"]\n', encoding="utf-8")
    quiet, loud = uri_of(project / "quiet" / "a.txt"), uri_of(project / "a.txt")
    async with session(project) as (client, _):
        assert spans(await published(client, lambda: open_doc(client, quiet, STORY), quiet)) == []
        assert spans(await published(client, lambda: open_doc(client, loud, STORY), loud))[0][0] == "MT005"
    async with session(project, config=other, cli=True) as (client, _):  # per-file-ignores not applied
        assert spans(await published(client, lambda: open_doc(client, quiet, STORY), quiet))[0][0] == "MT005"


async def test_add_to_baseline_is_honoured_by_lintkit_check(project: Path) -> None:
    story = project / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    uri = uri_of(story)
    check = [sys.executable, "-m", "lintkit", "check", "--format", "concise", "story.txt"]
    before = subprocess.run(check, cwd=project, capture_output=True, text=True, timeout=120)
    assert before.returncode == 1 and "MT005" in before.stdout
    async with session(project) as (client, _):
        params = await published(client, lambda: open_doc(client, uri, STORY), uri)
        actions = await actions_at(client, uri, params.diagnostics[0].range)
        (add,) = [a for a in actions if a.command is not None]
        assert add.title == "Add this MT005 finding to the baseline (lintkit-baseline.json)"
        assert add.command is not None

        def execute() -> None:
            assert add.command is not None
            client.protocol.send_request(
                types.WORKSPACE_EXECUTE_COMMAND,
                types.ExecuteCommandParams(command=add.command.command, arguments=add.command.arguments),
            )

        params = await published(client, execute, uri)
        assert spans(params) == []
    recorded = json.loads((project / "lintkit-baseline.json").read_text(encoding="utf-8"))
    assert [(e["path"], e["rule"], e["text"]) for e in recorded["findings"]] == [
        ("story.txt", "MT005", "the the")
    ]
    after = subprocess.run(check, cwd=project, capture_output=True, text=True, timeout=120)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "MT005" not in after.stdout


# -- bad input ---------------------------------------------------------------------------


async def test_bad_input_is_logged_and_the_server_keeps_serving(project: Path) -> None:
    (project / "lintkit.toml").write_text("max-size = 0.001\n", encoding="utf-8")  # 1,000 bytes
    binary, huge, good = (uri_of(project / n) for n in ("binary.txt", "huge.txt", "good.txt"))
    async with session(project) as (client, _):
        params = await published(
            client, lambda: open_doc(client, binary, "Officials\x00said the the.\n"), binary
        )
        assert spans(params) == []
        params = await published(client, lambda: open_doc(client, huge, STORY * 40), huge)
        assert spans(params) == []
        params = await published(client, lambda: open_doc(client, good, STORY), good)
        assert spans(params) == [("MT005", 2, 20, 2, 27)]
        logged = " ".join(m.message for m in client.log_messages)
        assert "binary file (NUL byte" in logged
        assert "larger than the maximum article size" in logged


async def test_a_bad_configuration_is_shown_and_then_picked_up_when_fixed(project: Path) -> None:
    (project / "lintkit.toml").write_text('selekt = ["MT"]\n', encoding="utf-8")
    uri = uri_of(project / "story.txt")
    async with session(project) as (client, _):
        params = await published(client, lambda: open_doc(client, uri, STORY), uri)
        assert spans(params) == []
        assert any("unknown key 'selekt'" in m.message for m in client.messages)
        (project / "lintkit.toml").write_text('select = ["MT"]\n', encoding="utf-8")
        params = await published(client, lambda: change_doc(client, uri, STORY + "\n", 2), uri)
        assert spans(params) == [("MT005", 2, 20, 2, 27)]


async def test_without_a_configured_baseline_the_default_file_is_used_and_named(tmp_path: Path) -> None:
    (tmp_path / "lintkit.toml").write_text('ignore = ["PU"]\n', encoding="utf-8")
    uri = uri_of(tmp_path / "story.txt")
    async with session(tmp_path) as (client, _):
        params = await published(client, lambda: open_doc(client, uri, STORY), uri)
        actions = await actions_at(client, uri, params.diagnostics[0].range)
        (add,) = [a for a in actions if a.command is not None]
        assert add.command is not None
        command = types.ExecuteCommandParams(command=add.command.command, arguments=add.command.arguments)
        params = await published(
            client, lambda: client.protocol.send_request(types.WORKSPACE_EXECUTE_COMMAND, command), uri
        )
        assert spans(params) == []
        assert (tmp_path / "lintkit-baseline.json").is_file()
        assert any('add `baseline = "lintkit-baseline.json"`' in m.message for m in client.messages)


async def test_importing_lintkit_does_not_import_pygls() -> None:
    code = "import sys, lintkit.cli, lintkit.api, lintkit.lsp; sys.exit('pygls' in sys.modules)"
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", code, cwd=ROOT)
    assert await asyncio.wait_for(process.wait(), TIMEOUT) == 0
