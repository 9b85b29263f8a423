"""Response decoding: results, exceptions, field index, registrationForm, non-XML answers."""

from __future__ import annotations

import gc

import pytest

from explorer.core.errors import ResponseError
from explorer.core.response import decode_response, split_http_response
from explorer.core.xmlsafe import parse_xml
from tests.fixtures.notes_samples import sample_at

NS = (
    'xmlns:serv="http://www.webex.com/schemas/2002/06/service" '
    'xmlns:com="http://www.webex.com/schemas/2002/06/common" '
    'xmlns:ep="http://www.webex.com/schemas/2002/06/service/ep" '
    'xmlns:meet="http://www.webex.com/schemas/2002/06/service/meeting" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def response(header: str, body: str = "<serv:bodyContent/>") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><serv:message {NS}><serv:header>{header}'
        f"</serv:header><serv:body>{body}</serv:body></serv:message>"
    )


FAILURE_060016 = response(
    "<serv:response><serv:result>FAILURE</serv:result>"
    "<serv:reason>The session start time must be later than the current time</serv:reason>"
    "<serv:gsbStatus>PRIMARY</serv:gsbStatus><serv:exceptionID>060016</serv:exceptionID>"
    "<serv:subErrors><serv:subError><serv:exceptionID>060016</serv:exceptionID>"
    "<serv:reason>startDate</serv:reason><serv:value>10/28/2020 17:35:00</serv:value>"
    "</serv:subError></serv:subErrors><serv:value>x</serv:value></serv:response>"
)


def test_getsessioninfo_response_of_the_notes():
    decoded = decode_response(sample_at(53).text.encode("utf-8"))
    assert decoded.result == "SUCCESS"
    assert decoded.ok
    assert decoded.gsb_status == "PRIMARY"
    assert decoded.response_types == ["ep:getSessionInfoResponse"]
    assert [(h.name, h.value, h.path) for h in decoded.meeting_uuids] == [
        ("ep:meetingUUID", "039c00dd25c64ab0812dda22bb8a4fcc",
         "/serv:message/serv:body/serv:bodyContent[1]/ep:meetingUUID"),
    ]
    keys = decoded.keys
    assert [(h.name, h.value) for h in keys["sessionKey"]] == [("ep:sessionkey", "805325231")]
    assert [h.value for h in keys["confID"]] == ["158941507534980823"]
    assert keys["meetingKey"] == []


def test_lstsummarysession_capital_meetinguuid_and_positions():
    decoded = decode_response(sample_at(522).text)
    uuids = decoded.meeting_uuids
    assert [(h.name, h.value) for h in uuids] == [("ep:MeetingUUID", "809914325")]
    assert uuids[0].path.endswith("/serv:bodyContent[1]/ep:session[1]/ep:MeetingUUID")
    assert [h.path.rsplit("/", 2)[-2] for h in decoded.keys["sessionKey"]] == [
        "ep:session[1]", "ep:session[2]",
    ]


def test_meetinguuid_spellings_and_meetingkey_case():
    body = (
        '<serv:bodyContent xsi:type="meet:createMeetingResponse">'
        "<meet:meetingkey>806745263</meet:meetingkey><meet:meetingUuid>ab</meet:meetingUuid>"
        "<meet:meetingKey> 7 </meet:meetingKey></serv:bodyContent>"
    )
    decoded = decode_response(response(
        "<serv:response><serv:result>SUCCESS</serv:result></serv:response>", body))
    assert [(h.kind, h.name, h.value) for h in decoded.fields] == [
        ("meetingKey", "meet:meetingkey", "806745263"),
        ("meetingUUID", "meet:meetingUuid", "ab"),
        ("meetingKey", "meet:meetingKey", "7"),
    ]


