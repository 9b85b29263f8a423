"""The hostile-input corpus: documents support staff might paste or servers might send.

Every case is generated in code (the big ones at test time), so nothing large is committed.
``build_cases`` takes the tripwire URLs so entity and schema references point at canaries.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from dataclasses import dataclass, field

SERV = "http://www.webex.com/schemas/2002/06/service"
MEET = "http://www.webex.com/schemas/2002/06/service/meeting"
MARKUP_TEXT = "[bold]not bold[/] [/] [red]x[/red] [link=http://x]y[/link] [@click=quit]z[/]"

DECL = '<?xml version="1.0" encoding="UTF-8"?>'


@dataclass(frozen=True)
class Urls:
    marker_file: str
    fifo_file: str
    http: str


@dataclass(frozen=True)
class Refused:
    """parse_xml must raise XMLInputError whose message contains one of ``fragments``."""

    fragments: tuple[str, ...]


@dataclass(frozen=True)
class Parsed:
    """parse_xml must succeed; ``text`` (if given) must be in the root's full text."""

    text: str | None = None


@dataclass(frozen=True)
class Case:
    name: str
    summary: str
    build: Callable[[Urls], bytes]
    parse: Refused | Parsed
    # What decode_response must say (substring, case-insensitive) when it refuses the input.
    response_says: tuple[str, ...] = ()
    big: bool = False
    tags: frozenset[str] = field(default_factory=frozenset)


def response(result: str = "SUCCESS", reason: str = "", body: str = "") -> str:
    """A one-line serv:message response like the real service sends."""
    reason_xml = f"<serv:reason>{reason}</serv:reason>" if reason else ""
    exc = "<serv:exceptionID>000015</serv:exceptionID>" if result == "FAILURE" else ""
    return (
        f'{DECL}<serv:message xmlns:serv="{SERV}" xmlns:meet="{MEET}">'
        f"<serv:header><serv:response><serv:result>{result}</serv:result>{reason_xml}"
        f"<serv:gsbStatus>PRIMARY</serv:gsbStatus>{exc}</serv:response></serv:header>"
        f"<serv:body><serv:bodyContent>{body}</serv:bodyContent></serv:body></serv:message>"
    )


def _doctype_entity(urls: Urls) -> bytes:
    return (
        f'{DECL}<!DOCTYPE serv:message [<!ENTITY xxe SYSTEM "{urls.marker_file}">]>'
        + response(reason="&xxe;").removeprefix(DECL)
    ).encode()


def _doctype_fifo(urls: Urls) -> bytes:
    return f'<!DOCTYPE a [<!ENTITY x SYSTEM "{urls.fifo_file}">]><a>&x;</a>'.encode()


def _doctype_http(urls: Urls) -> bytes:
    return f'<!DOCTYPE a [<!ENTITY x SYSTEM "{urls.http}">]><a>&x;</a>'.encode()


def _parameter_entity(urls: Urls) -> bytes:
    return (
        f'<!DOCTYPE a [<!ENTITY % remote SYSTEM "{urls.http}"> %remote;'
        f'<!ENTITY % file SYSTEM "{urls.marker_file}">'
        "<!ENTITY % wrap \"<!ENTITY &#x25; send SYSTEM 'http://127.0.0.1:9/?%file;'>\"> %wrap;"
        "]><a>x</a>"
    ).encode()


def _external_dtd(urls: Urls) -> bytes:
    return f'{DECL}<!DOCTYPE a SYSTEM "{urls.fifo_file}"><a>x</a>'.encode()


def _billion_laughs(_urls: Urls) -> bytes:
    lines = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        refs = f"&lol{i - 1};" * 10
        lines.append(f'<!ENTITY lol{i} "{refs}">')
    return f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(lines)}]><lolz>&lol9;</lolz>'.encode()


def _quadratic(_urls: Urls) -> bytes:
    blob = "A" * 50_000
    return f'<!DOCTYPE a [<!ENTITY big "{blob}">]><a>{"&big;" * 40_000}</a>'.encode()


def _doctype_in_response(_urls: Urls) -> bytes:
    return (DECL + "<!DOCTYPE serv:message>" + response().removeprefix(DECL)).encode()


