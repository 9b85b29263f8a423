"""Split what users paste from documentation: an HTTP request line and headers, then the XML.

Two shapes are understood:

* the ordinary one: ``POST https://host/WBXService/XMLService HTTP/1.1``, header lines
  ``Name: value``, an empty line (or directly the first ``<``), then the body;
* the one-line form the 40.6.0 notes use (ja:L343):
  ``POST https://{sitename}.webex.com/... Header: Content-Type application/json;charset=utf-8
  JWTToken ${jwttoken} Body: <?xml version="1.0" ...?>`` followed by the rest of the XML.

``split_paste`` also says where the body starts so that line numbers found in the body can be
given in the pasted text's own numbering: ``blank_preamble`` replaces the request line and
headers by spaces, keeping every line and column in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_METHODS = ("POST", "GET", "PUT")
_REQUEST_LINE = re.compile(
    r"^[ \t]*(POST|GET|PUT)[ \t]+(\S+)(?:[ \t]+(HTTP/\d(?:\.\d)?))?[ \t]*$", re.IGNORECASE
)
_ONE_LINE = re.compile(
    r"^[ \t]*(POST|GET|PUT)[ \t]+(\S+)[ \t]+(?:Headers?:[ \t]*(.*?)[ \t]+)?Body:[ \t]*(?=<)",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(r"^[ \t]*([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_HEADER_PAIR = re.compile(r"(?<![A-Za-z0-9-])([A-Za-z][A-Za-z0-9-]*+):?[ \t]++(\S++)")


@dataclass
class HttpPaste:
    request_line: str | None
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    #: Offset in the original text where the body starts (0 when there is no preamble).
    body_offset: int = 0
    #: 1-based line of the request line (and of the headers' first line), when present.
    request_line_number: int | None = None
    #: 1-based line of each header (the request line's for a one-line paste).
    header_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, header: str) -> int | None:
        """The line a header was written on (any case), else the request line's."""
        for name, line in self.header_lines.items():
            if name.lower() == header.lower():
                return line
        return self.request_line_number


def split_paste(text: str) -> HttpPaste:
    """Find an HTTP request line and headers before the XML body, if any."""
    start = len(text) - len(text.lstrip())
    first_end = text.find("\n", start)
    first = text[start:] if first_end < 0 else text[start:first_end]
    first = first.rstrip("\r")
    if not first.lstrip().upper().startswith(_METHODS):
        return HttpPaste(None, {}, text, 0)
    line_number = text.count("\n", 0, start) + 1
    one_line = _ONE_LINE.match(first)
    if one_line:
        method, url, header_text = one_line.groups()
        headers = {name: value for name, value in _HEADER_PAIR.findall(header_text or "")}
        offset = start + one_line.end()
        return HttpPaste(f"{method.upper()} {url}", headers, text[offset:], offset, line_number)
    request = _REQUEST_LINE.match(first)
    if not request:
        return HttpPaste(None, {}, text, 0)
    method, url, http_version = request.groups()
    request_line = f"{method.upper()} {url}" + (f" {http_version}" if http_version else "")
    headers: dict[str, str] = {}
    header_lines: dict[str, int] = {}
    row = line_number
    pos = len(text) if first_end < 0 else first_end + 1
    while pos < len(text):
        row += 1
        end = text.find("\n", pos)
        line = (text[pos:] if end < 0 else text[pos:end]).rstrip("\r")
        stripped = line.strip()
        if not stripped:
            pos = len(text) if end < 0 else end + 1
            break
        if stripped.startswith("<"):
            break
        header = _HEADER_LINE.match(line)
        if not header:
            break
        headers[header.group(1)] = header.group(2)
        header_lines[header.group(1)] = row
        pos = len(text) if end < 0 else end + 1
    return HttpPaste(request_line, headers, text[pos:], pos, line_number, header_lines)


def split_http_paste(text: str) -> tuple[str | None, dict[str, str], str]:
    """``(request line or None, headers, body)`` of a pasted request (contract form)."""
    paste = split_paste(text)
    return paste.request_line, paste.headers, paste.body


def blank_preamble(text: str, paste: HttpPaste) -> str:
    """``text`` with everything before the body replaced by spaces (line breaks kept)."""
    if paste.body_offset == 0:
        return text
    end = paste.body_offset
    if text.startswith("\ufeff", end):  # a byte order mark copied with the body
        end += 1
    head = text[:end]
    return re.sub(r"[^\n]", " ", head) + text[end:]
