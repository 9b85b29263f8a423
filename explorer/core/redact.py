"""Hide secrets in XML, HTTP headers and free text before they are shown or stored.

Regex-based on purpose: it must work on documents that do not parse (a half-typed envelope,
an HTML error page) and be fast on large ones. A pass is skipped when a plain substring test
shows it has nothing to find, and a big text is processed in slices of about ``SLICE_CHARS``
cut just before a ``<`` (no tag, JWT or escaped secret spans one), so a thread redacting a
big answer lets the others (the UI) run between slices instead of holding the GIL for one
regex call over the whole text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping

from explorer.core.xmltext import escape

REDACTED = "********"

#: Elements whose text is a credential, matched by local name whatever the prefix or case:
#: hidden wherever an answer or request is shown or kept.
SECRET_ELEMENTS = ("password", "sessionTicket", "webExAccessToken", "accessToken", "ticket",
                   "nbrProfilePassword", "subscribePassword")
#: What lets someone join one meeting: shown (the user shares it, and since 40.1.2 a generated
#: sessionPassword comes back in the answer) but hidden in what is stored.
JOIN_SECRET_ELEMENTS = ("meetingPassword", "sessionPassword", "eventPassword", "audioPassword",
                        "panelistPassword", "attendeePassword", "guestToken")
#: Header names whose value is a credential (compared case-insensitively).
SECRET_HEADERS = frozenset(
    {"jwttoken", "authorization", "proxy-authorization", "cookie", "set-cookie"}
)



def _element_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    tag = r"(?P<tag>(?:[\w.-]+:)?(?:" + "|".join(names) + r"))"
    return (re.compile(r"<" + tag + r"(?:\s[^<>]*)?(?<!/)>", re.IGNORECASE),
            re.compile(r"</" + tag + r"\s*>", re.IGNORECASE))


_SHOWN = _element_patterns(SECRET_ELEMENTS)
_STORED = _element_patterns(SECRET_ELEMENTS + JOIN_SECRET_ELEMENTS)
_HEADER_LINE_RE = re.compile(
    r"^([ \t]*(?:JWTToken|Authorization|Proxy-Authorization|Cookie|Set-Cookie)[ \t]*:[ \t]*)"
    r"(\S[^\r\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
# Three base64url segments, the first one a JSON object header ("{" encodes to "eyJ").
_JWT_RE = re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")
_MIN_SECRET_LEN = 1
#: Texts longer than this are redacted a slice at a time.
SLICE_CHARS = 1 << 20
#: Lower-case substrings without which a pass cannot match ("ticket" covers sessionTicket,
#: "accesstoken" webExAccessToken; the header names of _HEADER_LINE_RE).
_ELEMENT_HINTS = ("password", "ticket", "accesstoken", "guesttoken")
_HEADER_HINTS = ("jwttoken", "authorization", "cookie")
_JWT_HINT = "eyJ"


def slices(text: str, size: int | None = None) -> list[str]:
    """``text`` in pieces of at least ``size`` (``SLICE_CHARS``) characters, each cut just
    before a ``<``."""
    size = size or SLICE_CHARS
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while True:
        cut = text.find("<", start + size)
        if cut < 0:
            pieces.append(text[start:])
            return pieces
        pieces.append(text[start:cut])
        start = cut


def redact_jwts(text: str) -> str:
    if _JWT_HINT not in text:
        return text
    return _JWT_RE.sub(REDACTED, text)


def _redact_elements(text: str, patterns: tuple[re.Pattern[str], re.Pattern[str]]) -> str:
    # One pass over open tags, each paired with the next close tag of the same name (found by
    # bisection), so even hostile input (thousands of unclosed tags) stays O(n log n).
    open_re, close_re = patterns
    closes: dict[str, list[tuple[int, int]]] = {}
    for match in close_re.finditer(text):
        closes.setdefault(match.group("tag").lower(), []).append((match.start(), match.end()))
    pieces: list[str] = []
    done = 0
    for match in open_re.finditer(text):
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


def _redact_header_lines(text: str) -> str:
    return _HEADER_LINE_RE.sub(lambda m: m.group(1) + REDACTED, text)


def _redact_xml_piece(piece: str, lowered: str, stored: bool) -> str:
    if any(hint in lowered for hint in _ELEMENT_HINTS):
        piece = _redact_elements(piece, _STORED if stored else _SHOWN)
    return redact_jwts(piece)


def redact_xml(text: str, *, stored: bool = False) -> str:
    """Replace the contents of credential elements (``SECRET_ELEMENTS``; with ``stored``, the
    meeting-join ones too), credential header lines and anything that looks like a JWT with
    ``********``."""
    pieces = slices(text)
    lowered = [piece.casefold() for piece in pieces] if len(pieces) > 1 else [text.casefold()]
    headers = any(hint in low for low in lowered for hint in _HEADER_HINTS)
    if len(pieces) == 1:
        text = _redact_xml_piece(text, lowered[0], stored)
        return _redact_header_lines(text) if headers else text
    # An element is paired with its close tag within a slice; one still open at a cut has its
    # text hidden up to the cut (a secret element's text never holds a tag).
    text = "".join([_redact_xml_piece(piece, low, stored)
                    for piece, low in zip(pieces, lowered, strict=True)])
    # A header line may hold a "<": rare in a big text, so that pass stays whole.
    return _redact_header_lines(text) if headers else text


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
    pieces = slices(text) if not any("<" in form for form in forms) else [text]
    found = [any(form in piece for form in forms) for piece in pieces]
    if not any(found):
        return text
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    if len(pieces) == 1:
        return pattern.sub(REDACTED, text)
    return "".join([pattern.sub(REDACTED, piece) if hit else piece
                    for piece, hit in zip(pieces, found, strict=True)])


def redact_all(text: str, secrets: Iterable[str | None] = (), *, stored: bool = False) -> str:
    """``redact_xml`` then ``redact_text``: what history (``stored``) and exports use."""
    return redact_text(redact_xml(text, stored=stored), secrets)
