"""The `{{variables}}` of the envelope with their resolved values; secrets masked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

MASK = "********"


class VariablesPanel(DataTable):
    """name | value; unresolved variables are marked."""

    def __init__(self, *, id: str | None = "variables") -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, show_header=True)
        self.border_title = "Variables"
        self.unresolved = 0

    def on_mount(self) -> None:
        self.add_columns("variable", "value")

    def show(self, rows: list[tuple[str, str | None, bool]]) -> None:
        """rows: (name, resolved value or None, is_secret)."""
        self.clear()
        unresolved = 0
        for name, value, secret in rows:
            if value is None:
                unresolved += 1
                shown = Text("✗ unresolved", style="bold red")
            elif secret:
                shown = Text(MASK, style="magenta")
            else:
                shown = Text(value)
            self.add_row(Text("{{" + name + "}}", style="bold"), shown, key=name)
        self.unresolved = unresolved
        self.border_title = (f"Variables ({unresolved} unresolved)" if unresolved
                             else f"Variables ({len(rows)})")
        self.set_class(unresolved > 0, "-unresolved")
