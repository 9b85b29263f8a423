"""The top bar: profile selector, API version selector and the send button."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Label, Select


def version_options(versions: list[str], baseline: str) -> list[tuple[str, str]]:
    options = [(v, v) for v in versions]
    options.append((f"{baseline} (before 40.x)", baseline))
    return options


class TopBar(Horizontal):
    """Widgets only; the app reacts to Select.Changed and Button.Pressed."""

    def __init__(self, *, id: str | None = None, compact: bool = False) -> None:
        super().__init__(id=id, classes="-compact" if compact else "")
        self.compact = compact

    def compose(self) -> ComposeResult:
        compact = self.compact
        yield Label("Profile", classes="topbar-label")
        yield Select[str]([], id="profile-select", allow_blank=True, prompt="profile",
                          compact=compact)
        yield Label("API", classes="topbar-label")
        from explorer.core.versions import BASELINE, releases_newest_first

        # No blank entry: an API version is always chosen (newest first, as in the palette).
        options = version_options([str(v) for v in releases_newest_first()], str(BASELINE))
        yield Select[str](options, id="version-select", allow_blank=False, compact=compact)
        yield Button("Send ▶", id="send", variant="primary", compact=compact)

    def set_compact(self, compact: bool) -> None:
        """Narrow terminals: one row of borderless controls instead of three."""
        self.compact = compact
        self.set_class(compact, "-compact")
        for widget in self.query("Select, Button"):
            widget.compact = compact  # type: ignore[attr-defined]

    def set_profiles(self, names: list[str], active: str | None) -> None:
        select = self.query_one("#profile-select", Select)
        with select.prevent(Select.Changed):
            select.set_options([(n, n) for n in names])
            if active in names:
                select.value = active

    def set_versions(self, options: list[tuple[str, str]], active: str | None) -> None:
        select = self.query_one("#version-select", Select)
        with select.prevent(Select.Changed):
            select.set_options(options)
            if active is not None and any(v == active for _, v in options):
                select.value = active

    def show_version(self, version: str) -> None:
        select = self.query_one("#version-select", Select)
        with select.prevent(Select.Changed):
            select.value = version
