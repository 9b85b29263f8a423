"""The Send button: one focusable label (Textual's Button, with its variants and their
styles, cost the start-up more than the rest of the top bar)."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from explorer.tui.widgets.topbar.compact import CompactToggle


class SendButton(CompactToggle, Static, can_focus=True):
    """Click it, or focus it and press Enter or Space: posts ``SendButton.Pressed``."""

    DEFAULT_CSS = """
    SendButton {
        width: auto;
        min-width: 10;
        height: 3;
        padding: 1 2;
        content-align: center middle;
        background: $primary;
        color: $text;
        text-style: bold;
    }
    SendButton:hover {
        background: $primary-lighten-1;
    }
    SendButton:focus {
        background: $primary-lighten-2;
        text-style: bold reverse;
    }
    SendButton.-compact {
        height: 1;
        padding: 0 1;
    }
    """
    BINDINGS = [Binding("enter,space", "press", "Send", show=False)]

    class Pressed(Message):
        """The button was pressed."""

        def __init__(self, button: SendButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> SendButton:
            return self.button

    def __init__(self, label: str, *, id: str | None = None, compact: bool = False) -> None:
        super().__init__(label, id=id, classes="-compact" if compact else "")

    def action_press(self) -> None:
        self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()
