"""Messages the widgets post up to the app. Widgets never reach into each other."""

from __future__ import annotations

from textual.message import Message


class TemplateChosen(Message):
    """A command (and optionally one of its versions) was chosen in the library."""

    def __init__(self, command: str, version: str | None = None) -> None:
        super().__init__()
        self.command = command
        self.version = version


class OpenRequest(Message):
    """Open `command` in the editor, prefilled with element values."""

    def __init__(self, command: str, values: dict[str, str] | None = None,
                 body: str | None = None) -> None:
        super().__init__()
        self.command = command
        self.values = dict(values or {})
        #: A complete request body to use instead of the template's (e.g. SetMeeting that
        #: changes only the registrationForm).
        self.body = body


class LintJump(Message):
    """Move the editor cursor to a finding's line."""

    def __init__(self, line: int | None, column: int | None = None) -> None:
        super().__init__()
        self.line = line
        self.column = column


class HistoryReopen(Message):
    """Load a history entry's request into the editor."""

    def __init__(self, entry_id: int) -> None:
        super().__init__()
        self.entry_id = entry_id


class HistoryCompare(Message):
    """Compare a history entry's response with the current one."""

    def __init__(self, entry_id: int) -> None:
        super().__init__()
        self.entry_id = entry_id


class HistoryShown(Message):
    """The history list became visible: the app loads it then, not at start-up."""


class LibraryDismissed(Message):
    """Escape in the template library: close the drawer, back to the editor."""