def _doctype_after_pis(_urls: Urls) -> bytes:
    # Regression: a backtracking regex took exponential time on a run of processing
    # instructions before the root element.
    return b"<?pi x?>" * 3000 + b'<!DOCTYPE a [<!ENTITY x SYSTEM "http://127.0.0.1:9/">]><a/>'


def _many_pis(_urls: Urls) -> bytes:
    return b"<?pi x?>" * 30_000 + b"<!-- c -->" * 30_000 + b"<a>pis-ok</a>"


def _doctype_after_long_comment(urls: Urls) -> bytes:
    return (
        b"<!--" + b"x" * (2 * 1024 * 1024) + b"-->"
        + f'<!DOCTYPE a [<!ENTITY x SYSTEM "{urls.marker_file}">]><a>&x;</a>'.encode()
    )


def _utf7_doctype(urls: Urls) -> bytes:
    hidden = f'<!DOCTYPE a [<!ENTITY x SYSTEM "{urls.marker_file}">]><a>&x;</a>'
    encoded = "".join(
        c if c.isalnum() or c in " /:._-" else "+" + codecs.encode(c.encode("utf-16-be"), "base64")
        .decode().rstrip("=\n") + "-"
        for c in hidden
    )
    return b'<?xml version="1.0" encoding="UTF-7"?>' + encoded.encode("ascii")


def _deep(_urls: Urls) -> bytes:
    return b"<a>" * 10_000 + b"x" + b"</a>" * 10_000


def _wide(_urls: Urls) -> bytes:
    return b"<a>" + b"<b>wide</b>" * 100_000 + b"</a>"


def _huge(_urls: Urls) -> bytes:
    head = response(body="<meet:agenda>").removesuffix(
        "</serv:bodyContent></serv:body></serv:message>"
    ).encode()
    return head + b"x" * (200 * 1024 * 1024)


def _utf16_bom(_urls: Urls) -> bytes:
    text = response(reason="\u65e5\u672c\u8a9e").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def _utf16_no_bom(_urls: Urls) -> bytes:
    return response().encode("utf-16-le")


def _utf32_bom(_urls: Urls) -> bytes:
    return codecs.BOM_UTF32_LE + response(reason="\u00e9t\u00e9").encode("utf-32-le")


def _utf8_bom(_urls: Urls) -> bytes:
    return codecs.BOM_UTF8 + response(reason="caf\u00e9").encode("utf-8")


def _latin1_declared_utf8_sent(_urls: Urls) -> bytes:
    return response(reason="caf\u00e9 \u65e5\u672c").replace("UTF-8", "ISO-8859-1").encode("utf-8")


def _utf8_declared_latin1_sent(_urls: Urls) -> bytes:
    return response(reason="caf\u00e9 cr\u00e8me").encode("latin-1")


def _latin1_correct(_urls: Urls) -> bytes:
    return response(reason="caf\u00e9").replace("UTF-8", "ISO-8859-1").encode("latin-1")


def _windows_1252_declared_latin1(_urls: Urls) -> bytes:
    text = response(reason="\u201cquoted\u201d \u20ac caf\u00e9")
    return text.replace("UTF-8", "ISO-8859-1").encode("cp1252")


def _html_page(_urls: Urls) -> bytes:
    return (
        b"<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>"
        b"<body><h1>Service Unavailable</h1><p>Try later.<br></p></body></html>"
    )


def _html_no_doctype(_urls: Urls) -> bytes:
    return (
        b"<html>\n<head><title>Login - Webex</title></head>\n<body><form>"
        b"<input type=text name=user><br></form></body></html>"
    )


def _truncated(_urls: Urls) -> bytes:
    full = response(body="<meet:meetingkey>123456789</meet:meetingkey>").encode()
    return full[: len(full) * 2 // 3]


def _soap_fault(_urls: Urls) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv='
        b'"http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>'
        b"<faultcode>soapenv:Server</faultcode><faultstring>Internal Error</faultstring>"
        b"</soapenv:Fault></soapenv:Body></soapenv:Envelope>"
    )


def _json(_urls: Urls) -> bytes:
    return json.dumps({"message": "Unauthorized", "errors": [{"description": "x"}]}).encode()


