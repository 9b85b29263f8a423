"""Decode an XML API answer: result, exception, response types, identifiers, registrationForm.

Only the hardened parser reads responses. What is not an XML API answer (an HTML error page,
an empty body, JSON, plain text, a truncated document, bytes in the wrong charset, a SOAP
fault, a request pasted by mistake) raises ``ResponseError`` naming what was received.

A big answer (``OUTLINE_FROM`` bytes or more) is read as an outline (explorer.core.outline):
an lxml tree costs about six times the answer's size, an outline a small part of it; its root
answers what the explorer reads of an element.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from explorer.core.errors import ResponseError, XMLInputError
from explorer.core.exception_catalog import HTTP_403_USAGE_LIMIT, ExceptionInfo, lookup
from explorer.core.fields import FieldHit, FieldHits, scan
from explorer.core.namespaces import OLD_SERV_2009, SERV, XSI_TYPE
from explorer.core.outline import OutlineElement
from explorer.core.outline_reader import read_outline
from explorer.core.xmlsafe import DEFAULT_MAX_BYTES, local_name, parse_xml

__all__ = [
    "DecodedResponse",
    "FieldHit",
    "SubError",
    "decode_response",
    "describe_received",
    "split_http_response",
]

_S = f"{{{SERV}}}"
_SOAP_NAMESPACES = (
    "http://schemas.xmlsoap.org/soap/envelope/",
    "http://www.w3.org/2003/05/soap-envelope",
)
# Bounded and atomic so hostile input cannot make them backtrack for minutes.
_TITLE_RE = re.compile(rb"<title[^>]{0,200}>(.{0,300}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_CHARSET_RE = re.compile(r"charset\s*=\s*\"?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_STATUS_LINE = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})\b[^\r\n]*\r?\n")
#: Answers this big or bigger are read as an outline rather than a whole lxml tree.
OUTLINE_FROM = 4 * 1024 * 1024


@dataclass(slots=True)
class SubError:
    exception_id: str | None
    reason: str | None
    value: str | None


@dataclass(slots=True)
class ResponsePart:
    """One bodyContent's outcome in an answer: serv:response number i and the i-th
    serv:bodyContent (a failed one is empty, without xsi:type)."""

    result: str
    reason: str | None
    exception_id: str | None
    response_type: str | None

    @property
    def ok(self) -> bool:
        return self.result.upper() == "SUCCESS"

    @property
    def exception(self) -> ExceptionInfo | None:
        return lookup(self.exception_id)

    def to_json(self) -> dict[str, Any]:
        info = self.exception
        return {
            "result": self.result, "reason": self.reason, "exception_id": self.exception_id,
            "exception": None if info is None
            else {"meaning": info.meaning, "since": info.since, "hint": info.hint},
            "response_type": self.response_type,
        }


@dataclass
class DecodedResponse:
    result: str  # "SUCCESS" | "FAILURE" | other, as written (e.g. 失敗 in the notes)
    reason: str | None
    exception_id: str | None
    exception: ExceptionInfo | None
    gsb_status: str | None
    sub_errors: list[SubError]
    response_types: list[str]
    fields: FieldHits
    registration_form: dict[str, bool] | None
    root: etree._Element | OutlineElement
    body_contents: list[etree._Element | OutlineElement]
    value: str | None = None
    #: One per serv:response with its bodyContent's type: what a batched answer shows.
    parts: list[ResponsePart] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result.upper() == "SUCCESS"

    @property
    def meeting_uuids(self) -> list[FieldHit]:
        return self.fields.of_kind("meetingUUID")

    @property
    def keys(self) -> dict[str, list[FieldHit]]:
        return {kind: self.fields.of_kind(kind) for kind in ("sessionKey", "meetingKey", "confID")}

    @property
    def responses(self) -> list[tuple[str, str | None, str | None]]:
        """(result, reason, exceptionID) per serv:response."""
        return [(p.result, p.reason, p.exception_id) for p in self.parts]

    @property
    def response_type(self) -> str | None:
        return self.response_types[0] if self.response_types else None

    def to_json(self) -> dict[str, Any]:
        info = self.exception
        return {
            "result": self.result,
            "reason": self.reason,
            "exception_id": self.exception_id,
            "exception": None
            if info is None
            else {"meaning": info.meaning, "since": info.since, "hint": info.hint},
            "response_type": self.response_type,
            "response_types": list(self.response_types),
            "gsb_status": self.gsb_status,
            "sub_errors": [
                {"exception_id": s.exception_id, "reason": s.reason, "value": s.value}
                for s in self.sub_errors
            ],
            "meeting_uuids": [hit.to_json() for hit in self.meeting_uuids],
            "keys": {kind: [hit.to_json() for hit in hits] for kind, hits in self.keys.items()},
            "registration_form": self.registration_form,
            "parts": [part.to_json() for part in self.parts],
        }


# --------------------------------------------------------------------------- what is it?


def _shorten(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 3] + "..."


def _head_bytes(data: bytes | str) -> bytes:
    head = data[:4096]
    if isinstance(head, str):
        return head.encode("utf-8", errors="replace")
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom):]
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if head.startswith(bom):  # UTF-16/32 with a BOM: look at the text, not the bytes
            return head.decode(codec, errors="ignore").encode("utf-8")
    return head


def _skip_prolog(head: bytes) -> bytes:
    """``head`` after any XML declaration, processing instructions and comments (linear)."""
    while True:
        head = head.lstrip()
        if head.startswith(b"<?"):
            end = head.find(b"?>")
        elif head.startswith(b"<!--"):
            end = head.find(b"-->")
        else:
            return head
        if end < 0:
            return b""
        head = head[end + 2 :].lstrip(b">")


def describe_received(data: bytes | str, content_type: str | None = None) -> str | None:
    """A phrase for input that is plainly not XML ("an HTML page (title: ...)"), else None."""
    head = _head_bytes(data).lstrip().replace(_NBSP_BYTES, b"").lstrip()
    if not head:
        return "an empty body"
    ctype = (content_type or "").lower()
    if _HTML_START.match(_skip_prolog(head)) or (
        "html" in ctype and not head.startswith(b"<?xml")
    ):
        match = _TITLE_RE.search(data[:65536] if isinstance(data, bytes)
                                 else data[:65536].encode("utf-8", errors="replace"))
        if match:
            title = html.unescape(match.group(1).decode("utf-8", errors="replace"))
            return f"an HTML page (title: {_shorten(title) or 'empty'})"
        return "an HTML page (no title)"
    if re.match(rb"(?:POST|GET|PUT)\s+\S+", head):
        return f"an HTTP request ({_shorten(head[:80].decode('utf-8', errors='replace'))})"
    if head[:1] in (b"{", b"["):
        return f"JSON ({_shorten(head[:200].decode('utf-8', errors='replace'))})"
    if not head.startswith(b"<"):
        if b"\x00" in head[:64]:
            return "binary data, not text"
        text = head[:200].decode("utf-8", errors="replace")
        return f"plain text ({_shorten(text)!r})"
    return None


def _declares_encoding(head: bytes) -> bool:
    return bool(re.match(rb"^\s*<\?xml[^>]*encoding\s*=", head))


def _apply_charset(data: bytes, content_type: str | None) -> bytes | str:
    """Honour a Content-Type charset when the document itself declares none."""
    if not content_type:
        return data
    match = _CHARSET_RE.search(content_type)
    if not match or _declares_encoding(data[:256]):
        return data
    charset = match.group(1)
    if charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return data
    try:
        return data.decode(charset)
    except LookupError:
        raise ResponseError(
            f"received a response in an unknown charset {charset!r} (Content-Type: "
            f"{_shorten(content_type)})"
        ) from None
    except UnicodeDecodeError as exc:
        raise ResponseError(
            f"received a body that is not valid {charset} (byte offset {exc.start}), "
            "though Content-Type says so"
        ) from None


def _xml_failure(exc: XMLInputError, data: bytes | str) -> ResponseError:
    message = exc.message
    lowered = message.lower()
    if "premature end" in lowered or _at_end(exc, data):
        return ResponseError(f"received a truncated document: {message}")
    if "utf-8" in lowered or "encoding" in lowered or "decode" in lowered or "charset" in lowered:
        return ResponseError(f"received a document in a wrong or undecodable charset: {message}")
    return ResponseError(f"received malformed XML: {message}")


def _at_end(exc: XMLInputError, data: bytes | str) -> bool:
    """True when the parser stopped on the document's last few characters (cut short)."""
    if exc.line is None or exc.column is None:
        return False
    raw = data.encode("utf-8", errors="replace") if isinstance(data, str) else data
    raw = raw.strip()
    lines = raw.count(b"\n") + 1
    last = raw[raw.rfind(b"\n") + 1 :]
    # libxml2 counts columns in bytes on the last line; allow a few bytes of slack.
    return exc.line >= lines and exc.column >= len(last) - 3


