"""Helpers for Pilot tests: wait for the app's workers instead of sleeping."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any) -> None:
    """Let workers (send, sandbox start) finish and the screen catch up."""
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def ready(pilot: Any) -> None:
    """The app has built its first envelope and the sandbox is up."""
    app = pilot.app
    await pilot.pause()
    await app.sandbox_ready.wait()
    await settle(pilot)
    app.flush_lint()  # the first lint is debounced like typing; do not wait for the timer
    await pilot.pause()


async def send(pilot: Any) -> Any:
    await pilot.app.run_action("send")
    await settle(pilot)
    return pilot.app.last_result
