"""General Session service (ep): GetAPIVersion, GetSessionInfo, LstsummarySession, ..."""

from __future__ import annotations

import sqlite3

from explorer.sandbox import tz
from explorer.sandbox.common import (
    NO_RECORD,
    find_session,
    join_url,
    local_time,
    order_by,
    page,
    paging,
    parse_time,
    sip_url,
    timezone_id,
)
from explorer.sandbox.context import Ctx
from explorer.sandbox.registry import handler
from explorer.sandbox.wire import Fault, el, escape, group, matching_records
from explorer.sandbox.xmlreq import Element, boolean, find, text, texts

SERVICE_TYPES = ("MeetingCenter", "EventCenter", "TrainingCenter", "SupportCenter",
                 "SalesCenter")


@handler("ep", "GetAPIVersion", anonymous=True, readonly=True)
def get_api_version(ctx: Ctx, body: Element) -> str:
    version = ctx.version
    return (el("ep:apiVersion", f"WebEx XML API V{version}") + el("ep:release", str(version))
            + el("ep:trainReleaseVersion", f"{version.major}.{version.minor}"))


def _by_mobile_id(ctx: Ctx, body: Element) -> tuple[str, sqlite3.Row | None]:
    """40.1.0: pmrUrl, sipUrl, meetingLink or meetingUuid name a session or a personal room.

    Returns ("session", row) or ("pmr", user row); the row is None when nothing matches.
    """
    conn = ctx.conn

    def session(column: str, value: object) -> tuple[str, sqlite3.Row | None]:
        row = conn.execute(f"SELECT * FROM sessions WHERE {column} = ?", (value,)).fetchone()
        return "session", row

    def room(column: str, value: str) -> tuple[str, sqlite3.Row | None]:
        return "pmr", conn.execute(f"SELECT * FROM users WHERE {column} = ?",
                                   (value,)).fetchone()

    uuid = text(body, "meetingUuid")
    if uuid:
        found = session("uuid", uuid.lower())
        return found if found[1] is not None else room("pmr_uuid", uuid.lower())
    link = text(body, "meetingLink")
    if link:
        mtid = link.partition("MTID=")[2][:33]
        return session("uuid", mtid[1:].lower() if mtid[:1] in ("m", "h") else "")
    sip = (text(body, "sipUrl") or "").split()
    if sip:
        name = sip[0].partition("@")[0].removesuffix("_go")
        return session("session_key", int(name)) if name.isdigit() else room("webex_id", name)
    pmr = text(body, "pmrUrl")
    if pmr:
        return room("webex_id", pmr.rstrip("/").rpartition("/")[2])
    raise Fault("000000", "GetSessionInfo needs sessionKey, meetingUUID, pmrUrl, sipUrl, "
                          "meetingLink or meetingUuid")


@handler("ep", "GetSessionInfo", anonymous=True, readonly=True)
def get_session_info(ctx: Ctx, body: Element) -> str:
    has_key = text(body, "sessionKey") or (ctx.has("meeting-uuid") and text(body, "meetingUUID"))
    if has_key:
        key = text(body, "sessionKey")
        if key and key.isdigit():
            row = ctx.conn.execute(_SESSION_WITH_HOST + "s.session_key = ?",
                                   (int(key),)).fetchone()
            if row is not None:
                return _session_info(ctx, row)
            room = ctx.conn.execute("SELECT * FROM users WHERE pmr_key = ?", (key,)).fetchone()
            if room is not None:  # a personal room's access code is its session key
                return _pmr_info(ctx, room)
        return _session_info(ctx, find_session(ctx, body, "sessionKey"))
    if not ctx.has("session-info-mobile"):
        raise Fault("000000", "GetSessionInfo needs sessionKey")
    kind, row = _by_mobile_id(ctx, body)
    if row is None:
        raise Fault("060001", "Corresponding Meeting not found")
    return _pmr_info(ctx, row) if kind == "pmr" else _session_info(ctx, row)


_SESSION_WITH_HOST = (
    "SELECT s.*, u.first_name AS host_first_name, u.last_name AS host_last_name,"
    " u.email AS host_email, u.webex_id AS host_webex_id"
    " FROM sessions s LEFT JOIN users u ON u.webex_id = s.host WHERE "
)


