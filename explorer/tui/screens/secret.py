"""Ask for a profile's missing secret (masked); the app stores it through the core."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class SecretScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, profile_name: str, what: str = "password", *,
                 keyring: bool = True, env_var: str = "") -> None:
        """``keyring``: a keyring backend can store the secret (otherwise it is kept in
        memory for this run; ``env_var`` is where a lasting one is read from)."""
        super().__init__()
        self.profile_name = profile_name
        self.what = what
        self.keyring = keyring
        self.env_var = env_var

    def _where(self) -> str:
        if self.keyring:
            return ("It is stored in the system keyring, never in the profiles file (if the "
                    "keyring refuses it, it is kept for this session only).")
        lasting = f" To keep it, set {self.env_var}." if self.env_var else ""
        return ("There is no system keyring here: it is kept in memory for this session "
                f"only, never written to disk.{lasting}")

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="secret-box"):
            yield Label(f"The {self.what} for profile '{self.profile_name}'",
                        classes="modal-title")
            yield Static(self._where(), id="secret-where", markup=False)
            yield Input("", id="secret-input", password=True, placeholder=self.what)
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="secret-cancel")
                yield Button("Store and send" if self.keyring else "Use and send",
                             id="secret-ok", variant="primary")

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
