"""Webex timeZoneID -> GMT offset and label, and the API's MM/dd/yyyy HH:mm:ss dates."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

from explorer.core.timezones import TIME_ZONE_LABELS
from explorer.core.timezones import offset_minutes as _core_offset_minutes

DEFAULT_TIMEZONE_ID = 4
TIMEZONE_COUNT = len(TIME_ZONE_LABELS)
# Offsets are the labels' standard offsets: the sandbox does not apply daylight saving.
_TABLE: tuple[tuple[str, int], ...] = tuple(
    (text, _core_offset_minutes(index)) for index, text in enumerate(TIME_ZONE_LABELS)
)


def valid(tz_id: int) -> bool:
    return 0 <= tz_id < len(_TABLE)


def label(tz_id: int) -> str:
    return _TABLE[tz_id][0]


def offset_minutes(tz_id: int) -> int:
    return _TABLE[tz_id][1]


def short_offset(tz_id: int) -> str:
    return label(tz_id).split(",", 1)[0]


def all_ids() -> range:
    return range(len(_TABLE))


_DATE_RE = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*$"
)


def parse_local(text: str, tz_id: int) -> float | None:
    """MM/dd/yyyy HH:mm:ss (unpadded allowed) in zone tz_id -> epoch seconds."""
    match = _DATE_RE.match(text)
    if not match:
        return None
    month, day, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        naive = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None
    return naive.timestamp() - offset_minutes(tz_id) * 60


def format_local(epoch: float, tz_id: int) -> str:
    t = time.gmtime(epoch + _TABLE[tz_id][1] * 60)
    return (f"{t.tm_mon:02d}/{t.tm_mday:02d}/{t.tm_year} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}")
