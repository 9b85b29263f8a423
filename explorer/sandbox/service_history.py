"""History service: LstAccessAnywhereHistory (40.1.0) and the attendee-history lists."""

from __future__ import annotations

from explorer.sandbox import tz
from explorer.sandbox.common import (
    NO_RECORD,
    order_by,
    page,
    paging,
    time_or_none,
    timezone_id,
)
from explorer.sandbox.context import Ctx
from explorer.sandbox.registry import handler
from explorer.sandbox.wire import Fault, el, group, matching_records
from explorer.sandbox.xmlreq import Element, find, text

NO_PRIVILEGE = Fault("000001", "Access denied, additional privileges are required")


def _host_filter(ctx: Ctx, wanted: str | None, column: str, where: list[str],
                 params: list[object]) -> None:
    caller = ctx.require_user()
    if wanted and not caller.is_site_admin and wanted.lower() != (caller.webex_id or "").lower():
        raise NO_PRIVILEGE
    if wanted or not caller.is_site_admin:
        where.append(f"{column} = ?")
        params.append(wanted or caller.webex_id)


def _range(scope: Element | None, first: str, last: str, column: str, tz_id: int,
           ) -> tuple[str, list[object]] | None:
    if scope is None:
        return None
    low = time_or_none(scope, first, tz_id)
    high = time_or_none(scope, last, tz_id)
    clauses, params = [], []
    if low is not None:
        clauses.append(f"{column} >= ?")
        params.append(low)
    if high is not None:
        clauses.append(f"{column} <= ?")
        params.append(high)
    if not clauses:
        return None
    return "(" + " AND ".join(clauses) + ")", params


def _scopes(ctx: Ctx, body: Element, where: list[str], params: list[object],
            start_column: str, end_column: str) -> int:
    """Add the time scopes; their times (and the answer's) are in the request's timeZoneID,
    else the caller's time zone."""
    default_tz = ctx.caller.user["timezone_id"] if ctx.caller.user is not None else 4
    tz_id = timezone_id(body, "timeZoneID", default_tz)
    ranges = [r for r in (
        _range(find(body, "startTimeScope"), "sessionStartTimeStart", "sessionStartTimeEnd",
               start_column, tz_id),
        _range(find(body, "endTimeScope"), "sessionEndTimeStart", "sessionEndTimeEnd",
               end_column, tz_id),
    ) if r is not None]
    if ranges:
        method = (text(body, "listControl/listMethod") or "AND").upper()
        if method not in ("AND", "OR"):
            raise Fault("000000", f"Invalid listMethod {method!r} (use AND or OR)")
        where.append("(" + f" {method} ".join(r[0] for r in ranges) + ")")
        for _, values in ranges:
            params.extend(values)
    return tz_id


_AA_ORDER = {"STARTTIME": "start", "ENDTIME": "end", "USERNAME": "user_name COLLATE NOCASE",
             "COMPUTERNAME": "computer_name COLLATE NOCASE", "CONFID": "conf_id",
             "DURATION": "(end - start)"}


@handler("history", "LstAccessAnywhereHistory", feature="access-anywhere-history",
         response_type="history:LstAccessAnywhereHistoryResponse", readonly=True)
def lst_access_anywhere_history(ctx: Ctx, body: Element) -> str:
    where: list[str] = []
    params: list[object] = []
    _host_filter(ctx, text(body, "hostWebexID"), "host", where, params)
    tz_id = _scopes(ctx, body, where, params, "start", "end")
    start, maximum = paging(body)
    order = order_by(body, _AA_ORDER, "id ASC")
    sql = "SELECT * FROM aa_history" + (f" WHERE {' AND '.join(where)}" if where else "")
    total, rows = page(ctx.conn, sql, params, order, start, maximum)
    if not rows:
        raise NO_RECORD
    items = "".join(
        group("history:accessAnyWhereInfo", el("history:confID", r["conf_id"]),
              el("history:userName", r["user_name"]),
              el("history:computerName", r["computer_name"]),
              el("history:clientIP", r["client_ip"]),
              el("history:startTime", tz.format_local(r["start"], tz_id)),
              el("history:endTime", tz.format_local(r["end"], tz_id)),
              el("history:duration", max(1, round((r["end"] - r["start"]) / 60))))
        for r in rows
    )
    return matching_records("history", total, len(rows), start) + items


