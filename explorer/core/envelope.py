"""Request envelopes: build them from a profile's credentials, parse what users paste.

``build_envelope`` (written in ``envelope_build``, which needs no XML parser) writes the
``serv:message`` a Webex XML API server expects. ``parse_envelope`` accepts a whole envelope,
a bare ``bodyContent`` fragment, or an HTTP request copied from documentation.
"""

from __future__ import annotations

import copy
import re
import textwrap
from dataclasses import dataclass, field

from lxml import etree

from explorer.core.envelope_build import (
    INDENT,
    XML_DECLARATION,
    AuthMode,
    BodySpec,
    Credentials,
    build_envelope,
    security_context_xml,
)
from explorer.core.errors import EnvelopeError, XMLInputError
from explorer.core.http_paste import HttpPaste, blank_preamble, split_http_paste, split_paste
from explorer.core.namespaces import (
    RESPONSE_NSMAP,
    XSI,
    XSI_TYPE,
    split_java_type,
)
from explorer.core.xmlsafe import DEFAULT_MAX_BYTES, declared_encoding, local_name, parse_xml

__all__ = [
    "AuthMode",
    "BodyPart",
    "BodySpec",
    "Credentials",
    "ParsedEnvelope",
    "PreparedDocument",
    "build_envelope",
    "parse_envelope",
    "prepare_document",
    "pretty_xml",
    "security_context_xml",
    "set_security_values",
    "split_http_paste",
]

NBSP = "\u00a0"


# --------------------------------------------------------------------------- parsing

