"""The explorer's own sandbox: a child process started at launch (explorer.sandbox.embedded);
`sandbox_ready` says when a send may go to it (the app stops it on exit).

A mixin of ExplorerApp (explorer.tui.app): it reads and sets the app's state and
widgets; the app wires keys and messages to it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from explorer.tui.app_defaults import SANDBOX


class SandboxMixin:
    """Start the explorer's sandbox and point the sandbox profile at it."""

    def spawn_sandbox_early(self) -> None:
        """Start the child before the app runs: it gets ready while Textual starts up.
        ``ensure_sandbox`` (at load) waits for it; a failure to spawn is reported there."""
        if not self.start_sandbox_enabled:
            return
        from explorer.sandbox.embedded import spawn

        try:
            self._sandbox_process = spawn(self.sandbox_config)
        except OSError:
            self._sandbox_process = None  # ensure_sandbox tries again and reports

    def ensure_sandbox(self) -> None:
        if not self.start_sandbox_enabled:
            self.sandbox_ready.set()
            return
        if self.sandbox is not None or self._sandbox_starting:
            return
        self._sandbox_starting = True
        # A thread waits for the child's READY line (the child is started already, or now):
        # it starts, binds and seeds while Textual builds the screen.
        import concurrent.futures
        import threading

        future: concurrent.futures.Future[tuple[Any, Any]] = concurrent.futures.Future()

        def run() -> None:
            try:
                result = self._start_sandbox_blocking()
            except BaseException as exc:
                settle(future.set_exception, exc)
                return
            if self._unmounted or not settle(future.set_result, result):
                result[0].stop()  # the app quit while the sandbox was starting

        threading.Thread(target=run, name="explorer-sandbox-start", daemon=True).start()
        self.run_worker(self._start_sandbox(future), group="sandbox", exclusive=True,
                        name="sandbox")

    def _start_sandbox_blocking(self) -> tuple[Any, Any]:
        from explorer.core.errors import ExplorerError
        from explorer.sandbox.embedded import spawn, wait_ready

        process, self._sandbox_process = self._sandbox_process, None
        handle = wait_ready(process or spawn(self.sandbox_config))
        # The profiles file's sandbox entry belongs to `webex-explorer sandbox` (the CLI
        # verb's server): this sandbox's URL is kept in memory only, so CLI sends never go
        # to a port that dies with the explorer.
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
        """The sandbox profile pointing at this app's own sandbox (never saved)."""
        import dataclasses

        from explorer.core.profiles import sandbox_profile

        url = url or (self.sandbox.url if self.sandbox is not None else None)
        url = url or "http://127.0.0.1/WBXService/XMLService"
        if stored is not None and stored.builtin:
            return dataclasses.replace(stored, url=url)
        return sandbox_profile(url)


def settle(setter: Callable[[Any], None], value: Any) -> bool:
    """Set a future's outcome; False when whoever waited for it has gone (the app quit and
    cancelled the wait), which is no error worth a traceback."""
    import concurrent.futures

    try:
        setter(value)
    except concurrent.futures.InvalidStateError:
        return False
    return True