def test_failure_with_catalog_meaning_suberrors_and_json():
    decoded = decode_response(FAILURE_060016)
    assert decoded.result == "FAILURE" and not decoded.ok
    assert decoded.exception_id == "060016"
    assert decoded.exception is not None
    assert "now + 5 minutes" in decoded.exception.hint
    assert [(s.exception_id, s.reason, s.value) for s in decoded.sub_errors] == [
        ("060016", "startDate", "10/28/2020 17:35:00"),
    ]
    assert decoded.value == "x"
    data = decoded.to_json()
    assert set(data) >= {
        "result", "reason", "exception_id", "exception", "response_type", "meeting_uuids",
        "keys", "registration_form",
    }
    assert data["exception"] == {
        "meaning": decoded.exception.meaning, "since": "40.2.0", "hint": decoded.exception.hint,
    }
    assert data["keys"] == {"sessionKey": [], "meetingKey": [], "confID": []}
    assert data["registration_form"] is None
    assert data["response_type"] is None


def test_localised_failure_of_the_notes_is_kept_as_written():
    decoded = decode_response(sample_at(986).text.encode("utf-8"))
    assert decoded.result == "失敗"
    assert decoded.gsb_status == "プライマリー"
    assert decoded.exception_id == "000015"
    assert decoded.exception is not None and decoded.exception.since is None


def test_batched_response_reports_the_failing_part():
    header = (
        "<serv:response><serv:result>SUCCESS</serv:result></serv:response>"
        "<serv:response><serv:result>FAILURE</serv:result><serv:reason>Sorry, no record "
        "found</serv:reason><serv:exceptionID>000015</serv:exceptionID></serv:response>"
    )
    decoded = decode_response(response(header))
    assert decoded.result == "FAILURE"
    assert decoded.exception_id == "000015"
    assert [r[0] for r in decoded.responses] == ["SUCCESS", "FAILURE"]


def test_registration_form_of_the_notes():
    # ja:L226 starts mid-document; put it inside a GetMeeting response to decode it.
    fragment = sample_at(226).text.replace("\u00a0", " ")
    inner = fragment.split("</serv:bodyContent>")[0]
    doc = response(
        "<serv:response><serv:result>SUCCESS</serv:result></serv:response>",
        f'<serv:bodyContent xsi:type="meet:getMeetingResponse">{inner}</serv:bodyContent>',
    )
    decoded = decode_response(doc)
    assert decoded.registration_form == {
        "phone": False, "title": True, "company": True, "address1": False, "address2": False,
        "city": True, "state": True, "postalCode": False, "country": False, "fax": False,
    }
    assert decoded.to_json()["registration_form"]["city"] is True


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (b"", None, "an empty body"),
        (b"  \r\n ", None, "an empty body"),
        (b"<!DOCTYPE html><html><head><title>403 Forbidden</title></head></html>", None,
         "an HTML page (title: 403 Forbidden)"),
        (b"<html><body>Service unavailable</body></html>", "text/html", "an HTML page (no title)"),
        (b'<?xml version="1.0"?>\n<!-- proxy -->\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0'
         b'//EN" "x.dtd"><html><head><title>Gateway &amp; Timeout</title></head></html>', None,
         "an HTML page (title: Gateway & Timeout)"),
        (b'{"message": "Unauthorized"}', "application/json", "JSON"),
        (b"Service Temporarily Unavailable", "text/plain", "plain text"),
        (b"POST /WBXService/XMLService HTTP/1.1\r\n\r\n<a/>", None, "an HTTP request"),
        (response("<serv:response><serv:result>SUCCESS</serv:result></serv:response>")
         .encode()[:-40], None,
         "a truncated document"),
        ('<?xml version="1.0" encoding="UTF-8"?><serv:message xmlns:serv="x">caf\u00e9'
         "</serv:message>".encode("latin-1"), None, "charset"),
        (b'<?xml version="1.0" encoding="no-such-charset"?><a/>', None, "charset"),
        ('<a>caf\u00e9</a>'.encode("utf-16-le"), None, "NUL"),
        (b'<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/'
         b'soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>Server</faultcode>'
         b"<faultstring>Internal Error</faultstring></soapenv:Fault></soapenv:Body>"
         b"</soapenv:Envelope>", None, "a SOAP fault (Internal Error)"),
        (b"<result>ok</result>", None, "root is <result>"),
        (b'<message xmlns="http://www.webex.com/schemas/2009/05/service"/>', None, "2009/05"),
        (b"<serv:message xmlns:serv='http://www.webex.com/schemas/2002/06/service'>"
         b"<header><securityContext/></header></serv:message>", None, "a request envelope"),
        (b"<serv:message xmlns:serv='http://www.webex.com/schemas/2002/06/service'/>", None,
         "without header/serv:response"),
        (b"<meet:sipURL>x</meet:sipURL>", None, "an XML fragment starting with <meet:sipURL>"),
        (b"<serv:message xmlns:serv='http://www.webex.com/schemas/2002/06/service'><a></b>"
         b"<c/></serv:message>", None, "malformed XML"),
        (b'<!DOCTYPE m [<!ENTITY a "b">]><m>&a;</m>', None, "DOCTYPE"),
    ],
    ids=[
        "empty", "whitespace", "html-title", "html-no-title", "xhtml", "json", "plain-text",
        "http-request", "truncated", "latin1-labelled-utf8", "unknown-charset", "utf16-no-bom",
        "soap-fault", "other-root", "old-namespace", "request", "no-header", "fragment",
        "mismatched-tags", "doctype",
    ],
)
def test_non_responses_raise_a_one_line_response_error(data, content_type, expected):
    with pytest.raises(ResponseError) as info:
        decode_response(data, content_type=content_type)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message


