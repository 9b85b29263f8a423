"""Every request sent (`#history`): Enter reopens it, `c` compares its response."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from explorer.tui.messages import HistoryCompare, HistoryReopen, HistoryShown


def _when(entry: Any) -> str:
    when = entry.when
    if hasattr(when, "strftime"):
        if when.tzinfo is not None:
            when = when.astimezone()  # stored in UTC, shown in local time
        return when.strftime("%Y-%m-%d %H:%M:%S")
    return str(when)[:19]


class HistoryPanel(DataTable):
    #: Posted when the panel becomes visible (its entries are loaded on first show).
    Shown = HistoryShown

    BINDINGS = [
        Binding("c", "compare", "Compare with current"),
        Binding("o", "reopen", "Reopen in editor"),
    ]

    def __init__(self, *, id: str | None = "history") -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.show_times = True

    def on_mount(self) -> None:
        self.add_columns("when", "profile", "command", "result", "status", "ms")

    def on_show(self) -> None:
        self.post_message(self.Shown())

    def show(self, entries: list[Any]) -> None:
        self.clear()
        for entry in entries:
            result = entry.result or "—"
            style = {"SUCCESS": "green", "FAILURE": "red"}.get(result, "yellow")
            if entry.exception_id:
                result = f"{result} {entry.exception_id}"
            self.add_row(
                Text(_when(entry) if self.show_times else "·", style="dim"),
                Text(entry.profile or ""),
                Text(entry.command or "?", style="bold"),
                Text(result, style=style),
                Text(str(entry.status) if entry.status is not None else "—"),
                Text(f"{entry.elapsed_ms:.0f}" if entry.elapsed_ms is not None
                     and self.show_times else "·"),
                key=str(entry.id),
            )

    def _current_id(self) -> int | None:
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(str(key.value))

    def action_reopen(self) -> None:
        entry_id = self._current_id()
        if entry_id is not None:
            self.post_message(HistoryReopen(entry_id))

    def action_compare(self) -> None:
        entry_id = self._current_id()
        if entry_id is not None:
            self.post_message(HistoryCompare(entry_id))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(HistoryReopen(int(str(event.row_key.value))))
