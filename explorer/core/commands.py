"""Every command the reference material names, by service package.

This is the catalog lint checks names against (``unknown-command``, ``package-mismatch``).
The template library (``explorer.core.templates``) holds richer data for the commands it has
templates for; this list is wider.
"""

from __future__ import annotations

import difflib

COMMANDS_BY_PACKAGE: dict[str, tuple[str, ...]] = {
    "user": (
        "AuthenticateUser", "CreateUser", "SetUser", "GetUser", "DelUser", "LstsummaryUser",
        "GetUserCard", "GetLoginTicket", "GetloginurlUser", "GetlogouturlUser",
        "UploadPMRImage", "DelSessionTemplates", "GetMe",
    ),
    "ep": (
        "GetAPIVersion", "GetSessionInfo", "LstsummarySession", "LstOpenSession", "DelSession",
        "LstRecording", "GetRecordingInfo", "SetRecordingInfo", "DelRecording",
        "LstCalendarSession", "GetOneClickSettings", "SetOneClickSettings", "CreateContacts",
        "LstContact",
    ),
    "meeting": (
        "CreateMeeting", "SetMeeting", "GetMeeting", "DelMeeting", "LstsummaryMeeting",
        "GethosturlMeeting", "GetjoinurlMeeting",
    ),
    "meeting.auo": (
        "CreateTeleconferenceSession", "SetTeleconferenceSession", "GetTeleconferenceSession",
    ),
    "attendee": (
        "CreateMeetingAttendee", "RegisterMeetingAttendee", "LstMeetingAttendee",
        "DelMeetingAttendee", "GetEnrollmentInfo",
    ),
    "meetingtype": ("LstMeetingType", "GetMeetingType"),
    "site": ("GetSite", "SetSite", "LstTimeZone"),
    "event": ("CreateEvent", "SetEvent", "GetEvent", "DelEvent", "LstsummaryEvent"),
    "training": (
        "CreateTrainingSession", "SetTrainingSession", "GetTrainingSession",
        "DelTrainingSession", "LstsummaryTrainingSession",
    ),
    "supportsession": ("CreateSupportSession",),
    "history": (
        "LstmeetingusageHistory", "LstmeetingattendeeHistory", "LsttrainingsessionHistory",
        "LsttrainingattendeeHistory", "LsteventsessionHistory", "LsteventattendeeHistory",
        "LstsupportsessionHistory", "LstsupportattendeeHistory", "LstrecordaccessHistory",
        "LstAccessAnywhereHistory",
    ),
}

PACKAGE_OF: dict[str, str] = {
    command: package for package, commands in COMMANDS_BY_PACKAGE.items() for command in commands
}
_BY_LOWER: dict[str, str] = {command.lower(): command for command in PACKAGE_OF}


def canonical_command(name: str) -> str | None:
    """The command's canonical spelling (``lstSummarySession`` -> ``LstsummarySession``)."""
    return _BY_LOWER.get(name.strip().lower())


def package_of(name: str) -> str | None:
    canonical = canonical_command(name)
    return PACKAGE_OF[canonical] if canonical else None


def did_you_mean(name: str, limit: int = 3) -> list[str]:
    """Close spellings of an unknown command name, best first."""
    matches = difflib.get_close_matches(name.lower(), list(_BY_LOWER), n=limit, cutoff=0.6)
    return [_BY_LOWER[m] for m in matches]
