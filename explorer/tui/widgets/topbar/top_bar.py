"""The top bar: profile picker, API version picker and the send button."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from explorer.tui.widgets.topbar.picker import Picker
from explorer.tui.widgets.topbar.send_button import SendButton


def version_options(versions: list[str], baseline: str) -> list[tuple[str, str]]:
    options = [(v, v) for v in versions]
    options.append((f"{baseline} (before 40.x)", baseline))
    return options


class TopBar(Horizontal):
    """Widgets only; the app reacts to Picker.Changed and SendButton.Pressed."""

    def __init__(self, *, id: str | None = None, compact: bool = False) -> None:
        super().__init__(id=id, classes="-compact" if compact else "")
        self.compact = compact

    def compose(self) -> ComposeResult:
        compact = self.compact
        if not compact:  # a compact bar has no labels; they are mounted if it widens
            yield Label("Profile", classes="topbar-label", id="profile-label")
        yield Picker([], id="profile-select", prompt="profile", compact=compact)
        if not compact:
            yield Label("API", classes="topbar-label", id="version-label")
        from explorer.core.versions import BASELINE, releases_newest_first

        # No blank entry: an API version is always chosen (newest first, as in the palette).
        options = version_options([str(v) for v in releases_newest_first()], str(BASELINE))
        yield Picker(options, value=options[0][1], id="version-select", compact=compact)
        yield SendButton("Send ▶", id="send", compact=compact)

    def set_compact(self, compact: bool) -> None:
        """Narrow terminals: one row of borderless controls instead of three."""
        self.compact = compact
        self.set_class(compact, "-compact")
        for widget in self.query("Picker, SendButton"):
            widget.compact = compact  # type: ignore[attr-defined]
        if not compact and not self.query(".topbar-label"):
            self.mount(Label("Profile", classes="topbar-label", id="profile-label"),
                       before="#profile-select")
            self.mount(Label("API", classes="topbar-label", id="version-label"),
                       before="#version-select")

    def set_profiles(self, names: list[str], active: str | None) -> None:
        picker = self.query_one("#profile-select", Picker)
        with picker.prevent(Picker.Changed):
            picker.set_options([(n, n) for n in names])
            if active in names:
                picker.value = active

    def set_versions(self, options: list[tuple[str, str]], active: str | None) -> None:
        picker = self.query_one("#version-select", Picker)
        with picker.prevent(Picker.Changed):
            picker.set_options(options)
            if active is not None and any(v == active for _, v in options):
                picker.value = active

    def show_version(self, version: str) -> None:
        picker = self.query_one("#version-select", Picker)
        with picker.prevent(Picker.Changed):
            picker.value = version
