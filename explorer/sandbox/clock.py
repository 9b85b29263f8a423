"""The sandbox clock: real time plus an offset that tests and users can advance."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime


class Clock:
    def __init__(self, start: datetime | None = None, offset: float = 0.0) -> None:
        self._lock = threading.Lock()
        self._offset = offset
        if start is not None:
            if start.tzinfo is None:
                start = start.replace(tzinfo=UTC)
            self._offset = start.timestamp() - time.time()

    def now(self) -> float:
        """Seconds since the epoch, sandbox time."""
        return time.time() + self._offset

    def now_datetime(self) -> datetime:
        return datetime.fromtimestamp(self.now(), UTC)

    @property
    def offset(self) -> float:
        return self._offset

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._offset += seconds
            return self._offset