def _soap_fault(root: etree._Element) -> str:
    fault = next(root.iter("{*}Fault"), None)
    if fault is None:
        return "a SOAP envelope, not an XML API serv:message"
    text = ""
    for name in ("faultstring", "Text", "Reason"):
        found = next(fault.iter(f"{{*}}{name}", name), None)
        if found is not None and (found.text or "").strip():
            text = found.text.strip()
            break
    return f"a SOAP fault ({_shorten(text) or 'no fault string'})"


def _check_root(root: etree._Element) -> None:
    tag = root.tag if isinstance(root.tag, str) else ""
    namespace = tag[1:].partition("}")[0] if tag.startswith("{") else ""
    local = local_name(root)
    if namespace in _SOAP_NAMESPACES:
        raise ResponseError(f"received {_soap_fault(root)}")
    if local == "message" and namespace == SERV:
        return
    if local == "message" and namespace == OLD_SERV_2009:
        raise ResponseError(
            "received a serv:message in the 2009/05 namespace; XML API servers answer in "
            f"{SERV}"
        )
    if local.lower() == "html":
        raise ResponseError("received an HTML page (XHTML), not an XML API response")
    shown = f"{root.prefix}:{local}" if root.prefix else local
    where = f" (namespace {namespace})" if namespace else " (no namespace)"
    raise ResponseError(
        f"received an XML document whose root is <{shown}>{where}, not serv:message"
    )


