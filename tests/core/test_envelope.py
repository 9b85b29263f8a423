"""Envelope building and parsing: auth modes, element order, pasted HTTP requests, fragments."""

from __future__ import annotations

import pytest

from explorer.core.envelope import (
    AuthMode,
    BodySpec,
    Credentials,
    build_envelope,
    parse_envelope,
    prepare_document,
    pretty_xml,
    security_context_xml,
    set_security_values,
    split_http_paste,
)
from explorer.core.errors import EnvelopeError, XMLInputError
from explorer.core.namespaces import SERV
from explorer.core.xmlsafe import local_name, parse_xml
from tests.fixtures.notes_samples import notes_samples, sample_at


def _security_children(envelope: str) -> list[tuple[str, str]]:
    root = parse_xml(envelope)
    context = root.find("header/securityContext")
    assert context is not None
    return [(local_name(c), c.text or "") for c in context]


@pytest.mark.parametrize(
    ("creds", "expected"),
    [
        (
            Credentials("acme", AuthMode.PASSWORD, webex_id="admin", secret="pw"),
            [("webExID", "admin"), ("password", "pw"), ("siteName", "acme")],
        ),
        (
            Credentials("acme", AuthMode.PASSWORD, email="a@acme.com", secret="pw"),
            [("password", "pw"), ("siteName", "acme"), ("email", "a@acme.com")],
        ),
        (
            Credentials("acme", AuthMode.TICKET, webex_id="admin", secret="T1"),
            [("webExID", "admin"), ("siteName", "acme"), ("sessionTicket", "T1")],
        ),
        (
            Credentials("acme", AuthMode.TOKEN, email="a@acme.com", secret="tok"),
            [("siteName", "acme"), ("email", "a@acme.com"), ("webExAccessToken", "tok")],
        ),
        (
            Credentials("acme", AuthMode.JWT, webex_id="admin", secret="eyJhbGciOi"),
            [("siteName", "acme")],
        ),
        (Credentials("acme", AuthMode.ANONYMOUS, webex_id="admin"), [("siteName", "acme")]),
        (
            Credentials(
                "acme", AuthMode.PASSWORD, webex_id="admin", secret="pw", partner_id="P",
                client_info="ci",
            ),
            [
                ("webExID", "admin"), ("password", "pw"), ("siteName", "acme"),
                ("partnerID", "P"), ("clientInfo", "ci"),
            ],
        ),
    ],
    ids=["password", "password-email", "ticket", "token", "jwt", "anonymous", "partner"],
)
def test_security_context_per_auth_mode_in_common_xsd_order(creds, expected):
    envelope = build_envelope([("ep.GetAPIVersion", "")], creds)
    assert _security_children(envelope) == expected


def test_jwt_secret_never_lands_in_the_envelope():
    creds = Credentials("acme", AuthMode.JWT, webex_id="admin", secret="eyJ.secret.jwt")
    assert "eyJ.secret.jwt" not in build_envelope([("user.GetUserCard", "")], creds)


def test_missing_secret_becomes_a_variable_not_an_empty_string():
    text = security_context_xml(Credentials("acme", AuthMode.TICKET, webex_id="me"))
    assert "<sessionTicket>{{sessionTicket}}</sessionTicket>" in text
    text = security_context_xml(Credentials("", AuthMode.PASSWORD))
    assert "{{siteName}}" in text and "{{webExID}}" in text and "{{password}}" in text


def test_build_envelope_is_pretty_declared_and_escapes_values():
    creds = Credentials("acme", AuthMode.PASSWORD, webex_id="a<b", secret="p&w")
    envelope = build_envelope(
        [
            BodySpec("java:com.webex.service.binding.ep.GetSessionInfo",
                     "<sessionKey>{{sessionKey}}</sessionKey>\n<x>\n    <y>1</y>\n</x>"),
            ("site.GetSite", ""),
        ],
        creds,
    )
    lines = envelope.splitlines()
    assert lines[0] == '<?xml version="1.0" encoding="UTF-8"?>'
    assert "            <sessionKey>{{sessionKey}}</sessionKey>" in lines
    assert "                <y>1</y>" in lines
    assert '        <bodyContent xsi:type="java:com.webex.service.binding.site.GetSite"/>' in lines
    parsed = parse_envelope(envelope)
    assert parsed.security["webExID"] == "a<b"
    assert parsed.security["password"] == "p&w"
    assert [(b.package, b.command) for b in parsed.bodies] == [
        ("ep", "GetSessionInfo"), ("site", "GetSite"),
    ]
    assert parsed.root.tag == f"{{{SERV}}}message"


def test_build_envelope_needs_a_body():
    with pytest.raises(EnvelopeError):
        build_envelope([], Credentials("acme"))
    with pytest.raises(EnvelopeError):
        build_envelope([("", "")], Credentials("acme"))


