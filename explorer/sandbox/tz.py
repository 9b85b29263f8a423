"""Webex timeZoneID -> GMT offset and label (explorer.core.timezones when present)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

# The timeZoneType enumeration of common.xsd; timeZoneID is the index. Offsets are standard
# time: the sandbox does not apply daylight saving.
_LABELS: tuple[str, ...] = (
    "GMT-12:00, Dateline (Eniwetok)",
    "GMT-11:00, Samoa (Samoa)",
    "GMT-10:00, Hawaii (Honolulu)",
    "GMT-09:00, Alaska (Ancorage)",
    "GMT-08:00, Pacific (San Jose)",
    "GMT-07:00, Mountain (Arizona)",
    "GMT-07:00, Mountain (Denver)",
    "GMT-06:00, Central (Chicago)",
    "GMT-06:00, Mexico (Mexico City,Tegucigalpa)",
    "GMT-06:00, Central (Regina)",
    "GMT-05:00, S. America Pacific (Bogota)",
    "GMT-05:00, Eastern (New York)",
    "GMT-05:00, Eastern (Indiana)",
    "GMT-04:00, Atlantic (Halifax)",
    "GMT-04:00, S. America Western (Caracas)",
    "GMT-03:30, Newfoundland (Newfoundland)",
    "GMT-03:00, S. America Eastern (Brasilia)",
    "GMT-03:00, S. America Eastern (Buenos Aires)",
    "GMT-02:00, Mid-Atlantic (Mid-Atlantic)",
    "GMT-01:00, Azores (Azores)",
    "GMT+00:00, Greenwich (Casablanca)",
    "GMT+00:00, GMT (London)",
    "GMT+01:00, Europe (Amsterdam)",
    "GMT+01:00, Europe (Paris)",
    "GMT+01:00, Europe (Prague)",
    "GMT+01:00, Europe (Berlin)",
    "GMT+02:00, Greece (Athens)",
    "GMT+02:00, Eastern Europe (Bucharest)",
    "GMT+02:00, Egypt (Cairo)",
    "GMT+02:00, South Africa (Pretoria)",
    "GMT+02:00, Northern Europe (Helsinki)",
    "GMT+02:00, Israel (Tel Aviv)",
    "GMT+03:00, Saudi Arabia (Baghdad)",
    "GMT+03:00, Russian (Moscow)",
    "GMT+03:00, Nairobi (Nairobi)",
    "GMT+03:00, Iran (Tehran)",
    "GMT+04:00, Arabian (Abu Dhabi, Muscat)",
    "GMT+04:00, Baku (Baku)",
    "GMT+04:00, Afghanistan (Kabul)",
    "GMT+05:00, West Asia (Ekaterinburg)",
    "GMT+05:00, West Asia (Islamabad)",
    "GMT+05:30, India (Bombay)",
    "GMT+06:00, Columbo (Columbo)",
    "GMT+06:00, Central Asia (Almaty)",
    "GMT+07:00, Bangkok (Bangkok)",
    "GMT+08:00, China (Beijing)",
    "GMT+08:00, Australia Western (Perth)",
    "GMT+08:00, Singapore (Singapore)",
    "GMT+08:00, Taipei (Hong Kong)",
    "GMT+09:00, Tokyo (Tokyo)",
    "GMT+09:00, Korea (Seoul)",
    "GMT+09:30, Yakutsk (Yakutsk)",
    "GMT+09:30, Australia Central (Adelaide)",
    "GMT+09:30, Australia Central (Darwin)",
    "GMT+10:00, Australia Eastern (Brisbane)",
    "GMT+10:00, Australia Eastern (Sydney)",
    "GMT+10:00, West Pacific (Guam)",
    "GMT+10:00, Tasmania (Hobart)",
    "GMT+10:00, Vladivostok (Vladivostok)",
    "GMT+11:00, Central Pacific (Solomon Is)",
    "GMT+12:00, New Zealand (Wellington)",
    "GMT+12:00, Fiji (Fiji)",
)

_OFFSET_RE = re.compile(r"GMT([+-])(\d{2}):(\d{2})")
DEFAULT_TIMEZONE_ID = 4
TIMEZONE_COUNT = len(_LABELS)


def _offset_from_label(label: str) -> int:
    match = _OFFSET_RE.match(label)
    if not match:
        return 0
    sign, hours, minutes = match.groups()
    value = int(hours) * 60 + int(minutes)
    return -value if sign == "-" else value


def _load() -> tuple[tuple[str, int], ...]:
    try:
        from explorer.core import timezones as core_tz  # type: ignore[attr-defined]
    except ImportError:
        core_tz = None
    table: list[tuple[str, int]] = []
    for tz_id, fallback_label in enumerate(_LABELS):
        label, offset = fallback_label, _offset_from_label(fallback_label)
        if core_tz is not None:
            label, offset = _from_core(core_tz, tz_id, label, offset)
        table.append((label, offset))
    return tuple(table)


def _from_core(module: object, tz_id: int, label: str, offset: int) -> tuple[str, int]:
    for name in ("gmt_offset_minutes", "offset_minutes"):
        func = getattr(module, name, None)
        if callable(func):
            try:
                offset = int(func(tz_id))
            except Exception:
                pass
            break
    for name in ("label", "timezone_label", "name"):
        func = getattr(module, name, None)
        if callable(func):
            try:
                label = str(func(tz_id)) or label
            except Exception:
                pass
            break
    return label, offset


_TABLE = _load()


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
    moment = datetime.fromtimestamp(epoch + offset_minutes(tz_id) * 60, UTC)
    return moment.strftime("%m/%d/%Y %H:%M:%S")