def _session_info(ctx: Ctx, row: sqlite3.Row) -> str:
    # One f-string: GetSessionInfo is the hot path (throughput is measured on it). Only the
    # free-text fields need escaping; the rest are numbers, flags, hex and fixed words.
    if "host_webex_id" not in row.keys():
        row = ctx.conn.execute(_SESSION_WITH_HOST + "s.session_key = ?",
                               (row["session_key"],)).fetchone()
    caller = ctx.caller
    host = row["host"]
    insider = caller.is_site_admin or (caller.webex_id or "").lower() == host.lower()
    start = row["start"]
    in_progress = start <= ctx.now < start + row["duration"] * 60
    password = row["password"]
    uuid = f"<ep:meetingUUID>{row['uuid']}</ep:meetingUUID>" if ctx.has("meeting-uuid") else ""
    secret = (f"<ep:sessionPassword>{escape(password)}</ep:sessionPassword>"
              if insider and password else "")
    host_block = ""
    if row["host_webex_id"] is not None:
        email = ("" if caller.anonymous
                 else f"<ep:email>{escape(row['host_email'])}</ep:email>")
        host_block = (
            f"<ep:host><ep:firstName>{escape(row['host_first_name'])}</ep:firstName>"
            f"<ep:lastName>{escape(row['host_last_name'])}</ep:lastName>{email}"
            f"<ep:webExId>{escape(row['host_webex_id'])}</ep:webExId></ep:host>"
        )
    tz_id = row["timezone_id"]
    return (
        f"<ep:status>{'INPROGRESS' if in_progress else 'NOT_INPROGRESS'}</ep:status>"
        f"<ep:isLocked>false</ep:isLocked><ep:sessionkey>{row['session_key']}</ep:sessionkey>"
        f"{uuid}<ep:confID>{row['conf_id']}</ep:confID>"
        f"<ep:accessControl>{secret}<ep:listStatus>{row['list_status']}</ep:listStatus>"
        f"<ep:registration>{_flag(row['registration'])}</ep:registration>"
        f"<ep:passwordReq>{_flag(password)}</ep:passwordReq></ep:accessControl>"
        f"<ep:metaData><ep:confName>{escape(row['conf_name'])}</ep:confName>"
        f"<ep:sessionType>{row['session_type']}</ep:sessionType>"
        f"<ep:serviceType>{row['service_type']}</ep:serviceType>"
        f"<ep:agenda>{escape(row['agenda'])}</ep:agenda>"
        f"<ep:isRecurring>{_flag(row['is_recurring'])}</ep:isRecurring></ep:metaData>"
        f"{host_block}<ep:schedule><ep:startDate>{tz.format_local(start, tz_id)}</ep:startDate>"
        f"<ep:duration>{row['duration']}</ep:duration><ep:timeZoneID>{tz_id}</ep:timeZoneID>"
        f"<ep:timeZone>{tz.label(tz_id)}</ep:timeZone></ep:schedule>"
        f"<ep:meetingLink>{join_url(ctx, row)}</ep:meetingLink>"
        f"<ep:sipURL>{sip_url(row)}</ep:sipURL><ep:isAudioOnly>false</ep:isAudioOnly>"
    )


def _flag(value: object) -> str:
    return "true" if value else "false"


def _tz(prefix: str, tz_id: int) -> tuple[str, str]:
    return el(f"{prefix}:timeZoneID", tz_id), el(f"{prefix}:timeZone", tz.label(tz_id))


def _pmr_info(ctx: Ctx, user: sqlite3.Row) -> str:
    if not user["pmr_enabled"] or not user["active"]:
        raise Fault("060001", "Corresponding Meeting not found")
    parts = [el("ep:status", "NOT_INPROGRESS"), el("ep:isLocked", False),
             el("ep:sessionkey", user["pmr_key"])]
    if ctx.has("meeting-uuid"):
        parts.append(el("ep:meetingUUID", user["pmr_uuid"]))
    parts += [
        el("ep:confID", str(int(user["pmr_key"]) * 1000 + 7)),
        group("ep:accessControl", el("ep:listStatus", "PUBLIC"), el("ep:registration", False),
              el("ep:passwordReq", False)),
        group("ep:metaData", el("ep:confName", f"{user['first_name']}'s Personal Room"),
              el("ep:sessionType", 3), el("ep:serviceType", "MeetingCenter"),
              el("ep:isRecurring", False)),
        group("ep:host", el("ep:firstName", user["first_name"]),
              el("ep:lastName", user["last_name"]), el("ep:webExId", user["webex_id"])),
        el("ep:meetingLink", f"{ctx.site_url}/meet/{user['webex_id']}"),
        el("ep:sipURL", f"{user['webex_id']}@sandbox.webex.com"),
        el("ep:isPersonalMeetingRoom", True),
    ]
    return "".join(parts)


