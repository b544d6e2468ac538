"""`lintkit lsp`: lintkit's findings in any editor that speaks the Language Server Protocol.

Diagnostics come from `lintkit.lsp.engine.check_document`, which checks the editor's text
through `lintkit.check.check_text` with the configuration `lintkit check` would use for the
same path, so the editor and the command line agree. A check runs at once when a document is
opened or saved and 0.3 s after the last change while typing (the latest text wins: a result
for an older version is dropped). Checks run one at a time in a worker thread, so the server
keeps answering while a long article is checked.

Documents are synchronised whole (`TextDocumentSyncKind.Full`): pygls applies incremental
changes by `str.splitlines`, which also breaks lines at U+2028, form feeds and the like,
where lintkit and the protocol do not. Columns are converted by pygls's `PositionCodec` in
the encoding negotiated with the client (UTF-16 by default, UTF-8 or UTF-32 when the client
prefers them), over lines split as lintkit splits them.

Nothing a document holds stops the server: a failing rule, text that is not valid UTF-8, a
document over `max-size` or a bad configuration clears the diagnostics and is reported with
`window/logMessage` (a configuration problem also once with `window/showMessage`).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace.position_codec import ServerTextPosition

from .. import __version__
from ..config import CONFIG_NAMES
from ..findings import Applicability, Finding, Severity
from ..source import split_lines
from .engine import Checked, NotChecked, check_document, explanation, record, suppression_edit

DEBOUNCE_SECONDS = 0.3
ADD_TO_BASELINE = "lintkit.addToBaseline"
SOURCE = "lintkit"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

log = logging.getLogger(__name__)


class LintkitServer(LanguageServer):
    """The language server, with what it remembers per open document."""

    def __init__(self, config: Path | None = None) -> None:
        super().__init__("lintkit", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.fixed_config = config
        self.checked: dict[str, tuple[int | None, Checked]] = {}  # uri -> (version, result)
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.reported: dict[str, frozenset[str]] = {}  # uri -> problems last logged (said once)
        self.shown: set[str] = set()  # configuration problems already shown to the user
        # lintkit's caches (configuration, linters, baselines) are used from one thread only
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lintkit-check")

    # -- checking ---------------------------------------------------------------------------

    def path_of(self, uri: str) -> str:
        """The name a document is checked as: its file path, else the URI (an unsaved buffer
        is then read by the suffix it has, or as plain text)."""
        return to_fs_path(uri) or uri

    def schedule(self, uri: str, delay: float) -> None:
        """Check a document after `delay` seconds, replacing a check still waiting."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            await self.publish(uri)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # never lose the server to one document
            self.log(types.MessageType.Error, f"lintkit: {uri}: internal error: {type(exc).__name__}: {exc}")
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def current(self, uri: str) -> Checked | None:
        """The check of a document's current text: remembered, or made now."""
        if uri not in self.workspace.text_documents:
            return None
        doc = self.workspace.get_text_document(uri)
        version, text = doc.version, doc.source
        known = self.checked.get(uri)
        if known is not None and known[0] == version and known[1].text == text:
            return known[1]
        result = await self._run(uri, text)
        if isinstance(result, Checked):
            self.checked[uri] = (version, result)
            return result
        return None

    async def _run(self, uri: str, text: str) -> Checked | NotChecked:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, _check, text, self.path_of(uri), self.fixed_config)

    async def publish(self, uri: str) -> None:
        """Check a document and publish its diagnostics, unless it changed or closed meanwhile."""
        if uri not in self.workspace.text_documents:
            return
        doc = self.workspace.get_text_document(uri)
        version, text = doc.version, doc.source
        result = await self._run(uri, text)
        if uri not in self.workspace.text_documents:
            return
        now = self.workspace.get_text_document(uri)
        if now.version != version or now.source != text:
            return  # a newer text is waiting for its own check
        if isinstance(result, NotChecked):
            self.checked.pop(uri, None)
            self.report(uri, [str(result)], result.configuration)
            diagnostics: list[types.Diagnostic] = []
        else:
            self.checked[uri] = (version, result)
            self.report(uri, result.problems, False)
            diagnostics = self.diagnostics(uri, result, version)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def report(self, uri: str, problems: list[str], show: bool) -> None:
        """Log a document's problems when they change (not again on every keystroke)."""
        now = frozenset(problems)
        if self.reported.get(uri, frozenset()) == now:
            return
        self.reported[uri] = now
        for problem in problems:
            self.log(types.MessageType.Warning, f"lintkit: {problem}")
            if show and problem not in self.shown:
                self.shown.add(problem)
                self.window_show_message(
                    types.ShowMessageParams(type=types.MessageType.Error, message=f"lintkit: {problem}")
                )

    def log(self, level: types.MessageType, message: str) -> None:
        log.info("%s", message)
        self.window_log_message(types.LogMessageParams(type=level, message=message))

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.checked.pop(uri, None)
        self.reported.pop(uri, None)

    def recheck_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    # -- positions --------------------------------------------------------------------------

    def range_of(self, checked: Checked, start: int, end: int) -> types.Range:
        """A code-point span of the editor's text as a range in the negotiated encoding."""
        lines = split_lines(checked.text)
        codec = self.workspace.position_codec
        a, b = checked.position(start), checked.position(end)
        return types.Range(
            start=codec.position_to_client_units(lines, ServerTextPosition(*a)),
            end=codec.position_to_client_units(lines, ServerTextPosition(*b)),
        )

    def offset_of(self, checked: Checked, position: types.Position) -> int:
        """A client position as a code-point offset in the editor's text."""
        lines = split_lines(checked.text)
        if not lines:
            return 0
        codec = self.workspace.position_codec
        copy = types.Position(line=position.line, character=position.character)  # pygls may clamp it
        at = codec.position_from_client_units(lines, copy)
        line = min(at.line, len(lines) - 1)
        body = lines[line].rstrip("\r\n")
        return checked.index.line_start(line + 1) + min(at.character, len(body))

    # -- what the editor shows --------------------------------------------------------------

    def diagnostics(self, uri: str, checked: Checked, version: int | None) -> list[types.Diagnostic]:
        out = []
        for f, fp in zip(checked.findings, checked.prints, strict=True):
            start, end = checked.span(f)
            out.append(
                types.Diagnostic(
                    range=self.range_of(checked, start, end),
                    severity=_SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
                    code=f.rule,
                    source=SOURCE,
                    message=f"{f.message} [{f.name}]" if f.name else f.message,
                    data={
                        "uri": uri,
                        "version": version,
                        "rule": f.rule,
                        "fingerprint": fp,
                        "fixes": len(checked.usable_fixes(f)),
                    },
                )
            )
        return out

    def code_actions(
        self, uri: str, checked: Checked, version: int | None, wanted: types.Range
    ) -> list[types.CodeAction]:
        """Every fix of every finding that touches `wanted`, then "Ignore CODE on this line"
        (Markdown, HTML) and "Add to baseline"."""
        low, high = self.offset_of(checked, wanted.start), self.offset_of(checked, wanted.end)
        actions: list[types.CodeAction] = []
        extra: list[types.CodeAction] = []
        for f, fp in zip(checked.findings, checked.prints, strict=True):
            start, end = checked.span(f)
            if not (start <= high and low <= end):
                continue
            diagnostic = self.diagnostics(uri, _only(checked, f, fp), version)[0]
            preferred = True
            for fix in checked.usable_fixes(f):
                safe = fix.applicability is Applicability.SAFE
                edits = [
                    types.TextEdit(
                        range=self.range_of(checked, *checked.edit_span(e.start, e.end)),
                        new_text=e.replacement,
                    )
                    for e in fix.edits
                ]
                actions.append(
                    types.CodeAction(
                        title=f"{f.rule}: {fix.description}" + ("" if safe else " (unsafe)"),
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        is_preferred=(safe and preferred) or None,
                        edit=self.workspace_edit(uri, version, edits),
                    )
                )
                preferred = preferred and not safe  # the first safe fix: the one --fix applies
            suppress = suppression_edit(checked, f)
            if suppress is not None:
                at, until, insert = suppress
                edit = types.TextEdit(range=self.range_of(checked, at, until), new_text=insert)
                extra.append(
                    types.CodeAction(
                        title=f"Ignore {f.rule} on this line",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=self.workspace_edit(uri, version, [edit]),
                    )
                )
            if checked.baseline is not None:
                title = f"Add this {f.rule} finding to the baseline ({checked.baseline.name})"
                extra.append(
                    types.CodeAction(
                        title=title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        command=types.Command(
                            title=title, command=ADD_TO_BASELINE, arguments=[{"uri": uri, "fingerprint": fp}]
                        ),
                    )
                )
        return actions + extra

    def workspace_edit(
        self, uri: str, version: int | None, edits: list[types.TextEdit]
    ) -> types.WorkspaceEdit:
        """Edits for one document; versioned when the client supports it, so an edit made for
        an older text is refused rather than applied in the wrong place."""
        caps = self.client_capabilities.workspace
        versioned = bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)
        if versioned and version is not None:
            document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            return types.WorkspaceEdit(
                document_changes=[types.TextDocumentEdit(text_document=document, edits=list(edits))]
            )
        return types.WorkspaceEdit(changes={uri: edits})

    def hover(self, checked: Checked, position: types.Position) -> types.Hover | None:
        at = self.offset_of(checked, position)
        here = [f for f in checked.findings if checked.span(f)[0] <= at <= checked.span(f)[1]]
        if not here:
            return None
        parts, seen = [], set()
        for f in here:
            if (f.rule, f.message) in seen:
                continue
            seen.add((f.rule, f.message))
            meta = checked.rules.get(f.rule)
            parts.append(explanation(meta, f.message) if meta is not None else f"**{f.rule}** {f.message}")
        first = here[0]
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
            range=self.range_of(checked, *checked.span(first)),
        )


