"""The explorer app: pick a template, edit the envelope, send it, read the answer.

Data flows one way: template -> envelope (editor) -> send (worker) -> response -> tree,
raw view, inspector, headers, history. Widgets post messages up; the app pushes data down.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Select, TabbedContent, TabPane, TextArea

from explorer.core.textsafe import visible
from explorer.tui.messages import (
    HistoryCompare,
    HistoryReopen,
    LintJump,
    OpenRequest,
    TemplateChosen,
)
from explorer.tui.palette import ExplorerCommandsProvider
from explorer.tui.widgets.chrome.footer import ExplorerFooter
from explorer.tui.widgets.editor.envelope_editor import EnvelopeEditor
from explorer.tui.widgets.editor.lint_panel import LintPanel
from explorer.tui.widgets.editor.variables_panel import VariablesPanel
from explorer.tui.widgets.history.history_panel import HistoryPanel
from explorer.tui.widgets.library.template_tree import TemplateLibraryPanel
from explorer.tui.widgets.response.headers_view import HeadersView
from explorer.tui.widgets.response.inspector import Inspector
from explorer.tui.widgets.response.raw_view import RawView
from explorer.tui.widgets.response.response_tree import ResponseTree
from explorer.tui.widgets.topbar.top_bar import TopBar, version_options

FIRST_COMMAND = "GetSessionInfo"
#: explorer.sandbox.demo.DEMO_SESSION_KEY (a test checks they agree). Not imported here:
#: importing explorer.sandbox runs its package init on the UI thread while the sandbox
#: thread is importing it too, and the first frame would wait for the import lock.
DEMO_SESSION_KEY = "805325231"
LINT_DELAY = 0.25  # seconds of quiet typing before the envelope is linted again
SANDBOX = "sandbox"


def _short(text: str, limit: int = 60) -> str:
    """The first line, cut at a word boundary (palette descriptions)."""
    line = " ".join(text.split("\n")[0].split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"




def _known_version(text: str | None) -> str | None:
    """A stored API version worth restoring (a hand-edited database may hold anything)."""
    from explorer.core.errors import VersionError
    from explorer.core.versions import check_known

    try:
        return str(check_known(text)) if text else None
    except VersionError:
        return None


class MainScreen(Screen[None]):
    # Focus the editor before the first frame: a later focus change rebuilds the Footer.
    AUTO_FOCUS = "#editor"


class ExplorerApp(App[int]):
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
        Binding("f9", "show_tab('tab-history')", "History"),
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
    ) -> None:
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
                    with Vertical(id="side"):
                        # Hidden in a narrow layout until Ctrl+L: built then.
                        if not narrow:
                            yield LintPanel(id="lint")
                            yield VariablesPanel(id="variables")
                with TabbedContent(id="response-tabs"):
                    with TabPane("Tree", id="tab-tree"):
                        yield ResponseTree(id="response-tree")
                    # Filled on first need (a response, an error, the tab shown): the first
                    # frame does not pay for widgets nobody looks at yet.
                    yield TabPane("Raw", id="tab-raw")
                    yield TabPane("Inspector", id="tab-inspector")
                    yield TabPane("Headers & timing", id="tab-headers")
                    yield TabPane("History", id="tab-history")
        yield ExplorerFooter(compact=narrow)

    def ui(self, selector: Any, expect_type: Any = None) -> Any:
        """Query the main screen, even while a modal screen is on top."""
        base = self.screen_stack[0] if self.screen_stack else self.screen
        if expect_type is None:
            return base.query_one(selector)
        return base.query_one(selector, expect_type)

    # ------------------------------------------------------------------ start-up
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

    def side_panels(self) -> tuple[LintPanel, VariablesPanel] | None:
        """The lint and variables lists, if built (a narrow start builds them on Ctrl+L)."""
        side = self.ui("#side")
        lint = side.query(LintPanel)
        variables = side.query(VariablesPanel)
        if not lint or not variables:
            return None
        return lint.first(), variables.first()

    async def ensure_side(self) -> None:
        if self.side_panels() is not None:
            return
        await self.ui("#side").mount_all([LintPanel(id="lint"), VariablesPanel(id="variables")])
        panels = self.side_panels()
        if panels is not None:
            panels[0].show(self.last_findings)
            panels[1].show(self.variable_rows)

    @property
    def narrow(self) -> bool:
        return bool(self.screen_stack) and self.screen_stack[0].has_class("-narrow")

    def on_load(self) -> None:
        if (self.requested_profile or self.settings.profile or SANDBOX) == SANDBOX:
            self.ensure_sandbox()  # at once: it starts in a thread while the screen is built

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
            library_panel.set_templates(self.library.commands())
        topbar = self.ui(TopBar)
        topbar.set_versions(
            version_options([str(v) for v in releases_newest_first()], str(BASELINE)), None
        )
        self._load_profiles(self.requested_profile or self.settings.profile or SANDBOX)
        # History (SQLite) loads when its tab is first shown or after the first send.

    def _load_profiles(self, wanted: str) -> None:
        names: list[str] = []
        try:
            names = self.profiles_store.names()
        except Exception as exc:
            self.notify(str(exc), severity="error", title="profiles")
        if SANDBOX not in names:
            names.insert(0, SANDBOX)
        if wanted not in names:
            self.notify(f"unknown profile '{wanted}': using the sandbox", severity="warning")
            wanted = SANDBOX
        profile = None
        if wanted != SANDBOX or SANDBOX in names:
            try:
                profile = self.profiles_store.find(wanted)
            except Exception:
                profile = None
        if wanted == SANDBOX:
            # The sandbox may be up already: point at it rather than at a placeholder URL.
            profile = self._in_memory_sandbox(profile)
        self.ui(TopBar).set_profiles(names, wanted)
        self.activate_profile(profile, first=True)

    @property
    def profiles_store(self) -> Any:
        if self._profiles_store is None:
            from explorer.core.profiles import ProfileStore

            self._profiles_store = ProfileStore()
        return self._profiles_store

    @property
    def history_store(self) -> Any:
        if self._history_store is None:
            from explorer.core.history import HistoryStore

            self._history_store = HistoryStore()
        return self._history_store

    def is_sandbox(self, profile: Any | None = None) -> bool:
        profile = profile or self.profile
        return bool(profile is not None and profile.builtin and profile.name == SANDBOX)

    def activate_profile(self, profile: Any, *, first: bool = False) -> None:
        from explorer.core.versions import Version

        self.profile = profile
        self.version = Version.parse(profile.api_version)
        self.ui(TopBar).show_version(str(self.version))
        self.settings.profile = profile.name
        if not first:
            self.settings.save()
        if self.is_sandbox(profile):
            self.ensure_sandbox()
        elif profile.needs_secret and not self._keyring_warming:
            # The first secret read imports keyring and picks a backend (50-100 ms): do it
            # in a thread now, not on the UI thread at the first lint.
            import threading

            from explorer.core.secrets import warm_up

            self._keyring_warming = True
            threading.Thread(target=warm_up, name="explorer-keyring", daemon=True).start()
        self.sub_title = self._subtitle()
        if not first:
            panes = self._lazy_panes()
            if panes["tab-inspector"].is_attached:
                panes["tab-inspector"].clear()
        if first:
            values = {}
            if self.is_sandbox(profile):
                values = {"sessionKey": DEMO_SESSION_KEY}
            self.open_request(FIRST_COMMAND, values)
        else:
            self.reresolve()

    def _subtitle(self) -> str:
        if self.profile is None:
            return ""
        where = "local sandbox" if self.is_sandbox() else self.profile.endpoint
        if self.stable and self.is_sandbox():
            where = "local sandbox"
        return f"{self.profile.name} · API {self.version} · {where}"

    # ------------------------------------------------------------------ sandbox
    def ensure_sandbox(self) -> None:
        if not self.start_sandbox_enabled:
            self.sandbox_ready.set()
            return
        if self.sandbox is not None or self._sandbox_starting:
            return
        self._sandbox_starting = True
        # The thread starts now (not when a worker gets scheduled): importing, binding and
        # seeding the sandbox overlap with Textual building the screen.
        import concurrent.futures
        import threading

        future: concurrent.futures.Future[tuple[Any, Any]] = concurrent.futures.Future()

        def run() -> None:
            try:
                result = self._start_sandbox_blocking()
            except BaseException as exc:
                future.set_exception(exc)
                return
            if self._unmounted:  # the app quit while the sandbox was starting
                result[0].stop()
            future.set_result(result)

        threading.Thread(target=run, name="explorer-sandbox-start", daemon=True).start()
        self.run_worker(self._start_sandbox(future), group="sandbox", exclusive=True,
                        name="sandbox")

    def _start_sandbox_blocking(self) -> tuple[Any, Any]:
        from explorer.core.errors import ExplorerError
        from explorer.sandbox import SandboxConfig, start_sandbox

        handle = start_sandbox(self.sandbox_config or SandboxConfig())
        # The profiles file's sandbox entry belongs to `webex-explorer sandbox` (the CLI
        # verb's server): this in-process server's URL is kept in memory only, so CLI
        # sends never go to a port that dies with the explorer.
        try:
            stored = self.profiles_store.find(SANDBOX)
        except ExplorerError:
            stored = None  # a damaged profiles file (already reported)
        except BaseException:
            handle.stop()
            raise
        return handle, self._in_memory_sandbox(stored, handle.url)

    async def _start_sandbox(self, future: Any) -> None:
        try:
            self.sandbox, profile = await asyncio.wrap_future(future)
        except Exception as exc:
            self.sandbox_error = f"the local sandbox did not start: {exc}"
            self.notify(self.sandbox_error, severity="error", title="sandbox")
            self.sandbox_ready.set()
            return
        if self.is_sandbox() or self.profile is None:
            self.profile = profile
            self.sub_title = self._subtitle()
        self.sandbox_ready.set()

    def _in_memory_sandbox(self, stored: Any | None, url: str | None = None) -> Any:
        """The sandbox profile pointing at this app's in-process sandbox (never saved)."""
        import dataclasses

        from explorer.core.profiles import sandbox_profile

        url = url or (self.sandbox.url if self.sandbox is not None else None)
        url = url or "http://127.0.0.1/WBXService/XMLService"
        if stored is not None and stored.builtin:
            return dataclasses.replace(stored, url=url)
        return sandbox_profile(url)

    def on_unmount(self) -> None:
        self._unmounted = True
        if self.sandbox is not None:
            try:
                self.sandbox.stop()
            except Exception:
                pass

    # ------------------------------------------------------------------ templates
    def open_request(self, command: str, values: dict[str, str] | None = None,
                     body: str | None = None) -> None:
        """Load `command`'s envelope for the active profile and version, prefilled (or with
        `body` as the whole request body instead of the template's)."""
        if self.library is None or self.profile is None:
            return
        template = self.library.find(command)
        if template is None:
            self.notify(f"no template for {command}", severity="error")
            return
        self.command = template.command
        self.values = dict(values or {})
        self.body_override = body
        self.ui(TemplateLibraryPanel).select_command(template.command)
        self.reload_envelope()

    def reload_envelope(self) -> None:
        """Rebuild the envelope for the current command at the current version."""
        from explorer.core.errors import ExplorerError
        from explorer.tui.requests import envelope_for

        if self.library is None or self.command is None or self.profile is None:
            return
        template = self.library.find(self.command)
        if template is None:
            return
        if not template.available_at(self.version):
            self.notify(f"{template.command} does not exist at {self.version} "
                        f"(added in {template.since})", severity="warning")
        try:
            if self.body_override is not None:
                from explorer.core.envelope import build_envelope
                from explorer.tui.requests import credentials

                text = build_envelope([(template.xsi_type, self.body_override)],
                                      credentials(self.profile))
            else:
                text = envelope_for(template, self.version, self.profile, self.values)
        except ExplorerError as exc:
            self.notify(str(exc), severity="error")
            return
        self.load_editor(text)

    def load_editor(self, text: str) -> None:
        """Put `text` in the editor as an undoable edit and remember it as 'as loaded'."""
        editor = self.ui("#editor", EnvelopeEditor)
        editor.load(text)
        self.loaded_text = self._loading_text = editor.text
        self.schedule_lint()

    def editor_edited(self) -> bool:
        """The editor holds text the user typed or pasted (not the template as loaded)."""
        return self.ui("#editor", EnvelopeEditor).text != self.loaded_text

    def reresolve(self) -> None:
        """After a version or profile change: re-resolve untouched template text; keep an
        edited or pasted envelope (linted at the new version) and say how to reload."""
        if self.editor_edited():
            self.schedule_lint()
            self.notify(f"your edited envelope is kept and linted at {self.version}; "
                        "Ctrl+N reloads the template for this version", title="editor")
            return
        self.reload_envelope()

    def action_reload_template(self) -> None:
        """Replace the editor with the template at the current version (undo brings it
        back)."""
        self.reload_envelope()

    def action_clear_editor(self) -> None:
        editor = self.ui("#editor", EnvelopeEditor)
        editor.replace_all("")
        editor.focus()

    @on(TemplateChosen)
    def _template_chosen(self, event: TemplateChosen) -> None:
        if event.version:
            self.set_version(event.version, reload=False)
        values = self.values if event.command == self.command else {}
        self.open_request(event.command, values)

    @on(OpenRequest)
    def _open_request(self, event: OpenRequest) -> None:
        self.open_request(event.command, event.values, event.body)
        self.ui("#editor", EnvelopeEditor).focus()
        self.notify(f"{event.command} opened with "
                    + ", ".join(f"{k.split('/')[0]}" for k in dict.fromkeys(
                        k.split("/")[0] for k in event.values)),
                    title="new request")

    def set_version(self, version: str, *, reload: bool = True) -> None:
        from explorer.core.versions import Version

        self.version = Version.parse(version)
        self.ui(TopBar).show_version(str(self.version))
        self.sub_title = self._subtitle()
        if reload:
            self.reresolve()

    @on(Select.Changed, "#version-select")
    def _version_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and self.version is not None \
                and event.value != str(self.version):
            self.set_version(event.value)

    @on(Select.Changed, "#profile-select")
    def _profile_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        if self.profile is not None and event.value == self.profile.name:
            return
        self.switch_profile(event.value)

    def switch_profile(self, name: str) -> None:
        try:
            profile = self.profiles_store.find(name)
        except Exception as exc:
            self.notify(str(exc), severity="error", title="profiles")
            return
        if name == SANDBOX and (profile is None or profile.builtin):
            profile = self._in_memory_sandbox(profile)
        if profile is None:
            self.notify(f"unknown profile '{name}'", severity="error")
            return
        self.activate_profile(profile)

    def refresh_profiles(self, active: str | None = None) -> None:
        try:
            names = self.profiles_store.names()
        except Exception as exc:
            self.notify(str(exc), severity="error", title="profiles")
            return
        if SANDBOX not in names:
            names.insert(0, SANDBOX)
        active = active or (self.profile.name if self.profile else SANDBOX)
        if active not in names:
            active = SANDBOX
        self.ui(TopBar).set_profiles(names, active)
        if self.profile is None or active != self.profile.name:
            self.switch_profile(active)
        else:
            try:
                fresh = self.profiles_store.find(active)
            except Exception:
                fresh = None
            if fresh is not None:
                if self.is_sandbox(fresh):
                    fresh = self._in_memory_sandbox(fresh)
                self.profile = fresh
                self.sub_title = self._subtitle()

    # ------------------------------------------------------------------ lint & variables
    @on(TextArea.Changed, "#editor")
    def _editor_changed(self) -> None:
        editor = self.ui("#editor", EnvelopeEditor)
        if self._loading_text is not None and editor.text == self._loading_text:
            # The Changed message of a programmatic load: load_editor scheduled the lint
            # already (a second timer would make "lint now" miss this one).
            self._loading_text = None
            return
        self.schedule_lint()

    def schedule_lint(self) -> None:
        """Lint after a short pause (typing, a new template): the screen never waits for it."""
        if self._lint_timer is not None:
            self._lint_timer.stop()
        if self.lint_delay <= 0:
            self._lint_timer = None
            self.call_later(self.run_lint)
            return
        self._lint_timer = self.set_timer(self.lint_delay, self.run_lint)

    def flush_lint(self) -> None:
        """Run a pending (debounced) lint now."""
        if self._lint_timer is not None:
            self._lint_timer.stop()
            self._lint_timer = None
            self.run_lint()

    def run_lint(self) -> list[Any]:
        if not self.is_running or not self.screen_stack:
            return []
        if self._lint_timer is not None:
            self._lint_timer.stop()
            self._lint_timer = None
        text = self.ui("#editor", EnvelopeEditor).text
        try:
            from explorer.core.lint import LintSettings, lint

            findings = lint(text, self.version, LintSettings(now=self.clock()))
        except Exception as exc:  # lint must never take the app down
            findings = []
            self.log.error(f"lint failed: {exc!r}")
        self.last_findings = findings
        self._follow_command(text)
        panels = self.side_panels()
        if panels is not None:
            panels[0].show(findings)
        self.update_variables(text)
        self._editor_titles(findings)
        return findings

    def _follow_command(self, text: str) -> None:
        """Keep `command` in step with a pasted or hand-edited envelope's xsi:type."""

        match = re.search(r'xsi:type\s*=\s*["\']java:com\.webex\.service\.binding\.'
                          r'[\w.]+\.(\w+)["\']', text)
        if match is None or self.library is None:
            return
        template = self.library.find(match.group(1))
        if template is not None and template.command != self.command:
            self.command = template.command
            self.values = {}
            self.body_override = None
            self.ui(TemplateLibraryPanel).select_command(template.command)

    def _editor_titles(self, findings: list[Any]) -> None:
        editor = self.ui("#editor", EnvelopeEditor)
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        editor.border_title = f"{self.command or 'Envelope'} @ {self.version}"
        summary = []
        if errors:
            summary.append(f"✗ {errors} error(s)")
        if warnings:
            summary.append(f"! {warnings} warning(s)")
        unresolved = sum(1 for _, value, _ in self.variable_rows if value is None)
        if unresolved:
            summary.append(f"{unresolved} unresolved variable(s)")
        summary = summary or ["lint ✓"]
        summary.append("Tab indents · Esc leaves")
        editor.border_subtitle = " · ".join(summary)
        editor.set_class(errors > 0, "-has-errors")

    def _secret(self) -> str | None:
        from explorer.core.profiles import secret_for

        if self.profile is None:
            return None
        if self.profile.name in self.session_secrets and not self.is_sandbox():
            return self.session_secrets[self.profile.name]
        try:
            return secret_for(self.profile, self.profiles_store.secrets)
        except Exception:
            return None

    def _secret_missing(self) -> bool:
        """The profile needs a secret and none is stored (or no keyring can be read)."""
        profile = self.profile
        return bool(profile is not None and profile.needs_secret and not self.is_sandbox()
                    and self._secret() is None)

    def ask_secret(self, text: str) -> None:
        """Prompt (masked) for the profile's secret, store it through the core, then send."""
        from explorer.tui.requests import SECRET_VARIABLE_BY_AUTH
        from explorer.tui.screens.secret import SecretScreen

        profile = self.profile
        if profile is None or self.modal_open():
            return
        what = SECRET_VARIABLE_BY_AUTH.get(str(profile.auth), "secret")

        def done(secret: str | None) -> None:
            if not secret:
                self.report_error(self._secret_problem() or "no secret", title="secret")
                return
            from explorer.core.errors import ExplorerError

            try:
                self.profiles_store.secrets.set(profile.name, secret)
            except ExplorerError as exc:
                # No keyring: keep it in memory for this run and say how to keep it.
                self.session_secrets[profile.name] = secret
                self.notify(f"{exc}; the secret is kept for this session only",
                            severity="warning", title="secret not stored")
            else:
                self.notify(f"secret for '{profile.name}' stored in the keyring",
                            title="secret")
            self.send_request(text)

        self.push_screen(SecretScreen(profile.name, what), done)

    def _secret_problem(self) -> str | None:
        """Why the profile's secret cannot be read (no keyring, nothing stored), if so."""
        from explorer.core.errors import SecretError
        from explorer.core.profiles import secret_for

        profile = self.profile
        if profile is None or not profile.needs_secret:
            return None
        try:
            if secret_for(profile, self.profiles_store.secrets) is None:
                return (f"no secret stored for profile '{profile.name}': add it in Profiles "
                        "(F2)")
        except SecretError as exc:
            return str(exc)
        return None

    def variable_context(self) -> Any:
        from explorer.tui.requests import variable_context

        return variable_context(self.profile, self._secret(), self.captured, self.clock)

    def update_variables(self, text: str) -> None:
        from explorer.tui.requests import variable_rows

        if self.profile is None:
            return
        try:
            rows = variable_rows(text, self.variable_context())
        except Exception as exc:
            self.log.error(f"variables failed: {exc!r}")
            rows = []
        self.variable_rows = rows
        panels = self.side_panels()
        if panels is not None:
            panels[1].show(rows)
        self.ui("#editor", EnvelopeEditor).variable_display = {
            name: ("✗ unresolved" if value is None else "********" if secret else value)
            for name, value, secret in rows
        }

    @on(LintJump)
    def _lint_jump(self, event: LintJump) -> None:
        self.ui("#editor", EnvelopeEditor).jump_to(event.line, event.column)

    # ------------------------------------------------------------------ sending
    def action_send(self) -> None:
        """Send the editor's envelope (a second send cancels the first).

        Lint errors stop the send with a notification and a question: send anyway?
        """
        if self.modal_open():
            return
        text = self.ui("#editor", EnvelopeEditor).text
        errors = [f for f in self.run_lint() if f.severity == "error"]
        if not errors:
            self.send_request(text)
            return
        from explorer.tui.screens.confirm import ConfirmScreen

        first = errors[0]
        where = f"line {first.line}: " if first.line else ""
        message = f"{len(errors)} lint error(s); {where}{first.rule}: {first.message}"
        self.report_error(message, title="lint error on send")

        def answer(yes: bool | None) -> None:
            if yes:
                self.send_request(text)

        self.push_screen(ConfirmScreen("Lint errors", message + "\n\nSend it anyway?",
                                       yes="Send anyway", no="Fix first"), answer)

    def modal_open(self) -> bool:
        """A dialog is on top: the send keys (priority bindings) must not act behind it."""
        return len(self.screen_stack) > 1

    def action_send_anyway(self) -> None:
        """Send without stopping for lint errors (the server's answer is what you want)."""
        if self.modal_open():
            return
        self.send_request(self.ui("#editor", EnvelopeEditor).text)

    @work(exclusive=True, group="send", exit_on_error=False)
    async def send_request(self, text: str) -> None:
        from explorer.core.errors import ExplorerError
        from explorer.core.variables import resolve

        try:
            resolved = resolve(text, self.variable_context())
        except ExplorerError as exc:
            problem = self._secret_problem()
            if problem is not None and self._secret_missing():
                self.ask_secret(text)
                return
            self.report_error(problem or str(exc), title="unresolved variable")
            return
        if self.is_sandbox():
            if not self.sandbox_ready.is_set():
                self.notify("starting sandbox…", title="send", timeout=2)
            await self.sandbox_ready.wait()
            if self.sandbox_error:
                self.report_error(self.sandbox_error, title="sandbox")
                return
        profile = self.profile
        tabs = self.ui("#response-tabs", TabbedContent)
        tabs.loading = True
        try:
            result = await asyncio.to_thread(self._send_blocking, profile, resolved)
        except Exception as exc:
            self.report_error(f"the request failed: {exc}", title="send")
            return
        finally:
            tabs.loading = False
        self.last_request = text
        self.last_result = result
        await self.show_result(result)
        await self._record_history(profile, text, result)

    def _send_blocking(self, profile: Any, envelope: str) -> Any:
        from explorer.core.sending import send

        jwt = self._secret() if str(profile.auth) == "jwt" else None
        return send(envelope, url=profile.endpoint, jwt=jwt, timeout=profile.timeout,
                    verify=profile.verify_tls, proxy=profile.proxy)

    # ------------------------------------------------------------------ response panes
    def _lazy_panes(self) -> dict[str, Any]:
        if not hasattr(self, "_panes"):
            self._panes = {
                "tab-raw": RawView(id="response-raw"),
                "tab-inspector": Inspector(id="inspector"),
                "tab-headers": HeadersView(id="headers"),
                "tab-history": HistoryPanel(id="history"),
            }
        return self._panes

    async def ensure_panes(self, *only: str) -> None:
        """Mount the response panes' widgets (all, or the named tab panes) if not yet."""
        base = self.screen_stack[0]
        async with self._panes_lock:  # a tab click and a response may both ask at once
            for pane_id, widget in self._lazy_panes().items():
                if (only and pane_id not in only) or widget.is_attached:
                    continue
                await base.query_one(f"#{pane_id}", TabPane).mount(widget)

    @on(TabbedContent.TabActivated, "#response-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane_id = event.pane.id or ""
        if pane_id in self._lazy_panes():
            self.run_worker(self.ensure_panes(pane_id), group="panes")

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications quote server and user text ("[/]" in a reason): never markup, and
        no control characters."""
        super().notify(visible(message), title=visible(title), severity=severity,
                       timeout=timeout, markup=markup)

    def report_error(self, message: str, *, title: str = "error") -> None:
        """A notification now; the inspector (mounted if needed) says it too."""
        self.notify(message, severity="error", title=title)
        self.run_worker(self._show_error(message), group="panes")

    async def _show_error(self, message: str) -> None:
        await self.ensure_panes()
        self._lazy_panes()["tab-inspector"].show_error(message)
        self.ui("#response-tabs", TabbedContent).active = "tab-inspector"

    async def show_result(self, result: Any) -> None:
        from explorer.core.redact import redact_headers

        await self.ensure_panes()
        panes = self._lazy_panes()
        decoded = result.decoded
        tabs = self.ui("#response-tabs", TabbedContent)
        panes["tab-inspector"].show(decoded, result.error)
        self.ui(ResponseTree).show(decoded.root if decoded is not None else None,
                                   empty=result.error or "no XML answer")
        panes["tab-raw"].set_source(lambda: self._raw_text(result))
        panes["tab-headers"].show(
            status=result.status, size=len(result.body or b""), request_bytes=result.request_bytes,
            elapsed_ms=0.0 if self.stable else result.elapsed_ms,
            url="(local sandbox)" if self.stable and self.is_sandbox() else result.url,
            api_version=str(self.version),
            headers={} if self.stable else redact_headers(result.headers or {}),
            error=result.error,
        )
        if decoded is None:
            self.notify(result.error or "no usable answer", severity="error", title="send")
            tabs.active = "tab-inspector"
            return
        for hit in decoded.fields:
            self.captured[hit.kind] = hit.value
        ticket = next((t for bc in decoded.body_contents
                       if (t := bc.findtext("{*}sessionTicket"))), None)
        if ticket:
            # AuthenticateUser's ticket: usable as {{sessionTicket}}, shown masked.
            self.captured["sessionTicket"] = ticket.strip()
        if decoded.result == "SUCCESS":
            if self.narrow and decoded.fields:
                # 80x24: the inspector's compact banner and key table show the meetingUUID
                # without scrolling; the tree would need several screens.
                tabs.active = "tab-inspector"
            else:
                if tabs.active not in ("tab-tree", "tab-raw", "tab-inspector"):
                    tabs.active = "tab-tree"
            if not self.narrow and tabs.active != "tab-inspector":
                # A short toast: the inspector's banner says it for good.
                self.notify(f"SUCCESS {', '.join(decoded.response_types)}",
                            title=self.command or "", timeout=2)
        else:
            reason = decoded.reason or decoded.result
            exc_id = f" ({decoded.exception_id})" if decoded.exception_id else ""
            self.notify(f"{reason}{exc_id}", severity="error", title=decoded.result)
            tabs.active = "tab-inspector"

    def _body_text(self, result: Any) -> str:
        """The answer as received, credentials it hands out masked (what copy and save use)."""
        from explorer.core.redact import redact_xml

        return redact_xml((result.body or b"").decode("utf-8", errors="replace"))

    def _raw_text(self, result: Any) -> str:
        from explorer.core.envelope import pretty_xml
        from explorer.core.redact import redact_xml

        body = result.body or b""
        if result.decoded is not None:
            try:
                return visible(redact_xml(pretty_xml(body)))
            except Exception:
                pass
        return visible(redact_xml(body.decode("utf-8", errors="replace")))

    async def _record_history(self, profile: Any, request: str, result: Any) -> None:
        try:
            await asyncio.to_thread(self._add_history, profile, request, result)
        except Exception as exc:
            self.notify(f"history not saved: {exc}", severity="warning")
            return
        await self.refresh_history_async()

    def _add_history(self, profile: Any, request: str, result: Any) -> None:
        # The built-in sandbox's published demo password is no secret (and is also its site
        # name): redacting it would blank the siteName.
        secrets = [] if self.is_sandbox(profile) else [self._secret()]
        self.history_store.add_result(result, request=request, profile=profile.name,
                                      command=self.command or "", secrets=secrets,
                                      api_version=str(self.version))

    @on(HistoryPanel.Shown)
    def _history_shown(self) -> None:
        if not self._history_loaded:
            self.refresh_history()

    def refresh_history(self) -> None:
        self.run_worker(self.refresh_history_async(), group="history", exclusive=True)

    async def refresh_history_async(self) -> None:
        panel = self._lazy_panes()["tab-history"]
        if not panel.is_attached:
            return  # loaded when the tab is first shown
        self._history_loaded = True
        panel.show_times = not self.stable
        try:
            entries = await asyncio.to_thread(self.history_store.list, limit=200)
        except Exception as exc:
            self.log.error(f"history unavailable: {exc!r}")
            return
        panel.show(entries)

    @on(HistoryReopen)
    def _history_reopen(self, event: HistoryReopen) -> None:
        try:
            entry = self.history_store.get(event.entry_id)
        except Exception as exc:
            self.notify(str(exc), severity="error", title="history")
            return
        if entry is None:
            return
        if self.library is not None and self.library.find(entry.command or "") is not None:
            self.command = self.library.find(entry.command).command
        from explorer.tui.requests import restore_secret_variables

        version = _known_version(entry.api_version)
        if version is not None and version != str(self.version):
            self.set_version(version, reload=False)
        self.load_editor(restore_secret_variables(entry.request))
        self.run_lint()
        self.ui("#editor", EnvelopeEditor).focus()
        self.notify(f"request #{entry.id} ({entry.command}) reopened in the editor",
                    title="history")

    @on(HistoryCompare)
    def _history_compare(self, event: HistoryCompare) -> None:
        from explorer.tui.screens.compare import CompareScreen

        if self.last_result is None:
            self.notify("send a request first: there is no current response to compare",
                        severity="warning")
            return
        try:
            entry = self.history_store.get(event.entry_id)
        except Exception as exc:
            self.notify(str(exc), severity="error", title="history")
            return
        current = self._raw_text(self.last_result)
        self.push_screen(CompareScreen(f"history #{entry.id} ({entry.command})",
                                       visible(entry.response),
                                       "current response", current))

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

    async def action_toggle_library(self) -> None:
        library = self.ui("#library", TemplateLibraryPanel)
        await library.ensure_built()
        if self.screen_stack[0].has_class("-narrow"):
            library.toggle_class("-shown")
        else:
            library.toggle_class("-hidden")

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

    async def action_focus_filter(self) -> None:
        self.ui("#library").remove_class("-hidden")
        self.ui("#library").add_class("-shown")
        await self.ui(TemplateLibraryPanel).open_filter()

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
        self.ui("#response-tabs", TabbedContent).active = tab

    def response_text(self) -> str | None:
        if self.last_result is None:
            self.notify("no response yet", severity="warning")
            return None
        return self._body_text(self.last_result)

    def action_copy_response(self) -> None:
        text = self.response_text()
        if text is not None:
            self.copy_to_clipboard(text)
            self.notify("response copied to the clipboard")

    def action_copy_curl(self) -> None:
        from explorer.tui.screens.confirm import ConfirmScreen

        def done(with_secrets: bool | None) -> None:
            if with_secrets is None:
                return
            self.copy_to_clipboard(self.curl_text(with_secrets=with_secrets))
            self.notify("request copied as curl" + (" WITH secrets" if with_secrets
                                                    else " (secrets redacted)"))

        self.push_screen(ConfirmScreen(
            "Copy the request as curl",
            "Include the real secrets (password, ticket, token)? They will be in your "
            "clipboard in clear. Redact secrets copies them as ********.",
            yes="Include secrets", no="Redact secrets",
        ), done)

    def curl_text(self, *, with_secrets: bool = False) -> str:
        """The editor's request as a curl command; secrets redacted unless asked for."""
        from explorer.core.curl import curl_command
        from explorer.core.variables import resolve

        text = self.ui("#editor", EnvelopeEditor).text
        ctx = self.variable_context()
        try:
            resolved = resolve(text, ctx)
        except Exception:
            resolved = text
        secret = self._secret()
        profile = self.profile
        jwt = secret if profile is not None and str(profile.auth) == "jwt" else None
        return curl_command(
            resolved, profile.endpoint if profile else "", jwt, with_secrets,
            # The built-in sandbox's demo password is published (and equals its siteName):
            # mask it by element only, or <siteName>sandbox</siteName> would be blanked too.
            secrets=[] if self.is_sandbox(profile) else ctx.secret_values(),
            verify=profile.verify_tls if profile else True,
            proxy=profile.proxy if profile else None,
        )

    def action_save_response(self) -> None:
        from explorer.tui.screens.save import SaveScreen

        text = self.response_text()
        if text is None:
            return
        default = f"{(self.command or 'response')}-response.xml"

        def done(path: str | None) -> None:
            if path:
                self.save_response(Path(path).expanduser(), text)

        self.push_screen(SaveScreen(default), done)

    def save_response(self, path: Path, text: str) -> bool:
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            self.notify(f"cannot save {path}: {exc.strerror or exc}", severity="error")
            return False
        self.notify(f"response saved to {path}")
        return True

    @on(Button.Pressed, "#send")
    def _send_pressed(self, event: Button.Pressed) -> None:
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
                                lambda tab=tab: self.action_show_tab(tab))
        if self.library is not None:
            for template in self.library.commands():
                yield SystemCommand(
                    f"Template: {template.command}",
                    _short(template.description_en or template.package),
                    lambda name=template.command: self.open_request(name),
                )
        for name in self._profile_names():
            yield SystemCommand(f"Profile: {name}", "Switch to this site profile",
                                lambda name=name: self._pick_profile(name))
        from explorer.core.versions import BASELINE, releases_newest_first

        for version in [*releases_newest_first(), BASELINE]:
            yield SystemCommand(f"API version: {version}", "Re-resolve the template at it",
                                lambda v=str(version): self.set_version(v))

    def _pick_profile(self, name: str) -> None:
        self.ui(TopBar).set_profiles(
            [n for n in self._profile_names()], name)
        self.switch_profile(name)

    def _profile_names(self) -> list[str]:
        try:
            names = self.profiles_store.names()
        except Exception:
            names = []
        return names if SANDBOX in names else [SANDBOX, *names]