def test_content_type_charset_is_used_when_the_document_declares_none():
    body = response("<serv:response><serv:result>SUCCESS</serv:result>"
                    "<serv:reason>caf\u00e9</serv:reason></serv:response>")
    raw = body.replace('<?xml version="1.0" encoding="UTF-8"?>', "").encode("latin-1")
    decoded = decode_response(raw, content_type="text/xml; charset=ISO-8859-1")
    assert decoded.reason == "caf\u00e9"
    with pytest.raises(ResponseError, match="unknown charset"):
        decode_response(raw, content_type="text/xml; charset=klingon")


def test_split_http_response_and_decode_with_status_line():
    saved = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml;charset=UTF-8\r\nX-Trace: 1\r\n\r\n"
        + sample_at(1073).text
    )
    status, headers, body = split_http_response(saved)
    assert status == 200
    assert headers == {"Content-Type": "text/xml;charset=UTF-8", "X-Trace": "1"}
    assert body.startswith(b"<?xml")
    assert decode_response(body).keys["meetingKey"][0].value == "806745263"
    # decode_response also accepts the saved form directly
    assert decode_response(saved.encode()).result == "SUCCESS"
    assert split_http_response(b"<a/>") == (None, {}, b"<a/>")
    status, headers, body = split_http_response(b"HTTP/1.1 403 Forbidden\n<html/>")
    assert (status, headers, body) == (403, {}, b"<html/>")


