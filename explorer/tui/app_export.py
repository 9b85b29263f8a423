"""Taking the answer or the request out: clipboard, curl command, save to a file.

A mixin of ExplorerApp (explorer.tui.app): it reads and sets the app's state and
widgets; the app wires keys and messages to it."""

from __future__ import annotations

from pathlib import Path

from explorer.tui.widgets.editor.envelope_editor import EnvelopeEditor


class ExportMixin:
    """Copy or save the answer; copy the request as curl."""

    def response_text(self) -> str | None:
        if self.last_result is None:
            self.notify("no response yet", severity="warning")
            return None
        return self._body_text(self.last_result)

    def action_copy_response(self) -> None:
        text = self.response_text()
        if text is not None:
            self.copy_to_clipboard(text)
            self.notify("response copied to the clipboard")

    def action_copy_curl(self) -> None:
        from explorer.tui.screens.confirm import ConfirmScreen

        def done(with_secrets: bool | None) -> None:
            if with_secrets is None:
                return
            self.copy_to_clipboard(self.curl_text(with_secrets=with_secrets))
            self.notify("request copied as curl" + (" WITH secrets" if with_secrets
                                                    else " (secrets redacted)"))

        self.push_screen(ConfirmScreen(
            "Copy the request as curl",
            "Include the real secrets (password, ticket, token)? They will be in your "
            "clipboard in clear. Redact secrets copies them as ********.",
            yes="Include secrets", no="Redact secrets",
        ), done)

    def curl_text(self, *, with_secrets: bool = False) -> str:
        """The editor's request as a curl command; secrets redacted unless asked for."""
        from explorer.core.curl import curl_command
        from explorer.core.variables import resolve
        from explorer.tui.requests import fragment_envelope

        text = self.ui("#editor", EnvelopeEditor).text
        ctx = self.variable_context()
        try:
            # A bare fragment is sent in the profile's envelope: so is it copied.
            text = fragment_envelope(text, self.profile) or text
            resolved = resolve(text, ctx)
        except Exception:
            resolved = text
        secret = self._secret()
        profile = self.profile
        jwt = secret if profile is not None and str(profile.auth) == "jwt" else None
        return curl_command(
            resolved, self.request_url(profile) if profile else "", jwt, with_secrets,
            secrets=ctx.secret_values(),
            verify=profile.verify_tls if profile else True,
            proxy=profile.proxy if profile else None,
        )

    def action_save_response(self) -> None:
        from explorer.tui.screens.save import SaveScreen

        text = self.response_text()
        if text is None:
            return
        default = f"{(self.command or 'response')}-response.xml"

        def done(path: str | None) -> None:
            if path:
                self.save_or_ask(Path(path).expanduser(), text)

        self.push_screen(SaveScreen(default), done)

    def save_or_ask(self, path: Path, text: str) -> None:
        """Save to `path`; an existing file is replaced only if confirmed, else the answer
        goes to a free name beside it (a folder: the write fails and says so)."""
        from explorer.tui.screens.confirm import ConfirmScreen

        if not path.exists() or path.is_dir():
            self.save_response(path, text)
            return
        free = free_name(path)

        def answer(replace: bool | None) -> None:
            if replace is None:
                self.notify(f"response not saved: {path} exists", severity="warning")
            elif replace:
                self.save_response(path, text, note="replaced the file that was there")
            else:
                self.save_response(free, text, note=f"{path.name} exists and was kept")

        self.push_screen(ConfirmScreen(
            "The file exists", f"{path} already exists. Replace it, or save the response "
            f"as {free.name} beside it?", yes="Replace", no="Save under the new name",
        ), answer)

    def save_response(self, path: Path, text: str, *, note: str = "") -> bool:
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(f"cannot save {path}: {exc.strerror or exc}", severity="error")
            return False
        self.notify(f"response saved to {path}" + (f" ({note})" if note else ""))
        return True


def free_name(path: Path) -> Path:
    """`path` with -1, -2, ... before its suffix: the first that does not exist."""
    number = 1
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1
