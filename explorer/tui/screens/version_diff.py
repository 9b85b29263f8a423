"""The selected command's envelope at two API versions, unified or side by side, with notes."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Select, Static

from explorer.tui.widgets.diff.diff_view import DiffView, unified_diff
from explorer.tui.widgets.editor.envelope_editor import make_xml_area


def _body(template: Any, version: Any) -> str:
    if not template.available_at(version):
        return f"<!-- {template.command} does not exist at {version} -->\n"
    return template.body_at(version)


def compute_diff(template: Any, v1: Any, v2: Any) -> tuple[str, list[Any]]:
    try:
        from explorer.core.template_diff import diff_versions

        result = diff_versions(template, v1, v2)
        return result.unified, list(result.changes)
    except ImportError:
        unified = unified_diff(_body(template, v1), _body(template, v2), str(v1), str(v2))
        return unified, list(template.changes_between(v1, v2))


def first_difference(a: str, b: str) -> int:
    """The first line (0-based) where the two texts differ."""
    for index, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False)):
        if x != y:
            return index
    return min(len(a.splitlines()), len(b.splitlines()))


def notes_text(changes: list[Any], language: str) -> Text:
    out = Text()
    if not changes:
        out.append("No documented change between these versions.", style="dim italic")
        return out
    for change in changes:
        summary = change.summary_ja if language == "ja" and change.summary_ja \
            else change.summary_en
        landed = " + ".join(str(v) for v in sorted(change.landed_on, reverse=True))
        out.append(f"• {landed} ", style="bold cyan")
        out.append(f"[{change.kind}] ", style="magenta")
        out.append(" ".join(summary.split()))
        out.append(f" ({change.ref})\n", style="dim")
    out.rstrip()  # no blank line under the last note: the box is sized to its text
    return out


class VersionDiffScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("s", "toggle_mode", "Side by side / unified"),
        Binding("n", "toggle_notes", "Notes"),
    ]

    def __init__(self, template: Any, version: Any, language: str = "en") -> None:
        super().__init__()
        from explorer.core.versions import BASELINE

        self.template = template
        self.language = language
        versions = [v for v in template.request_versions()]
        if version not in versions:
            versions.append(version)
        self.versions = sorted(set(versions) | {template.since or BASELINE})
        # Default: the request's last change up to `version` against the state before it (a
        # pair with a difference to show); a request that never changed: since -> `version`.
        upto = [v for v in template.request_versions() if v <= version] or self.versions[:1]
        if len(upto) >= 2:
            self.v1, self.v2 = upto[-2], upto[-1]
        else:
            self.v1, self.v2 = upto[0], version
        self.side_by_side = False

    def compose(self) -> ComposeResult:
        options = [(str(v), str(v)) for v in reversed(self.versions)]
        with Vertical(classes="modal-box wide-box", id="diff-box"):
            yield Label(f"{self.template.command}: envelope body by version", classes="modal-title")
            with Horizontal(id="diff-controls"):
                yield Label("from", classes="topbar-label")
                yield Select(options, value=str(self.v1), id="diff-from", allow_blank=False,
                             compact=True)
                yield Label("to", classes="topbar-label")
                yield Select(options, value=str(self.v2), id="diff-to", allow_blank=False,
                             compact=True)
                yield Label("n: notes · s: side by side · Tab: notes/diff · PgDn: scroll",
                            classes="topbar-label", id="diff-keys")
            # Focusable (Tab, Shift+Tab): at 80x24 the notes can be longer than their box.
            with VerticalScroll(id="diff-notes"):
                yield Static("", id="diff-notes-text")
            yield DiffView("", id="diff-unified")
            with Horizontal(id="diff-sides"):
                yield make_xml_area("", id="diff-left", read_only=True)
                yield make_xml_area("", id="diff-right", read_only=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_diff()
        left, right = self.query_one("#diff-left"), self.query_one("#diff-right")
        # Side by side: the two panes scroll together.
        self.watch(left, "scroll_y", lambda y: self._sync(right, y), init=False)
        self.watch(right, "scroll_y", lambda y: self._sync(left, y), init=False)
        self.query_one("#diff-unified").focus()

    @staticmethod
    def _sync(other: Any, y: float) -> None:
        if other.scroll_y != y:
            other.scroll_to(y=y, animate=False)

    def action_toggle_notes(self) -> None:
        self.query_one("#diff-notes").toggle_class("-collapsed")

    def refresh_diff(self) -> None:
        from explorer.core.errors import ExplorerError

        try:
            unified, changes = compute_diff(self.template, self.v1, self.v2)
        except ExplorerError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.query_one("#diff-notes-text", Static).update(notes_text(changes, self.language))
        self.query_one("#diff-notes").scroll_home(animate=False)
        self.query_one("#diff-unified", DiffView).show(unified)
        left, right = _body(self.template, self.v1), _body(self.template, self.v2)
        self.query_one("#diff-left").load_text(left)
        self.query_one("#diff-right").load_text(right)
        for selector in ("#diff-left", "#diff-right"):
            area = self.query_one(selector)
            area.move_cursor((0, 0))
            area.scroll_to(y=0, animate=False)
        self.query_one("#diff-left").border_title = str(self.v1)
        self.query_one("#diff-right").border_title = str(self.v2)
        self.query_one("#diff-unified").display = not self.side_by_side
        self.query_one("#diff-sides").display = self.side_by_side
        focus = "#diff-left" if self.side_by_side else "#diff-unified"
        if self.is_mounted and self.app.focused not in (self.query_one("#diff-from"),
                                                          self.query_one("#diff-to")):
            self.query_one(focus).focus()

    def action_toggle_mode(self) -> None:
        self.side_by_side = not self.side_by_side
        self.refresh_diff()

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        from explorer.core.versions import Version

        if not isinstance(event.value, str):
            return
        if event.select.id == "diff-from":
            self.v1 = Version.parse(event.value)
        elif event.select.id == "diff-to":
            self.v2 = Version.parse(event.value)
        self.refresh_diff()
