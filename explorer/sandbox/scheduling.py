"""Creating and updating sessions: shared by meetings, events, training and teleconferences."""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass

from explorer.sandbox import ids
from explorer.sandbox.common import check_future, parse_time, timezone_id
from explorer.sandbox.context import Ctx
from explorer.sandbox.wire import Fault, el, group
from explorer.sandbox.xmlreq import Element, boolean, children, find, integer, text

FORM_FIELDS = ("title", "company", "address1", "address2", "city", "state", "postalCode",
               "country", "phone", "fax")
PASSWORD_MISSING = Fault("060026", "Meeting password must not be null")


@dataclass(frozen=True, slots=True)
class Kind:
    service_type: str
    session_type: int
    name_path: str  # where the request names the session
    password_path: str  # where the request carries its password
    past_check: bool  # 060016 applies (CreateMeeting/SetMeeting only, per the notes)


MEETING = Kind("MeetingCenter", 3, "metaData/confName", "accessControl/meetingPassword", True)
EVENT = Kind("EventCenter", 14, "metaData/sessionName", "accessControl/sessionPassword", False)
TRAINING = Kind("TrainingCenter", 13, "metaData/confName", "accessControl/sessionPassword",
                False)
TELECONFERENCE = Kind("MeetingCenter", 3, "metaData/confName", "accessControl/sessionPassword",
                      False)


def host_for(ctx: Ctx, body: Element) -> sqlite3.Row:
    caller = ctx.require_user()
    wanted = text(body, "schedule/hostWebExID")
    if not wanted or wanted.lower() == (caller.webex_id or "").lower():
        return caller.user  # type: ignore[return-value]
    row = ctx.conn.execute("SELECT * FROM users WHERE webex_id = ?", (wanted,)).fetchone()
    if row is None or not row["active"]:
        raise Fault("060019", "Host webExID does not exist")
    if not caller.is_site_admin:
        raise Fault("000001", "Access denied, additional privileges are required")
    return row


def registration_form(ctx: Ctx, body: Element) -> str | None:
    form = find(body, "registrationForm")
    if form is None or not ctx.has("registration-form"):
        return None
    values = {}
    for name in FORM_FIELDS:
        values[name] = bool(boolean(form, f"{name}/req"))
    return json.dumps(values)


def password_for_new(ctx: Ctx, body: Element, kind: Kind) -> str | None:
    given = text(body, kind.password_path)
    if given:
        return given
    if not ctx.option("meeting_password_required"):
        return None
    if not ctx.has("auto-password"):
        raise PASSWORD_MISSING
    return ids.meeting_password(ctx.rng)


def create(ctx: Ctx, body: Element, kind: Kind) -> sqlite3.Row:
    host = host_for(ctx, body)
    tz_id = timezone_id(body, "schedule/timeZoneID", host["timezone_id"])
    start_text = text(body, "schedule/startDate")
    if start_text:
        start = parse_time(start_text, tz_id, "startDate")
        if kind.past_check:
            check_future(ctx, start)
    else:
        start = float(math.ceil(ctx.now))
    duration = integer(body, "schedule/duration") or 60
    if duration <= 0:
        raise Fault("000000", f"Invalid duration {duration}")
    name = text(body, kind.name_path) or "Sandbox meeting"
    password = password_for_new(ctx, body, kind)
    list_public = boolean(body, "accessControl/listToPublic")
    rng = ctx.rng
    values = {
        "uuid": ids.meeting_uuid(rng), "conf_id": ids.conf_id(rng),
        "service_type": kind.service_type,
        "session_type": integer(body, "metaData/meetingType") or kind.session_type,
        "conf_name": name, "host": host["webex_id"], "start": start, "duration": duration,
        "timezone_id": tz_id, "password": password, "audio_password": ids.audio_password(rng),
        "enforce_audio_password": 1, "enforce_audio_login": 0,
        "list_status": "UNLISTED" if list_public is False else "PUBLIC",
        "registration": int(bool(boolean(body, "attendeeOptions/registration"))),
        "auto_accept": int(bool(boolean(body, "attendeeOptions/auto"))),
        "email_invitations": int(bool(boolean(body, "attendeeOptions/emailInvitations"))),
        "registration_form": registration_form(ctx, body),
        "agenda": text(body, "metaData/agenda") or "",
        "guest_token": ids.token_hex(rng), "created": ctx.now,
    }
    columns = ", ".join(["session_key", *values])
    marks = ", ".join("?" * (len(values) + 1))
    for _ in range(20):
        key = ids.session_key(rng)
        try:
            ctx.conn.execute(f"INSERT INTO sessions({columns}) VALUES ({marks})",
                             [key, *values.values()])
            break
        except sqlite3.IntegrityError:
            continue
    else:  # pragma: no cover - 20 collisions in a billion keys
        raise Fault("000000", "Could not allocate a meeting key")
    _add_attendees(ctx, key, body)
    return ctx.conn.execute("SELECT * FROM sessions WHERE session_key = ?", (key,)).fetchone()


