"""Per-caller usage limit for GetUserCard / GetSessionInfo (40.4.5): sliding window."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable


class UsageLimiter:
    def __init__(self, limit: int, window: float, now: Callable[[], float]) -> None:
        self.limit = limit
        self.window = window
        self._now = now
        self._lock = threading.Lock()
        self._calls: dict[str, deque[float]] = {}

    def take(self, caller: str, count: int = 1) -> float | None:
        """Count ``count`` calls; None when allowed, else seconds until the window frees."""
        if self.limit <= 0:
            return None
        now = self._now()
        with self._lock:
            calls = self._calls.setdefault(caller, deque())
            while calls and calls[0] <= now - self.window:
                calls.popleft()
            if len(calls) + count > self.limit:
                oldest = calls[0] if calls else now
                return max(1.0, oldest + self.window - now)
            calls.extend([now] * count)
            return None
