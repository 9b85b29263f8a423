"""Meeting service (meet): Create/Set/Get/DelMeeting, LstsummaryMeeting, host and join URLs."""

from __future__ import annotations

import json
import sqlite3

from explorer.sandbox import scheduling, tz
from explorer.sandbox.common import (
    NO_RECORD,
    find_session,
    host_url,
    join_url,
    local_time,
    may_edit,
    order_by,
    page,
    paging,
    parse_time,
    timezone_id,
)
from explorer.sandbox.context import Ctx
from explorer.sandbox.registry import handler
from explorer.sandbox.scheduling import MEETING
from explorer.sandbox.wire import Fault, el, group, matching_records
from explorer.sandbox.xmlreq import Element, find, text

MEETINGS = ("MeetingCenter",)


def _meeting(ctx: Ctx, body: Element) -> sqlite3.Row:
    return find_session(ctx, body, "meetingKey", services=MEETINGS)


def _uuid(ctx: Ctx, row: sqlite3.Row) -> str:
    return el("meet:meetingUUID", row["uuid"]) if ctx.has("meeting-uuid") else ""


@handler("meeting", "CreateMeeting")
def create_meeting(ctx: Ctx, body: Element) -> str:
    row = scheduling.create(ctx, body, MEETING)
    parts = [el("meet:meetingkey", row["session_key"]), _uuid(ctx, row)]
    if ctx.has("auto-password") and row["password"]:
        parts.append(el("meet:meetingPassword", row["password"]))
    parts.append(scheduling.ical(ctx, "meet", row))
    parts.append(el("meet:guestToken", row["guest_token"]))
    return "".join(parts)


@handler("meeting", "SetMeeting")
def set_meeting(ctx: Ctx, body: Element) -> str:
    row = _meeting(ctx, body)
    may_edit(ctx, row)
    row = scheduling.update(ctx, body, row, MEETING)
    return scheduling.ical(ctx, "meet", row) + _uuid(ctx, row)


@handler("meeting", "DelMeeting")
def del_meeting(ctx: Ctx, body: Element) -> str:
    row = _meeting(ctx, body)
    may_edit(ctx, row)
    key = row["session_key"]
    for table in ("sessions", "attendees", "enrollments"):
        ctx.conn.execute(f"DELETE FROM {table} WHERE session_key = ?", (key,))
    return scheduling.ical(ctx, "meet", row) + _uuid(ctx, row)


@handler("meeting", "GetMeeting", readonly=True)
def get_meeting(ctx: Ctx, body: Element) -> str:
    row = _meeting(ctx, body)
    conn = ctx.conn
    caller = ctx.caller
    if (not caller.is_site_admin and row["list_status"] != "PUBLIC"
            and (caller.webex_id or "").lower() != row["host"].lower()):
        raise Fault("000001", "Access denied, additional privileges are required")
    attendees = conn.execute(
        "SELECT name, email FROM attendees WHERE session_key = ? ORDER BY id",
        (row["session_key"],)).fetchall()
    in_progress = row["start"] <= ctx.now < row["start"] + row["duration"] * 60
    people = "".join(
        group("meet:attendee", group("att:person", el("com:name", a["name"]),
                                     el("com:email", a["email"])))
        for a in attendees
    )
    parts = [
        scheduling.access_control(ctx, "meet", row, "meetingPassword"),
        group("meet:metaData", el("meet:confName", row["conf_name"]),
              el("meet:meetingType", row["session_type"]), el("meet:agenda", row["agenda"])),
        group("meet:participants", el("meet:maxUserNumber", 1000),
              group("meet:attendees", people)),
        group("meet:schedule", el("meet:startDate", local_time(row)),
              *_tz("meet", row["timezone_id"]), el("meet:duration", row["duration"]),
              el("meet:openTime", 0), el("meet:hostWebExID", row["host"])),
        group("meet:attendeeOptions", el("meet:registration", bool(row["registration"])),
              el("meet:auto", bool(row["auto_accept"])),
              el("meet:emailInvitations", bool(row["email_invitations"]))),
        el("meet:meetingkey", row["session_key"]), _uuid(ctx, row),
        el("meet:status", "INPROGRESS" if in_progress else "NOT_INPROGRESS"),
        el("meet:hostJoined", in_progress), el("meet:participantsJoined", False),
        el("meet:hostType", "1019001"),
        el("meet:sipURL", f"{row['session_key']}@{ctx.app.site_name}.webex.com"),
        el("meet:displayMeetingUrl", f"{row['session_key']}@{ctx.app.site_name}.webex.com"),
    ]
    if ctx.has("registration-form") and row["registration_form"]:
        form = json.loads(row["registration_form"])
        parts.append(group("meet:registrationForm", *(
            group(f"meet:{name}", el("meet:req", bool(form.get(name))))
            for name in scheduling.FORM_FIELDS
        )))
    return "".join(parts)


