"""Helpers for timing things inside a headless Textual app."""

from __future__ import annotations

import asyncio
import time
import unicodedata
from typing import Any

from textual import events


async def after_refresh(app: Any) -> None:
    """Return once the app has processed what is queued and refreshed the screen."""
    done = asyncio.get_running_loop().create_future()
    app.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done


def send_key(app: Any, key: str) -> None:
    """Queue one key press exactly as the terminal driver would (no Pilot waits)."""
    char: str | None
    if len(key) == 1:
        char = key
    else:
        try:
            char = unicodedata.lookup(key.upper().replace("_", " "))
        except KeyError:
            char = None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


class StallMeter:
    """A timer ticking every ``interval`` s on the app's loop; records the gaps between ticks.

    10 ms is fine-grained enough for a 100 ms budget without the ticks slowing the work.

    A gap well over the interval is a frame the app could not draw: the event loop was busy.
    """

    def __init__(self, app: Any, interval: float = 0.01) -> None:
        self.app = app
        self.interval = interval
        self.gaps: list[float] = []
        self._last: float | None = None
        self._timer: Any = None

    def start(self) -> None:
        self._last = time.perf_counter()
        self.gaps.clear()
        self._timer = self.app.set_interval(self.interval, self._tick, name="stall meter")

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.append(now - self._last)
        self._last = now

    def stop(self) -> float:
        """Stop and return the longest stall (seconds), counting the still-open gap."""
        self._tick()
        if self._timer is not None:
            self._timer.stop()
        return max(self.gaps, default=0.0)
