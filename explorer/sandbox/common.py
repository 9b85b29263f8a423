"""Helpers the service handlers share: keys, times, paging, ordering, URLs."""

from __future__ import annotations

import sqlite3

from explorer.sandbox import tz
from explorer.sandbox.context import Ctx
from explorer.sandbox.wire import Fault
from explorer.sandbox.xmlreq import Element, find, integer, text, texts

NOT_FOUND = Fault("060001", "Corresponding Meeting not found")
NO_RECORD = Fault("000015", "Sorry, no record found")
MAX_LIST = 500


def timezone_id(body: Element | None, path: str, default: int) -> int:
    value = integer(body, path)
    if value is None or value == -1:  # -1 is the schemas' "not given"
        return default
    if not tz.valid(value):
        raise Fault("000000", f"Invalid timeZoneID {value} (0-{tz.TIMEZONE_COUNT - 1})")
    return value


def parse_time(value: str, tz_id: int, what: str) -> float:
    moment = tz.parse_local(value, tz_id)
    if moment is None:
        raise Fault("000000", f"Invalid {what} {value!r}: expected MM/dd/yyyy HH:mm:ss")
    return moment


def time_or_none(body: Element | None, path: str, tz_id: int) -> float | None:
    value = text(body, path)
    if not value:
        return None
    return parse_time(value, tz_id, path.rpartition("/")[2])


def key_value(body: Element, *names: str) -> int | None:
    for name in names:
        value = text(body, name)
        if value:
            if not value.isdigit():
                raise Fault("000000", f"Invalid {name} {value!r}: expected digits")
            return int(value)
    return None


def find_session(ctx: Ctx, body: Element, *key_names: str,
                 services: tuple[str, ...] | None = None) -> sqlite3.Row:
    key = key_value(body, *(key_names or ("meetingKey", "sessionKey")))
    uuid = text(body, "meetingUUID") if ctx.has("meeting-uuid") else None
    if key is not None:
        row = ctx.conn.execute("SELECT * FROM sessions WHERE session_key = ?", (key,)).fetchone()
    elif uuid:
        row = ctx.conn.execute("SELECT * FROM sessions WHERE uuid = ?",
                               (uuid.lower(),)).fetchone()
    else:
        names = " or ".join((*key_names, "meetingUUID") if ctx.has("meeting-uuid") else key_names)
        raise Fault("000000", f"The request needs {names or 'meetingKey'}")
    if row is None or (services is not None and row["service_type"] not in services):
        raise NOT_FOUND
    return row


def may_edit(ctx: Ctx, row: sqlite3.Row) -> None:
    caller = ctx.caller
    if not caller.is_site_admin and (caller.webex_id or "").lower() != row["host"].lower():
        raise Fault("000001", "Access denied, additional privileges are required")


def paging(body: Element | None, default_max: int = 50) -> tuple[int, int]:
    start = integer(body, "listControl/startFrom") or 1
    maximum = integer(body, "listControl/maximumNum") or default_max
    if start < 1 or maximum < 1:
        raise Fault("000000", "listControl startFrom and maximumNum must be positive")
    return start, min(maximum, MAX_LIST)


def order_by(body: Element | None, columns: dict[str, str], default: str) -> str:
    order = find(body, "order")
    fields = texts(order, "orderBy")
    directions = texts(order, "orderAD")
    parts: list[str] = []
    for index, name in enumerate(fields[:3]):
        column = columns.get(name.upper())
        if column is None:
            raise Fault("000000", f"Invalid orderBy {name!r} (use {', '.join(columns)})")
        direction = directions[index].upper() if index < len(directions) else "ASC"
        if direction not in ("ASC", "DESC"):
            raise Fault("000000", f"Invalid orderAD {direction!r} (use ASC or DESC)")
        parts.append(f"{column} {direction}")
    parts.append(default)
    return ", ".join(parts)


def page(conn: sqlite3.Connection, sql: str, params: list[object], order: str,
         start: int, maximum: int) -> tuple[int, list[sqlite3.Row]]:
    total = conn.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]
    rows = conn.execute(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?",
                        [*params, maximum, start - 1]).fetchall()
    return total, rows


def join_url(ctx: Ctx, row: sqlite3.Row) -> str:
    return f"{ctx.site_url}/{ctx.app.site_name}/j.php?MTID=m{row['uuid']}"


def host_url(ctx: Ctx, row: sqlite3.Row) -> str:
    return f"{ctx.site_url}/{ctx.app.site_name}/j.php?MTID=h{row['uuid']}"


def sip_url(row: sqlite3.Row) -> str:
    return f"{row['session_key']}@sandbox.webex.com"


def local_time(row: sqlite3.Row) -> str:
    return tz.format_local(row["start"], row["timezone_id"])


def check_future(ctx: Ctx, start: float) -> None:
    if ctx.has("no-past-start") and start < ctx.now:
        raise Fault("060016", "The session start time must be later than the current time")
