"""The pretty-printed response (`#response-raw`): highlighted when small, plain when big."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from explorer.tui.widgets.editor.envelope_editor import ensure_xml_language
from explorer.tui.widgets.editor.windowed_highlights import WindowedHighlights
from explorer.tui.widgets.editor.xml_theme import THEME_NAME, XML_THEME

HIGHLIGHT_LIMIT = 256 * 1024  # characters; above this, tree-sitter costs more than it helps


class RawView(WindowedHighlights):
    """Read-only text, made only when its tab is shown (in a thread: pretty-printing a big
    answer takes a while) so that a big answer opens at once."""

    def __init__(self, *, id: str | None = "response-raw") -> None:
        super().__init__("", id=id, read_only=True, show_line_numbers=True, soft_wrap=False)
        self.register_theme(XML_THEME)
        self.theme = THEME_NAME
        self._source: Callable[[], str] | None = None

    def set_source(self, source: Callable[[], str]) -> None:
        """What to show: called (in a worker thread) when the view is next shown."""
        self._source = source
        if self.is_on_screen:
            self.flush()

    def set_pending(self, text: str) -> None:
        self.set_source(lambda: text)

    def on_show(self) -> None:
        self.flush()

    def flush(self) -> None:
        if self._source is None:
            return
        source, self._source = self._source, None
        self.load_text("… preparing the response text")
        self.run_worker(self._fill(source), group="raw", exclusive=True)

    async def _fill(self, source: Callable[[], str]) -> None:
        text = await asyncio.to_thread(source)
        self.language = ensure_xml_language(self) if len(text) <= HIGHLIGHT_LIMIT else None
        self.set_class(len(text) > HIGHLIGHT_LIMIT, "-plain")
        self.load_text(text)

    @property
    def is_on_screen(self) -> bool:
        return self.display and self.is_mounted and self.region.height > 0
