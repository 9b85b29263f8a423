"""History: record each answer, list the entries, reopen one in the editor,
compare one with the current answer.

A mixin of ExplorerApp (explorer.tui.app): it reads and sets the app's state and
widgets; the app wires keys and messages to it."""

from __future__ import annotations

import asyncio
from typing import Any

from explorer.core.textsafe import visible
from explorer.tui.app_text import known_version
from explorer.tui.widgets.editor.envelope_editor import EnvelopeEditor


class HistoryMixin:
    """The history store and the History tab."""

    @property
    def history_store(self) -> Any:
        if self._history_store is None:
            from explorer.core.history import HistoryStore

            self._history_store = HistoryStore()
        return self._history_store

    async def _record_history(self, profile: Any, request: str, result: Any) -> None:
        try:
            secrets = self.variable_context().secret_values()
            await asyncio.to_thread(self._add_history, profile, request, result, secrets)
        except Exception as exc:
            self.notify(f"history not saved: {exc}", severity="warning")
            return
        await self.refresh_history_async()

    def _add_history(self, profile: Any, request: str, result: Any, secrets: list[str]) -> None:
        self.history_store.add_result(result, request=request, profile=profile.name,
                                      command=self.command or "", secrets=secrets,
                                      api_version=str(self.version))

    async def action_history(self) -> None:
        """F9: the History tab, its list focused (Enter, o and c act on the list; in the
        editor they would type)."""
        self.action_show_tab("tab-history")
        await self.ensure_panes("tab-history")
        self._lazy_panes()["tab-history"].focus()

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

    def reopen_history_entry(self, entry_id: int) -> None:
        """Put history entry `entry_id`'s request in the editor, at its API version."""
        try:
            entry = self.history_store.get(entry_id)
        except Exception as exc:
            self.notify(str(exc), severity="error", title="history")
            return
        if entry is None:
            return
        template = self.library.find(entry.command or "") if self.library is not None else None
        if template is not None:
            self.command = template.command
        from explorer.tui.requests import restore_secret_variables

        version = known_version(entry.api_version)
        if version is not None and version != str(self.version):
            self.set_version(version, reload=False)
        self.load_editor(restore_secret_variables(entry.request))
        self.run_lint()
        self.ui("#editor", EnvelopeEditor).focus()
        self.notify(f"request #{entry.id} ({entry.command}) reopened in the editor",
                    title="history")

    def compare_history_entry(self, entry_id: int) -> None:
        """Show history entry `entry_id`'s answer beside the current one."""
        from explorer.tui.screens.compare import CompareScreen

        if self.last_result is None:
            self.notify("send a request first: there is no current response to compare",
                        severity="warning")
            return
        try:
            entry = self.history_store.get(entry_id)
        except Exception as exc:
            self.notify(str(exc), severity="error", title="history")
            return
        current = self._raw_text(self.last_result)
        self.push_screen(CompareScreen(f"history #{entry.id} ({entry.command})",
                                       visible(entry.response),
                                       "current response", current))
