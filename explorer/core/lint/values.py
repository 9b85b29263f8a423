"""Element values: placeholder, date-format, past-start-time, meeting-uuid, response-value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from explorer.core import timezones
from explorer.core.fields import FIELD_SPELLINGS
from explorer.core.lint.command_rules import called_commands
from explorer.core.lint.model import Finding, LintContext
from explorer.core.lint.nodes import Node
from explorer.core.versions import Version, has_change

#: xxx, *****, ${jwttoken}, {sitename} / {userName} (but not our {{variables}}).
_PLACEHOLDER = re.compile(
    r"^[xX]{3,}$|^\*{3,}$|\$\{[^{}]*+\}|(?<![{$])\{[A-Za-z_][\w.\-]*+\}(?!\})"
)
_MAYBE_PLACEHOLDER = frozenset("xX*{")
_VARIABLE_FOR = {
    "siteName": "{{siteName}}", "webExID": "{{webExID}}", "password": "{{password}}",
    "sessionTicket": "{{sessionTicket}}", "webExAccessToken": "{{accessToken}}",
}
_SECRETS = frozenset({"password", "sessionTicket", "webExAccessToken", "accessToken"})
_TEMPLATE_VARIABLE = re.compile(r"\{\{[^{}]*\}\}")

_STRICT_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2}):(\d{2})$")
_LOOSE_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$")
_DATE_NAME = re.compile(r"(?:Date|Time|date|time)(?:Start|End)?$")
_DATE_NAME_ENDS = ("Date", "Time", "date", "time", "Start", "End")
_DATE_LIKE = re.compile(r"\d{1,4}[-/]\d{1,2}[-/]")
_NOT_DATE_NAMES = frozenset({"timeZone", "timeZoneID", "timeToLive", "createTime",
                             "lastModifiedTime"})

#: Commands whose startDate must be in the future (060016, 40.2.0), and related ones.
_FUTURE_START_ERROR = frozenset({"CreateMeeting", "SetMeeting"})
_FUTURE_START_WARN = frozenset({
    "CreateEvent", "SetEvent", "CreateTrainingSession", "SetTrainingSession",
    "CreateTeleconferenceSession", "SetTeleconferenceSession",
})
_FUTURE_START = _FUTURE_START_ERROR | _FUTURE_START_WARN
PAST_START_LANDED = (Version(40, 2, 0),)
_UUID = re.compile(r"^[0-9a-fA-F]{32}$")
_WIRE_VALUES = {"result": ("SUCCESS", "FAILURE"), "gsbStatus": ("PRIMARY", "BACKUP")}


def _leaves(ctx: LintContext) -> list[Node]:
    return ctx.doc.leaves()


def _placeholder_in(text: str) -> str | None:
    if not _MAYBE_PLACEHOLDER.intersection(text[:1]) and "{" not in text:
        return None
    if _TEMPLATE_VARIABLE.fullmatch(text.strip()):
        return None
    match = _PLACEHOLDER.search(text)
    return match.group(0) if match else None


def placeholder(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    paste = doc.prepared.paste
    if paste.request_line:
        found = _placeholder_in(paste.request_line.split(" ")[1] if " " in paste.request_line
                                else paste.request_line)
        if found:
            yield ctx.finding(
                "placeholder", "warning", (paste.request_line_number, None),
                f"the request URL holds the placeholder {found}: use the site's real name",
            )
    for name, value in paste.headers.items():
        found = _placeholder_in(value)
        if found:
            hint = (" (send with --jwt or a jwt profile)" if name.lower() == "jwttoken" else "")
            yield ctx.finding(
                "placeholder", "warning", (paste.line_of(name), None),
                f"the {name} header holds the placeholder {found}{hint}",
            )
    if doc.is_response:
        return
    for node in _leaves(ctx):
        text = node.text
        if text[0] not in _MAYBE_PLACEHOLDER and "{" not in text:
            continue
        found = _placeholder_in(text)
        if not found:
            continue
        variable = _VARIABLE_FOR.get(node.local)
        if node.parent is None or node.parent.local != "securityContext":
            variable = None  # e.g. CreateUser's <password> is the new user's, not the profile's
        hint = (f", or the variable {variable} filled from the profile" if variable else "")
        # Never quote part of what may be a real secret.
        shown = (f'"{found}"' if node.local not in _SECRETS or found == node.text
                 else "a placeholder")
        yield ctx.finding(
            "placeholder", "warning", node,
            f"<{node.qname}> holds {shown} left from an example: put the real value{hint}",
        )


def _parse_date(text: str) -> tuple[datetime | None, bool, str | None]:
    """(datetime, padded, problem) for a MM/dd/yyyy HH:mm:ss value."""
    loose = _LOOSE_DATE.match(text)
    if not loose:
        return None, False, "not MM/dd/yyyy HH:mm:ss"
    month, day, year, hour, minute, second = loose.groups()
    try:
        value = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                         int(second or 0))
    except ValueError as exc:
        return None, False, str(exc)
    return value, bool(_STRICT_DATE.match(text)), None


def date_format(ctx: LintContext) -> Iterator[Finding]:
    for node in _leaves(ctx):
        text = node.text
        local = node.local
        if text.isdigit() or (not text[0].isdigit() and not local.endswith(_DATE_NAME_ENDS)):
            continue  # a number is never a date; nor is text not named or written like one
        named = (local.endswith(_DATE_NAME_ENDS) and bool(_DATE_NAME.search(local))
                 and local not in _NOT_DATE_NAMES)
        if not named and not (text[0].isdigit() and _DATE_LIKE.match(text)):
            continue
        if text.isdigit() or _TEMPLATE_VARIABLE.search(text) or _placeholder_in(text):
            continue
        value, padded, problem = _parse_date(text)
        if value is None:
            yield ctx.finding(
                "date-format", "error", node,
                f'<{node.qname}> "{text}": {problem}; the XML API wants MM/dd/yyyy HH:mm:ss '
                "(e.g. 10/28/2020 17:35:00)",
            )
        elif not padded and text.count(":") < 2:
            missing = "time" if ":" not in text else "seconds"
            yield ctx.finding(
                "date-format", "warning", node,
                f'<{node.qname}> "{text}" has no {missing}; the XML API wants MM/dd/yyyy '
                f"HH:mm:ss: write {value:%m/%d/%Y %H:%M:%S}",
            )
        elif not padded:
            yield ctx.finding(
                "date-format", "info", node,
                f'<{node.qname}> "{text}" is not zero-padded MM/dd/yyyy HH:mm:ss; servers accept '
                f"it, the canonical form is {value:%m/%d/%Y %H:%M:%S}",
            )


def past_start_time(ctx: LintContext) -> Iterator[Finding]:
    if ctx.doc.is_response:
        return
    now = None  # read once, and only for a command with a start time
    for called in called_commands(ctx):
        if called.command not in _FUTURE_START:
            continue
        if now is None:
            now = ctx.now
            enforced = has_change(PAST_START_LANDED, ctx.version)
        for node in called.node.find_all("startDate"):
            value, _, _ = _parse_date(node.text)
            if value is None:
                continue
            zone = node.parent.child("timeZoneID") if node.parent is not None else None
            severity = ("error" if enforced and called.command in _FUTURE_START_ERROR
                        else "warning")
            consequence = (
                f"since 40.2.0 {called.command} fails with 060016 \"The session start time must "
                "be later than the current time\""
                if called.command in _FUTURE_START_ERROR
                else "the server refuses or starts it at once"
            )
            fix = "set it to now + 5 minutes ({{now+5m}})"
            offset = timezones.offset_of(zone.text) if zone is not None and zone.text else None
            if offset is not None:
                start = (value - offset).replace(tzinfo=UTC)
                if start < now:
                    local_now = (now + offset).replace(tzinfo=None)
                    label = timezones.label_of(zone.text)  # type: ignore[union-attr]
                    yield ctx.finding(
                        "past-start-time", severity, node,
                        f"startDate {node.text} ({label}) is in the past (it is "
                        f"{local_now:%m/%d/%Y %H:%M:%S} there now); {consequence}: {fix}",
                    )
                continue
            latest = (value - timezones.MIN_OFFSET).replace(tzinfo=UTC)
            earliest = (value - timezones.MAX_OFFSET).replace(tzinfo=UTC)
            if latest < now:
                yield ctx.finding(
                    "past-start-time", severity, node,
                    f"startDate {node.text} is in the past in every time zone; {consequence}: "
                    f"{fix}",
                )
            elif earliest < now:
                why = ("no timeZoneID given" if zone is None or not zone.text
                       else f"timeZoneID {zone.text} is not one of the 0-61 of common.xsd")
                yield ctx.finding(
                    "past-start-time", "warning", node,
                    f"startDate {node.text} may be in the past depending on the host's time "
                    f"zone ({why}): add a valid timeZoneID, or " + fix,
                )


_UUID_SPELLINGS = frozenset(name for name, field in FIELD_SPELLINGS.items()
                            if field == "meetingUUID")


def meeting_uuid(ctx: LintContext) -> Iterator[Finding]:
    for node in ctx.doc.tree.named(_UUID_SPELLINGS):
        if node.children:
            continue
        text = node.text
        if node.local == "MeetingUUID":
            yield ctx.finding(
                "meeting-uuid", "info", node,
                f"<{node.qname}> is spelled with a capital M (as in the LstsummarySession "
                "response of the notes); the documented name is meetingUUID",
            )
        elif node.local == "meetingUuid" and not ctx.doc.is_response:
            yield ctx.finding(
                "meeting-uuid", "info", node,
                f"<{node.qname}> is the 40.1.0 GetSessionInfo spelling; the 40.6.0 notes write "
                "meetingUUID, a different element name to an XML parser",
            )
        if not text or _TEMPLATE_VARIABLE.search(text) or _placeholder_in(text):
            continue
        parent = node.parent
        key = next((c for c in parent.children if FIELD_SPELLINGS.get(c.local) == "sessionKey"),
                   None) if parent is not None else None
        if key is not None and key.text == text:
            yield ctx.finding(
                "meeting-uuid", "warning", node,
                f"<{node.qname}> repeats the sessionKey value {text}; a meetingUUID is 32 "
                "hexadecimal characters (the LstsummarySession example of the notes does this)",
            )
        elif not _UUID.match(text):
            yield ctx.finding(
                "meeting-uuid", "warning", node,
                f'<{node.qname}> "{text}" is not a meetingUUID: expected 32 hexadecimal '
                "characters (e.g. 039c00dd25c64ab0812dda22bb8a4fcc)",
            )


def response_value(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    if not doc.is_response or doc.envelope is None:
        return
    header = doc.envelope.child("header")
    for response in (header.children if header is not None else []):
        if response.local != "response":
            continue
        for child in response.children:
            allowed = _WIRE_VALUES.get(child.local)
            if allowed and child.text and child.text not in allowed:
                yield ctx.finding(
                    "response-value", "warning", child,
                    f"<{child.qname}> is \"{child.text}\": servers send {' or '.join(allowed)} "
                    "(a translated documentation example?)",
                )
