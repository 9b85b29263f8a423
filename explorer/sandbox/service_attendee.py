"""Attendee service (att): LstMeetingAttendee, GetEnrollmentInfo, CreateMeetingAttendee."""

from __future__ import annotations

from explorer.sandbox import tz
from explorer.sandbox.common import NO_RECORD, find_session, may_edit, order_by, page, paging
from explorer.sandbox.context import Ctx
from explorer.sandbox.registry import handler
from explorer.sandbox.wire import Fault, el, group, matching_records
from explorer.sandbox.xmlreq import Element, children, text

_ATTENDEE_ORDER = {"ATTENDEEID": "id", "ATTENDEENAME": "name COLLATE NOCASE",
                   "EMAIL": "email COLLATE NOCASE", "ATTENDEETYPE": "role", "CONFID": "id",
                   "ATTENDEEWEBEXID": "email COLLATE NOCASE", "JOINSTATUS": "id"}


@handler("attendee", "LstMeetingAttendee", readonly=True)
def lst_meeting_attendee(ctx: Ctx, body: Element) -> str:
    row = find_session(ctx, body, "meetingKey", "sessionKey")
    start, maximum = paging(body)
    order = order_by(body, _ATTENDEE_ORDER, "id ASC")
    total, rows = page(ctx.conn, "SELECT * FROM attendees WHERE session_key = ?",
                       [row["session_key"]], order, start, maximum)
    if not rows:
        raise NO_RECORD
    uuid = el("att:meetingUUID", row["uuid"]) if ctx.has("meeting-uuid") else ""
    items = "".join(
        group("att:attendee",
              group("att:person", el("com:name", a["name"]), el("com:email", a["email"]),
                    el("com:type", "VISITOR")),
              el("att:contactID", a["id"] + 9_000_000), el("att:joinStatus", "INVITE"),
              el("att:meetingKey", row["session_key"]), uuid,
              el("att:sessionKey", row["session_key"]), el("att:language", "ENGLISH"),
              el("att:role", a["role"]), el("att:confID", row["conf_id"]),
              el("att:attendeeId", a["id"] + 3_000_000))
        for a in rows
    )
    return matching_records("att", total, len(rows), start) + items


@handler("attendee", "CreateMeetingAttendee")
def create_meeting_attendee(ctx: Ctx, body: Element) -> str:
    row = find_session(ctx, body, "sessionKey", "meetingKey")
    may_edit(ctx, row)
    people = children(body, "attendees") or [body]
    if len(people) > 50:
        raise Fault("040015", "Register attendee number over limit in one API call")
    out = []
    for person in people:
        name = text(person, "person/name") or ""
        email = text(person, "person/email") or ""
        if not (name or email):
            raise Fault("000000", "CreateMeetingAttendee needs person/name or person/email")
        cursor = ctx.conn.execute(
            "INSERT INTO attendees(session_key, name, email) VALUES (?, ?, ?)",
            (row["session_key"], name or email, email))
        out.append(el("att:attendeeId", (cursor.lastrowid or 0) + 3_000_000))
    return "".join(out)


@handler("attendee", "GetEnrollmentInfo", readonly=True)
def get_enrollment_info(ctx: Ctx, body: Element) -> str:
    row = find_session(ctx, body, "sessionKey")
    may_edit(ctx, row)
    enrolled = ctx.conn.execute(
        "SELECT * FROM enrollments WHERE session_key = ? ORDER BY id",
        (row["session_key"],)).fetchall()
    if not enrolled:
        raise NO_RECORD
    blank = ctx.has("enrollment-domain-blank")
    items = []
    for person in enrolled:
        fields = group(
            "att:defaultFields", el("att:firstName", person["first_name"]),
            el("att:lastName", person["last_name"]), el("att:email", person["email"]),
            el("att:company", person["company"]), el("att:phoneNum", ""),
            el("att:title", person["title"]), el("att:receiveInfo", False),
            el("att:address1", ""), el("att:address2", ""), el("att:city", person["city"]),
            el("att:state", person["state"]), el("att:zipcode", ""),
            el("att:country", person["country"]), el("att:leadSourceID", ""),
            el("att:leadScore", "0.0"))
        # Since 40.4.0 the domain is no longer looked up: a blank (as the notes show, " ").
        domain = " " if blank else "host-" + person["ip"].replace(".", "-") + ".example.net"
        items.append(group(
            "att:attendee", el("att:attendeeID", person["id"] + 3_190_000),
            group("att:enrollFields", fields, "<att:customFields/>"),
            el("att:domain", domain), el("att:ipAddress", person["ip"]),
            el("att:submitTime", tz.format_local(person["submitted"], row["timezone_id"])),
            el("att:status", person["status"])))
    return group("att:session", el("att:confID", row["conf_id"]), *items,
                 matching_records("att", len(enrolled), len(enrolled), 1),
                 el("att:sessionKey", row["session_key"]))
