"""The common.xsd ``timeZoneType`` enumeration: a request's ``timeZoneID`` is its index.

``timeZoneID`` 4 is "GMT-08:00, Pacific (San Jose)", 49 is "GMT+09:00, Tokyo (Tokyo)". The
offsets are the fixed GMT offsets the labels name (the XML API applies daylight saving on the
server; lint and the sandbox use the plain offset, which is what the label promises).
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone

TIME_ZONE_LABELS: tuple[str, ...] = (
    "GMT-12:00, Dateline (Eniwetok)",  # 0
    "GMT-11:00, Samoa (Samoa)",  # 1
    "GMT-10:00, Hawaii (Honolulu)",  # 2
    "GMT-09:00, Alaska (Ancorage)",  # 3
    "GMT-08:00, Pacific (San Jose)",  # 4
    "GMT-07:00, Mountain (Arizona)",  # 5
    "GMT-07:00, Mountain (Denver)",  # 6
    "GMT-06:00, Central (Chicago)",  # 7
    "GMT-06:00, Mexico (Mexico City,Tegucigalpa)",  # 8
    "GMT-06:00, Central (Regina)",  # 9
    "GMT-05:00, S. America Pacific (Bogota)",  # 10
    "GMT-05:00, Eastern (New York)",  # 11
    "GMT-05:00, Eastern (Indiana)",  # 12
    "GMT-04:00, Atlantic (Halifax)",  # 13
    "GMT-04:00, S. America Western (Caracas)",  # 14
    "GMT-03:30, Newfoundland (Newfoundland)",  # 15
    "GMT-03:00, S. America Eastern (Brasilia)",  # 16
    "GMT-03:00, S. America Eastern (Buenos Aires)",  # 17
    "GMT-02:00, Mid-Atlantic (Mid-Atlantic)",  # 18
    "GMT-01:00, Azores (Azores)",  # 19
    "GMT+00:00, Greenwich (Casablanca)",  # 20
    "GMT+00:00, GMT (London)",  # 21
    "GMT+01:00, Europe (Amsterdam)",  # 22
    "GMT+01:00, Europe (Paris)",  # 23
    "GMT+01:00, Europe (Prague)",  # 24
    "GMT+01:00, Europe (Berlin)",  # 25
    "GMT+02:00, Greece (Athens)",  # 26
    "GMT+02:00, Eastern Europe (Bucharest)",  # 27
    "GMT+02:00, Egypt (Cairo)",  # 28
    "GMT+02:00, South Africa (Pretoria)",  # 29
    "GMT+02:00, Northern Europe (Helsinki)",  # 30
    "GMT+02:00, Israel (Tel Aviv)",  # 31
    "GMT+03:00, Saudi Arabia (Baghdad)",  # 32
    "GMT+03:00, Russian (Moscow)",  # 33
    "GMT+03:00, Nairobi (Nairobi)",  # 34
    "GMT+03:00, Iran (Tehran)",  # 35
    "GMT+04:00, Arabian (Abu Dhabi, Muscat)",  # 36
    "GMT+04:00, Baku (Baku)",  # 37
    "GMT+04:00, Afghanistan (Kabul)",  # 38
    "GMT+05:00, West Asia (Ekaterinburg)",  # 39
    "GMT+05:00, West Asia (Islamabad)",  # 40
    "GMT+05:30, India (Bombay)",  # 41
    "GMT+06:00, Columbo (Columbo)",  # 42
    "GMT+06:00, Central Asia (Almaty)",  # 43
    "GMT+07:00, Bangkok (Bangkok)",  # 44
    "GMT+08:00, China (Beijing)",  # 45
    "GMT+08:00, Australia Western (Perth)",  # 46
    "GMT+08:00, Singapore (Singapore)",  # 47
    "GMT+08:00, Taipei (Hong Kong)",  # 48
    "GMT+09:00, Tokyo (Tokyo)",  # 49
    "GMT+09:00, Korea (Seoul)",  # 50
    "GMT+09:30, Yakutsk (Yakutsk)",  # 51
    "GMT+09:30, Australia Central (Adelaide)",  # 52
    "GMT+09:30, Australia Central (Darwin)",  # 53
    "GMT+10:00, Australia Eastern (Brisbane)",  # 54
    "GMT+10:00, Australia Eastern (Sydney)",  # 55
    "GMT+10:00, West Pacific (Guam)",  # 56
    "GMT+10:00, Tasmania (Hobart)",  # 57
    "GMT+10:00, Vladivostok (Vladivostok)",  # 58
    "GMT+11:00, Central Pacific (Solomon Is)",  # 59
    "GMT+12:00, New Zealand (Wellington)",  # 60
    "GMT+12:00, Fiji (Fiji)",  # 61
)

_OFFSET_RE = re.compile(r"^GMT([+-])(\d{2}):(\d{2}),")


def _offset(label: str) -> timedelta:
    match = _OFFSET_RE.match(label)
    assert match is not None, label
    sign = -1 if match.group(1) == "-" else 1
    return sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))


#: timeZoneID -> offset from GMT.
TIME_ZONE_OFFSETS: tuple[timedelta, ...] = tuple(_offset(label) for label in TIME_ZONE_LABELS)

#: The widest offsets any timeZoneID can have, for "in the past whatever the time zone".
MIN_OFFSET = min(TIME_ZONE_OFFSETS)
MAX_OFFSET = max(TIME_ZONE_OFFSETS)


def _index(time_zone_id: int | str) -> int | None:
    try:
        index = int(str(time_zone_id).strip())
    except ValueError:
        return None
    return index if 0 <= index < len(TIME_ZONE_LABELS) else None


def label_of(time_zone_id: int | str) -> str | None:
    """``4`` -> ``"GMT-08:00, Pacific (San Jose)"``; None for an unknown ID."""
    index = _index(time_zone_id)
    return None if index is None else TIME_ZONE_LABELS[index]


def offset_of(time_zone_id: int | str) -> timedelta | None:
    index = _index(time_zone_id)
    return None if index is None else TIME_ZONE_OFFSETS[index]


def tzinfo_of(time_zone_id: int | str) -> timezone | None:
    """A fixed-offset tzinfo named by the label, for datetime arithmetic."""
    index = _index(time_zone_id)
    if index is None:
        return None
    return timezone(TIME_ZONE_OFFSETS[index], TIME_ZONE_LABELS[index])


def id_of(label: str) -> int | None:
    """The timeZoneID whose label is ``label`` (exact match), for decoding responses."""
    try:
        return TIME_ZONE_LABELS.index(label.strip())
    except ValueError:
        return None


def offset_minutes(time_zone_id: int | str) -> int:
    """GMT offset in minutes (-480 for 4, Pacific); ValueError for an unknown ID."""
    offset = offset_of(time_zone_id)
    if offset is None:
        raise ValueError(f"unknown timeZoneID {time_zone_id!r} (0-{len(TIME_ZONE_LABELS) - 1})")
    return int(offset.total_seconds() // 60)


def label(time_zone_id: int | str) -> str:
    """The common.xsd label; ValueError for an unknown ID."""
    text = label_of(time_zone_id)
    if text is None:
        raise ValueError(f"unknown timeZoneID {time_zone_id!r} (0-{len(TIME_ZONE_LABELS) - 1})")
    return text