def _check(text: str, path: str, fixed_config: Path | None) -> Checked | NotChecked:
    """One check in the worker thread: a result or the reason there is none, never raised."""
    try:
        return check_document(text, path, fixed_config)
    except NotChecked as exc:
        return exc
    except RecursionError:
        return NotChecked(f"{path}: nested too deeply to check")
    except Exception as exc:
        return NotChecked(f"{path}: internal error: {type(exc).__name__}: {exc}"[:500])


def _only(checked: Checked, f: Finding, fp: str) -> Checked:
    """`checked` narrowed to one finding (to build its diagnostic)."""
    from dataclasses import replace

    return replace(checked, findings=[f], prints=[fp])


def build(config: Path | None = None) -> LintkitServer:
    """The server with its features registered."""
    server = LintkitServer(config)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LintkitServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: LintkitServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: LintkitServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if Path(ls.path_of(uri)).name in CONFIG_NAMES:
            ls.recheck_all()  # a saved configuration applies to every open article
        elif uri in ls.workspace.text_documents:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: LintkitServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.forget(uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    async def code_action(ls: LintkitServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        checked = await ls.current(uri)
        if checked is None:
            return None
        version = ls.workspace.get_text_document(uri).version
        return ls.code_actions(uri, checked, version, params.range) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: LintkitServer, params: types.HoverParams) -> types.Hover | None:
        checked = await ls.current(params.text_document.uri)
        return None if checked is None else ls.hover(checked, params.position)

    @server.command(ADD_TO_BASELINE)
    async def add_to_baseline(ls: LintkitServer, *args: Any) -> dict[str, Any] | None:
        """Record one finding in the baseline, then check every open document again."""
        request = args[0] if args and isinstance(args[0], dict) else {}
        uri, fingerprint = request.get("uri"), request.get("fingerprint")
        if not isinstance(uri, str) or not isinstance(fingerprint, str):
            ls.log(types.MessageType.Error, "lintkit: add to baseline: expected {uri, fingerprint}")
            return None
        checked = await ls.current(uri)
        if checked is None:
            ls.log(types.MessageType.Error, f"lintkit: add to baseline: {uri} is not open or not checked")
            return None
        loop = asyncio.get_running_loop()
        try:
            where, added = await loop.run_in_executor(ls.worker, record, checked, fingerprint)
        except (NotChecked, ValueError, OSError) as exc:
            ls.log(types.MessageType.Error, f"lintkit: add to baseline: {exc}")
            ls.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error, message=f"lintkit: add to baseline: {exc}"
                )
            )
            return None
        message = f"lintkit: recorded {added} finding in {where}"
        if not checked.configured_baseline:
            message += (
                f'; add `baseline = "{where.name}"` to the configuration so that '
                "`lintkit check` leaves it alone too"
            )
        ls.log(types.MessageType.Info, message)
        if not checked.configured_baseline:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=message))
        ls.recheck_all()
        return {"baseline": str(where), "added": added}

    return server


def main(config: Path | None = None) -> None:
    """Serve on standard input and output until the client ends the session. `config`
    (`--config FILE`) is used for every document instead of the nearest configuration."""
    logging.basicConfig(level=logging.WARNING, format="lintkit lsp: %(message)s")
    build(config).start_io()
