"""The hostile corpus sent to the sandbox over real HTTP: a FAILURE each time, and the server
keeps serving (the next well-formed request still succeeds)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from explorer.core.response import decode_response
from explorer.sandbox import SandboxConfig, SandboxHandle, start_sandbox
from tests.security.corpus import CASES, Case, Refused, Urls
from tests.security.helpers import says

API_VERSION = (
    '<?xml version="1.0" encoding="UTF-8"?><serv:message '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:serv="http://www.webex.com/schemas/2002/06/service"><header><securityContext>'
    "<siteName>sandbox</siteName><webExID>admin</webExID><password>sandbox</password>"
    '</securityContext></header><body><bodyContent xsi:type='
    '"java:com.webex.service.binding.ep.GetAPIVersion"/></body></serv:message>'
)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxHandle]:
    with start_sandbox(SandboxConfig()) as handle:
        yield handle


@pytest.fixture(scope="module")
def client(sandbox: SandboxHandle) -> Iterator[httpx.Client]:
    with httpx.Client(timeout=20, trust_env=False) as http:
        yield http


def assert_still_serving(client: httpx.Client, sandbox: SandboxHandle) -> None:
    reply = client.post(sandbox.url, content=API_VERSION, headers={"Content-Type": "text/xml"})
    assert reply.status_code == 200
    assert decode_response(reply.content).result == "SUCCESS"


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", [c for c in CASES if not c.big],
                         ids=[c.name for c in CASES if not c.big])
def test_hostile_request_gets_a_failure(
    case: Case, urls: Urls, tripwires, sandbox: SandboxHandle, client: httpx.Client
) -> None:
    tripwires.allow_port(sandbox.port)
    data = case.build(urls)
    start = time.perf_counter()
    reply = client.post(sandbox.url, content=data, headers={"Content-Type": "text/xml"})
    assert time.perf_counter() - start < 10
    assert reply.status_code == 200, reply.text[:300]
    decoded = decode_response(reply.content, content_type=reply.headers.get("content-type"))
    assert decoded.result == "FAILURE", f"{case.name}: {decoded.reason}"
    assert decoded.reason and "\n" not in decoded.reason
    if len(data) > sandbox.config.max_body_bytes:
        assert "limit" in decoded.reason
    elif isinstance(case.parse, Refused):  # the sandbox says what its parser refused
        assert says(decoded.reason, case.parse.fragments), decoded.reason
    tripwires.assert_untouched(reply.text)
    assert_still_serving(client, sandbox)


@pytest.mark.timeout(30)
def test_content_length_of_200_mb_is_refused_without_reading_it(
    sandbox: SandboxHandle, client: httpx.Client
) -> None:
    """Announce 200 MB, send 64 KB and stop: the answer must come anyway, quickly."""
    with socket.create_connection((sandbox.host, sandbox.port), timeout=10) as sock:
        sock.sendall(
            b"POST /WBXService/XMLService HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: text/xml\r\nContent-Length: 209715200\r\n\r\n"
            + b"<serv:message>" + b"x" * 65536
        )
        start = time.perf_counter()
        received = b""
        while b"</serv:message>" not in received:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
        assert time.perf_counter() - start < 5
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head[:200]
    decoded = decode_response(body)
    assert decoded.result == "FAILURE"
    assert "limit" in (decoded.reason or "")
    assert_still_serving(client, sandbox)


@pytest.mark.timeout(30)
def test_oversized_body_actually_sent_is_refused(sandbox, client) -> None:
    body = API_VERSION.replace("<siteName>", "<!--" + "x" * (3 * 1024 * 1024) + "--><siteName>")
    reply = client.post(sandbox.url, content=body)
    assert reply.status_code == 200
    decoded = decode_response(reply.content)
    assert decoded.result == "FAILURE" and "limit" in (decoded.reason or "")
    assert_still_serving(client, sandbox)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("length", [b"-5", b"abc", b"99999999999999999999999"])
def test_bad_content_length_is_answered(sandbox, client, length: bytes) -> None:
    with socket.create_connection((sandbox.host, sandbox.port), timeout=10) as sock:
        sock.sendall(
            b"POST /WBXService/XMLService HTTP/1.1\r\nHost: x\r\nContent-Length: " + length
            + b"\r\nConnection: close\r\n\r\n<a/>"
        )
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    assert received.startswith(b"HTTP/1.1 "), received[:200]
    status = int(received.split(b" ", 2)[1])
    assert status in (200, 400, 413)
    assert_still_serving(client, sandbox)


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "request_head",
    [
        b"POST /WBXService/XMLService HTTP/1.1\r\n" + b"X-Flood: y\r\n" * 5000 + b"\r\n",
        b"POST /" + b"a" * 100_000 + b" HTTP/1.1\r\n\r\n",
        b"GARBAGE\x00\xff\r\n\r\n",
        b"POST /WBXService/XMLService HTTP/9.9\r\nContent-Length: 4\r\n\r\n<a/>",
    ],
    ids=["header-flood", "long-request-line", "binary-request-line", "bad-http-version"],
)
def test_malformed_http_is_answered_and_the_server_keeps_serving(
    sandbox, client, request_head: bytes
) -> None:
    with socket.create_connection((sandbox.host, sandbox.port), timeout=10) as sock:
        try:
            sock.sendall(request_head)
            received = sock.recv(65536)
        except (ConnectionResetError, BrokenPipeError):
            received = b""  # dropping such a client is fine too
    if received.startswith(b"HTTP/"):
        assert int(received.split(b" ", 2)[1]) >= 400
    elif received:  # a request line without a version gets an HTTP/0.9-style error page
        assert b"400" in received, received[:200]
    assert_still_serving(client, sandbox)