def _big_lstsummarysession(sessions: int) -> bytes:
    session = (
        "<ep:session><ep:sessionKey>{key}</ep:sessionKey><ep:MeetingUUID>{uuid}"
        "</ep:MeetingUUID><ep:confName>Team Meeting {i}</ep:confName>"
        "<ep:sessionType>3</ep:sessionType><ep:serviceType>MeetingCenter</ep:serviceType>"
        "<ep:hostWebExID>Test</ep:hostWebExID><ep:hostFirstName>Test</ep:hostFirstName>"
        "<ep:hostLastName>Test</ep:hostLastName><ep:timeZoneID>2</ep:timeZoneID>"
        "<ep:timeZone>GMT-10:00, Hawaii (Honolulu)</ep:timeZone><ep:status>NOT_INPROGRESS"
        "</ep:status><ep:startTime>10/12/2019 00:35:41</ep:startTime><ep:duration>60"
        "</ep:duration><ep:listStatus>PUBLIC</ep:listStatus><ep:hostEmail>Test@webex.com"
        "</ep:hostEmail><ep:passwordReq>true</ep:passwordReq><ep:hostJoined>false"
        "</ep:hostJoined><ep:participantsJoined>false</ep:participantsJoined><ep:confID>{conf}"
        "</ep:confID><ep:registration>false</ep:registration><ep:isRecurring>true"
        "</ep:isRecurring><ep:hostType>1019001</ep:hostType><ep:isAudioOnly>false"
        "</ep:isAudioOnly><ep:isTCSingleRecurrence>false</ep:isTCSingleRecurrence>"
        "<ep:isAllowJBH>false</ep:isAllowJBH><ep:isCETMeeting>true</ep:isCETMeeting>"
        "<ep:isException>false</ep:isException><ep:isNextUpcomingInstance>false"
        "</ep:isNextUpcomingInstance><ep:seriesMeetingKey>0</ep:seriesMeetingKey>"
        "<ep:recurrenceId>0</ep:recurrenceId><ep:isScheduledPMR>true</ep:isScheduledPMR>"
        "</ep:session>"
    )
    body = "".join(
        session.format(key=800000000 + i, uuid=f"{i:032x}", i=i, conf=141672157056861215 + i)
        for i in range(sessions)
    )
    return response(
        "<serv:response><serv:result>SUCCESS</serv:result><serv:gsbStatus>PRIMARY"
        "</serv:gsbStatus></serv:response>",
        '<serv:bodyContent xsi:type="ep:lstsummarySessionResponse"><ep:matchingRecords>'
        f"<serv:total>{sessions}</serv:total><serv:returned>{sessions}</serv:returned>"
        f"<serv:startFrom>1</serv:startFrom></ep:matchingRecords>{body}</serv:bodyContent>",
    ).encode()


def test_large_lstsummarysession_decodes_every_session():
    # Its speed against lxml is a benchmark figure (benchmarks/big_response.py), not a test.
    data = _big_lstsummarysession(10_000)
    assert len(data) > 10_000_000
    decoded = decode_response(data)
    assert len(decoded.meeting_uuids) == 10_000
    assert len(decoded.keys["sessionKey"]) == 10_000
    assert decoded.keys["confID"][-1].path.endswith("/ep:session[10000]/ep:confID")


@pytest.mark.parametrize("sessions", [300, 4_000], ids=["whole tree", "outline"])
def test_a_big_answers_hits_are_not_objects_the_garbage_collector_walks(sessions):
    # Every full collection walks each tracked object, holding the interpreter lock (and so
    # the UI loop) meanwhile: 150,000 hits as objects stalled a 50,000-session answer's load.
    data = _big_lstsummarysession(sessions)
    gc.collect()
    before = len(gc.get_objects())
    decoded = decode_response(data)
    gc.collect()
    grown = len(gc.get_objects()) - before
    assert len(decoded.fields) == 3 * sessions
    assert grown < sessions // 2, f"{grown} more tracked objects for {sessions} sessions"


def test_hardened_parser_is_the_one_used():
    with pytest.raises(ResponseError, match="DOCTYPE"):
        decode_response(b'<?xml version="1.0"?><!DOCTYPE serv:message SYSTEM "http://x/">'
                        b"<serv:message/>")
    # and the response root from parse_xml is what decode_response returns
    root = decode_response(FAILURE_060016).root
    assert root.tag == parse_xml(FAILURE_060016).tag


def test_with_its_non_breaking_spaces_read_as_spaces_the_problem_left_is_named() -> None:
    from explorer.core.errors import ResponseError

    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<serv:message\n\u00a0\u00a0xmlns:serv='
            '"http://www.webex.com/schemas/2002/06/service">\n<serv:header>...\n'
            "<serv:result>SUCCESS</serv:header></serv:message>")
    with pytest.raises(ResponseError) as info:
        decode_response(text.encode())
    assert "(line 5, column 35)" in str(info.value) and "line 3" not in str(info.value)
    assert str(info.value).endswith("(its non-breaking spaces, copied from a web page, read as "
                                    "spaces)")