_ATTENDEE_ORDER = {"STARTTIME": "h.join_time", "ENDTIME": "h.leave_time",
                   "CONFNAME": "s.conf_name COLLATE NOCASE",
                   "ATTENDEENAME": "h.name COLLATE NOCASE",
                   "DURATION": "(h.leave_time - h.join_time)"}


def _attendee_history(ctx: Ctx, body: Element, service: str, element: str,
                      with_uuid: bool) -> str:
    where = ["s.service_type = ?"]
    params: list[object] = [service]
    _host_filter(ctx, text(body, "hostWebExID"), "s.host", where, params)
    key = text(body, "meetingKey") or text(body, "sessionKey")
    if key:
        where.append("s.session_key = ?")
        params.append(int(key) if key.isdigit() else -1)
    uuid = text(body, "meetingUUID") if with_uuid else None
    if uuid:
        where.append("s.uuid = ?")
        params.append(uuid.lower())
    conf_id = text(body, "confID")
    if conf_id:
        where.append("s.conf_id = ?")
        params.append(conf_id)
    tz_id = _scopes(ctx, body, where, params, "h.join_time", "h.leave_time")
    start, maximum = paging(body)
    order = order_by(body, _ATTENDEE_ORDER, "h.id ASC")
    sql = ("SELECT h.*, s.conf_name, s.conf_id, s.uuid, s.session_key AS skey FROM "
           "attendee_history h JOIN sessions s ON s.session_key = h.session_key "
           f"WHERE {' AND '.join(where)}")
    total, rows = page(ctx.conn, sql, params, order, start, maximum)
    if not rows:
        raise NO_RECORD
    items = []
    for r in rows:
        parts = [el("history:confID", r["conf_id"]), el("history:sessionKey", r["skey"])]
        if with_uuid:
            parts.append(el("history:meetingUUID", r["uuid"]))
        parts += [el("history:confName", r["conf_name"]), el("history:name", r["name"]),
                  el("history:email", r["email"]), el("history:ipAddress", r["ip"]),
                  el("history:joinTime", tz.format_local(r["join_time"], tz_id)),
                  el("history:leaveTime", tz.format_local(r["leave_time"], tz_id)),
                  el("history:duration",
                     max(1, round((r["leave_time"] - r["join_time"]) / 60)))]
        items.append(group(f"history:{element}", *parts))
    return matching_records("history", total, len(rows), start) + "".join(items)


@handler("history", "LstmeetingattendeeHistory", readonly=True)
def lstmeetingattendee_history(ctx: Ctx, body: Element) -> str:
    return _attendee_history(ctx, body, "MeetingCenter", "meetingAttendeeHistory", False)


@handler("history", "LsttrainingattendeeHistory", readonly=True)
def lsttrainingattendee_history(ctx: Ctx, body: Element) -> str:
    return _attendee_history(ctx, body, "TrainingCenter", "trainingAttendeeHistory",
                             ctx.has("attendee-history-uuid"))


@handler("history", "LsteventattendeeHistory", readonly=True)
def lsteventattendee_history(ctx: Ctx, body: Element) -> str:
    return _attendee_history(ctx, body, "EventCenter", "eventAttendeeHistory",
                             ctx.has("attendee-history-uuid"))


@handler("history", "LstsupportattendeeHistory", readonly=True)
def lstsupportattendee_history(ctx: Ctx, body: Element) -> str:
    return _attendee_history(ctx, body, "SupportCenter", "supportAttendeeHistory",
                             ctx.has("attendee-history-uuid"))
