"""``webex-explorer inspect FILE|-`` through a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import assert_one_line_error, run_cli

DATA = Path(__file__).parent / "data"


def test_json_of_a_saved_http_response() -> None:
    result = run_cli("inspect", str(DATA / "getsessioninfo_success.http"), "--json")
    assert result.code == 0, result.err
    decoded = json.loads(result.out)
    assert {
        "result", "reason", "exception_id", "exception", "response_type", "meeting_uuids",
        "keys", "registration_form",
    } <= set(decoded)
    assert decoded["result"] == "SUCCESS"
    assert decoded["http_status"] == 200
    assert decoded["response_type"] == "ep:getSessionInfoResponse"
    assert [h["value"] for h in decoded["meeting_uuids"]] == ["a1b2c3d4e5f60718293a4b5c6d7e8f90"]
    assert [h["value"] for h in decoded["keys"]["sessionKey"]] == ["123456789"]
    assert [h["value"] for h in decoded["keys"]["confID"]] == ["987654321"]
    assert decoded["keys"]["meetingKey"] == []
    assert decoded["registration_form"] is None


def test_text_shows_banner_fields_and_the_pretty_response() -> None:
    result = run_cli("inspect", str(DATA / "getsessioninfo_success.http"))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "HTTP 200"
    assert lines[1].startswith("SUCCESS")
    assert any("meetingUUID" in ln and "a1b2c3d4e5f60718293a4b5c6d7e8f90" in ln for ln in lines)
    # the one-line response comes back indented
    assert "        <serv:response>" in result.out


def test_failure_is_explained_from_the_catalog() -> None:
    result = run_cli("inspect", "-", stdin=(DATA / "createmeeting_failure.xml").read_text())
    assert result.code == 0, result.err
    assert result.out.startswith("FAILURE")
    assert "060016" in result.out
    assert "now + 5 minutes" in result.out
    decoded = json.loads(
        run_cli("inspect", "-", "--json",
                stdin=(DATA / "createmeeting_failure.xml").read_bytes()).out
    )
    assert decoded["exception_id"] == "060016"
    assert decoded["exception"]["since"] == "40.2.0"
    assert "5 minutes" in decoded["exception"]["hint"]


def test_registration_form_table() -> None:
    result = run_cli("inspect", str(DATA / "getmeeting_registration.xml"), "--json")
    assert result.code == 0, result.err
    decoded = json.loads(result.out)
    assert decoded["registration_form"] == {"title": True, "company": False}
    assert [h["value"] for h in decoded["keys"]["meetingKey"]] == ["6543210"]


def test_an_html_page_is_named_not_decoded() -> None:
    assert_one_line_error(
        run_cli("inspect", str(DATA / "html_error.html")), "HTML page", "503 Service Unavailable"
    )


def test_a_truncated_document_is_named() -> None:
    assert_one_line_error(run_cli("inspect", str(DATA / "truncated.xml")), "truncated")


def test_empty_input() -> None:
    assert_one_line_error(run_cli("inspect", "-", stdin=b""), "empty")


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.xml"
    assert_one_line_error(run_cli("inspect", str(missing)), str(missing), "no such file")


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("inspect", str(tmp_path)), "directory")


C1_FAILURE = (
    '<serv:message xmlns:serv="http://www.webex.com/schemas/2002/06/service">'
    "<serv:header><serv:response><serv:result>FAILURE</serv:result>"
    "<serv:reason>bad&#x9b;31mred&#x1b;]52;c;AAAA&#x07;</serv:reason>"
    "<serv:gsbStatus>PRIMARY</serv:gsbStatus><serv:exceptionID>000015</serv:exceptionID>"
    "</serv:response></serv:header><serv:body><serv:bodyContent/></serv:body></serv:message>"
)


def test_control_characters_from_the_server_never_reach_the_terminal() -> None:
    # XML 1.0 allows C1 controls (&#x9b; is a CSI); ESC and BEL arrive escaped here only
    # because lxml refuses them raw, so the reason is built from character references.
    doc = C1_FAILURE.replace("&#x1b;", "").replace("&#x07;", "")
    for extra in ((), ("--json",)):
        result = run_cli("inspect", "-", *extra, stdin=doc)
        assert result.code == 0, result.err
        assert "\x9b" not in result.out
        assert ("\\x9b" in result.out) if not extra else ("\\u009b" in result.out)
    decoded = json.loads(run_cli("inspect", "-", "--json", stdin=doc).out)
    assert decoded["reason"] == "bad\x9b31mred]52;c;AAAA"


def test_a_batched_answer_shows_every_bodycontent(tmp_path: Path) -> None:
    from explorer.sandbox import SandboxConfig, start_sandbox
    from explorer.sandbox.demo import DEMO_SESSION_KEY
    from tests.sandbox.helpers import call

    with start_sandbox(SandboxConfig()) as handle:
        answer = call(handle.url, ("user.GetUser", "<webExId>nobody</webExId>"),
                      ("meeting.GetMeeting", "<meetingKey>111</meetingKey>"),
                      ("ep.GetSessionInfo", f"<sessionKey>{DEMO_SESSION_KEY}</sessionKey>"))
    path = tmp_path / "batch.xml"
    path.write_bytes(answer.raw)
    decoded = json.loads(run_cli("inspect", str(path), "--json").out)
    parts = [(p["result"], p["exception_id"], p["response_type"]) for p in decoded["parts"]]
    assert parts == [("FAILURE", answer.exception_ids[0], None),
                     ("FAILURE", answer.exception_ids[1], None),
                     ("SUCCESS", None, "ep:getSessionInfoResponse")]
    assert all(p["exception"] for p in decoded["parts"][:2])
    text = run_cli("inspect", str(path)).out
    assert text.splitlines()[0] == "FAILURE  2 of 3 bodyContents failed"
    assert "  [2] FAILURE" in text and "  [3] SUCCESS  ep:getSessionInfoResponse" in text
    assert f"exception {answer.exception_ids[1]}" in text


def test_a_saved_http_403_is_explained_as_the_usage_limit(tmp_path: Path) -> None:
    path = tmp_path / "forbidden.txt"
    path.write_bytes(b"HTTP/1.1 403 Forbidden\r\nRetry-After: 60\r\nContent-Type: text/html\r\n"
                     b"\r\n<html><head><title>403 Forbidden</title></head></html>")
    assert_one_line_error(run_cli("inspect", str(path)), "HTTP 403", "40.4.5",
                          "Retry-After: 60")


def test_a_meeting_uuid_that_is_not_one_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "lss.xml"
    path.write_text(
        '<serv:message xmlns:serv="http://www.webex.com/schemas/2002/06/service" '
        'xmlns:ep="http://www.webex.com/schemas/2002/06/service/ep"><serv:header><serv:response>'
        "<serv:result>SUCCESS</serv:result></serv:response></serv:header><serv:body>"
        "<serv:bodyContent><ep:session><ep:sessionKey>809914325</ep:sessionKey>"
        "<ep:MeetingUUID>809914325</ep:MeetingUUID><ep:meetingUUID>"
        "039c00dd25c64ab0812dda22bb8a4fcc</ep:meetingUUID></ep:session></serv:bodyContent>"
        "</serv:body></serv:message>")
    hits = json.loads(run_cli("inspect", str(path), "--json").out)["meeting_uuids"]
    assert [(h["value"], h["problem"]) for h in hits] == [
        ("809914325", "not a meetingUUID (32 hex digits)"),
        ("039c00dd25c64ab0812dda22bb8a4fcc", None)]
    assert "809914325  " in run_cli("inspect", str(path)).out
    assert "(not a meetingUUID (32 hex digits))" in run_cli("inspect", str(path)).out
