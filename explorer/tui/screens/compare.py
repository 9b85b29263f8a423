"""Compare two responses (a history entry and the current one)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

from explorer.tui.widgets.diff.diff_view import DiffView, unified_diff


def _pretty(text: str) -> str:
    from explorer.core.envelope import pretty_xml

    try:
        return pretty_xml(text)
    except Exception:
        return text


class CompareScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss(None)", "Close")]

    def __init__(self, a_name: str, a_text: str, b_name: str, b_text: str) -> None:
        super().__init__()
        self.a_name, self.b_name = a_name, b_name
        self.a_text, self.b_text = a_text, b_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box wide-box", id="compare-box"):
            yield Label(f"{self.a_name}  →  {self.b_name}", classes="modal-title")
            yield DiffView(unified_diff(_pretty(self.a_text), _pretty(self.b_text),
                                        self.a_name, self.b_name), id="compare-diff")
        yield Footer()