def test_set_security_values_replaces_the_block():
    envelope = build_envelope([("ep.GetAPIVersion", "")], Credentials("a", AuthMode.ANONYMOUS))
    updated = set_security_values(
        envelope, Credentials("b", AuthMode.PASSWORD, webex_id="me", secret="pw")
    )
    assert _security_children(updated) == [("webExID", "me"), ("password", "pw"),
                                           ("siteName", "b")]


def test_split_http_paste_ordinary_request():
    text = (
        "POST /WBXService/XMLService HTTP/1.1\r\nHost: acme.webex.com\r\n"
        "Content-Type: text/xml; charset=utf-8\r\n\r\n<serv:message/>"
    )
    line, headers, body = split_http_paste(text)
    assert line == "POST /WBXService/XMLService HTTP/1.1"
    assert headers == {"Host": "acme.webex.com", "Content-Type": "text/xml; charset=utf-8"}
    assert body == "<serv:message/>"


def test_split_http_paste_without_a_request_line_is_all_body():
    assert split_http_paste("<a/>") == (None, {}, "<a/>")


def test_parse_envelope_of_the_one_line_jwt_request_in_the_notes():
    parsed = parse_envelope(sample_at(343).text)
    assert parsed.http_request_line == "POST https://{sitename}.webex.com/WBXService/XMLService"
    assert parsed.http_headers == {
        "Content-Type": "application/json;charset=utf-8", "JWTToken": "${jwttoken}",
    }
    assert parsed.security == {"siteName": "{sitename}"}
    assert [(b.package, b.command) for b in parsed.bodies] == [("user", "GetUserCard")]


def test_parse_envelope_of_a_bare_fragment():
    parsed = parse_envelope(
        '<bodyContent xsi:type="java:com.webex.service.binding.meeting.GetMeeting">'
        "<meetingKey>1</meetingKey></bodyContent>"
    )
    assert parsed.fragment
    assert parsed.security == {}
    assert [(b.package, b.command) for b in parsed.bodies] == [("meeting", "GetMeeting")]


def test_parse_envelope_error_positions_refer_to_the_paste():
    # ja:L173: a CreateMeeting fragment whose bodyContent is never closed.
    sample = sample_at(173)
    with pytest.raises(XMLInputError) as info:
        parse_envelope(sample.text)
    assert info.value.line is not None
    assert info.value.line <= sample.text.count("\n") + 1
    with pytest.raises(XMLInputError) as info:
        parse_envelope("<bodyContent>\n  <a></b>\n</bodyContent>")
    assert (info.value.line, info.value.column) == (2, 10)
    assert "line 2, column 10" in str(info.value)


def test_parse_envelope_declared_iso_8859_1_bytes():
    sample = sample_at(686)
    parsed = parse_envelope(sample.text.encode("latin-1"))
    assert parsed.bodies[0].command == "GetMeeting"


def test_parse_envelope_refuses_non_envelopes():
    with pytest.raises(EnvelopeError):
        parse_envelope("<serv:message xmlns:serv='x'><header/></serv:message>")
    with pytest.raises(XMLInputError):
        parse_envelope("")
    with pytest.raises(XMLInputError):
        parse_envelope('<!DOCTYPE x [<!ENTITY a "b">]><serv:message/>')


def test_non_breaking_spaces_from_web_pages_are_read_as_spaces():
    sample = sample_at(17)  # the notes indent with U+00A0, even inside start tags
    prepared = prepare_document(sample.text)
    assert prepared.nbsp_count > 0 and prepared.nbsp_first_line == 2
    parsed = parse_envelope(sample.text)
    assert parsed.bodies[0].command == "GetSessionInfo"


@pytest.mark.parametrize("sample", notes_samples(), ids=lambda s: s.id)
def test_every_notes_example_parses_or_fails_with_a_declared_error(sample):
    try:
        parsed = parse_envelope(sample.text)
    except (XMLInputError, EnvelopeError) as exc:
        assert "\n" not in str(exc)
    else:
        assert parsed.bodies


def test_pretty_xml_reindents_and_keeps_text():
    text = pretty_xml('<a><b>x</b><c><d>y</d></c></a>')
    assert text.splitlines() == [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<a>", "    <b>x</b>", "    <c>", "        <d>y</d>", "    </c>", "</a>",
    ]
    # a response copied from the notes, indented with U+00A0 inside its start tags
    assert "<serv:response>" in pretty_xml(sample_at(1187).text.encode("utf-8"))
    with pytest.raises(XMLInputError):
        pretty_xml("<a>")


def test_split_http_paste_lower_case_method_and_body_right_after_headers():
    line, headers, body = split_http_paste(
        "post https://acme.webex.com/WBXService/XMLService\nJWTToken: abc\n<serv:message/>"
    )
    assert line == "POST https://acme.webex.com/WBXService/XMLService"
    assert headers == {"JWTToken": "abc"}
    assert body == "<serv:message/>"
