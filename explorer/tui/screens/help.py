"""F1: what the explorer does and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# Webex XML Explorer

Pick a command in the **template library** (on the left in a wide terminal; below 110 columns
it is hidden: **Ctrl+B** opens it as a drawer, **Ctrl+T** finds a template by name; choosing a
template or **Escape** closes the drawer), edit its
envelope in the **editor**, press **Ctrl+R** (or F5) to send it, and read the answer in the
**Tree**, **Raw**, **Inspector**, **Headers & timing** and **History** tabs.

In the editor **Tab** indents (it is a code editor); **Escape** leaves the editor for the next
pane and **Shift+Tab** goes back. **F7** selects all (**Ctrl+A** goes to the line start, as in
a shell), **F6** selects the line; with everything selected a paste replaces the envelope.
Changing the API version or the profile re-resolves the template; an envelope you edited or
pasted is kept and linted at the new version (**Ctrl+N** reloads the template, **Ctrl+Z**
undoes any reload).

`{{variables}}` are filled in when the request is sent: `{{password}}` and other secrets come
from the profile (keyring), `{{now+5m}}` is five minutes from now, and values found in answers
(`{{meetingKey}}`, `{{meetingUUID}}` ...) are remembered. The variables list shows what each
resolves to; secrets stay masked and unresolved ones are marked.

The **Inspector** explains FAILURE answers (exception, meaning, since which version, the fix)
and lists every meetingUUID, sessionKey, meetingKey and confID: press Enter on one to use it in
a new request. A registrationForm opens in SetMeeting with only the meeting's key and the form,
so sending it changes nothing else.

| key | action |
|---|---|
| Ctrl+R / F5 | send the envelope (a second send cancels the first; lint errors ask first) |
| Ctrl+G | send even with lint errors (to see what the server says) |
| F1 | this help (Up/Down, PageUp/PageDown or Tab scroll it) |
| F2 | profiles: list, add, edit, delete, test connection |
| F3 | version diff of the selected command (n: notes, s: side by side) |
| F4 | template descriptions in English / Japanese |
| F6 / F7 | editor: select the line / select all |
| F8 | save the response to a file |
| F9 | history (Enter or o: reopen, c: compare with the current response) |
| F10 | copy the response |
| F11 | maximise the focused pane (editor or response), F11 or Escape: back |
| F12 | copy the request as curl (secrets redacted unless you confirm) |
| Ctrl+N | reload the template for this version (Ctrl+Z undoes) |
| Ctrl+B | show / hide the template library (Escape in it: back to the editor) |
| Ctrl+L | show / hide the lint and variables column |
| Ctrl+T | find a template |
| Ctrl+E | back to the editor |
| Escape | (in the editor) leave the editor |
| Ctrl+P | command palette: templates, profiles, versions, actions (clear editor ...), themes |
| Ctrl+Q | quit |

The lint list under **Lint** updates as you type; choose a finding to jump to its line.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q", "dismiss(None)", "Close"),
        Binding("tab", "page_down", "Scroll", show=False),
        Binding("shift+tab", "page_up", "Scroll back", show=False),
    ]

    def action_page_down(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_page_up(animate=False)

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="help-box"):
            # A focused scroll container: Up/Down, PageUp/PageDown, Home/End scroll the help.
            with VerticalScroll(id="help-scroll"):
                yield Markdown(HELP, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()
