"""Profiles (modal): list, add, edit, delete, test connection. Secrets go to the keyring."""

from __future__ import annotations

import asyncio
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, DataTable, Footer, Input, Label, Select, Static

AUTH_MODES = ("password", "ticket", "token", "jwt", "anonymous")


class ProfilesScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("t", "test", "Test connection"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box wide-box", id="profiles-box"):
            yield Label("Site profiles", classes="modal-title")
            yield DataTable(id="profiles-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="profile-status")
            with Horizontal(classes="modal-buttons"):
                yield Button("Add", id="profile-add", variant="primary")
                yield Button("Edit", id="profile-edit")
                yield Button("Delete", id="profile-delete", variant="error")
                yield Button("Test connection", id="profile-test", variant="success")
                yield Button("Close", id="profile-close")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#profiles-table", DataTable)
        table.add_columns("name", "site", "auth", "user", "API", "endpoint", "secret")
        self.refresh_table()
        table.focus()

    @property
    def store(self) -> Any:
        return self.app.profiles_store  # type: ignore[attr-defined]

    def refresh_table(self, select: str | None = None) -> None:
        table = self.query_one("#profiles-table", DataTable)
        table.clear()
        try:
            profiles = self._profiles()
        except Exception as exc:
            self.set_status(str(exc), error=True)
            return
        stable = getattr(self.app, "stable", False)
        for profile in profiles:
            endpoint = profile.endpoint
            if profile.builtin:
                endpoint = "(local sandbox)" if stable else endpoint
                secret = "demo"
            elif not profile.needs_secret:
                secret = "—"
            else:
                secret = self._secret_state(profile.name)
            table.add_row(
                Text(profile.name, style="bold"), Text(profile.site_name),
                Text(str(profile.auth)), Text(profile.webex_id or profile.email or "—"),
                Text(profile.api_version), Text(endpoint, style="dim"), Text(secret),
                key=profile.name,
            )
        if select is not None:
            for row, profile in enumerate(profiles):
                if profile.name == select:
                    table.move_cursor(row=row)

    def _sandbox(self, stored: Any | None = None) -> Any:
        """The built-in sandbox as this app uses it (its own URL, never saved)."""
        return self.app._in_memory_sandbox(stored)  # type: ignore[attr-defined]

    def _profiles(self) -> list[Any]:
        profiles = [self._sandbox(p) if p.builtin and p.name == "sandbox" else p
                    for p in self.store.list()]
        if not any(p.name == "sandbox" for p in profiles):
            profiles.insert(0, self._sandbox())
        return profiles

    def _secret_state(self, name: str) -> str:
        try:
            return "stored" if self.store.secrets.get(name) else "missing"
        except Exception:
            return "no keyring"

    def set_status(self, message: str, *, error: bool = False) -> None:
        self.query_one("#profile-status", Static).update(
            Text(message, style="bold red" if error else "green"))

    def selected(self) -> Any | None:
        table = self.query_one("#profiles-table", DataTable)
        if table.row_count == 0:
            return None
        name = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        try:
            found = self.store.find(name)
            if name == "sandbox" and (found is None or found.builtin):
                return self._sandbox(found)
            return found
        except Exception as exc:
            self.set_status(str(exc), error=True)
            return None

    # -- actions -----------------------------------------------------------------------------
    def action_add(self) -> None:
        self.app.push_screen(ProfileFormScreen(None), self._form_done)

    def action_edit(self) -> None:
        profile = self.selected()
        if profile is None:
            return
        self.app.push_screen(ProfileFormScreen(profile), self._form_done)

    def _form_done(self, name: str | None) -> None:
        if name:
            self.refresh_table(select=name)
            self.set_status(f"profile '{name}' saved")

    def action_delete(self) -> None:
        from explorer.tui.screens.confirm import ConfirmScreen

        profile = self.selected()
        if profile is None:
            return
        if profile.builtin:
            self.set_status("the built-in sandbox profile cannot be deleted", error=True)
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.remove(profile.name)
            except Exception as exc:
                self.set_status(str(exc), error=True)
                return
            self.refresh_table()
            self.set_status(f"profile '{profile.name}' deleted")

        self.app.push_screen(ConfirmScreen("Delete profile",
                                           f"Delete profile '{profile.name}' and its secret?",
                                           yes="Delete", no="Keep"), done)

    def action_test(self) -> None:
        profile = self.selected()
        if profile is not None:
            self.test_connection(profile)

    @work(exclusive=True, group="profile-test", exit_on_error=False)
    async def test_connection(self, profile: Any) -> None:
        self.set_status(f"testing {profile.name}…")
        app: Any = self.app
        if profile.builtin and profile.name == "sandbox":
            app.ensure_sandbox()
            await app.sandbox_ready.wait()
            profile = self._sandbox(profile)
        try:
            lines = await asyncio.to_thread(connection_check, profile, app.profiles_store.secrets,
                                            app.clock)
        except Exception as exc:
            self.set_status(f"{profile.name}: {exc}", error=True)
            return
        ok = all(line.startswith("✓") for line in lines)
        self.set_status("  ".join(lines), error=not ok)
        self.app.notify("; ".join(lines), title=f"test {profile.name}",
                        severity="information" if ok else "error")

    @on(Button.Pressed, "#profile-add")
    def _add(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#profile-edit")
    def _edit(self) -> None:
        self.action_edit()

    @on(Button.Pressed, "#profile-delete")
    def _delete(self) -> None:
        self.action_delete()

    @on(Button.Pressed, "#profile-test")
    def _test(self) -> None:
        self.action_test()

    @on(Button.Pressed, "#profile-close")
    def _close(self) -> None:
        self.dismiss(None)


def connection_check(profile: Any, secrets: Any, clock: Any) -> list[str]:
    """GetAPIVersion, then GetUser (password/ticket) or AuthenticateUser (token)."""
    from explorer.core.profiles import secret_for
    from explorer.core.sending import send
    from explorer.core.templates import default_library
    from explorer.core.variables import resolve
    from explorer.tui.requests import envelope_for, variable_context

    library = default_library()
    secret = secret_for(profile, secrets)
    ctx = variable_context(profile, secret, {"webExId": profile.webex_id or ""}, clock)
    steps: list[tuple[str, dict[str, str]]] = [("GetAPIVersion", {})]
    auth = str(profile.auth)
    if auth in ("password", "ticket") and profile.webex_id:
        steps.append(("GetUser", {"webExId": profile.webex_id}))
    elif auth == "token":
        steps.append(("AuthenticateUser", {"accessToken": "{{accessToken}}"}))
    lines: list[str] = []
    for command, values in steps:
        template = library.find(command)
        if template is None:
            lines.append(f"? {command}: no template")
            continue
        envelope = resolve(envelope_for(template, profile.version, profile, values), ctx)
        jwt = secret if auth == "jwt" else None
        result = send(envelope, url=profile.endpoint, jwt=jwt, timeout=min(profile.timeout, 15),
                      verify=profile.verify_tls, proxy=profile.proxy)
        decoded = result.decoded
        if decoded is None:
            lines.append(f"✗ {command}: {result.error or 'no answer'}")
            break
        if decoded.result == "SUCCESS":
            lines.append(f"✓ {command}")
        else:
            lines.append(f"✗ {command}: {decoded.reason or decoded.result}"
                         + (f" ({decoded.exception_id})" if decoded.exception_id else ""))
            break
    return lines


class ProfileFormScreen(ModalScreen[str | None]):
    """Add (profile None) or edit a profile; dismisses with the saved name."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, profile: Any | None) -> None:
        super().__init__()
        self.profile = profile

    def compose(self) -> ComposeResult:
        from explorer.core.versions import LATEST, releases_newest_first

        p = self.profile
        versions = [(str(v), str(v)) for v in releases_newest_first()]
        with Vertical(classes="modal-box", id="profile-form"):
            yield Label("Edit profile" if p else "Add profile", classes="modal-title")
            with VerticalScroll(id="profile-fields"):
                yield Label("name")
                yield Input(p.name if p else "", id="pf-name", disabled=p is not None,
                            placeholder="e.g. acme")
                yield Label("site name (mysite for mysite.webex.com)")
                yield Input(p.site_name if p else "", id="pf-site")
                yield Label("URL (empty: https://<site>.webex.com/WBXService/XMLService)")
                yield Input((p.url or "") if p else "", id="pf-url")
                yield Label("authentication")
                yield Select([(m, m) for m in AUTH_MODES], value=str(p.auth) if p else "password",
                             id="pf-auth", allow_blank=False)
                yield Label("webExID")
                yield Input((p.webex_id or "") if p else "", id="pf-webex-id")
                yield Label("email (instead of webExID)")
                yield Input((p.email or "") if p else "", id="pf-email")
                yield Label("secret (password / ticket / token / JWT; empty keeps the stored one)")
                yield Input("", id="pf-secret", password=True)
                yield Label("API version")
                yield Select(versions, value=p.api_version if p else str(LATEST),
                             id="pf-version", allow_blank=False)
                yield Label("partnerID")
                yield Input((p.partner_id or "") if p else "", id="pf-partner")
                yield Label("timeout (seconds)")
                yield Input(str(p.timeout) if p else "30", id="pf-timeout")
                yield Label("proxy URL")
                yield Input((p.proxy or "") if p else "", id="pf-proxy")
                yield Checkbox("verify TLS certificates", value=p.verify_tls if p else True,
                               id="pf-verify-tls")
            yield Static("", id="pf-error")
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="pf-cancel")
                yield Button("Save", id="pf-save", variant="primary")

    def on_mount(self) -> None:
        first = "#pf-site" if self.profile is not None else "#pf-name"
        self.query_one(first, Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def build_profile(self) -> Any:
        from dataclasses import replace

        from explorer.core.errors import ProfileError
        from explorer.core.profiles import Profile

        try:
            timeout = float(self._value("#pf-timeout") or "30")
        except ValueError:
            raise ProfileError("timeout must be a number of seconds") from None
        fields = dict(
            site_name=self._value("#pf-site"),
            url=self._value("#pf-url") or None,
            auth=str(self.query_one("#pf-auth", Select).value),
            webex_id=self._value("#pf-webex-id") or None,
            email=self._value("#pf-email") or None,
            partner_id=self._value("#pf-partner") or None,
            api_version=str(self.query_one("#pf-version", Select).value),
            verify_tls=self.query_one("#pf-verify-tls", Checkbox).value,
            proxy=self._value("#pf-proxy") or None,
            timeout=timeout,
        )
        if self.profile is not None:
            return replace(self.profile, **fields).validated()
        return Profile(name=self._value("#pf-name"), **fields).validated()

    @on(Button.Pressed, "#pf-save")
    def save(self) -> None:
        from explorer.core.errors import ExplorerError, SecretError

        store: Any = self.app.profiles_store  # type: ignore[attr-defined]
        secret = self.query_one("#pf-secret", Input).value or None
        try:
            profile = self.build_profile()
            if self.profile is not None and self.profile.builtin:
                # The file's sandbox entry belongs to `webex-explorer sandbox`: keep its URL
                # (this app's own sandbox URL is never saved).
                from dataclasses import replace

                from explorer.core.errors import ProfileError

                stored = store.find(self.profile.name)
                if stored is None:
                    raise ProfileError("the built-in sandbox has no saved settings to edit; "
                                       "choose its API version in the top bar")
                profile = replace(profile, url=stored.url)
            if self.profile is None:
                store.add(profile, secret)
            else:
                store.update(profile, secret)
        except SecretError as exc:
            self.app.notify(str(exc), severity="warning", title="secret not stored")
            self.dismiss(self._value("#pf-name") or (self.profile.name if self.profile else None))
            return
        except ExplorerError as exc:
            self.query_one("#pf-error", Static).update(Text(str(exc), style="bold red"))
            return
        self.dismiss(profile.name)

    @on(Button.Pressed, "#pf-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
