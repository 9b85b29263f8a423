"""Sending the editor's envelope: the lint gate, the secret prompt, waiting for the
sandbox, the send worker.

A mixin of ExplorerApp (explorer.tui.app): it reads and sets the app's state and
widgets; the app wires keys and messages to it."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work

from explorer.tui.widgets.chrome.tabbed_panes import TabbedPanes
from explorer.tui.widgets.editor.envelope_editor import EnvelopeEditor


class SendMixin:
    """Send the editor's envelope (one send at a time)."""

    def action_send(self) -> None:
        """Send the editor's envelope (a second send cancels the first).

        Lint errors stop the send with a notification and a question: send anyway?
        """
        if self.modal_open():
            return
        text = self.ui("#editor", EnvelopeEditor).text
        errors = [f for f in self.run_lint() if f.severity == "error"]
        if not errors:
            self.send_request(text)
            return
        from explorer.tui.screens.confirm import ConfirmScreen

        first = errors[0]
        where = f"line {first.line}: " if first.line else ""
        message = f"{len(errors)} lint error(s); {where}{first.rule}: {first.message}"
        self.report_error(message, title="lint error on send")

        def answer(yes: bool | None) -> None:
            if yes:
                self.send_request(text)

        self.push_screen(ConfirmScreen("Lint errors", message + "\n\nSend it anyway?",
                                       yes="Send anyway", no="Fix first"), answer)

    def modal_open(self) -> bool:
        """A dialog is on top: the send keys (priority bindings) must not act behind it."""
        return len(self.screen_stack) > 1

    def action_send_anyway(self) -> None:
        """Send without stopping for lint errors (the server's answer is what you want)."""
        if self.modal_open():
            return
        self.send_request(self.ui("#editor", EnvelopeEditor).text)

    @work(exclusive=True, group="send", exit_on_error=False)
    async def send_request(self, text: str) -> None:
        from explorer.core.errors import ExplorerError
        from explorer.core.variables import resolve

        text = self._envelope_of(text)
        if text is None:
            return
        try:
            resolved = resolve(text, self.variable_context())
        except ExplorerError as exc:
            problem = self._secret_problem()
            if problem is not None and self._secret_missing():
                self.ask_secret(text)
                return
            self.report_error(problem or str(exc), title="unresolved variable")
            return
        if self.is_sandbox():
            if not self.sandbox_ready.is_set():
                self.notify("starting sandbox…", title="send", timeout=2)
            await self.sandbox_ready.wait()
            if self.sandbox_error:
                self.report_error(self.sandbox_error, title="sandbox")
                return
        profile = self.profile
        tabs = self.ui("#response-tabs", TabbedPanes)
        tabs.loading = True
        try:
            result = await asyncio.to_thread(self._send_blocking, profile, resolved)
        except Exception as exc:
            self.report_error(f"the request failed: {exc}", title="send")
            return
        finally:
            tabs.loading = False
        self.last_request = text
        self.last_result = result
        await self.show_result(result)
        await self._record_history(profile, text, result)

    def _envelope_of(self, text: str) -> str | None:
        """What to send for `text`: a bare bodyContent fragment goes in the profile's
        envelope, which takes the fragment's place in the editor (Ctrl+Z gives it back), so
        the editor and the history show what was sent. None after reporting a bad fragment."""
        from explorer.core.errors import ExplorerError
        from explorer.tui.requests import fragment_envelope

        try:
            envelope = fragment_envelope(text, self.profile)
        except ExplorerError as exc:
            self.report_error(str(exc), title="send")
            return None
        if envelope is None:
            return self._body_of_paste(text)
        editor = self.ui("#editor", EnvelopeEditor)
        if editor.text == text:
            # load(): one undoable edit, cursor at the start, valid in the envelope and in the
            # fragment Ctrl+Z brings back (left at the envelope's end, an undo crashed).
            editor.load(envelope)
        self.notify(f"the bodyContent fragment is sent in the envelope of profile "
                    f"'{self.profile.name}' (Ctrl+Z in the editor gives the fragment back)",
                    title="send")
        return envelope

    def _body_of_paste(self, text: str) -> str:
        """An HTTP request copied from the docs sends its body; the request line and headers
        are the explorer's to write (URL and headers from the profile)."""
        from explorer.core.envelope import split_http_paste

        request_line, headers, body = split_http_paste(text)
        if request_line is None and not headers:
            return text
        self.notify("the pasted HTTP request line and headers are left out: its XML body is "
                    "sent to the profile's URL", title="send")
        return body

    def _send_blocking(self, profile: Any, envelope: str) -> Any:
        from explorer.core.sending import send

        jwt = self._secret() if str(profile.auth) == "jwt" else None
        return send(envelope, url=self.request_url(profile), jwt=jwt, timeout=profile.timeout,
                    verify=profile.verify_tls, proxy=profile.proxy)

    def request_url(self, profile: Any) -> str:
        """Where a request goes: the built-in sandbox is asked to answer as the API version
        picked in the top bar (one sandbox, one state, every version)."""
        if not self.is_sandbox(profile):
            return str(profile.endpoint)
        from explorer.sandbox.urls import at_version

        return at_version(profile.endpoint, self.version)
