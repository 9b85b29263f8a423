"""Tabbed panes drawn as one line of tab titles over the shown pane.

Textual's TabbedContent builds a widget per tab, an animated underline, a scrolling tab row
and a ContentSwitcher: most of a start-up's styling work for five titles. Here the whole row
is one widget that renders its titles as text, a pane is mounted when first shown, and the
panes sit directly under the row (the shown one displayed). The API is the part of
TabbedContent the explorer uses: ``active`` (the shown pane's id), ``TabActivated`` (with
``pane``), panes given in compose.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.padding import Padding
from rich.text import Text
from textual import events
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

SEPARATOR = " "


class Pane(Vertical):
    """One tab's content; ``title`` is what the tab row shows. Until a widget is mounted in
    it, the pane itself shows ``placeholder`` (a line of text costs no widget)."""

    COMPONENT_CLASSES = {"pane--placeholder"}
    DEFAULT_CSS = """
    Pane > .pane--placeholder {
        color: $text-muted;
    }
    """

    def __init__(self, title: str, *children: Widget, id: str, placeholder: str = "") -> None:
        super().__init__(*children, id=id)
        self.title = title
        self.placeholder = placeholder

    def render(self) -> RenderResult:
        if self.children or not self.placeholder:
            return ""
        style = self.get_component_rich_style("pane--placeholder")
        return Padding(Text(self.placeholder, style=style, end=""), (0, 1))


class TabSpan(NamedTuple):
    pane_id: str
    start: int
    end: int


class TabRow(Widget, can_focus=True):
    """The row of tab titles: click one, or focus the row and use left/right."""

    COMPONENT_CLASSES = {"tab-row--active", "tab-row--hover"}
    BINDINGS = [
        Binding("left", "step(-1)", "Previous tab", show=False),
        Binding("right", "step(1)", "Next tab", show=False),
    ]
    DEFAULT_CSS = """
    TabRow {
        height: 1;
        width: 1fr;
        color: $foreground-muted;
    }
    TabRow > .tab-row--active {
        color: $foreground;
        background: $primary 40%;
        text-style: bold;
    }
    TabRow:focus > .tab-row--active {
        background: $primary;
        color: $text;
    }
    TabRow > .tab-row--hover {
        background: $boost;
        color: $foreground;
    }
    """

    hovered: reactive[str | None] = reactive(None)

    class Chosen(Message):
        def __init__(self, pane_id: str) -> None:
            super().__init__()
            self.pane_id = pane_id

    def __init__(self, titles: list[tuple[str, str]], active: str) -> None:
        super().__init__()
        self.titles = titles
        self.active = active
        spans, start = [], 0
        for pane_id, title in titles:
            end = start + len(title) + 2
            spans.append(TabSpan(pane_id, start, end))
            start = end + len(SEPARATOR)
        self.spans = spans

    def show_active(self, pane_id: str) -> None:
        self.active = pane_id
        self.refresh()

    def render(self) -> Text:
        active = self.get_component_rich_style("tab-row--active", partial=True)
        hover = self.get_component_rich_style("tab-row--hover", partial=True)
        row = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, (pane_id, title) in enumerate(self.titles):
            if index:
                row.append(SEPARATOR)
            style = active if pane_id == self.active else hover if pane_id == self.hovered else ""
            row.append(f" {title} ", style)
        return row

    def pane_at(self, x: int) -> str | None:
        for span in self.spans:
            if span.start <= x < span.end:
                return span.pane_id
        return None

    def on_click(self, event: events.Click) -> None:
        pane_id = self.pane_at(event.x)
        if pane_id is not None:
            event.stop()
            self.post_message(self.Chosen(pane_id))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self.pane_at(event.x)

    def on_leave(self, event: events.Leave) -> None:
        self.hovered = None

    def watch_hovered(self) -> None:
        self.refresh()

    def action_step(self, step: int) -> None:
        ids = [pane_id for pane_id, _ in self.titles]
        index = ids.index(self.active) if self.active in ids else 0
        self.post_message(self.Chosen(ids[(index + step) % len(ids)]))


class TabbedPanes(Vertical):
    """A tab row over the panes; ``active`` is the shown pane's id."""

    DEFAULT_CSS = """
    TabbedPanes > Pane {
        height: 1fr;
    }
    """

    class TabActivated(Message):
        """A pane was shown (by a click, a key or the ``active`` attribute)."""

        def __init__(self, tabbed: TabbedPanes, pane: Pane) -> None:
            super().__init__()
            self.tabbed = tabbed
            self.pane = pane

        @property
        def control(self) -> TabbedPanes:
            return self.tabbed

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._panes: list[Pane] = []
        self._active: str | None = None

    def compose_add_child(self, widget: Widget) -> None:
        if not isinstance(widget, Pane):
            raise TypeError(f"TabbedPanes holds Pane widgets, not {type(widget).__name__}")
        self._panes.append(widget)

    def compose(self) -> ComposeResult:
        first = self._panes[0].id if self._panes else ""
        self._active = self._active or first
        yield TabRow([(pane.id or "", pane.title) for pane in self._panes], self._active or "")
        # Only the shown pane is mounted now; the others when first shown or asked for.
        yield from (pane for pane in self._panes if pane.id == self._active)

    def pane(self, pane_id: str) -> Pane:
        """The pane with this id, mounted (hidden unless active) if it was not yet."""
        pane = next((p for p in self._panes if p.id == pane_id), None)
        if pane is None:
            raise KeyError(f"no pane {pane_id!r}")
        if not pane.is_attached and pane.parent is None:
            pane.display = pane_id == self._active
            self.mount(pane)
        return pane

    @property
    def active(self) -> str:
        return self._active or ""

    @active.setter
    def active(self, pane_id: str) -> None:
        if pane_id == self._active:
            return
        pane = self.pane(pane_id)  # an unknown id fails loudly
        self._active = pane_id
        self.query_one(TabRow).show_active(pane_id)
        for other in self._panes:
            if other.parent is not None:
                other.display = other is pane
        self.post_message(self.TabActivated(self, pane))

    def on_tab_row_chosen(self, event: TabRow.Chosen) -> None:
        event.stop()
        self.active = event.pane_id
