"""A unified diff, coloured, as Rich Text (server text is never read as markup)."""

from __future__ import annotations

import difflib

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


def unified_diff(a: str, b: str, a_name: str, b_name: str) -> str:
    lines = difflib.unified_diff(a.splitlines(), b.splitlines(), a_name, b_name, lineterm="", n=3)
    return "\n".join(lines)


def diff_text(unified: str) -> Text:
    out = Text()
    if not unified.strip():
        out.append("no differences", style="dim italic")
        return out
    for line in unified.splitlines():
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("@@"):
            style = "cyan"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        else:
            style = ""
        out.append(line + "\n", style=style)
    return out


class DiffView(VerticalScroll):
    def __init__(self, unified: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._unified = unified

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(diff_text(self._unified), classes="diff-text")

    def show(self, unified: str) -> None:
        self._unified = unified
        self.query_one(".diff-text", Static).update(diff_text(unified))
