"""The envelope in the editor: load a template or text, re-resolve it on a version
change, lint it and list its variables.

A mixin of ExplorerApp (explorer.tui.app): it reads and sets the app's state and
widgets; the app wires keys and messages to it."""

from __future__ import annotations

import re
from typing import Any

from explorer.tui.widgets.editor.envelope_editor import EnvelopeEditor
from explorer.tui.widgets.library.template_tree import TemplateLibraryPanel
from explorer.tui.widgets.topbar.top_bar import TopBar


class EditorMixin:
    """What is in the editor, and its lint findings and variables."""

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
                from explorer.core.envelope_build import build_envelope
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

    def set_version(self, version: str, *, reload: bool = True) -> None:
        from explorer.core.versions import Version

        self.version = Version.parse(version)
        self.ui(TopBar).show_version(str(self.version))
        self.sub_title = self._subtitle()
        if reload:
            self.reresolve()

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

    def refresh_variables(self) -> None:
        """Re-resolve the editor's variables now (a secret became known): the panel and the
        editor's footer would otherwise wait for the next keystroke."""
        self.update_variables(self.ui("#editor", EnvelopeEditor).text)
        self._editor_titles(self.last_findings)

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
