"""``{{variables}}`` in request templates: find them, resolve them, show them masked.

Values come from the active profile (``siteName``, ``webExID``, ...), its secrets
(``password``, ``sessionTicket``, ``accessToken``, ``jwt``), values captured from earlier
responses (``meetingKey``, ``meetingUUID``, ``sessionKey``, ...) and built-in clocks:
``now``, ``today`` and offsets such as ``now+5m``, ``now-1h``, ``now+2d``, ``today-30d``
(units s, m, h, d, w), formatted ``MM/dd/yyyy HH:mm:ss`` as the XML API expects.
An unresolved variable is an error, never a silent empty string; so is a ``{{...}}`` that is
not a variable at all (``{{now+5}}``, ``{{my var}}``), which would otherwise go out as written.
Values go into XML escaped for where they stand (text, attribute value or CDATA section), so
a password such as ``a&b<c`` is sent as that password.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from explorer.core.errors import VariableError

#: ``{{name}}`` or ``{{now+5m}}``; spaces inside the braces are allowed.
VAR_RE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.\-]*(?:\s*[+-]\s*\d+\s*[smhdwSMHDW])?)\s*\}\}")
#: Anything written as a variable, to catch those VAR_RE does not accept.
_BRACED_RE = re.compile(r"\{\{[^{}]*\}\}")
_CLOCK_RE = re.compile(r"^(now|today)(?:([+-])(\d+)([smhdw]))?$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

DATE_FORMAT = "%m/%d/%Y %H:%M:%S"
SECRET_VARIABLES = frozenset({"password", "sessionTicket", "accessToken", "jwt"})
MASK = "********"


def _normal(name: str) -> str:
    return re.sub(r"\s+", "", name)


def find_variables(text: str) -> list[str]:
    """Variable names in order of first appearance, without duplicates."""
    seen: dict[str, None] = {}
    for match in VAR_RE.finditer(text):
        seen.setdefault(_normal(match.group(1)), None)
    return list(seen)


def is_secret(name: str) -> bool:
    """Secrets by name: the profile's secrets and anything that looks like a password/token."""
    lower = name.lower()
    return (
        name in SECRET_VARIABLES
        or lower.endswith(("password", "token", "ticket", "secret"))
        or lower in {"jwt", "pw", "meetingpw"}
    )


def clock_value(name: str, now: datetime) -> str | None:
    """``now+5m`` -> formatted time, or None when ``name`` is not a clock built-in."""
    match = _CLOCK_RE.match(name)
    if not match:
        return None
    base, sign, amount, unit = match.groups()
    moment = now
    if base.lower() == "today":
        moment = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if sign:
        try:
            delta = timedelta(**{_UNITS[unit.lower()]: int(amount)})
            moment = moment + delta if sign == "+" else moment - delta
        except OverflowError:
            raise VariableError(
                f"{{{{{name}}}}} is outside the dates a request can carry", (name,)
            ) from None
    return moment.strftime(DATE_FORMAT)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class VariableContext:
    profile: dict[str, str] = field(default_factory=dict)
    secrets: dict[str, str] = field(default_factory=dict)
    captured: dict[str, str] = field(default_factory=dict)
    #: The clock for ``now``/``today`` (UTC by default; templates pair it with timeZoneID 20).
    now: Callable[[], datetime] = _utc_now

    def _sources(self) -> tuple[dict[str, str], ...]:
        # Captured values are the freshest (a new sessionTicket beats a stored one).
        return (self.captured, self.profile, self.secrets)

    def lookup(self, name: str) -> str | None:
        name = _normal(name)
        clock = clock_value(name, self.now())
        if clock is not None:
            return clock
        for source in self._sources():
            value = source.get(name)
            if value is not None:
                return value
        lower = name.lower()  # meetingUuid (40.1.0) finds a captured meetingUUID
        for source in self._sources():
            for key, value in source.items():
                if key.lower() == lower:
                    return value
        return None

    def secret_values(self) -> list[str]:
        """Secret values to hide wherever they appear as text. One equal to a value the
        profile shows anyway (the built-in sandbox's published password is its site name) is
        left out: hiding it would blank that value everywhere and protect nothing."""
        values = [v for v in self.secrets.values() if v]
        for source in (self.captured, self.profile):
            values += [v for k, v in source.items() if v and is_secret(k)]
        shown = {v for k, v in self.profile.items() if v and not is_secret(k)}
        return [v for v in values if v not in shown]


def resolve(text: str, ctx: VariableContext, *, xml: bool = True) -> str:
    """Replace every variable; VariableError naming all unresolved ones at once.

    ``xml``: ``text`` is XML, so each value is escaped for where it stands; False for plain
    text such as an HTTP header value.
    """
    malformed = [m.group(0) for m in _BRACED_RE.finditer(text) if not VAR_RE.fullmatch(m.group(0))]
    if malformed:
        listed = ", ".join(dict.fromkeys(malformed))
        raise VariableError(
            f"{listed} {'is' if len(malformed) == 1 else 'are'} not a variable: a name is "
            "letters, digits, _ . - (or now/today with an offset such as now+5m); write a "
            "literal {{ as &#123;&#123;",
            tuple(dict.fromkeys(malformed)),
        )
    missing: dict[str, None] = {}
    moment = ctx.now()
    fixed = VariableContext(ctx.profile, ctx.secrets, ctx.captured, lambda: moment)

    def substitute(match: re.Match[str]) -> str:
        name = _normal(match.group(1))
        value = fixed.lookup(name)
        if value is None:
            missing.setdefault(name, None)
            return match.group(0)
        return _escaped(value, text, match.start()) if xml else value

    result = VAR_RE.sub(substitute, text)
    if missing:
        names = tuple(missing)
        listed = ", ".join("{{" + n + "}}" for n in names)
        noun = "variable" if len(names) == 1 else "variables"
        raise VariableError(
            f"unresolved {noun} {listed}: set them in the profile or capture them from a "
            "response before sending",
            names,
        )
    return result


def _escaped(value: str, text: str, at: int) -> str:
    """``value`` as XML for position ``at`` of ``text``: in a CDATA section, in a tag (an
    attribute value) or in element text."""
    cdata = text.rfind("<![CDATA[", 0, at)
    if cdata >= 0 and text.find("]]>", cdata, at) < 0:
        return value.replace("]]>", "]]]]><![CDATA[>")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text.rfind("<", 0, at) > text.rfind(">", 0, at):
        value = value.replace('"', "&quot;").replace("'", "&apos;")
    return value


def masked(text: str, ctx: VariableContext) -> str:
    """Text for display: secret variables as ********, others resolved, unknown left as is.

    Literal secret values already in ``text`` (e.g. a pasted password) are masked too.
    """
    moment = ctx.now()
    fixed = VariableContext(ctx.profile, ctx.secrets, ctx.captured, lambda: moment)

    def substitute(match: re.Match[str]) -> str:
        name = _normal(match.group(1))
        if is_secret(name):
            return MASK
        try:
            value = fixed.lookup(name)
        except VariableError:  # e.g. {{now+99999999d}}: shown as written
            value = None
        return match.group(0) if value is None else value

    result = VAR_RE.sub(substitute, text)
    for secret in sorted(set(ctx.secret_values()), key=len, reverse=True):
        if len(secret) >= 3:
            result = result.replace(secret, MASK)
    return result
