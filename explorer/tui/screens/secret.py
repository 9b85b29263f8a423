"""Ask for a profile's missing secret (masked); the app stores it through the core."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class SecretScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, profile_name: str, what: str = "password") -> None:
        super().__init__()
        self.profile_name = profile_name
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="secret-box"):
            yield Label(f"The {self.what} for profile '{self.profile_name}'",
                        classes="modal-title")
            yield Label("It is stored in the system keyring, never in the profiles file.")
            yield Input("", id="secret-input", password=True, placeholder=self.what)
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="secret-cancel")
                yield Button("Store and send", id="secret-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#secret-input", Input).focus()

    @on(Input.Submitted, "#secret-input")
    @on(Button.Pressed, "#secret-ok")
    def _ok(self) -> None:
        value = self.query_one("#secret-input", Input).value
        self.dismiss(value or None)

    @on(Button.Pressed, "#secret-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
