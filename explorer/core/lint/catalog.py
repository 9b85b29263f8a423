"""What lint knows about commands: the template library when present, else the notes' facts.

The template library (``explorer.core.templates``) is the source of truth for which request
elements exist at which version and who may call a command anonymously. The small tables
below are the fallback for commands without a template (and if the library cannot load):
they restate the 40.x notes, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from explorer.core.versions import Version, has_change

_V = Version.parse
_ANY_VERSION = Version(0, 0, 0)  # memo key of the facts that do not depend on the version


@dataclass(frozen=True)
class ElementChange:
    id: str
    landed_on: tuple[Version, ...]
    ref: str

    @property
    def landed_text(self) -> str:
        return " + ".join(str(v) for v in sorted(self.landed_on, reverse=True))


_MEETING_UUID = ElementChange("meeting-uuid", (_V("40.6.0"),), "ja:L383-451")
_MEETING_UUID_HISTORY = ElementChange("meeting-uuid-history", (_V("40.7.0"),), "ja:L11-80")
_REGISTRATION_FORM = ElementChange("registration-form", (_V("40.6.1"), _V("40.4.9")),
                                   "ja:L135-252")
_UM_SITE_ADMIN = ElementChange("um-site-admin", (_V("40.6.0"),), "ja:L268-330")
_HTML_EMAIL = ElementChange("html-email", (_V("40.4.3"), _V("40.2.4")), "ja:L786-826")
_SCHEDULED_PMR = ElementChange("scheduled-pmr", (_V("40.6.0"),), "ja:L459-606")
_MOBILE_IDS = ElementChange("mobile-identifiers", (_V("40.1.0"),), "ja:L1104-1135")

#: command -> request element -> the change that adds it (fallback only).
FALLBACK_ELEMENT_CHANGES: dict[str, dict[str, ElementChange]] = {
    **{
        command: {"meetingUUID": _MEETING_UUID}
        for command in (
            "LstRecording", "GethosturlMeeting", "GetjoinurlMeeting", "LstMeetingAttendee",
            "DelMeeting", "GetMeeting", "LstCalendarSession",
        )
    },
    "LstsummarySession": {"meetingUUID": _MEETING_UUID, "returnScheduledPMR": _SCHEDULED_PMR},
    "GetSessionInfo": {
        "meetingUUID": _MEETING_UUID,
        **{name: _MOBILE_IDS for name in ("pmrUrl", "sipUrl", "meetingLink", "meetingUuid")},
    },
    "CreateMeeting": {"meetingUUID": _MEETING_UUID, "registrationForm": _REGISTRATION_FORM},
    "SetMeeting": {"meetingUUID": _MEETING_UUID, "registrationForm": _REGISTRATION_FORM},
    "CreateUser": {"umSiteAdmin": _UM_SITE_ADMIN, "isHTMLEmail": _HTML_EMAIL},
    "SetUser": {"umSiteAdmin": _UM_SITE_ADMIN},
    **{
        command: {"meetingUUID": _MEETING_UUID_HISTORY}
        for command in (
            "LsttrainingattendeeHistory", "LsteventattendeeHistory",
            "LstsupportattendeeHistory",
        )
    },
}
#: Commands that exist only from a 40.x release on (fallback only).
FALLBACK_SINCE: dict[str, Version] = {"LstAccessAnywhereHistory": _V("40.1.0")}
#: Commands callable with only siteName in securityContext (xmlapi-facts.md).
FALLBACK_ANONYMOUS = frozenset({"GetAPIVersion", "GetSessionInfo", "GetUserCard",
                                "AuthenticateUser", "LstsummarySession"})
#: Anonymous access removed by a release: command -> versions the removal landed on.
FALLBACK_ANONYMOUS_REVOKED: dict[str, tuple[Version, ...]] = {
    "LstsummarySession": (_V("40.2.0"),),
}
#: Exclusive alternatives (fallback): GetSessionInfo takes one identifier.
FALLBACK_EXCLUSIVE: dict[str, tuple[tuple[str, ...], ...]] = {
    "GetSessionInfo": (("sessionKey", "meetingUUID"),),
    "LstsummarySession": (("sessionKey", "meetingUUID"),),
}


@lru_cache(maxsize=1)
def _library() -> Any | None:
    try:
        from explorer.core.templates import default_library
    except ImportError:
        return None
    try:
        return default_library()
    except Exception:  # a broken template folder must not break lint; fall back to the tables
        return None


def template_for(command: str) -> Any | None:
    library = _library()
    if library is None:
        return None
    try:
        return library.find(command)
    except Exception:
        return None


@dataclass(frozen=True)
class Unavailable:
    element: str
    landed_text: str
    change_id: str
    ref: str


_MEMO_LIMIT = 4096  # each new library brings new template objects: keep the memo bounded
_memo: dict[tuple[str, str, Version], tuple[Any, Any]] = {}


def _per_template(what: str, command: str, version: Version,
                  compute: Callable[[Any], Any]) -> Any:
    """``compute(template)`` for the command's template, kept per library and version
    (templates are immutable, a library finds the same template for a command every time, and
    a new library brings new template objects)."""
    library = _library()
    key = (what, command, version)
    hit = _memo.get(key)
    if hit is not None and hit[0] is library:
        return hit[1]
    if len(_memo) >= _MEMO_LIMIT:
        _memo.clear()
    value = compute(template_for(command))
    _memo[key] = (library, value)
    return value


def unavailable_elements(command: str, version: Version) -> Mapping[str, Unavailable]:
    return _per_template("unavailable", command, version,
                         lambda template: _unavailable(template, command, version))


def _unavailable(template: Any, command: str, version: Version) -> Mapping[str, Unavailable]:
    if template is not None and hasattr(template, "unavailable_elements_at"):
        return MappingProxyType({
            name: Unavailable(name, change.landed_text if hasattr(change, "landed_text") else
                              " + ".join(str(v) for v in change.landed_on), change.id, change.ref)
            for name, change in template.unavailable_elements_at(version).items()
        })
    changes = FALLBACK_ELEMENT_CHANGES.get(command, {})
    return MappingProxyType({
        name: Unavailable(name, change.landed_text, change.id, change.ref)
        for name, change in changes.items()
        if not has_change(change.landed_on, version)
    })


def command_since(command: str) -> Version | None:
    return _per_template("since", command, _ANY_VERSION, lambda template: _since(template, command))


def _since(template: Any, command: str) -> Version | None:
    if template is not None:
        return template.since
    return FALLBACK_SINCE.get(command)


def anonymous_allowed(command: str, version: Version) -> bool:
    return _per_template("anonymous", command, version,
                         lambda template: _anonymous_allowed(template, command, version))


def _anonymous_allowed(template: Any, command: str, version: Version) -> bool:
    if template is not None and hasattr(template, "anonymous_allowed_at"):
        return bool(template.anonymous_allowed_at(version))
    if template is not None and not template.anonymous_allowed:
        return False
    if command not in FALLBACK_ANONYMOUS:
        return False
    revoked = FALLBACK_ANONYMOUS_REVOKED.get(command)
    return revoked is None or not has_change(revoked, version)


def anonymous_revocation(command: str) -> tuple[str, str | None] | None:
    """(landed text, exception ID) of the change that removed anonymous access, if any."""
    template = template_for(command)
    if template is not None and getattr(template, "anonymous_revoked_by", None):
        change = template.change(template.anonymous_revoked_by)
        if change is not None:
            return change.landed_text, change.exception_id
    revoked = FALLBACK_ANONYMOUS_REVOKED.get(command)
    if revoked is not None:
        return " + ".join(str(v) for v in revoked), "000015"
    return None


def exclusive_groups(command: str, version: Version) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Groups of mutually exclusive request elements, each with its note."""
    return _per_template("exclusive", command, version,
                         lambda template: _exclusive_groups(template, command, version))


def _exclusive_groups(template: Any, command: str,
                      version: Version) -> tuple[tuple[tuple[str, ...], str], ...]:
    if template is not None and hasattr(template, "choices_at"):
        return tuple((c.elements, c.note_en) for c in template.choices_at(version)
                     if c.exclusive)
    return tuple((group, "") for group in FALLBACK_EXCLUSIVE.get(command, ()))
