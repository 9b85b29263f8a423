"""Hide secrets in XML, HTTP headers and free text before they are shown or stored.

Regex-based on purpose: it must work on documents that do not parse (a half-typed envelope,
an HTML error page) and be fast on large ones.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

REDACTED = "********"

#: Elements whose text is a credential, matched by local name whatever the prefix or case.
SECRET_ELEMENTS = ("password", "sessionTicket", "webExAccessToken", "accessToken")
#: Header names whose value is a credential (compared case-insensitively).
SECRET_HEADERS = frozenset(
    {"jwttoken", "authorization", "proxy-authorization", "cookie", "set-cookie"}
)

_NAMES = r"(?P<tag>(?:[\w.-]+:)?(?:" + "|".join(SECRET_ELEMENTS) + r"))"
_OPEN_RE = re.compile(r"<" + _NAMES + r"(?:\s[^<>]*)?(?<!/)>", re.IGNORECASE)
_CLOSE_RE = re.compile(r"</" + _NAMES + r"\s*>", re.IGNORECASE)
_HEADER_LINE_RE = re.compile(
    r"^([ \t]*(?:JWTToken|Authorization|Proxy-Authorization|Cookie|Set-Cookie)[ \t]*:[ \t]*)"
    r"(\S[^\r\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
# Three base64url segments, the first one a JSON object header ("{" encodes to "eyJ").
_JWT_RE = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
_MIN_SECRET_LEN = 1


def redact_jwts(text: str) -> str:
    return _JWT_RE.sub(REDACTED, text)


def _redact_elements(text: str) -> str:
    # One pass over open tags, each paired with the next close tag of the same name (found by
    # bisection), so even hostile input (thousands of unclosed tags) stays O(n log n).
    closes: dict[str, list[tuple[int, int]]] = {}
    for match in _CLOSE_RE.finditer(text):
        closes.setdefault(match.group("tag").lower(), []).append((match.start(), match.end()))
    pieces: list[str] = []
    done = 0
    for match in _OPEN_RE.finditer(text):
        if match.start() < done:
            continue
        start = match.end()
        candidates = closes.get(match.group("tag").lower(), [])
        index = bisect.bisect_left(candidates, (start, -1))
        if index < len(candidates):
            end, resume = candidates[index][0], candidates[index][0]
        else:  # never closed (truncated or half-typed): hide the text up to the next tag
            end = text.find("<", start)
            end = len(text) if end < 0 else end
            resume = end
        if not text[start:end].strip():
            continue
        pieces += [text[done:start], REDACTED]
        done = resume
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def redact_xml(text: str) -> str:
    """Replace the contents of password/sessionTicket/webExAccessToken/accessToken elements,
    credential header lines and anything that looks like a JWT with ``********``."""
    text = _redact_elements(text)
    text = _HEADER_LINE_RE.sub(lambda m: m.group(1) + REDACTED, text)
    return redact_jwts(text)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of ``headers`` with credential headers (JWTToken, Authorization...) hidden."""
    return {
        name: (REDACTED if name.lower() in SECRET_HEADERS else redact_jwts(str(value)))
        for name, value in headers.items()
    }


def secret_forms(secret: str) -> list[str]:
    """The spellings a secret can take in text: as is and XML-escaped."""
    forms = {secret, escape(secret), escape(secret, {'"': "&quot;", "'": "&apos;"})}
    return sorted((f for f in forms if f), key=len, reverse=True)


def redact_text(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every occurrence of each known secret (and its XML-escaped form)."""
    forms: set[str] = set()
    for secret in secrets:
        if secret and len(secret) >= _MIN_SECRET_LEN:
            forms.update(secret_forms(secret))
    if not forms:
        return text
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    return pattern.sub(REDACTED, text)


def redact_all(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``redact_xml`` then ``redact_text``: what history and exports use."""
    return redact_text(redact_xml(text), secrets)
