"""Syntax highlighting computed for the lines around the viewport only.

Textual's TextArea re-queries the whole syntax tree and rebuilds the highlight map of every
line on each edit, so a keystroke costs in proportion to the document. Here the query is
limited to the visible lines plus a margin, and redone when scrolling leaves that window.
(Relies on TextArea internals of Textual 8.2: `_build_highlight_map`, `_highlights`,
`_line_cache`; the project pins textual < 8.3.)
"""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea

MARGIN = 30  # lines highlighted above and below the viewport


class WindowedHighlights(TextArea):
    _window: tuple[int, int] = (0, -1)

    def _build_highlight_map(self) -> None:
        if self.soft_wrap or not self._highlight_query:
            super()._build_highlight_map()
            return
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        top = int(self.scroll_y)
        start = max(0, top - MARGIN)
        end = top + max(self.size.height, 10) + MARGIN
        self._window = (start, end)
        captures = self.document.query_syntax_tree(
            self._highlight_query, start_point=(start, 0), end_point=(end + 1, 0)
        )
        for name, nodes in captures.items():
            for node in nodes:
                first_row, first_col = node.start_point
                last_row, last_col = node.end_point
                if first_row == last_row:
                    highlights[first_row].append((first_col, last_col, name))
                    continue
                if first_row >= start:
                    highlights[first_row].append((first_col, None, name))
                for row in range(max(first_row + 1, start), min(last_row, end + 1)):
                    highlights[row].append((0, None, name))
                if last_row <= end:
                    highlights[last_row].append((0, last_col, name))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        start, end = self._window
        top = int(new_value)
        if not self.soft_wrap and (top < start or top + self.size.height > end):
            self._build_highlight_map()
            self.refresh()

    def _on_resize(self, event: Any) -> None:
        end = self._window[1]
        if not self.soft_wrap and int(self.scroll_y) + event.size.height > end:
            self._build_highlight_map()
