"""The pretty-printed response (`#response-raw`): highlighted when small, plain when big."""

from __future__ import annotations

from textual.widgets import TextArea

from explorer.tui.widgets.editor.envelope_editor import ensure_xml_language
from explorer.tui.widgets.editor.xml_theme import THEME_NAME, XML_THEME

HIGHLIGHT_LIMIT = 256 * 1024  # characters; above this, tree-sitter costs more than it helps


class RawView(TextArea):
    """Read-only text; filled lazily (only when its tab is shown) to keep big answers fast."""

    def __init__(self, *, id: str | None = "response-raw") -> None:
        super().__init__("", id=id, read_only=True, show_line_numbers=True, soft_wrap=False)
        self.register_theme(XML_THEME)
        self.theme = THEME_NAME
        self._pending: str | None = None

    def set_pending(self, text: str) -> None:
        self._pending = text
        if self.is_on_screen:
            self.flush()

    def on_show(self) -> None:
        self.flush()

    def flush(self) -> None:
        if self._pending is None:
            return
        text, self._pending = self._pending, None
        self.language = ensure_xml_language(self) if len(text) <= HIGHLIGHT_LIMIT else None
        self.set_class(len(text) > HIGHLIGHT_LIMIT, "-plain")
        self.load_text(text)

    @property
    def is_on_screen(self) -> bool:
        return self.display and self.is_mounted and self.region.height > 0
