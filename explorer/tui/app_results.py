"""Showing an answer or an error: the lazily mounted response panes, the tree, the
inspector, the raw text.

A mixin of ExplorerApp (explorer.tui.app): it reads and sets the app's state and
widgets; the app wires keys and messages to it."""

from __future__ import annotations

from typing import Any

from explorer.core.textsafe import visible
from explorer.tui.widgets.chrome.tabbed_panes import TabbedPanes


class ResultsMixin:
    """The response tabs: mounted on first need, filled with an answer or an error."""

    def _lazy_panes(self) -> dict[str, Any]:
        if not hasattr(self, "_panes"):
            from explorer.tui.widgets.history.history_panel import HistoryPanel
            from explorer.tui.widgets.response.headers_view import HeadersView
            from explorer.tui.widgets.response.inspector import Inspector
            from explorer.tui.widgets.response.raw_view import RawView
            from explorer.tui.widgets.response.response_tree import ResponseTree

            self._panes = {
                # Until the first answer the tree tab shows a line of text (its placeholder).
                "tab-tree": ResponseTree(id="response-tree"),
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
                await base.query_one("#response-tabs", TabbedPanes).pane(pane_id).mount(widget)

    def report_error(self, message: str, *, title: str = "error") -> None:
        """A notification now; the inspector (mounted if needed) says it too."""
        self.notify(message, severity="error", title=title)
        self.run_worker(self._show_error(message), group="panes")

    async def _show_error(self, message: str) -> None:
        await self.ensure_panes()
        self._lazy_panes()["tab-inspector"].show_error(message)
        self.ui("#response-tabs", TabbedPanes).active = "tab-inspector"

    async def show_result(self, result: Any) -> None:
        from explorer.core.redact import redact_headers

        await self.ensure_panes()
        panes = self._lazy_panes()
        decoded = result.decoded
        tabs = self.ui("#response-tabs", TabbedPanes)
        panes["tab-inspector"].show(decoded, result.error)
        panes["tab-tree"].show(decoded.root if decoded is not None else None,
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
        self.captured.update(decoded.fields.last_values())
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
