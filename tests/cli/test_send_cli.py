"""``webex-explorer send`` against a plain loopback HTTP server: exit codes, variables, JWT."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from explorer.core.history import HistoryStore
from explorer.core.response import split_http_response
from tests.cli.conftest import FakeSite, assert_one_line_error, run_cli

DATA = Path(__file__).parent / "data"
SUCCESS = split_http_response((DATA / "getsessioninfo_success.http").read_bytes())[2]
FAILURE = (DATA / "createmeeting_failure.xml").read_bytes()


def _request(tmp_path: Path, command: str = "GetSessionInfo", *extra: str) -> Path:
    shown = run_cli("templates", "show", command, *extra)
    assert shown.code == 0, shown.err
    path = tmp_path / f"{command}.xml"
    path.write_text(shown.out)
    return path


def _add_profile(url: str, *extra: str, name: str = "acme") -> None:
    added = run_cli(
        "profiles", "add", name, "--site", "acme", "--url", url, "--auth", "password",
        "--webex-id", "bob", *extra,
    )
    assert added.code == 0, added.err


SECRET_ENV = {"WEBEX_EXPLORER_SECRET_ACME": "pa55-w0rd"}


def test_success_exits_0_and_resolves_variables_from_the_profile(
    fake_site: FakeSite, tmp_path: Path
) -> None:
    fake_site.reply = SUCCESS
    _add_profile(fake_site.url)
    request = _request(tmp_path)
    text = request.read_text().replace("{{sessionKey}}", "123456789")
    request.write_text(text)
    result = run_cli("send", str(request), "--profile", "acme", "--json", env=SECRET_ENV)
    assert result.code == 0, result.err
    decoded = json.loads(result.out)
    assert decoded["result"] == "SUCCESS"
    assert decoded["http_status"] == 200
    assert decoded["meeting_uuids"][0]["value"] == "a1b2c3d4e5f60718293a4b5c6d7e8f90"
    (exchange,) = fake_site.received
    sent = exchange.body.decode()
    assert "<siteName>acme</siteName>" in sent
    assert "<webExID>bob</webExID>" in sent
    assert "<password>pa55-w0rd</password>" in sent
    assert "<sessionKey>123456789</sessionKey>" in sent
    assert "{{" not in sent
    assert exchange.headers["Content-Type"].startswith("text/xml")
    assert "JWTToken" not in exchange.headers
    assert "pa55-w0rd" not in result.out + result.err


_PROSE_REQUEST = """<?xml version="1.0" encoding="UTF-8"?>
<serv:message xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xmlns:serv="http://www.webex.com/schemas/2002/06/service">
    <header>
        <securityContext>
            <siteName>{{siteName}}</siteName>
            <webExID>{{webExID}}</webExID>
            <password>{{password}}</password>
        </securityContext>
    </header>
    <body>
        <bodyContent xsi:type="java:com.webex.service.binding.ep.GetSessionInfo">
            BODY
        </bodyContent>
    </body>
