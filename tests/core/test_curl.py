from __future__ import annotations

import shlex
import shutil
import subprocess

import pytest

from explorer.core.curl import curl_command
from explorer.core.redact import REDACTED
from tests.core.loopback_servers import serve

ENVELOPE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<serv:message><header><securityContext>'
    "<webExID>o'brien</webExID><password>pw-SECRET</password></securityContext></header>"
    "<body/></serv:message>"
)


def test_redacted_by_default() -> None:
    command = curl_command(
        ENVELOPE, "https://acme.webex.com/WBXService/XMLService", jwt="eyJ.jwt-SECRET.x"
    )
    assert "pw-SECRET" not in command and "jwt-SECRET" not in command
    argv = shlex.split(command)
    assert argv[:5] == ["curl", "-sS", "-X", "POST", "https://acme.webex.com/WBXService/XMLService"]
    assert "Content-Type: text/xml; charset=utf-8" in argv
    assert f"JWTToken: {REDACTED}" in argv
    body = argv[argv.index("--data-binary") + 1]
    assert f"<password>{REDACTED}</password>" in body and "<webExID>o'brien</webExID>" in body


def test_reveal_and_options() -> None:
    command = curl_command(
        ENVELOPE, "http://h/x", jwt="J", reveal=True, verify=False, proxy="http://p:1", timeout=12
    )
    argv = shlex.split(command)
    assert argv[argv.index("--data-binary") + 1] == ENVELOPE
    assert "JWTToken: J" in argv and "--insecure" in argv
    assert argv[argv.index("--proxy") + 1] == "http://p:1"
    assert argv[argv.index("--max-time") + 1] == "12"
    assert "JWTToken" not in curl_command(ENVELOPE, "http://h/x")


def test_extra_secrets_redacted() -> None:
    command = curl_command("<a>tok-123</a>", "http://h/x", secrets=["tok-123"])
    assert "tok-123" not in command


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_command_really_runs() -> None:
    with serve() as server:
        command = curl_command(ENVELOPE, server.at("/ok"), jwt="J", reveal=True)
        done = subprocess.run(["sh", "-c", command], capture_output=True, timeout=20)
        assert done.returncode == 0, done.stderr
        assert b"SUCCESS" in done.stdout
        seen = server.requests[-1]
        assert seen.body == ENVELOPE.encode()
        assert seen.headers["JWTToken"] == "J"
        assert seen.headers["Content-Type"] == "text/xml; charset=utf-8"
