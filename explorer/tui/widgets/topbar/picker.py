"""A one-widget drop-down: shows the chosen option; Enter, Space, Down or a click opens a
menu of the options under it.

Textual's Select builds its overlay list and three labels up front, for every select, which
showed on the start-up; the menu here is built only when it opens. The API is the part of
Select the top bar uses: ``value`` (setting it posts ``Changed``), ``set_options``,
``compact``.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explorer.tui.widgets.topbar.compact import CompactToggle

ARROW = "▾"
MENU_HEIGHT = 16


class PickerMenu(ModalScreen[str | None]):
    """The open menu: placed under its picker; Escape or a click elsewhere closes it."""

    DEFAULT_CSS = """
    PickerMenu {
        align: left top;
        background: $background 20%;
    }
    PickerMenu > OptionList {
        width: auto;
        height: auto;
        max-height: 16;
        border: tall $border;
        background: $surface;
        padding: 0;
    }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close", show=False)]

    def __init__(self, options: list[tuple[str, str]], value: str | None, under: Region) -> None:
        super().__init__()
        self.options = options
        self.value = value
        self.under = under

    def compose(self) -> ComposeResult:
        yield OptionList(*[Option(Text(label), id=value) for label, value in self.options])

    def on_mount(self) -> None:
        menu = self.query_one(OptionList)
        widest = max((len(label) for label, _ in self.options), default=0) + 4
        menu.styles.width = max(self.under.width, widest)
        below = self.size.height - self.under.bottom
        rows = min(len(self.options) + 2, MENU_HEIGHT)
        top = self.under.bottom if below >= rows else max(0, self.under.y - rows)
        menu.styles.offset = (self.under.x, top)
        values = [value for _, value in self.options]
        if self.value in values:
            menu.highlighted = values.index(self.value)
        menu.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # outside the menu
            self.dismiss(None)


class Picker(CompactToggle, Widget, can_focus=True):
    """The chosen option's label and an arrow; ``value`` is the chosen option's value."""

    DEFAULT_CSS = """
    Picker {
        height: 3;
        border: tall $border-blurred;
        background: $surface;
        padding: 0 1;
        color: $foreground;
    }
    Picker:focus {
        border: tall $border;
        background-tint: $foreground 5%;
    }
    Picker:hover {
        background-tint: $foreground 5%;
    }
    Picker.-compact {
        height: 1;
        border: none;
    }
    Picker.-compact:focus {
        background-tint: $foreground 10%;
        text-style: bold;
    }
    """
    BINDINGS = [Binding("enter,space,down", "open", "Choose", show=False)]

    class Changed(Message):
        """The value changed (from the menu or by setting ``value``)."""

        def __init__(self, picker: Picker, value: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> Picker:
            return self.picker

    def __init__(
        self,
        options: list[tuple[str, str]],
        *,
        value: str | None = None,
        prompt: str = "",
        id: str | None = None,
        compact: bool = False,
    ) -> None:
        super().__init__(id=id, classes="-compact" if compact else "")
        self._options = list(options)
        self._value = value if any(v == value for _, v in options) else None
        self.prompt = prompt

    @property
    def options(self) -> list[tuple[str, str]]:
        return list(self._options)

    @property
    def value(self) -> str | None:
        return self._value

    @value.setter
    def value(self, value: str | None) -> None:
        if value is not None and not any(v == value for _, v in self._options):
            raise ValueError(f"{value!r} is not one of the options")
        if value == self._value:
            return
        self._value = value
        self.refresh()
        self.post_message(self.Changed(self, value))

    def set_options(self, options: list[tuple[str, str]]) -> None:
        """New options; the value stays if it is still one of them."""
        self._options = list(options)
        if not any(v == self._value for _, v in self._options):
            self.value = None
        self.refresh()

    def label(self) -> str | None:
        return next((label for label, v in self._options if v == self._value), None)

    def render(self) -> Text:
        label = self.label()
        text = Text(label if label is not None else self.prompt, no_wrap=True,
                    overflow="ellipsis", style="" if label is not None else "dim")
        width = self.content_size.width
        if width > 2:
            text.truncate(width - 2, overflow="ellipsis", pad=True)
        return text + Text(f" {ARROW}")

    def action_open(self) -> None:
        if self._options:
            self.app.push_screen(PickerMenu(self._options, self._value, self.region),
                                 self._picked)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_open()

    def _picked(self, value: str | None) -> None:
        if value is not None:
            self.value = value
