"""The inspector (`#inspector`): result banner, key fields with follow-ups, registrationForm."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Label, Static

from explorer.core.textsafe import visible
from explorer.tui.messages import OpenRequest

if TYPE_CHECKING:
    from explorer.core.fields import FieldHit, FieldHits

#: Which commands a found value can open, and as which request element.
FOLLOW_UPS: dict[str, list[tuple[str, str]]] = {
    "meetingUUID": [("GetSessionInfo", "meetingUUID"), ("GetMeeting", "meetingUUID"),
                    ("GetjoinurlMeeting", "meetingUUID")],
    "sessionKey": [("GetSessionInfo", "sessionKey"), ("GetMeeting", "meetingKey"),
                   ("GetjoinurlMeeting", "sessionKey")],
    "meetingKey": [("GetMeeting", "meetingKey"), ("GetSessionInfo", "sessionKey"),
                   ("GetjoinurlMeeting", "meetingKey")],
    # No template takes a confID: it can be copied or kept as the {{confID}} variable.
    "confID": [],
}
COPY = "::copy"
#: A list answer can hold tens of thousands of keys; the table shows the first ones.
MAX_FIELD_ROWS = 200


def _rows(hits: FieldHits) -> list[FieldHit]:
    """The key table's rows: the hits by kind (in FOLLOW_UPS order), each kind in document
    order, at most MAX_FIELD_ROWS. Only these are made into objects, not every hit."""
    rows: list[FieldHit] = []
    for kind in FOLLOW_UPS:
        rows += (hits[i] for i in hits.indices_of(kind, MAX_FIELD_ROWS - len(rows)))
        if len(rows) >= MAX_FIELD_ROWS:
            break
    return rows


def banner_text(decoded: Any | None, error: str | None) -> tuple[Text, str]:
    """The banner and its CSS class (-success, -failure, -error)."""
    if decoded is None:
        return Text.assemble(("ERROR  ", "bold"), visible(error or "no answer")), "-error"
    result = visible(decoded.result or "?")
    head = Text()
    head.append(f" {result} ", style="bold reverse")
    batch = decoded.parts if len(decoded.parts) > 1 else []
    failed = sum(not part.ok for part in batch)
    if batch:
        head.append(f"  {failed} of {len(batch)} bodyContents failed" if failed
                    else f"  {len(batch)} bodyContents", style="bold")
    elif decoded.response_types:
        head.append("  " + visible(", ".join(decoded.response_types)), style="bold")
    parts: list[Any] = [head]
    for number, part in enumerate(batch, 1):
        line = Text.assemble((f"[{number}] ", "bold"), visible(part.result))
        if part.response_type:
            line.append("  " + visible(part.response_type))
        if part.exception_id:
            line.append("  " + visible(part.exception_id), style="bold")
        if part.reason and not part.ok:
            line.append("  " + visible(part.reason))
        parts.append(line)
    if batch and failed:
        parts.append(Text("first failure:", style="dim"))
    if decoded.reason:
        parts.append(Text.assemble(("reason   ", "bold"), visible(decoded.reason)))
    if decoded.exception_id:
        parts.append(Text.assemble(("exception ", "bold"), visible(decoded.exception_id)))
    info = decoded.exception
    if info is not None:
        parts.append(Text.assemble(("meaning  ", "bold"), info.meaning))
        if info.since:
            parts.append(Text.assemble(("since    ", "bold"), info.since))
        parts.append(Text.assemble(("hint     ", "bold"), info.hint))
    if decoded.sub_errors:
        for sub in decoded.sub_errors:
            parts.append(Text.assemble(("  sub    ", "bold"),
                                       visible(f"{sub.exception_id or ''} {sub.reason or ''} "
                                               f"{sub.value or ''}".strip())))
    if error:
        parts.append(Text(visible(error), style="italic"))
    css = "-success" if result == "SUCCESS" else "-failure"
    return Text("\n").join(parts), css


class Inspector(VerticalScroll):
    """Shows one decoded answer; posts OpenRequest for follow-ups."""

    def __init__(self, *, id: str | None = "inspector") -> None:
        super().__init__(id=id)
        #: The answer's hits, and the rows of the key table (by kind, at most MAX_FIELD_ROWS).
        self.hits: FieldHits | None = None
        self.fields: list[FieldHit] = []
        self.registration: dict[str, bool] | None = None
        self.banner_plain = ""

    def compose(self) -> ComposeResult:
        yield Static(Text("Send a request to see its answer here.", style="dim"),
                     id="result-banner")
        yield Label("Keys found in the answer (Enter: use in a new request)",
                    classes="section-title", id="fields-title")
        yield DataTable(id="fields-table", cursor_type="row")
        with Horizontal(id="registration-actions"):
            yield Label("registrationForm (field → required)", classes="section-title",
                        id="registration-title")
            yield Button("Open in SetMeeting ▶", id="registration-to-setmeeting",
                         variant="primary", compact=True)
        yield DataTable(id="registration-table", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#fields-table", DataTable).add_columns("field", "value", "path")
        self.query_one("#registration-table", DataTable).add_columns("field", "required")
        self._show_sections()

    def clear(self) -> None:
        """Back to the empty state (another profile: the old answer's banner is gone)."""
        self.show(None, None)
        static = self.query_one("#result-banner", Static)
        static.update(Text("Send a request to see its answer here.", style="dim"))
        static.set_classes("")
        self.banner_plain = ""

    def show_error(self, message: str) -> None:
        self.show(None, message)

    def show(self, decoded: Any | None, error: str | None = None) -> None:
        banner, css = banner_text(decoded, error)
        self.banner_plain = banner.plain
        static = self.query_one("#result-banner", Static)
        static.update(banner)
        static.set_classes(css)
        self.hits = decoded.fields if decoded is not None else None
        self.fields = _rows(self.hits) if self.hits is not None else []
        self.registration = decoded.registration_form if decoded is not None else None
        table = self.query_one("#fields-table", DataTable)
        table.clear()
        for index, hit in enumerate(self.fields):
            value = Text(visible(hit.value))
            if hit.problem:
                value.append(f"  ⚠ {hit.problem}", style="italic")
            table.add_row(Text(hit.kind, style="bold"), value,
                          Text(visible(hit.path), style="dim"), key=str(index))
        title = "Keys found in the answer (Enter: use in a new request)"
        if self.hits is not None and len(self.hits) > MAX_FIELD_ROWS:
            title += f": the first {MAX_FIELD_ROWS} of {len(self.hits)}"
        self.query_one("#fields-title", Label).update(title)
        form = self.query_one("#registration-table", DataTable)
        form.clear()
        for name, required in (self.registration or {}).items():
            form.add_row(Text(visible(name)), Text("required" if required else "optional",
                                          style="bold green" if required else "dim"), key=name)
        self._show_sections()

    def _show_sections(self) -> None:
        has_fields = bool(self.fields)
        for selector in ("#fields-title", "#fields-table"):
            self.query_one(selector).display = has_fields
        has_form = self.registration is not None
        for selector in ("#registration-table", "#registration-actions"):
            self.query_one(selector).display = has_form

    def follow_up(self, index: int, command: str) -> None:
        """Open `command` prefilled with field `index`."""
        hit = self.fields[index]
        element = dict(FOLLOW_UPS.get(hit.kind, [])).get(command, hit.kind)
        self.post_message(OpenRequest(command, {element: hit.value}))

    def open_set_meeting(self) -> None:
        if self.registration is None or self.hits is None:
            return
        from explorer.tui.prefill import registration_update_body

        values = {f"registrationForm/{name}": "true" if req else "false"
                  for name, req in self.registration.items()}
        # Only the meeting's key, the registration switch and the form: sending it must not
        # rename or reschedule the meeting with the template's example values.
        key = next(((element, self.hits[found[0]].value) for kind, element in (
            ("meetingKey", "meetingkey"), ("meetingUUID", "meetingUUID"),
            ("sessionKey", "meetingkey")) if (found := self.hits.indices_of(kind, 1))), None)
        if key is None:
            self.app.notify("the answer names no meeting key: SetMeeting needs one",
                            severity="warning")
            key = ("meetingkey", "{{meetingKey}}")
        else:
            values["meetingKey" if key[0] == "meetingkey" else "meetingUUID"] = key[1]
        body = registration_update_body(self.registration, key[0], key[1])
        self.post_message(OpenRequest("SetMeeting", values, body=body))

    @on(DataTable.RowSelected, "#fields-table")
    def _field_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = int(str(event.row_key.value))
        hit = self.fields[index]
        from explorer.tui.screens.choose import ChooseScreen

        choices = [(cmd, f"{cmd}  ({element} = {hit.value})")
                   for cmd, element in FOLLOW_UPS.get(hit.kind, [])]
        choices.append((COPY, f"Copy {hit.value} to the clipboard"))

        def chosen(command: str | None) -> None:
            if command == COPY:
                self.app.copy_to_clipboard(hit.value)
                self.app.notify(f"{hit.kind} copied; it is also {{{{{hit.kind}}}}} in requests")
            elif command:
                self.follow_up(index, command)

        self.app.push_screen(ChooseScreen(f"Use {hit.kind} in a new request", choices), chosen)

    @on(Button.Pressed, "#registration-to-setmeeting")
    def _to_set_meeting(self, event: Button.Pressed) -> None:
        event.stop()
        self.open_set_meeting()