def _nul_early(_urls: Urls) -> bytes:
    return response().encode().replace(b"SUCCESS", b"SUC\x00CESS")


def _nul_late(_urls: Urls) -> bytes:
    return response(body="<meet:agenda>" + "x" * 8000 + "\x00</meet:agenda>").encode()


def _control_chars(_urls: Urls) -> bytes:
    return response(reason="bell\x07 esc\x1b[31mred").encode()


def _control_char_refs(_urls: Urls) -> bytes:
    return response(reason="esc&#x1b;[2J clear").encode()


def _markup(_urls: Urls) -> bytes:
    return response(
        result="FAILURE", reason=MARKUP_TEXT,
        body=f"<meet:agenda>{MARKUP_TEXT}</meet:agenda>",
    ).encode()


def _long_line(_urls: Urls) -> bytes:
    items = "".join(
        f"<meet:meeting><meet:meetingkey>{100000000 + i}</meet:meetingkey>"
        f"<meet:confName>Meeting {i}</meet:confName></meet:meeting>"
        for i in range(40_000)
    )
    return response(body=items).encode()


def _long_text(_urls: Urls) -> bytes:
    return response(body="<meet:agenda>" + "y" * (8 * 1024 * 1024) + "</meet:agenda>").encode()


def _long_attribute(_urls: Urls) -> bytes:
    return f'<a b="{"z" * (4 * 1024 * 1024)}">long-attr</a>'.encode()


def _undefined_entity(_urls: Urls) -> bytes:
    return b"<a>&undefined;</a>"


def _xinclude(urls: Urls) -> bytes:
    return (
        f'<a xmlns:xi="http://www.w3.org/2001/XInclude">xi-kept'
        f'<xi:include href="{urls.marker_file}" parse="text"/>'
        f'<xi:include href="{urls.http}" parse="text"/></a>'
    ).encode()


def _schema_location(urls: Urls) -> bytes:
    return (
        f'<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="urn:x {urls.http}" xsi:noNamespaceSchemaLocation="{urls.fifo_file}">'
        "schema-ignored</a>"
    ).encode()


def _stylesheet_pi(urls: Urls) -> bytes:
    return f'<?xml-stylesheet type="text/xsl" href="{urls.http}"?><a>pi-ignored</a>'.encode()


def _namespace_flood(_urls: Urls) -> bytes:
    decls = " ".join(f'xmlns:p{i}="urn:ns:{i}"' for i in range(20_000))
    return f"<a {decls}>ns-ok</a>".encode()


def _unknown_encoding(_urls: Urls) -> bytes:
    return b'<?xml version="1.0" encoding="x-no-such-charset"?><a/>'


def _ebcdic(_urls: Urls) -> bytes:
    return '<?xml version="1.0" encoding="IBM037"?><a>x</a>'.encode("cp037")


def _comment_only(_urls: Urls) -> bytes:
    return b"<!-- nothing here -->"


def _two_roots(_urls: Urls) -> bytes:
    return response().encode() + response().removeprefix(DECL).encode()


def _plain_text(_urls: Urls) -> bytes:
    return b"Internal Server Error"


def _shift_jis(_urls: Urls) -> bytes:
    return response(reason="\u4f1a\u8b70").replace("UTF-8", "Shift_JIS").encode("shift_jis")


def _comment_run(_urls: Urls) -> bytes:
    # Regression: "comments then <html" detection must not backtrack exponentially.
    return b"<!---->" * 500 + response(reason="after-comments").removeprefix(DECL).encode()


