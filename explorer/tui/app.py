"""The explorer app: pick a template, edit the envelope, send it, read the answer.

Data flows one way: template -> envelope (editor) -> send (worker) -> response -> tree,
raw view, inspector, headers, history. Widgets post messages up; the app pushes data down.

This class holds the layout, the keys and the message wiring. The work of each area is
in a mixin beside it: app_profiles (site profiles, secrets), app_sandbox, app_library (the
template library's column or drawer), app_editor (envelope, lint, variables), app_send,
app_results (response panes), app_history and app_export (clipboard, curl, save);
app_defaults and app_text hold constants and helpers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, TextArea

from explorer.core.textsafe import visible
from explorer.tui import startup_gc
from explorer.tui.app_defaults import (
    DEMO_SESSION_KEY,
    FIRST_COMMAND,
    LINT_DELAY,
    SANDBOX,
    TREE_WAITING,
)
from explorer.tui.app_editor import EditorMixin
from explorer.tui.app_export import ExportMixin
from explorer.tui.app_history import HistoryMixin
from explorer.tui.app_library import LibraryMixin
from explorer.tui.app_profiles import ProfilesMixin
from explorer.tui.app_results import ResultsMixin
from explorer.tui.app_sandbox import SandboxMixin
from explorer.tui.app_send import SendMixin
from explorer.tui.app_text import short_line
from explorer.tui.launch import opens_on_sandbox
from explorer.tui.messages import (
    HistoryCompare,
    HistoryReopen,
    HistoryShown,
    LibraryDismissed,
    LintJump,
    OpenRequest,
    TemplateChosen,
)
from explorer.tui.palette import ExplorerCommandsProvider
from explorer.tui.widgets.chrome.footer import ExplorerFooter
from explorer.tui.widgets.chrome.tabbed_panes import Pane, TabbedPanes
from explorer.tui.widgets.editor.envelope_editor import EnvelopeEditor
from explorer.tui.widgets.library.template_tree import TemplateLibraryPanel
from explorer.tui.widgets.topbar.picker import Picker
from explorer.tui.widgets.topbar.send_button import SendButton
from explorer.tui.widgets.topbar.top_bar import TopBar, version_options

__all__ = [
    "DEMO_SESSION_KEY",
    "FIRST_COMMAND",
    "LINT_DELAY",
    "SANDBOX",
    "ExplorerApp",
    "MainScreen",
    "short_line",
]


def side_panel_widgets() -> list[Any]:
    """The lint and variables lists (imported when built: a narrow start has none)."""
    from explorer.tui.widgets.editor.lint_panel import LintPanel
    from explorer.tui.widgets.editor.variables_panel import VariablesPanel

    return [LintPanel(id="lint"), VariablesPanel(id="variables")]


class MainScreen(Screen[None]):
    # Focus the editor before the first frame: a later focus change redraws the footer.
    AUTO_FOCUS = "#editor"


class ExplorerApp(
    ProfilesMixin,
    SandboxMixin,
    LibraryMixin,
    EditorMixin,
    SendMixin,
    ResultsMixin,
    HistoryMixin,
    ExportMixin,
    App[int],
):
    """The Webex XML API explorer."""

    CSS_PATH = "explorer.tcss"
    COMMANDS = {ExplorerCommandsProvider}
    TITLE = "Webex XML Explorer"
    NARROW_BELOW = 110  # columns; narrower terminals hide the library and the side column

    # At 80 columns the footer shows only the essential keys; the rest are in F1 help and
    # the command palette.
    BINDINGS = [
        Binding("ctrl+r", "send", "Send", priority=True),
        Binding("f5", "send", "Send", show=False, priority=True),
        Binding("ctrl+g", "send_anyway", "Send anyway", show=False, priority=True),
        Binding("f1", "help", "Help"),
        Binding("f2", "profiles", "Profiles"),
        Binding("f3", "version_diff", "Diff", show=False),
        Binding("f4", "toggle_language", "EN/JA", show=False),
        Binding("f8", "save_response", "Save"),
        Binding("f9", "history", "History"),
        Binding("f10", "copy_response", "Copy response", show=False),
        Binding("f11", "maximize_pane", "Maximise pane", show=False),
        Binding("f12", "copy_curl", "Copy curl", show=False),
        Binding("ctrl+b", "toggle_library", "Library"),
        Binding("ctrl+l", "toggle_side", "Lint/vars", show=False),
        Binding("ctrl+t", "focus_filter", "Find template", show=False),
        Binding("ctrl+e", "focus_editor", "Editor", show=False),
        Binding("ctrl+n", "reload_template", "Reload template", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        *,
        profile: str | None = None,
        start_sandbox: bool = True,
        sandbox_config: Any | None = None,
        clock: Callable[[], datetime] | None = None,
        stable: bool = False,
        language: str | None = None,
        sandbox_process: Any | None = None,
    ) -> None:
        """``sandbox_process``: the sandbox child ``launch.prepare`` started before Textual
        was imported (the app starts its own otherwise)."""
        super().__init__()
        from explorer.tui.settings import TuiSettings

        self.settings = TuiSettings.load()
        if language in ("en", "ja"):
            self.settings.language = language
        self.requested_profile = profile
        self.start_sandbox_enabled = start_sandbox
        self.sandbox_config = sandbox_config
        self.clock = clock or (lambda: datetime.now(UTC).replace(tzinfo=None))
        #: Hide what changes from run to run (times, ports): for snapshots and screenshots.
        self.stable = stable
        self.sandbox: Any | None = None
        self._sandbox_process: Any | None = None
        self._sandbox_starting = False
        self._unmounted = False
        self._keyring_warming = False
        self.sandbox_ready = asyncio.Event()
        self.sandbox_error: str | None = None
        self.library: Any | None = None
        self.profile: Any | None = None
        self.version: Any | None = None
        self.command: str | None = None
        self.values: dict[str, str] = {}
        self.captured: dict[str, str] = {}
        self.last_result: Any | None = None
        self.last_request: str | None = None
        self.last_findings: list[Any] = []
        self.variable_rows: list[tuple[str, str | None, bool]] = []
        #: The editor text as the app last loaded it (a template, a history entry).
        self.loaded_text = ""
        self._loading_text: str | None = None
        #: Secrets typed at the prompt when no keyring could keep them (this run only).
        self.session_secrets: dict[str, str] = {}
        self.body_override: str | None = None
        self._lint_timer: Any | None = None
        self.lint_delay = LINT_DELAY
        self._profiles_store: Any | None = None
        self._history_store: Any | None = None
        self._history_loaded = False
        self._panes_lock = asyncio.Lock()
        if sandbox_process is not None:
            self._sandbox_process = sandbox_process
        elif self.opens_on_sandbox():
            self.spawn_sandbox_early()

    # ------------------------------------------------------------------ layout
    def get_default_screen(self) -> Screen[Any]:
        # Decide the narrow layout before anything is styled (a later class change re-styles
        # every widget; even set_class here costs a styling pass).
        narrow = self.size.width < self.NARROW_BELOW
        return MainScreen(id="_default", classes="-narrow" if narrow else None)

    def compose(self) -> ComposeResult:
        # Compact controls from the start in a narrow terminal (switching later re-styles).
        narrow = self.size.width < self.NARROW_BELOW
        if not narrow:  # a narrow layout hides it; mounted if the terminal grows
            yield Header(show_clock=False)
        yield TopBar(id="topbar", compact=narrow)
        with Horizontal(id="main"):
            yield TemplateLibraryPanel(id="library", lazy=narrow)
            with Vertical(id="work"):
                with Horizontal(id="request-area"):
                    yield EnvelopeEditor(id="editor")
                    # A narrow layout has no side column until Ctrl+L: built then.
                    if not narrow:
                        with Vertical(id="side"):
                            yield from side_panel_widgets()
                with TabbedPanes(id="response-tabs"):
                    # Filled on first need (a response, an error, the tab shown): the first
                    # frame does not pay for widgets nobody looks at yet.
                    yield Pane("Tree", id="tab-tree", placeholder=TREE_WAITING)
                    yield Pane("Raw", id="tab-raw")
                    yield Pane("Inspector", id="tab-inspector")
                    yield Pane("Headers & timing", id="tab-headers")
                    yield Pane("History", id="tab-history")
        yield ExplorerFooter(compact=narrow)

    def ui(self, selector: Any, expect_type: Any = None) -> Any:
        """Query the main screen, even while a modal screen is on top."""
        base = self.screen_stack[0] if self.screen_stack else self.screen
        if expect_type is None:
            return base.query_one(selector)
        return base.query_one(selector, expect_type)

    # ------------------------------------------------------------------ start-up and shutdown
    def on_resize(self, event: Any) -> None:
        # Only a narrow terminal changes a class: re-styling every widget for the common wide
        # case would cost a good part of the start-up.
        narrow = event.size.width < self.NARROW_BELOW
        screen = self.screen_stack[0] if self.screen_stack else None
        if screen is not None and screen.has_class("-narrow") != narrow:
            screen.set_class(narrow, "-narrow")
            self.ui(TopBar).set_compact(narrow)
            self.ui(ExplorerFooter).compact = narrow
            if not narrow:
                self.run_worker(self._grow(), group="panes")

    async def _grow(self) -> None:
        """A terminal that became wide: build what the narrow start left out."""
        await self.ui(TemplateLibraryPanel).ensure_built()
        await self.ensure_side()
        base = self.screen_stack[0]
        if not base.query(Header):
            await base.mount(Header(show_clock=False), before=self.ui(TopBar))

    def side_panels(self) -> tuple[Any, Any] | None:
        """The lint and variables lists, if built (a narrow start builds them on Ctrl+L)."""
        sides = self.screen_stack[0].query("#side")
        if not sides:
            return None
        side = sides.first()
        lint = side.query("#lint")
        variables = side.query("#variables")
        if not lint or not variables:
            return None
        return lint.first(), variables.first()

    async def ensure_side(self) -> None:
        if self.side_panels() is not None:
            return
        if not self.screen_stack[0].query("#side"):
            await self.ui("#request-area").mount(Vertical(id="side"))
        await self.ui("#side").mount_all(side_panel_widgets())
        panels = self.side_panels()
        if panels is not None:
            panels[0].show(self.last_findings)
            panels[1].show(self.variable_rows)

    @property
    def narrow(self) -> bool:
        return bool(self.screen_stack) and self.screen_stack[0].has_class("-narrow")

    def on_load(self) -> None:
        startup_gc.pause()  # until the first frame (already paused when launched by the CLI)
        if self.opens_on_sandbox():
            self.ensure_sandbox()

    def opens_on_sandbox(self) -> bool:
        return opens_on_sandbox(self.requested_profile, self.settings.profile)

    def on_ready(self) -> None:
        self.call_after_refresh(startup_gc.resume)

    def on_mount(self) -> None:
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.sub_title = "starting…"
        if self.stable:
            self.ui("#editor", EnvelopeEditor).cursor_blink = False
        self._initialise()

    def _initialise(self) -> None:
        from explorer.core.templates import default_library
        from explorer.core.versions import BASELINE, releases_newest_first

        try:
            self.library = default_library()
        except Exception as exc:  # the library is shipped data; say so instead of crashing
            self.notify(f"templates could not be loaded: {exc}", severity="error")
            self.library = None
        library_panel = self.ui(TemplateLibraryPanel)
        library_panel.language = self.settings.language
        if self.library is not None:
            library_panel.set_templates(self.library.commands)  # read when shown
        topbar = self.ui(TopBar)
        topbar.set_versions(
            version_options([str(v) for v in releases_newest_first()], str(BASELINE)), None
        )
        self._load_profiles(self.requested_profile or self.settings.profile or SANDBOX)

    def on_unmount(self) -> None:
        startup_gc.resume()
        self._unmounted = True
        if self._sandbox_process is not None:  # spawned, never waited for
            from explorer.sandbox.embedded import stop_child

            stop_child(self._sandbox_process)
        if self.sandbox is not None:
            try:
                self.sandbox.stop()
            except Exception:
                pass

    # ------------------------------------------------------------------ messages from the widgets
    @on(TemplateChosen)
    def _template_chosen(self, event: TemplateChosen) -> None:
        if event.version:
            self.set_version(event.version, reload=False)
        values = self.values if event.command == self.command else {}
        self.open_request(event.command, values)
        self.library_template_opened()

    @on(LibraryDismissed)
    def _library_dismissed(self) -> None:
        self.library_dismissed()

    @on(OpenRequest)
    def _open_request(self, event: OpenRequest) -> None:
        self.open_request(event.command, event.values, event.body)
        self.ui("#editor", EnvelopeEditor).focus()
        self.notify(f"{event.command} opened with "
                    + ", ".join(f"{k.split('/')[0]}" for k in dict.fromkeys(
                        k.split("/")[0] for k in event.values)),
                    title="new request")

    @on(Picker.Changed, "#version-select")
    def _version_changed(self, event: Picker.Changed) -> None:
        if isinstance(event.value, str) and self.version is not None \
                and event.value != str(self.version):
            self.set_version(event.value)

    @on(Picker.Changed, "#profile-select")
    def _profile_changed(self, event: Picker.Changed) -> None:
        if not isinstance(event.value, str):
            return
        if self.profile is not None and event.value == self.profile.name:
            return
        self.switch_profile(event.value)

    @on(TextArea.Changed, "#editor")
    def _editor_changed(self) -> None:
        editor = self.ui("#editor", EnvelopeEditor)
        if self._loading_text is not None and editor.text == self._loading_text:
            # The Changed message of a programmatic load: load_editor scheduled the lint
            # already (a second timer would make "lint now" miss this one).
            self._loading_text = None
            return
        self.schedule_lint()

    @on(LintJump)
    def _lint_jump(self, event: LintJump) -> None:
        self.ui("#editor", EnvelopeEditor).jump_to(event.line, event.column)

    @on(TabbedPanes.TabActivated, "#response-tabs")
    def _tab_activated(self, event: TabbedPanes.TabActivated) -> None:
        pane_id = event.pane.id or ""
        if pane_id in self._lazy_panes():
            self.run_worker(self.ensure_panes(pane_id), group="panes")

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications quote server and user text ("[/]" in a reason): never markup, and
        no control characters."""
        super().notify(visible(message), title=visible(title), severity=severity,
                       timeout=timeout, markup=markup)

    @on(HistoryShown)
    def _history_shown(self) -> None:
        if not self._history_loaded:
            self.refresh_history()

    @on(HistoryReopen)
    def _history_reopen(self, event: HistoryReopen) -> None:
        self.reopen_history_entry(event.entry_id)

    @on(HistoryCompare)
    def _history_compare(self, event: HistoryCompare) -> None:
        self.compare_history_entry(event.entry_id)

    # ------------------------------------------------------------------ actions
    def action_help(self) -> None:
        from explorer.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_profiles(self) -> None:
        from explorer.tui.screens.profiles import ProfilesScreen

        self.push_screen(ProfilesScreen(), lambda _: self.refresh_profiles())

    def action_version_diff(self) -> None:
        from explorer.tui.screens.version_diff import VersionDiffScreen

        if self.library is None or self.command is None:
            self.notify("choose a command first", severity="warning")
            return
        template = self.library.get(self.command)
        self.push_screen(VersionDiffScreen(template, self.version, self.settings.language))

    def action_toggle_language(self) -> None:
        self.settings.language = "ja" if self.settings.language == "en" else "en"
        self.settings.save()
        self.ui(TemplateLibraryPanel).set_language(self.settings.language)
        if self.command:
            self.ui(TemplateLibraryPanel).select_command(self.command)
        language = "Japanese" if self.settings.language == "ja" else "English"
        self.notify(f"template descriptions in {language}")

    def watch_theme(self, theme: str) -> None:
        # A theme chosen in the command palette is remembered for the next start.
        if self.is_running and theme != self.settings.theme:
            self.settings.theme = theme
            self.settings.save()

    async def action_toggle_side(self) -> None:
        await self.ensure_side()
        side = self.ui("#side")
        if self.screen_stack[0].has_class("-narrow"):
            side.toggle_class("-shown")
        else:
            side.toggle_class("-hidden")

    def action_maximize_pane(self) -> None:
        """F11: the focused pane (editor, response tabs, ...) fills the screen, or back."""
        screen = self.screen
        if screen is not self.screen_stack[0]:
            return
        if screen.maximized is not None:
            screen.minimize()
            return
        focused = screen.focused
        if focused is None:
            return
        tabs = self.ui("#response-tabs")
        if tabs in focused.ancestors_with_self:
            focused = tabs
        screen.maximized = focused

    def action_focus_editor(self) -> None:
        self.ui("#editor").focus()

    def action_show_tab(self, tab: str) -> None:
        self.ui("#response-tabs", TabbedPanes).active = tab

    @on(SendButton.Pressed, "#send")
    def _send_pressed(self, event: SendButton.Pressed) -> None:
        event.stop()
        self.action_send()

    # ------------------------------------------------------------------ palette
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Send", "Send the envelope in the editor", self.action_send)
        yield SystemCommand("Send anyway", "Send even with lint errors", self.action_send_anyway)
        yield SystemCommand("Profiles", "List, add, edit, delete and test site profiles",
                            self.action_profiles)
        yield SystemCommand("Version diff", "The selected command's envelope at two versions",
                            self.action_version_diff)
        yield SystemCommand("Copy response", "F10: copy the response XML",
                            self.action_copy_response)
        yield SystemCommand("Copy request as curl", "F12: secrets redacted unless you confirm",
                            self.action_copy_curl)
        yield SystemCommand("Reload template for this version",
                            "Ctrl+N: replace the editor with the template (Ctrl+Z undoes)",
                            self.action_reload_template)
        yield SystemCommand("Clear editor", "Empty the editor, e.g. before a paste (Ctrl+Z "
                            "undoes)", self.action_clear_editor)
        yield SystemCommand("Maximise pane", "F11: the focused pane fills the screen, or back",
                            self.action_maximize_pane)
        yield SystemCommand("Toggle template library", "Ctrl+B", self.action_toggle_library)
        yield SystemCommand("Toggle lint and variables", "Ctrl+L", self.action_toggle_side)
        yield SystemCommand("Save response", "Write the response to a file",
                            self.action_save_response)
        yield SystemCommand("Toggle description language", "English / Japanese",
                            self.action_toggle_language)
        yield SystemCommand("Help", "Keys and how the explorer works", self.action_help)
        for tab, label in (("tab-tree", "Tree"), ("tab-raw", "Raw"),
                           ("tab-inspector", "Inspector"), ("tab-headers", "Headers & timing"),
                           ("tab-history", "History")):
            yield SystemCommand(f"Show {label}", f"Response tab {label}",
                                self.action_history if tab == "tab-history"
                                else lambda tab=tab: self.action_show_tab(tab))
        if self.library is not None:
            for template in self.library.commands():
                yield SystemCommand(
                    f"Template: {template.command}",
                    short_line(template.description_en or template.package),
                    lambda name=template.command: self.open_request(name),
                )
        for name in self._profile_names():
            yield SystemCommand(f"Profile: {name}", "Switch to this site profile",
                                lambda name=name: self._pick_profile(name))
        from explorer.core.versions import BASELINE, releases_newest_first

        for version in [*releases_newest_first(), BASELINE]:
            yield SystemCommand(f"API version: {version}", "Re-resolve the template at it",
                                lambda v=str(version): self.set_version(v))