_SESSION_ORDER = {"HOSTWEBEXID": "host COLLATE NOCASE", "CONFNAME": "conf_name COLLATE NOCASE",
                  "STARTTIME": "start", "SESSIONKEY": "session_key"}


def _visible_sql(ctx: Ctx) -> tuple[str, list[object]]:
    caller = ctx.caller
    if caller.is_site_admin:
        return "1", []
    if caller.anonymous:
        return "list_status = 'PUBLIC'", []
    return "(list_status = 'PUBLIC' OR host = ?)", [caller.webex_id]


def _scope(ctx: Ctx, body: Element, sql: list[str], params: list[object]) -> None:
    scope = find(body, "dateScope")
    if scope is None:
        return
    default_tz = ctx.caller.user["timezone_id"] if ctx.caller.user is not None else 4
    tz_id = timezone_id(scope, "timeZoneID", default_tz)
    bounds = (("startDateStart", "start >= ?"), ("startDateEnd", "start <= ?"),
              ("endDateStart", "start + duration * 60 >= ?"),
              ("endDateEnd", "start + duration * 60 <= ?"))
    for name, clause in bounds:
        value = text(scope, name)
        if value:
            sql.append(clause)
            params.append(parse_time(value, tz_id, name))


@handler("ep", "LstsummarySession", anonymous=True, readonly=True)
def lstsummary_session(ctx: Ctx, body: Element) -> str:
    if ctx.caller.anonymous and ctx.has("no-anonymous-lstsummarysession"):
        raise NO_RECORD
    visible, params = _visible_sql(ctx)
    where = [visible]
    key = text(body, "sessionKey")
    if key:
        where.append("session_key = ?")
        params.append(int(key) if key.isdigit() else -1)
    uuid = text(body, "meetingUUID") if ctx.has("meeting-uuid") else None
    if uuid:
        where.append("uuid = ?")
        params.append(uuid.lower())
    host = text(body, "hostWebExID")
    if host:
        where.append("host = ?")
        params.append(host)
    services = [s for s in texts(body, "serviceTypes/serviceType") if s]
    if services:
        unknown = [s for s in services if s not in SERVICE_TYPES]
        if unknown:
            raise Fault("000000", f"Invalid serviceType {unknown[0]!r}")
        where.append(f"service_type IN ({', '.join('?' * len(services))})")
        params.extend(services)
    _scope(ctx, body, where, params)
    with_pmr = (ctx.has("scheduled-pmr") and ctx.option("return_scheduled_pmr")
                and bool(boolean(body, "returnScheduledPMR")))
    if not with_pmr:
        where.append("is_scheduled_pmr = 0")
    start, maximum = paging(body)
    order = order_by(body, _SESSION_ORDER, "start ASC, session_key ASC")
    sql = f"SELECT * FROM sessions WHERE {' AND '.join(where)}"
    total, rows = page(ctx.conn, sql, params, order, start, maximum)
    if not rows:
        raise NO_RECORD
    users = _users(ctx, {r["host"] for r in rows})
    sessions = [_summary(ctx, row, users.get(row["host"].lower()), with_pmr) for row in rows]
    return matching_records("ep", total, len(rows), start) + "".join(sessions)


def _users(ctx: Ctx, webex_ids: set[str]) -> dict[str, sqlite3.Row]:
    if not webex_ids:
        return {}
    marks = ", ".join("?" * len(webex_ids))
    rows = ctx.conn.execute(f"SELECT * FROM users WHERE webex_id IN ({marks})",
                            list(webex_ids)).fetchall()
    return {r["webex_id"].lower(): r for r in rows}