def _html_title_flood(_urls: Urls) -> bytes:
    # Regression: a title search must not be quadratic in the number of <title> tags.
    return b"<html><head>" + b"<title>" * 9000 + b"</head></html>"


ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[31m\x9b1m"  # set title, clear screen, red, C1 CSI


def _html_escapes(_urls: Urls) -> bytes:
    return f"<html><head><title>Oops {ESCAPES}</title></head><body>x</body></html>".encode()


def _json_escapes(_urls: Urls) -> bytes:
    return ('{"error": "' + ESCAPES + '"}').encode()


def _text_escapes(_urls: Urls) -> bytes:
    return ("Bad Gateway " + ESCAPES).encode()


DOCTYPE = ("DOCTYPE",)
NOT_WELL_FORMED = ("not well-formed",)


def build_cases() -> list[Case]:
    return [
        Case("xxe-file", "external entity reading a local file (file://)", _doctype_entity,
             Refused(DOCTYPE), ("DOCTYPE",)),
        Case("xxe-file-fifo", "external entity on a named pipe (detects C-level opens)",
             _doctype_fifo, Refused(DOCTYPE), ("DOCTYPE",)),
        Case("xxe-http", "external entity fetched over http:// (loopback canary)",
             _doctype_http, Refused(DOCTYPE), ("DOCTYPE",)),
        Case("parameter-entities", "parameter entities, remote DTD and out-of-band exfiltration",
             _parameter_entity, Refused(DOCTYPE), ("DOCTYPE",)),
        Case("external-dtd", "DOCTYPE with an external SYSTEM DTD", _external_dtd,
             Refused(DOCTYPE), ("DOCTYPE",)),
        Case("billion-laughs", "exponential entity expansion (billion laughs)", _billion_laughs,
             Refused(DOCTYPE), ("DOCTYPE",)),
        Case("quadratic-blowup", "quadratic blow-up: one 50 KB entity referenced 40,000 times",
             _quadratic, Refused(DOCTYPE), ("DOCTYPE",)),
        Case("doctype-in-response", "a DOCTYPE inside an otherwise valid API response",
             _doctype_in_response, Refused(DOCTYPE), ("DOCTYPE",)),
        Case("doctype-after-pis", "DOCTYPE after 3,000 processing instructions (ReDoS regression)",
             _doctype_after_pis, Refused(DOCTYPE), ("DOCTYPE",)),
        Case("many-pis", "30,000 processing instructions and comments before the root",
             _many_pis, Parsed("pis-ok")),
        Case("doctype-after-long-comment", "DOCTYPE hidden behind a 2 MB comment",
             _doctype_after_long_comment, Refused(DOCTYPE), ("DOCTYPE",)),
        Case("utf7-doctype", "UTF-7 encoded DOCTYPE that byte-level checks cannot see",
             _utf7_doctype, Refused(("UTF-7", "utf-7")), ("utf-7",)),
        Case("deep-nesting", "10,000-deep element nesting", _deep,
             Refused(("deeper than",)), ("deeper",)),
        Case("wide", "100,000 sibling elements", _wide, Parsed("wide")),
        Case("huge-200mb", "a 200 MB body", _huge, Refused(("limit",)), ("limit",), big=True),
        Case("invalid-utf8", "bytes that are not UTF-8 with no declaration",
             lambda _u: b"<a>\xff\xfe\xfd</a>",
             Refused(("not valid UTF-8",)), ("UTF-8",)),
        Case("latin1-declared-utf8-sent", "ISO-8859-1 declared, UTF-8 bytes sent",
             _latin1_declared_utf8_sent, Parsed("caf\u00e9 \u65e5\u672c")),
        Case("utf8-declared-latin1-sent", "UTF-8 declared, ISO-8859-1 bytes sent",
             _utf8_declared_latin1_sent, Refused(("byte offset",)), ("UTF-8",)),
        Case("latin1-correct", "ISO-8859-1 declared and sent", _latin1_correct,
             Parsed("caf\u00e9")),
        Case("windows-1252-declared-latin1",
             "ISO-8859-1 declared, Windows-1252 curly quotes and euro sign sent",
             _windows_1252_declared_latin1, Parsed("\u201cquoted\u201d \u20ac caf\u00e9")),
        Case("shift-jis", "Shift_JIS declared and sent", _shift_jis, Parsed("\u4f1a\u8b70")),
        Case("utf16-bom", "UTF-16 with a byte order mark", _utf16_bom,
             Parsed("\u65e5\u672c\u8a9e")),
        Case("utf16-no-bom", "UTF-16 without a byte order mark", _utf16_no_bom,
             Refused(("NUL",)), ("NUL",)),
        Case("utf32-bom", "UTF-32 with a byte order mark", _utf32_bom, Parsed("\u00e9t\u00e9")),
        Case("utf8-bom", "UTF-8 with a byte order mark", _utf8_bom, Parsed("caf\u00e9")),
        Case("html-error-page", "an HTML error page (served with status 200)", _html_page,
             Refused(DOCTYPE), ("HTML", "503 Service Unavailable")),
        Case("html-login-page", "an HTML login page without DOCTYPE", _html_no_doctype,
             Refused(NOT_WELL_FORMED), ("HTML", "Login - Webex")),
        Case("empty-body", "an empty body", lambda _u: b"", Refused(("empty",)), ("empty",)),
        Case("whitespace-body", "a body of whitespace only", lambda _u: b" \r\n\t ",
             Refused(("empty",)), ("empty",)),
        Case("truncated", "a document cut off mid-way", _truncated,
             Refused(NOT_WELL_FORMED), ("truncated",)),
        Case("soap-fault", "a SOAP fault instead of a serv:message", _soap_fault,
             Parsed("Internal Error"), ("fault",)),
        Case("json", "JSON where XML was expected", _json, Refused(NOT_WELL_FORMED), ("JSON",)),
        Case("plain-text", "a plain-text error", _plain_text, Refused(NOT_WELL_FORMED), ()),
        Case("nul-early", "a NUL byte at the start of the document", _nul_early,
             Refused(("NUL",)), ()),
        Case("nul-late", "a NUL byte after 8 KB", _nul_late,
             Refused((*NOT_WELL_FORMED, "NUL")), ()),
        Case("control-chars", "raw control characters (BEL, ESC) in element text",
             _control_chars, Refused(NOT_WELL_FORMED), ()),
        Case("control-char-refs", "control characters as character references (&#x1b;)",
             _control_char_refs, Refused(NOT_WELL_FORMED), ()),
        Case("rich-markup", "Rich/Textual markup ([bold], [/], [@click]) in element text",
             _markup, Parsed(MARKUP_TEXT), tags=frozenset({"markup"})),
        Case("long-line", "a 5 MB document on one line (40,000 meetings)", _long_line,
             Parsed("Meeting 39999")),
        Case("long-text", "an 8 MB text node", _long_text, Parsed("yyyy")),
        Case("long-attribute", "a 4 MB attribute value", _long_attribute, Parsed("long-attr")),
        Case("undefined-entity", "a reference to an undefined entity", _undefined_entity,
             Refused(NOT_WELL_FORMED), ()),
        Case("xinclude", "XInclude pointing at a local file and a URL (never processed)",
             _xinclude, Parsed("xi-kept")),
        Case("schema-location", "xsi:schemaLocation pointing at a URL and a pipe (never loaded)",
             _schema_location, Parsed("schema-ignored")),
        Case("stylesheet-pi", "xml-stylesheet processing instruction with a URL",
             _stylesheet_pi, Parsed("pi-ignored")),
        Case("namespace-flood", "20,000 namespace declarations on one element",
             _namespace_flood, Parsed("ns-ok")),
        Case("unknown-encoding", "an encoding name no codec knows", _unknown_encoding,
             Refused(("encoding",)), ("encoding",)),
        Case("ebcdic", "an EBCDIC document", _ebcdic, Refused(("UTF-8", "encoding")), ()),
        Case("comment-only", "a document with no root element", _comment_only,
             Refused((*NOT_WELL_FORMED, "no root")), ()),
        Case("comment-run", "500 empty comments before the root (backtracking regression)",
             _comment_run, Parsed("after-comments")),
        Case("html-title-flood", "an HTML page with 9,000 unclosed <title> tags",
             _html_title_flood, Refused((*NOT_WELL_FORMED, "deeper than")), ("HTML",)),
        Case("html-escape-title", "an HTML page whose title holds terminal escape sequences",
             _html_escapes, Refused(NOT_WELL_FORMED), ("HTML",)),
        Case("json-escapes", "JSON holding terminal escape sequences", _json_escapes,
             Refused(NOT_WELL_FORMED), ("JSON",)),
        Case("text-escapes", "a plain-text error holding terminal escape sequences",
             _text_escapes, Refused(NOT_WELL_FORMED), ("text",)),
        Case("two-roots", "two responses concatenated", _two_roots, Refused(NOT_WELL_FORMED), ()),
    ]


CASES = build_cases()
CASE_IDS = [case.name for case in CASES]
