"""F1: what the explorer does and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# Webex XML Explorer

Pick a command in the **template library** (left; type to filter), edit its envelope in the
**editor**, press **Ctrl+R** (or F5) to send it, and read the answer in the **Tree**, **Raw**,
**Inspector**, **Headers & timing** and **History** tabs.

`{{variables}}` are filled in when the request is sent: `{{password}}` and other secrets come
from the profile (keyring), `{{now+5m}}` is five minutes from now, and values found in answers
(`{{meetingKey}}`, `{{meetingUUID}}` ...) are remembered. The variables list shows what each
resolves to; secrets stay masked and unresolved ones are marked.

The **Inspector** explains FAILURE answers (exception, meaning, since which version, the fix)
and lists every meetingUUID, sessionKey, meetingKey and confID: press Enter on one to use it in
a new request. A registrationForm can be opened in SetMeeting for editing.

| key | action |
|---|---|
| Ctrl+R / F5 | send the envelope (a second send cancels the first; lint errors ask first) |
| Ctrl+G | send even with lint errors (to see what the server says) |
| F1 | this help |
| F2 | profiles: list, add, edit, delete, test connection |
| F3 | version diff of the selected command |
| F4 | template descriptions in English / Japanese |
| F6 | copy the response |
| F7 | copy the request as curl (secrets redacted unless you confirm) |
| F8 | save the response to a file |
| F9 | history (Enter or o: reopen, c: compare with the current response) |
| Ctrl+B | show / hide the template library |
| Ctrl+L | show / hide the lint and variables column |
| Ctrl+T | find a template |
| Ctrl+E | back to the editor |
| Ctrl+P | command palette: templates, profiles, versions, actions, themes |
| Ctrl+Q | quit |

The lint list under **Lint** updates as you type; choose a finding to jump to its line.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box", id="help-box"):
            yield Markdown(HELP, id="help-text")