def _summary(ctx: Ctx, row: sqlite3.Row, host: sqlite3.Row | None, with_pmr: bool) -> str:
    in_progress = row["start"] <= ctx.now < row["start"] + row["duration"] * 60
    parts = [el("ep:sessionKey", row["session_key"])]
    if ctx.has("meeting-uuid"):
        # The notes spell it ep:MeetingUUID in this response (ja:L539).
        parts.append(el("ep:MeetingUUID", row["uuid"]))
    parts += [
        el("ep:confName", row["conf_name"]), el("ep:sessionType", row["session_type"]),
        el("ep:serviceType", row["service_type"]), el("ep:hostWebExID", row["host"]),
        el("ep:hostFirstName", host["first_name"] if host else ""),
        el("ep:hostLastName", host["last_name"] if host else ""),
        el("ep:otherHostWebExID", row["host"]), *_tz("ep", row["timezone_id"]),
        el("ep:status", "INPROGRESS" if in_progress else "NOT_INPROGRESS"),
        el("ep:startTime", local_time(row)), el("ep:duration", row["duration"]),
        el("ep:listStatus", row["list_status"]),
        el("ep:hostEmail", host["email"] if host else ""),
        el("ep:passwordReq", bool(row["password"])), el("ep:hostJoined", in_progress),
        el("ep:participantsJoined", False), el("ep:confID", row["conf_id"]),
        el("ep:registration", bool(row["registration"])),
        el("ep:isRecurring", bool(row["is_recurring"])), el("ep:hostType", "1019001"),
        el("ep:isAudioOnly", False), el("ep:isTCSingleRecurrence", False),
        el("ep:isAllowJBH", False), el("ep:isCETMeeting", True), el("ep:isException", False),
        el("ep:isNextUpcomingInstance", row["start"] > ctx.now),
        el("ep:seriesMeetingKey", 0), el("ep:recurrenceId", 0),
    ]
    if with_pmr:
        parts.append(el("ep:isScheduledPMR", bool(row["is_scheduled_pmr"])))
    return group("ep:session", *parts)


@handler("ep", "LstRecording", readonly=True)
def lst_recording(ctx: Ctx, body: Element) -> str:
    where = ["1"]
    params: list[object] = []
    if not ctx.caller.is_site_admin:
        where.append("r.host = ?")
        params.append(ctx.caller.webex_id)
    key = text(body, "sessionKey") or text(body, "meetingKey")
    if key:
        where.append("r.session_key = ?")
        params.append(int(key) if key.isdigit() else -1)
    uuid = text(body, "meetingUUID") if ctx.has("meeting-uuid") else None
    if uuid:
        where.append("s.uuid = ?")
        params.append(uuid.lower())
    start, maximum = paging(body)
    sql = ("SELECT r.*, s.uuid, s.timezone_id, s.conf_name FROM recordings r "
           f"JOIN sessions s ON s.session_key = r.session_key WHERE {' AND '.join(where)}")
    total, rows = page(ctx.conn, sql, params, "r.created DESC, r.id", start, maximum)
    if not rows:
        raise NO_RECORD
    items = []
    for row in rows:
        parts = [el("ep:recordingID", row["id"] + 4_000_000),
                 el("ep:hostWebExID", row["host"]), el("ep:name", row["name"]),
                 el("ep:createTime", tz.format_local(row["created"], row["timezone_id"])),
                 el("ep:timeZoneID", row["timezone_id"]), el("ep:size", row["size_mb"]),
                 el("ep:streamURL", f"{ctx.site_url}/recordingservice/play/{row['id']}"),
                 el("ep:fileURL", f"{ctx.site_url}/recordingservice/download/{row['id']}"),
                 el("ep:sessionKey", row["session_key"])]
        if ctx.has("meeting-uuid"):
            parts.append(el("ep:meetingUUID", row["uuid"]))
        parts += [el("ep:confName", row["conf_name"]), el("ep:duration", row["duration"])]
        items.append(group("ep:recording", *parts))
    return matching_records("ep", total, len(rows), start) + "".join(items)


@handler("ep", "LstCalendarSession", readonly=True)
def lst_calendar_session(ctx: Ctx, body: Element) -> str:
    visible, params = _visible_sql(ctx)
    where = [visible]
    default_tz = ctx.caller.user["timezone_id"] if ctx.caller.user is not None else 4
    tz_id = timezone_id(body, "dateScope/timeZoneID", default_tz)
    for name, clause in (("startDate", "start >= ?"), ("endDate", "start <= ?")):
        value = text(body, f"dateScope/{name}")
        if value:
            where.append(clause)
            params.append(parse_time(value, tz_id, name))
    where.append("is_scheduled_pmr = 0")
    sql = f"SELECT * FROM sessions WHERE {' AND '.join(where)}"
    total, rows = page(ctx.conn, sql, params, "start ASC, session_key", 1, 500)
    if not rows:
        raise NO_RECORD
    items = []
    for row in rows:
        parts = [el("ep:sessionKey", row["session_key"])]
        if ctx.has("meeting-uuid"):
            parts.append(el("ep:meetingUUID", row["uuid"]))
        parts += [el("ep:confName", row["conf_name"]), el("ep:serviceType", row["service_type"]),
                  el("ep:hostWebExID", row["host"]), el("ep:startTime", local_time(row)),
                  el("ep:duration", row["duration"]), *_tz("ep", row["timezone_id"]),
                  el("ep:listStatus", row["list_status"])]
        items.append(group("ep:session", *parts))
    return matching_records("ep", total, len(rows), 1) + "".join(items)
