"""Events, training sessions and teleconference-only sessions: create and get."""

from __future__ import annotations

import sqlite3

from explorer.sandbox import scheduling, tz
from explorer.sandbox.common import find_session, local_time
from explorer.sandbox.context import Ctx
from explorer.sandbox.registry import handler
from explorer.sandbox.scheduling import EVENT, TELECONFERENCE, TRAINING, Kind
from explorer.sandbox.wire import el, group
from explorer.sandbox.xmlreq import Element


def _created(ctx: Ctx, body: Element, kind: Kind, prefix: str, key_name: str,
             password_name: str) -> str:
    row = scheduling.create(ctx, body, kind)
    parts = [el(f"{prefix}:{key_name}", row["session_key"])]
    if ctx.has("auto-password") and row["password"]:
        parts.append(el(f"{prefix}:{password_name}", row["password"]))
    parts.append(el(f"{prefix}:guestToken", row["guest_token"]))
    return "".join(parts)


def _details(ctx: Ctx, row: sqlite3.Row, prefix: str, name_element: str, key_name: str) -> str:
    return "".join((
        scheduling.access_control(ctx, prefix, row, "sessionPassword"),
        group(f"{prefix}:metaData", el(f"{prefix}:{name_element}", row["conf_name"]),
              el(f"{prefix}:agenda", row["agenda"])),
        group(f"{prefix}:schedule", el(f"{prefix}:startDate", local_time(row)),
              el(f"{prefix}:duration", row["duration"]),
              el(f"{prefix}:timeZoneID", row["timezone_id"]),
              el(f"{prefix}:timeZone", tz.label(row["timezone_id"])),
              el(f"{prefix}:hostWebExID", row["host"])),
        el(f"{prefix}:{key_name}", row["session_key"]),
        el(f"{prefix}:status", "NOT_INPROGRESS"),
    ))


@handler("event", "CreateEvent")
def create_event(ctx: Ctx, body: Element) -> str:
    return _created(ctx, body, EVENT, "event", "sessionKey", "eventPassword")


@handler("event", "GetEvent", readonly=True)
def get_event(ctx: Ctx, body: Element) -> str:
    row = find_session(ctx, body, "sessionKey", services=("EventCenter",))
    return _details(ctx, row, "event", "sessionName", "sessionKey")


@handler("training", "CreateTrainingSession")
def create_training_session(ctx: Ctx, body: Element) -> str:
    return _created(ctx, body, TRAINING, "train", "sessionkey", "sessionPassword")


@handler("training", "GetTrainingSession", readonly=True)
def get_training_session(ctx: Ctx, body: Element) -> str:
    row = find_session(ctx, body, "sessionKey", services=("TrainingCenter",))
    return _details(ctx, row, "train", "confName", "sessionkey")


@handler("meeting.auo", "CreateTeleconferenceSession")
def create_teleconference_session(ctx: Ctx, body: Element) -> str:
    return _created(ctx, body, TELECONFERENCE, "auo", "sessionKey", "sessionPassword")


@handler("meeting.auo", "GetTeleconferenceSession", readonly=True)
def get_teleconference_session(ctx: Ctx, body: Element) -> str:
    row = find_session(ctx, body, "sessionKey", services=("MeetingCenter",))
    return _details(ctx, row, "auo", "confName", "sessionKey")
