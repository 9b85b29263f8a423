"""Headers and timing of the last exchange (`#headers`)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


class HeadersView(Static):
    """Status, size, elapsed, endpoint, API version, then the response headers."""

    def __init__(self, *, id: str | None = "headers") -> None:
        super().__init__(Text("nothing sent yet", style="dim"), id=id)
        self.summary: dict[str, object] = {}

    def show(self, *, status: int | None, size: int, request_bytes: int, elapsed_ms: float,
             url: str, api_version: str, headers: dict[str, str], error: str | None) -> None:
        self.summary = {"status": status, "size": size, "elapsed_ms": elapsed_ms, "url": url,
                        "api_version": api_version, "error": error}
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        table.add_row("status", Text(str(status) if status is not None else "—"))
        if error:
            table.add_row("error", Text(error, style="red"))
        table.add_row("response size", Text(human_size(size)))
        table.add_row("request size", Text(human_size(request_bytes)))
        table.add_row("elapsed", Text(f"{elapsed_ms:.0f} ms"))
        table.add_row("endpoint", Text(url))
        table.add_row("API version", Text(api_version))
        table.add_row("", "")
        for name, value in headers.items():
            table.add_row(Text(name, style="cyan"), Text(str(value)))
        self.update(table)