_XML_DECL_RE = re.compile(r"^(\s*)(<\?xml\b[^>]*\?>)")
_FIRST_TAG_RE = re.compile(r"<(?![?!/])(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_FRAGMENT_NAMESPACES = {"xsi": XSI, **RESPONSE_NSMAP}
FRAGMENT_OPEN = (
    "<serv:message "
    + " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _FRAGMENT_NAMESPACES.items())
    + "><body>"
)
FRAGMENT_CLOSE = "</body></serv:message>"


@dataclass
class PreparedDocument:
    """Pasted text turned into one XML document whose line numbers match the paste."""

    original: str
    xml: str  # what to parse
    paste: HttpPaste
    fragment: bool  # a bare bodyContent (or other) fragment wrapped in a synthetic envelope
    #: Columns on line ``first_line`` of ``xml`` are shifted right by this much (the wrapper).
    column_shift: int = 0
    first_line: int = 1
    #: ``xml`` before the fragment wrapper was added (the same as ``xml`` when not a fragment).
    unwrapped: str = ""
    #: Non-breaking spaces (U+00A0, copied from web pages) read as plain spaces.
    nbsp_count: int = 0
    nbsp_first_line: int | None = None

    def original_position(
        self, line: int | None, column: int | None
    ) -> tuple[int | None, int | None]:
        """Map a parser position (line/byte column in ``xml`` after parse_xml's lstrip) back to
        the pasted text's line and character column."""
        if line is None:
            return None, None
        raw = self.xml.encode("utf-8", errors="surrogatepass")
        stripped = raw.lstrip()
        lead = len(raw) - len(stripped)
        start = 0
        for _ in range(line - 1):
            found = stripped.find(b"\n", start)
            if found < 0:
                break
            start = found + 1
        offset = lead + start + max((column or 1) - 1, 0)
        chars = len(raw[:offset].decode("utf-8", errors="ignore"))
        if self.fragment:
            wrapper_at = len(self.xml) - len(self.xml.lstrip())
            if chars >= wrapper_at + self.column_shift:
                chars -= self.column_shift
            else:
                chars = min(chars, wrapper_at)
            chars = min(chars, len(self.unwrapped))
        text = self.unwrapped
        line_no = text.count("\n", 0, chars) + 1
        column_no = chars - (text.rfind("\n", 0, chars) + 1) + 1
        return line_no, (column_no if column is not None else None)

    def original_message(self, message: str) -> str:
        """A parser message with the line numbers it quotes mapped to the pasted text."""

        def remap(match: re.Match[str]) -> str:
            line, column = self.original_position(int(match.group(2)),
                                                  int(match.group(4)) if match.group(4) else None)
            tail = f", column {column}" if match.group(4) else ""
            return f"{match.group(1)}{line}{tail}"

        return re.sub(r"(\bline )(\d+)(, column (\d+))?", remap, message)


def _blank(match_text: str) -> str:
    """Every character but line breaks as a space."""
    return "\n".join(" " * len(line) for line in match_text.split("\n"))


def _first_element_name(text: str) -> str | None:
    pos = 0
    while True:
        match = _FIRST_TAG_RE.search(text, pos)
        if match is None:
            return None
        # skip tags inside comments
        comment_start = text.rfind("<!--", 0, match.start())
        if comment_start >= 0 and text.find("-->", comment_start) > match.start():
            pos = text.find("-->", comment_start) + 3
            continue
        return match.group(1)


def text_of(data: bytes | str) -> str:
    """Decode bytes the way the parser would: BOM, then the declared charset, else UTF-8."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    from explorer.core.xmlsafe import to_bytes

    raw, forced_utf8 = to_bytes(data)
    if forced_utf8:
        return raw.decode("utf-8", errors="surrogatepass")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = declared_encoding(raw.lstrip())
        if declared and not declared.startswith("utf"):
            try:
                return raw.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        raise XMLInputError(
            f"the document is not valid UTF-8 (byte offset {exc.start}) and declares "
            f"{declared or 'no other charset'}"
        ) from None


def prepare_document(data: bytes | str) -> PreparedDocument:
    """Blank an HTTP preamble and the XML declaration; wrap a fragment in an envelope."""
    original = text_of(data)
    paste = split_paste(original)
    xml = blank_preamble(original, paste)
    nbsp_count = xml.count(NBSP)
    nbsp_first_line = None
    if nbsp_count:
        nbsp_first_line = xml.count("\n", 0, xml.index(NBSP)) + 1
        xml = xml.replace(NBSP, " ")
    body_start = paste.body_offset
    decl = _XML_DECL_RE.match(xml[body_start:])
    if decl:
        start = body_start + decl.start(2)
        end = body_start + decl.end(2)
        xml = xml[:start] + _blank(xml[start:end]) + xml[end:]
    name = _first_element_name(xml)
    if name is None or name == "message":
        return PreparedDocument(
            original, xml, paste, fragment=False, unwrapped=xml, nbsp_count=nbsp_count,
            nbsp_first_line=nbsp_first_line,
        )
    lead = len(xml) - len(xml.lstrip())
    first_line = xml.count("\n", 0, lead) + 1
    # Put the wrapper just before the first non-blank character, on that line.
    wrapped = xml[:lead] + FRAGMENT_OPEN + xml[lead:] + FRAGMENT_CLOSE
    return PreparedDocument(
        original, wrapped, paste, fragment=True, column_shift=len(FRAGMENT_OPEN), unwrapped=xml,
        first_line=first_line, nbsp_count=nbsp_count, nbsp_first_line=nbsp_first_line,
    )


@dataclass
class BodyPart:
    xsi_type: str | None
    package: str | None
    command: str | None
    element: etree._Element


@dataclass
class ParsedEnvelope:
    root: etree._Element
    security: dict[str, str] = field(default_factory=dict)
    bodies: list[BodyPart] = field(default_factory=list)
    http_headers: dict[str, str] = field(default_factory=dict)
    http_request_line: str | None = None
    fragment: bool = False


def xsi_type_of(element: etree._Element) -> str | None:
    """The bodyContent's xsi:type, whatever its prefix was bound to."""
    value = element.get(XSI_TYPE)
    if value is not None:
        return value
    for name, attr in element.attrib.items():
        if name.rpartition("}")[2] == "type":
            return attr
    return None


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if local_name(child) == name:
            return child
    return None


def body_parts(root: etree._Element) -> list[BodyPart]:
    body = _child(root, "body")
    if body is None:
        return []
    parts = []
    for element in body:
        if local_name(element) != "bodyContent":
            continue
        xsi_type = xsi_type_of(element)
        split = split_java_type(xsi_type) if xsi_type else None
        package, command = split if split else (None, None)
        parts.append(BodyPart(xsi_type, package, command, element))
    return parts


def security_values(root: etree._Element) -> dict[str, str]:
    header = _child(root, "header")
    context = _child(header, "securityContext") if header is not None else None
    if context is None:
        return {}
    return {
        local_name(child): (child.text or "").strip()
        for child in context
        if isinstance(child.tag, str)
    }


def parse_envelope(
    text_or_bytes: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ParsedEnvelope:
    """Parse a pasted request.

    ``XMLInputError`` for bad XML, ``EnvelopeError`` for XML that is not a request envelope.
    """
    if len(text_or_bytes) > max_bytes:
        # parse_xml says it in its own words
        parse_xml(text_or_bytes, max_bytes=max_bytes, what="request")
    prepared = prepare_document(text_or_bytes)
    try:
        root = parse_xml(prepared.xml, max_bytes=max_bytes + len(FRAGMENT_OPEN) + 64,
                         what="request")
    except XMLInputError as exc:
        line, column = prepared.original_position(exc.line, exc.column)
        raise XMLInputError(prepared.original_message(exc.message), line=line,
                            column=column) from None
    if local_name(root) != "message":
        raise EnvelopeError(f"the root element is <{root.tag}>, not serv:message")
    parts = body_parts(root)
    if not parts:
        raise EnvelopeError("the request has no body/bodyContent element")
    return ParsedEnvelope(
        root=root,
        security=security_values(root),
        bodies=parts,
        http_headers=dict(prepared.paste.headers),
        http_request_line=prepared.paste.request_line,
        fragment=prepared.fragment,
    )


def pretty_xml(text_or_bytes: bytes | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The document re-indented (4 spaces) under a UTF-8 declaration; text content kept."""
    data: bytes | str = text_or_bytes
    if isinstance(data, str):
        _, _, data = split_http_paste(data)
    try:
        root = parse_xml(data, max_bytes=max_bytes)
    except XMLInputError:
        # Documents copied from web pages indent with non-breaking spaces, even inside tags.
        nbsp: bytes | str = NBSP if isinstance(data, str) else NBSP.encode()
        if nbsp not in data:  # type: ignore[operator]
            raise
        space: bytes | str = " " if isinstance(data, str) else b" "
        root = parse_xml(data.replace(nbsp, space), max_bytes=max_bytes)  # type: ignore[arg-type]
    tree = copy.deepcopy(root)
    etree.indent(tree, space=INDENT)
    return XML_DECLARATION + "\n" + etree.tostring(tree, encoding="unicode") + "\n"


def set_security_values(envelope_text: str, creds: Credentials) -> str:
    """Replace the securityContext of a (pretty) envelope with one written for ``creds``."""
    match = re.search(r"([ \t]*)<securityContext\b[^>]*?(?:/>|>.*?</securityContext>)",
                      envelope_text, re.DOTALL)
    if match is None:
        raise EnvelopeError("the envelope has no securityContext to replace")
    indent = match.group(1)
    block = textwrap.indent(security_context_xml(creds), indent)
    return envelope_text[: match.start()] + block + envelope_text[match.end():]