# --------------------------------------------------------------------------- decoding


def _text(parent: etree._Element | None, name: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(_S + name)
    if child is None:
        child = parent.find(name)
    if child is None or child.text is None:
        return None if child is None else ""
    return child.text.strip()


def _find(parent: etree._Element | None, name: str) -> etree._Element | None:
    if parent is None:
        return None
    found = parent.find(_S + name)
    return found if found is not None else parent.find(name)


_NBSP_BYTES = "\u00a0".encode()
_FIRST_TAG = re.compile(rb"<(?![?!/])([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)")


def _parse(source: bytes | str, max_bytes: int) -> etree._Element:
    # Indentation between elements is not kept: a pretty-printed answer's tree is a third
    # smaller without it, and nothing reads it (the raw view shows the bytes as received).
    try:
        return parse_xml(source, max_bytes=max_bytes, what="response", drop_blank_text=True)
    except XMLInputError as exc:
        first_error = exc
    # Responses copied from web pages carry non-breaking spaces as indentation.
    nbsp = "\u00a0" if isinstance(source, str) else _NBSP_BYTES
    spaced = False
    if nbsp in source:  # type: ignore[operator]
        space = " " if isinstance(source, str) else b" "
        try:
            return parse_xml(source.replace(nbsp, space), max_bytes=max_bytes,  # type: ignore[arg-type]
                             what="response", drop_blank_text=True)
        except XMLInputError as exc:
            # The spaces were not the only problem: name the one that is left.
            first_error, spaced = exc, True
            source = source.replace(nbsp, space)  # type: ignore[arg-type]
    head = _head_bytes(source)
    first = _FIRST_TAG.search(head)
    if first is not None and first.group(1).rpartition(b":")[2] != b"message":
        name = first.group(1).decode("utf-8", errors="replace")
        raise ResponseError(
            f"received an XML fragment starting with <{name}>, not a whole serv:message "
            f"response ({first_error.message})"
        )
    failure = _xml_failure(first_error, source)
    if spaced:
        failure = ResponseError(f"{failure} (its non-breaking spaces, copied from a web page, "
                                "read as spaces)")
    raise failure from None


def check_status(status: int | None, headers: dict[str, str]) -> None:
    """``ResponseError`` explaining a saved answer's HTTP status when it says more than its
    body: 403 is the 40.4.5 usage limit, whatever page comes with it."""
    if status == 403:
        retry = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
        wait = f"Retry-After: {retry}" if retry else "no Retry-After given"
        raise ResponseError(
            f"HTTP 403: {HTTP_403_USAGE_LIMIT.meaning} {HTTP_403_USAGE_LIMIT.hint} ({wait})")


def decode_response(
    data: bytes | str,
    *,
    content_type: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DecodedResponse:
    """Decode a response body; ``ResponseError`` naming what was received when it is not one."""
    if data[:5] in (b"HTTP/", "HTTP/"):
        status, headers, data = split_http_response(data)
        for name, header_value in headers.items():
            if name.lower() == "content-type" and content_type is None:
                content_type = header_value
        check_status(status, headers)
    what = describe_received(data, content_type)
    if what is not None:
        raise ResponseError(f"received {what}, not an XML API response")
    source: bytes | str = data
    if isinstance(data, bytes):
        source = _apply_charset(data, content_type)
    outline = (read_outline(source, max_bytes=max_bytes, what="response")
               if len(source) >= OUTLINE_FROM else None)
    root = outline.root if outline is not None else _parse(source, max_bytes)
    _check_root(root)

    header = _find(root, "header")
    responses = [] if header is None else header.findall(_S + "response")
    if not responses and header is not None:
        responses = header.findall("response")
    if not responses:
        if header is not None and _find(header, "securityContext") is not None:
            raise ResponseError(
                "received a request envelope (header/securityContext, no serv:response), "
                "not a response"
            )
        raise ResponseError("received a serv:message without header/serv:response")

    summary = [(_text(r, "result") or "", _text(r, "reason"), _text(r, "exceptionID"))
               for r in responses]
    chosen = next((r for r, s in zip(responses, summary, strict=True)
                   if s[0].upper() != "SUCCESS"), responses[0])
    result = _text(chosen, "result") or "(no result)"
    exception_id = _text(chosen, "exceptionID") or None
    sub_errors = []
    for response in responses:
        sub_parent = _find(response, "subErrors")
        if sub_parent is None:
            continue
        for sub in sub_parent.iterchildren(_S + "subError", "subError"):
            sub_errors.append(
                SubError(_text(sub, "exceptionID"), _text(sub, "reason"), _text(sub, "value"))
            )

    body = _find(root, "body")
    body_contents = [] if body is None else list(body.iterchildren(_S + "bodyContent",
                                                                   "bodyContent"))
    types = [bc.get(XSI_TYPE) or None for bc in body_contents]
    response_types = [t for t in types if t]
    parts = [ResponsePart(result or "(no result)", reason, exception, types[i] if i < len(types)
                          else None)
             for i, (result, reason, exception) in enumerate(summary)]
    if outline is not None:
        fields, form = outline.fields, outline.registration_form
    else:
        fields, form = scan(root)
    return DecodedResponse(
        result=result,
        reason=_text(chosen, "reason") or None,
        exception_id=exception_id,
        exception=lookup(exception_id),
        gsb_status=_text(chosen, "gsbStatus") or None,
        sub_errors=sub_errors,
        response_types=response_types,
        fields=fields,
        registration_form=form,
        root=root,
        body_contents=body_contents,
        value=_text(chosen, "value") or None,
        parts=parts,
    )


def split_http_response(text_or_bytes: bytes | str) -> tuple[int | None, dict[str, str], bytes]:
    """``(status, headers, body)`` of a saved response that may start with a status line."""
    data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else text_or_bytes
    start = len(data) - len(data.lstrip())
    match = _STATUS_LINE.match(data, start)
    if match is None:
        return None, {}, data
    status = int(match.group(1))
    headers: dict[str, str] = {}
    pos = match.end()
    while pos < len(data):
        line_start = pos
        end = data.find(b"\n", pos)
        line = (data[pos:] if end < 0 else data[pos:end]).rstrip(b"\r")
        pos = len(data) if end < 0 else end + 1
        if not line.strip():
            break
        if line.lstrip().startswith(b"<"):  # no blank line before the body
            pos = line_start
            break
        name, sep, value = line.partition(b":")
        if not sep:
            continue
        headers[name.strip().decode("latin-1")] = value.strip().decode("latin-1")
    return status, headers, data[pos:]