def _add_attendees(ctx: Ctx, key: int, body: Element) -> None:
    rows = []
    for attendee in children(find(body, "participants/attendees"), "attendee"):
        name = text(attendee, "person/name") or ""
        email = text(attendee, "person/email") or ""
        if name or email:
            rows.append((key, name or email, email))
    if rows:
        ctx.conn.executemany("INSERT INTO attendees(session_key, name, email) VALUES (?, ?, ?)",
                             rows)


def update(ctx: Ctx, body: Element, row: sqlite3.Row, kind: Kind) -> sqlite3.Row:
    changes: dict[str, object] = {}
    name = text(body, kind.name_path)
    if name:
        changes["conf_name"] = name
    meeting_type = integer(body, "metaData/meetingType")
    if meeting_type:
        changes["session_type"] = meeting_type
    agenda = text(body, "metaData/agenda")
    if agenda is not None:
        changes["agenda"] = agenda
    tz_id = timezone_id(body, "schedule/timeZoneID", row["timezone_id"])
    if tz_id != row["timezone_id"]:
        changes["timezone_id"] = tz_id
    start_text = text(body, "schedule/startDate")
    if start_text:
        start = parse_time(start_text, tz_id, "startDate")
        if kind.past_check:
            check_future(ctx, start)
        changes["start"] = start
    duration = integer(body, "schedule/duration")
    if duration:
        changes["duration"] = duration
    password = text(body, kind.password_path)
    if password:
        changes["password"] = password
    for column, path in (("registration", "attendeeOptions/registration"),
                         ("auto_accept", "attendeeOptions/auto"),
                         ("email_invitations", "attendeeOptions/emailInvitations")):
        value = boolean(body, path)
        if value is not None:
            changes[column] = int(value)
    public = boolean(body, "accessControl/listToPublic")
    if public is not None:
        changes["list_status"] = "PUBLIC" if public else "UNLISTED"
    form = registration_form(ctx, body)
    if form is not None:
        changes["registration_form"] = form
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        ctx.conn.execute(f"UPDATE sessions SET {assignments} WHERE session_key = ?",
                         [*changes.values(), row["session_key"]])
    _add_attendees(ctx, row["session_key"], body)
    return ctx.conn.execute("SELECT * FROM sessions WHERE session_key = ?",
                            (row["session_key"],)).fetchone()


def access_control(ctx: Ctx, prefix: str, row: sqlite3.Row, password_name: str) -> str:
    parts = [el(f"{prefix}:listToPublic", row["list_status"] == "PUBLIC"),
             el(f"{prefix}:isPublic", row["list_status"] == "PUBLIC")]
    if row["password"]:
        parts.append(el(f"{prefix}:{password_name}", row["password"]))
    if ctx.has("audio-password"):
        parts += [el(f"{prefix}:audioPassword", row["audio_password"]),
                  el(f"{prefix}:isEnforceAudioPassword", bool(row["enforce_audio_password"])),
                  el(f"{prefix}:isEnforceAudioLogin", bool(row["enforce_audio_login"]))]
    return group(f"{prefix}:accessControl", *parts)


def ical(ctx: Ctx, prefix: str, row: sqlite3.Row) -> str:
    base = f"{ctx.site_url}/{ctx.app.site_name}/j.php?MTID="
    return group(f"{prefix}:iCalendarURL", el("serv:host", f"{base}h{row['guest_token']}"),
                 el("serv:attendee", f"{base}m{row['guest_token']}"))
