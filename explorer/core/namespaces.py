"""Namespace URIs, service packages and the prefixes real responses use."""

from __future__ import annotations

from typing import NamedTuple

SCHEMA_BASE = "http://www.webex.com/schemas/2002/06/"
SERV = SCHEMA_BASE + "service"
COM = SCHEMA_BASE + "common"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: Seen in a GetUserCard example of the 40.6.0 notes; real servers never used it.
OLD_SERV_2009 = "http://www.webex.com/schemas/2009/05/service"

XSI_TYPE = f"{{{XSI}}}type"
JAVA_TYPE_PREFIX = "java:com.webex.service.binding."


class Service(NamedTuple):
    package: str  # as written in xsi:type, e.g. "meeting.auo"
    name: str  # human name, e.g. "Teleconference-only"
    namespace: str
    prefix: str  # the prefix real responses use


SERVICES: tuple[Service, ...] = (
    Service("user", "User", SCHEMA_BASE + "service/user", "use"),
    Service("ep", "General Session", SCHEMA_BASE + "service/ep", "ep"),
    Service("meeting", "Meeting", SCHEMA_BASE + "service/meeting", "meet"),
    Service("meeting.auo", "Teleconference-only", SCHEMA_BASE + "service/meeting/auo", "auo"),
    Service("attendee", "Attendee", SCHEMA_BASE + "service/attendee", "att"),
    Service("meetingtype", "Meeting Type", SCHEMA_BASE + "service/meetingtype", "mtgtype"),
    Service("site", "Site", SCHEMA_BASE + "service/site", "ns1"),
    Service("event", "Event", SCHEMA_BASE + "service/event", "event"),
    Service("training", "Training", SCHEMA_BASE + "service/trainingsession", "train"),
    Service("supportsession", "Support", SCHEMA_BASE + "service/supportsession", "sc"),
    Service("history", "History", SCHEMA_BASE + "service/history", "history"),
    Service("sales", "Sales", SCHEMA_BASE + "service/sales", "sales"),
)

SERVICES_BY_PACKAGE: dict[str, Service] = {s.package: s for s in SERVICES}

#: Prefix -> namespace for every namespace a response may declare.
RESPONSE_NSMAP: dict[str, str] = {
    "serv": SERV,
    "com": COM,
    **{s.prefix: s.namespace for s in SERVICES},
}


def java_type(package: str, command: str) -> str:
    """``java:com.webex.service.binding.<package>.<Command>``"""
    return f"{JAVA_TYPE_PREFIX}{package}.{command}"


def split_java_type(xsi_type: str) -> tuple[str, str] | None:
    """``java:com.webex.service.binding.meeting.auo.X`` -> ("meeting.auo", "X"); else None."""
    text = xsi_type.strip()
    if not text.startswith(JAVA_TYPE_PREFIX):
        return None
    rest = text[len(JAVA_TYPE_PREFIX):]
    package, _, command = rest.rpartition(".")
    if not package or not command:
        return None
    return package, command


def response_type(package: str, command: str) -> str:
    """The xsi:type of a response bodyContent: ``meet:getMeetingResponse``."""
    prefix = SERVICES_BY_PACKAGE[package].prefix
    return f"{prefix}:{command[:1].lower()}{command[1:]}Response"