</serv:message>
"""


def test_lint_errors_stop_the_request_before_it_is_sent(
    fake_site: FakeSite, tmp_path: Path
) -> None:
    fake_site.reply = SUCCESS
    _add_profile(fake_site.url)
    request = tmp_path / "prose.xml"
    request.write_text(_PROSE_REQUEST.replace(
        "BODY", "<sessionKey>805325231</sessionKey> または "
        "<meetingUUID>039c00dd25c64ab0812dda22bb8a4fcc</meetingUUID>"), encoding="utf-8")
    stopped = run_cli("send", str(request), "--profile", "acme", env=SECRET_ENV)
    assert stopped.code == 2, stopped.err
    assert fake_site.received == []
    assert stopped.out == ""
    lines = stopped.err.splitlines()
    assert lines[0].startswith('line 12: [prose-in-xml] "または"'), lines
    assert "warning: line 12: [exclusive-elements] " in lines[1]
    assert lines[-1] == ("error: not sent: lint found 1 error (above); fix the request, or "
                         "send it anyway with --no-lint")
    assert "pa55-w0rd" not in stopped.err
    # --no-lint sends it as written
    sent = run_cli("send", str(request), "--profile", "acme", "--no-lint", env=SECRET_ENV)
    assert sent.code == 0, sent.err
    (exchange,) = fake_site.received
    assert "または" in exchange.body.decode()


def test_lint_warnings_are_printed_and_the_request_goes_out(
    fake_site: FakeSite, tmp_path: Path
) -> None:
    fake_site.reply = SUCCESS
    _add_profile(fake_site.url)
    request = tmp_path / "short-uuid.xml"
    request.write_text(_PROSE_REQUEST.replace(
        "BODY", "<meetingUUID>039c00dd25c64ab0812dda22bb8a4fc</meetingUUID>"))
    result = run_cli("send", str(request), "--profile", "acme", "--json", env=SECRET_ENV)
    assert result.code == 0, result.err
    assert len(fake_site.received) == 1
    assert result.err.startswith("warning: line 12: [meeting-uuid] <meetingUUID>")
    assert json.loads(result.out)["result"] == "SUCCESS"


def test_send_help_documents_no_lint() -> None:
    shown = run_cli("send", "--help")
    assert "--no-lint" in shown.out and "lint errors stop it" in " ".join(shown.out.split())


def test_the_exchange_is_in_the_history_without_the_secret(
    fake_site: FakeSite, tmp_path: Path, isolated_dirs: dict[str, Path]
) -> None:
    fake_site.reply = FAILURE
    _add_profile(fake_site.url)
    request = _request(tmp_path, "GetSite")
    assert run_cli("send", str(request), "--profile", "acme", env=SECRET_ENV).code == 1
    assert run_cli("send", str(request), "--profile", "acme", "--no-history",
                   env=SECRET_ENV).code == 1
    (entry,) = HistoryStore(isolated_dirs["data"] / "history.sqlite3").list()
    assert (entry.profile, entry.command, entry.result, entry.exception_id) == (
        "acme", "GetSite", "FAILURE", "060016"
    )
    assert "<siteName>acme</siteName>" in entry.request
    assert "pa55-w0rd" not in entry.request


def test_text_output_has_the_banner_and_no_secret(fake_site: FakeSite, tmp_path: Path) -> None:
    fake_site.reply = SUCCESS
    _add_profile(fake_site.url)
    request = _request(tmp_path, "GetSite")
    result = run_cli("send", str(request), "--profile", "acme", env=SECRET_ENV)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].startswith("HTTP 200 from http://127.0.0.1:")
    assert "SUCCESS" in result.out.splitlines()[1]
    assert "pa55-w0rd" not in result.out


def test_failure_exits_1(fake_site: FakeSite, tmp_path: Path) -> None:
    fake_site.reply = FAILURE
    _add_profile(fake_site.url)
    request = _request(tmp_path, "GetSite")
    result = run_cli("send", str(request), "--profile", "acme", "--json", env=SECRET_ENV)
    assert result.code == 1, result.err
    assert json.loads(result.out)["exception_id"] == "060016"


def test_an_unresolved_variable_stops_before_sending(fake_site: FakeSite, tmp_path: Path) -> None:
    fake_site.reply = SUCCESS
    _add_profile(fake_site.url)
    request = _request(tmp_path)  # {{sessionKey}} has no value anywhere
    assert_one_line_error(
        run_cli("send", str(request), "--profile", "acme", env=SECRET_ENV), "{{sessionKey}}",
        "--set sessionKey=VALUE",
    )
    assert fake_site.received == []


def test_a_missing_secret_is_named(fake_site: FakeSite, tmp_path: Path) -> None:
    _add_profile(fake_site.url)
    assert_one_line_error(
        run_cli("send", str(_request(tmp_path, "GetSite")), "--profile", "acme"),
        "WEBEX_EXPLORER_SECRET_ACME",
    )
    assert fake_site.received == []


def test_url_without_profile_and_the_jwt_header(fake_site: FakeSite, tmp_path: Path) -> None:
    fake_site.reply = SUCCESS
    request = tmp_path / "anon.xml"
    request.write_text(
        _request(tmp_path, "GetSite").read_text()
        .replace("{{siteName}}", "acme").replace("{{webExID}}", "bob")
        .replace("{{password}}", "literal")
    )
    result = run_cli("send", str(request), "--url", fake_site.url, "--jwt", "eyJhbGciOi.x.y")
    assert result.code == 0, result.err
    assert fake_site.received[0].headers["JWTToken"] == "eyJhbGciOi.x.y"


def test_a_jwt_profile_sends_its_token_in_the_header(fake_site: FakeSite, tmp_path: Path) -> None:
    fake_site.reply = SUCCESS
    added = run_cli("profiles", "add", "api", "--site", "acme", "--url", fake_site.url,
                    "--auth", "jwt")
    assert added.code == 0, added.err
    request = _request(tmp_path, "GetSite", "--profile", "api")
    result = run_cli("send", str(request), "--profile", "api",
                     env={"WEBEX_EXPLORER_SECRET_API": "eyJ0eXAi.payload.sig"})
    assert result.code == 0, result.err
    (exchange,) = fake_site.received
    assert exchange.headers["JWTToken"] == "eyJ0eXAi.payload.sig"
    assert b"<password>" not in exchange.body


def test_request_from_stdin_and_url_overrides_the_profile(
    fake_site: FakeSite, tmp_path: Path
) -> None:
    fake_site.reply = SUCCESS
    _add_profile("http://127.0.0.1:9/never")
    request = _request(tmp_path, "GetSite").read_text()
    result = run_cli("send", "-", "--profile", "acme", "--url", fake_site.url, stdin=request,
                     env=SECRET_ENV)
    assert result.code == 0, result.err
    assert len(fake_site.received) == 1


@pytest.mark.parametrize(
    ("status", "content_type", "reply", "needle"),
    [
        (200, "text/html", b"<html><head><title>Maintenance</title></head></html>", "HTML"),
        (500, "text/plain", b"oops", "500"),
        (403, "text/plain", b"Forbidden", "403"),
        (200, "text/xml", b"", "empty"),
    ],
)
def test_http_problems_exit_2(
    fake_site: FakeSite, tmp_path: Path, status: int, content_type: str, reply: bytes,
    needle: str,
) -> None:
    fake_site.status, fake_site.content_type, fake_site.reply = status, content_type, reply
    _add_profile(fake_site.url)
    result = run_cli("send", str(_request(tmp_path, "GetSite")), "--profile", "acme",
                     env=SECRET_ENV)
    assert_one_line_error(result, needle)


def test_connection_refused_exits_2(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    request = _request(tmp_path, "GetSite")
    result = run_cli("send", str(request), "--url", f"http://127.0.0.1:{port}/WBXService/XMLService")
    # the variables are checked first: without a profile they cannot resolve
    assert_one_line_error(result, "{{siteName}}")
    literal = tmp_path / "literal.xml"
    literal.write_text(
        request.read_text().replace("{{siteName}}", "a").replace("{{webExID}}", "b")
        .replace("{{password}}", "c")
    )
    result = run_cli("send", str(literal), "--url", f"http://127.0.0.1:{port}/WBXService/XMLService")
    message = assert_one_line_error(result, "refused")
    assert message.count("(") == 0, message  # one plain sentence, no stacked parentheticals


@pytest.mark.parametrize(
    ("content", "needle", "lint_error"),
    [
        ("<serv:message><unclosed>", "not well-formed", True),
        ("<html><body>hello</body></html>", "bodyContent", False),  # well-formed: the parser's
        ("just some prose", "XML", True),
    ],
)
def test_malformed_requests_exit_2(
    fake_site: FakeSite, tmp_path: Path, content: str, needle: str, lint_error: bool
) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(content)
    if lint_error:  # lint stops it first, one line per finding and a last error line
        linted = run_cli("send", str(path), "--url", fake_site.url)
        assert linted.code == 2 and "Traceback" not in linted.err
        *findings, last = linted.err.splitlines()
        assert findings and all(re.match(r"line \d+: \[[a-z-]+\] ", f) for f in findings)
        assert last.startswith("error: not sent: lint found") and "--no-lint" in last
    else:
        assert_one_line_error(run_cli("send", str(path), "--url", fake_site.url), needle)
    # without lint, the parser says it in one line
    assert_one_line_error(run_cli("send", str(path), "--url", fake_site.url, "--no-lint"),
                          needle)
    assert fake_site.received == []


def test_unknown_profile_and_missing_file(tmp_path: Path) -> None:
    request = _request(tmp_path, "GetSite")
    assert_one_line_error(run_cli("send", str(request), "--profile", "nope"), "unknown profile")
    assert_one_line_error(run_cli("send", str(tmp_path / "none.xml")), "no such file")


def test_bad_timeout_is_a_usage_error(tmp_path: Path) -> None:
    assert_one_line_error(
        run_cli("send", str(_request(tmp_path, "GetSite")), "--timeout", "-1"), "--timeout"
    )


def test_a_bare_bodycontent_is_sent_in_the_profiles_envelope(
    fake_site: FakeSite, tmp_path: Path
) -> None:
    fake_site.reply = SUCCESS
    _add_profile(fake_site.url)
    fragment = tmp_path / "fragment.xml"
    fragment.write_text(
        '<bodyContent xsi:type="java:com.webex.service.binding.ep.GetSessionInfo">\n'
        "    <sessionKey>805325231</sessionKey>\n</bodyContent>\n"
    )
    result = run_cli("send", str(fragment), "--profile", "acme", env=SECRET_ENV)
    assert result.code == 0, result.err
    sent = fake_site.received[0].body.decode()
    assert sent.startswith("<?xml")
    assert "<serv:message" in sent and "<siteName>acme</siteName>" in sent
    assert "<password>pa55-w0rd</password>" in sent
    assert "<sessionKey>805325231</sessionKey>" in sent


def test_set_gives_variables_values(fake_site: FakeSite, tmp_path: Path) -> None:
    fake_site.reply = SUCCESS
    _add_profile(fake_site.url)
    request = _request(tmp_path)  # has {{sessionKey}}
    result = run_cli("send", str(request), "--profile", "acme", "--set", "sessionKey=42",
                     "--set", "{{password}}=given-on-the-line")
    assert result.code == 0, result.err
    sent = fake_site.received[0].body.decode()
    assert "<sessionKey>42</sessionKey>" in sent
    assert "<password>given-on-the-line</password>" in sent
    assert_one_line_error(run_cli("send", str(request), "--set", "novalue"), "NAME=VALUE")


def test_the_sandbox_profile_without_a_sandbox_says_how_to_start_one(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    request = _request(tmp_path, "GetSite", "--profile", "sandbox")
    result = run_cli("send", str(request), "--url", f"http://127.0.0.1:{port}/WBXService/XMLService",
                     "--profile", "sandbox")
    message = assert_one_line_error(result, "refused", "webex-explorer sandbox")
    assert message.strip() == (
        f"error: connection refused by 127.0.0.1:{port}: the sandbox is not running there; "
        "start it with `webex-explorer sandbox`")