def _tz(prefix: str, tz_id: int) -> tuple[str, str]:
    return el(f"{prefix}:timeZoneID", tz_id), el(f"{prefix}:timeZone", tz.label(tz_id))


@handler("meeting", "GethosturlMeeting", readonly=True)
def gethosturl_meeting(ctx: Ctx, body: Element) -> str:
    row = _meeting(ctx, body)
    may_edit(ctx, row)
    return el("meet:hostMeetingURL", host_url(ctx, row)) + _uuid(ctx, row)


@handler("meeting", "GetjoinurlMeeting", readonly=True)
def getjoinurl_meeting(ctx: Ctx, body: Element) -> str:
    row = _meeting(ctx, body)
    url = join_url(ctx, row)
    return (el("meet:joinMeetingURL", url) + el("meet:inviteMeetingURL", url)
            + _uuid(ctx, row))


_MEETING_ORDER = {"MEETINGKEY": "session_key", "CONFNAME": "conf_name COLLATE NOCASE",
                  "STARTTIME": "start", "HOSTWEBEXID": "host COLLATE NOCASE",
                  "HOSTNAME": "host COLLATE NOCASE"}


@handler("meeting", "LstsummaryMeeting", readonly=True)
def lstsummary_meeting(ctx: Ctx, body: Element) -> str:
    caller = ctx.caller
    where = ["service_type = 'MeetingCenter'", "is_scheduled_pmr = 0"]
    params: list[object] = []
    host = text(body, "hostWebExID")
    if host:
        where.append("host = ?")
        params.append(host)
    elif not caller.is_site_admin:
        where.append("host = ?")
        params.append(caller.webex_id)
    key = text(body, "meetingKey")
    if key:
        where.append("session_key = ?")
        params.append(int(key) if key.isdigit() else -1)
    scope = find(body, "dateScope")
    if scope is not None:
        tz_id = timezone_id(scope, "timeZoneID", caller.user["timezone_id"] if caller.user else 4)
        for name, clause in (("startDateStart", "start >= ?"), ("startDateEnd", "start <= ?")):
            value = text(scope, name)
            if value:
                where.append(clause)
                params.append(parse_time(value, tz_id, name))
    start, maximum = paging(body)
    order = order_by(body, _MEETING_ORDER, "start ASC, session_key ASC")
    total, rows = page(ctx.conn, f"SELECT * FROM sessions WHERE {' AND '.join(where)}",
                       params, order, start, maximum)
    if not rows:
        raise NO_RECORD
    items = []
    for row in rows:
        in_progress = row["start"] <= ctx.now < row["start"] + row["duration"] * 60
        items.append(group(
            "meet:meeting", el("meet:meetingKey", row["session_key"]), _uuid(ctx, row),
            el("meet:confName", row["conf_name"]), el("meet:meetingType", row["session_type"]),
            el("meet:hostWebExID", row["host"]), el("meet:otherHostWebExID", row["host"]),
            *_tz("meet", row["timezone_id"]),
            el("meet:status", "INPROGRESS" if in_progress else "NOT_INPROGRESS"),
            el("meet:startDate", local_time(row)), el("meet:duration", row["duration"]),
            el("meet:listStatus", row["list_status"])))
    return matching_records("meet", total, len(rows), start) + "".join(items)

