"""The footer: the keys the focused widget and the screen offer, as one line of text.

Textual's Footer is a container with a widget per key, rebuilt on every focus change; at
start-up that was more styling work than the editor's. Here the whole line is one widget
that re-renders when the shown keys change. A click on a key presses it; the palette key
sits at the right edge.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

SEPARATOR = " "


class ShownKey(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool


class KeySpan(NamedTuple):
    key: str
    start: int
    end: int


def shown_keys(screen: Screen) -> tuple[list[ShownKey], ShownKey | None]:
    """The keys to show (one per action, in binding order) and the palette key."""
    app = screen.app
    keys: list[ShownKey] = []
    actions: set[str] = set()
    palette: ShownKey | None = None
    for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
        shown = ShownKey(binding.key, app.get_key_display(binding), binding.description,
                         enabled)
        if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
            palette = shown
        elif binding.show and binding.action not in actions:
            actions.add(binding.action)
            keys.append(shown)
    return keys, palette


class ExplorerFooter(Widget):
    """One line of keys; ``compact`` drops the padding around them."""

    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--disabled"}
    DEFAULT_CSS = """
    ExplorerFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    ExplorerFooter > .footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    ExplorerFooter > .footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    ExplorerFooter > .footer--disabled {
        text-style: dim;
    }
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__()
        self._compact = compact
        self._keys: list[ShownKey] = []
        self._palette: ShownKey | None = None
        self._spans: list[KeySpan] = []

    @property
    def compact(self) -> bool:
        return self._compact

    @compact.setter
    def compact(self, compact: bool) -> None:
        self._compact = compact
        self.refresh()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if not (self.is_attached and screen is self.screen):
            return
        keys, palette = shown_keys(screen)
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def _label(self, shown: ShownKey) -> tuple[str, str]:
        if self._compact:
            return shown.display, f" {shown.description}" if shown.description else ""
        return f" {shown.display} ", f"{shown.description} " if shown.description else ""

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key", partial=True)
        text_style = self.get_component_rich_style("footer--description", partial=True)
        disabled = self.get_component_rich_style("footer--disabled", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[KeySpan] = []
        gap = SEPARATOR if self._compact else ""
        for index, shown in enumerate(self._keys):
            if index and gap:
                line.append(gap)
            start = line.cell_len
            key, description = self._label(shown)
            line.append(key, key_style + (disabled if not shown.enabled else None))
            line.append(description, text_style + (disabled if not shown.enabled else None))
            spans.append(KeySpan(shown.key, start, line.cell_len))
        if self._palette is not None:
            key, description = self._label(self._palette)
            palette = Text.assemble("│ ", (key, key_style), (description, text_style))
            width = self.content_size.width or self.size.width
            room = width - line.cell_len - palette.cell_len
            if room >= 1:
                line.append(" " * room)
                start = line.cell_len + 2
                line.append_text(palette)
                spans.append(KeySpan(self._palette.key, start, line.cell_len))
        self._spans = spans
        return line

    def key_at(self, x: int) -> str | None:
        return next((span.key for span in self._spans if span.start <= x < span.end), None)

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
