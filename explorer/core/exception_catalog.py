"""What each Webex XML API exception ID means, since when, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExceptionInfo:
    id: str
    reason: str  # the text the server sends in serv:reason
    meaning: str
    hint: str
    since: str | None = None  # API version that introduced it, when known
    source: str = ""  # where the fact comes from
    verified: bool = True

    def __post_init__(self) -> None:
        # What a client library says, not Cisco's documents: the user is told so.
        if not self.verified:
            object.__setattr__(self, "meaning",
                               self.meaning + " (known from a client library, not Cisco's "
                                              "documents)")


_ENTRIES = (
    ExceptionInfo(
        "000000", "Fail to forward request:null",
        "The server could not take the request as written: a malformed envelope, an unknown "
        "command, or an element the API version does not have (the reason says which).",
        "Check the envelope: serv:message root, header/securityContext, body/bodyContent "
        "with a valid xsi:type, elements of your API version. Run lint on it at that version.",
        source="client library issue",
    ),
    ExceptionInfo(
        "000001", "Access denied, additional privileges are required",
        "The authenticated user lacks the privilege this command needs.",
        "Call it as a site admin, or grant the user the privilege on the site.",
        source="Cisco test fixture",
    ),
    ExceptionInfo(
        "000015", "Sorry, no record found",
        "Nothing matched; since 40.2.0 also the answer to an anonymous LstsummarySession.",
        "Check the keys and scopes; for LstsummarySession put webExID and password (or a "
        "sessionTicket) in securityContext: anonymous access was removed in 40.2.0.",
        source="40.x notes (ja:L960-1001)",
    ),
    ExceptionInfo(
        "000035", "ASService not responding",
        "A back-end service of the site did not answer.",
        "Transient on the server side: retry later (reads only; do not blindly repeat a Create).",
        source="Cisco test fixture",
    ),
    ExceptionInfo(
        "000045", "API Rate Limit Reach",
        "Too many requests from this caller in the current 60-second window.",
        "Wait for the window to pass and slow the caller down.",
        source="XML API 10.0 notes",
    ),
    ExceptionInfo(
        "000053", "The count of BodyContent in a request must be less than {number}",
        "The request holds more bodyContent elements than the server allows (since 40.4.4 / "
        "40.2.5).",
        "Split the request into several requests with fewer bodyContent elements each.",
        since="40.4.4 / 40.2.5", source="40.x notes (ja:L744-778)",
    ),
    ExceptionInfo(
        "010107", "The site is suspended",
        "The site has been suspended.",
        "Contact the site's administrator or Cisco; nothing in the request can fix it.",
        source="42.x notes",
    ),
    ExceptionInfo(
        "030001", "User not found",
        "No user with that webExID (or email) exists on the site.",
        "Check the webExID/email spelling and the siteName.",
        source="client library", verified=False,
    ),
    ExceptionInfo(
        "030002", "Incorrect user or password",
        "The webExID/email and password in securityContext do not match a user.",
        "Check webExID, password and siteName in the profile; SSO sites need a sessionTicket "
        "or access token instead of a password.",
        source="client fixture",
    ),
    ExceptionInfo(
        "030004", "Duplicated WebEx ID",
        "A user with that webExID already exists.",
        "Pick another webExId, or SetUser the existing user.",
        source="client library", verified=False,
    ),
    ExceptionInfo(
        "030005", "Duplicated email address",
        "A user with that email already exists.",
        "Pick another email, or SetUser the existing user.",
        source="client library", verified=False,
    ),
    ExceptionInfo(
        "030047", "Not a valid session ticket",
        "The sessionTicket is unknown or has expired (timeToLive, 5400 s by default).",
        "Call AuthenticateUser again and use the new sessionTicket.",
        source="captured response",
    ),
    ExceptionInfo(
        "040015", "Register attendee number over limit in one API call",
        "More than 50 attendees in one Create/RegisterMeetingAttendee call.",
        "Send at most 50 attendees per call.",
        source="42.1 notes",
    ),
    ExceptionInfo(
        "060001", "Corresponding Meeting not found",
        "No meeting with that meetingKey / meetingUUID exists (or it was deleted).",
        "Check the key; list meetings with LstsummaryMeeting or LstsummarySession.",
        source="captured response",
    ),
    ExceptionInfo(
        "060016", "The session start time must be later than the current time",
        "Since 40.2.0 CreateMeeting/SetMeeting refuse a start time already passed (in the "
        "request's timeZoneID).",
        "Set startDate to now + 5 minutes (the notes' advice for instant meetings), in the "
        "time zone given by timeZoneID.",
        since="40.2.0", source="40.x notes (ja:L1003-1014)",
    ),
    ExceptionInfo(
        "060019", "Host webExID does not exist",
        "The hostWebExID named in the request is not a user of the site.",
        "Check hostWebExID, or leave it out to schedule for the caller.",
        source="client library", verified=False,
    ),
    ExceptionInfo(
        "060026", "Meeting password must not be null",
        "The site requires meeting passwords and the request gave none (before 40.1.2 the "
        "server did not generate one).",
        "Add accessControl/meetingPassword, or use a 40.1.2+ server, which generates one.",
        source="captured response",
    ),
    ExceptionInfo(
        "110063", "The user must have at least one non-E2EE meeting type to enable PMR.",
        "PMR was enabled for a user whose meeting types are all end-to-end encrypted (40.6.1 / "
        "40.4.9).",
        "Give the user at least one non-E2EE meeting type, or leave the PMR disabled.",
        since="40.6.1 / 40.4.9", source="40.x notes (ja:L254-266)",
    ),
    ExceptionInfo(
        "999999", "Maximum date range is 90 days for modified date query",
        "A date scope spans more than 90 days.",
        "Query in windows of at most 90 days.",
        source="39.11 notes",
    ),
)

CATALOG: dict[str, ExceptionInfo] = {entry.id: entry for entry in _ENTRIES}

#: Not an exception ID: the 40.4.5 usage limit answers with HTTP 403.
HTTP_403_USAGE_LIMIT = ExceptionInfo(
    "HTTP 403", "forbidden",
    "Since 40.4.5 / 40.2.6 GetUserCard and GetSessionInfo have a per-caller usage limit; "
    "past it the server answers HTTP 403.",
    "Wait before calling again (honour Retry-After when present) and cache answers.",
    since="40.4.5 / 40.2.6", source="40.x notes (ja:L730-738)",
)


def lookup(exception_id: str | None) -> ExceptionInfo | None:
    if not exception_id:
        return None
    key = exception_id.strip()
    if key.isdigit():
        key = key.zfill(6)
    return CATALOG.get(key)
