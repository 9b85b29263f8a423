from __future__ import annotations

import ssl
import sys
import time
from collections.abc import Iterator

import pytest

from explorer.core.envelope import AuthMode
from explorer.core.errors import SecretError
from explorer.core.profiles import Profile, ProfileStore
from explorer.core.sending import (
    CONTENT_TYPE,
    credentials_for,
    send,
    send_async,
    send_options,
)
from explorer.core.xmlsafe import DEFAULT_MAX_BYTES
from tests.core.loopback_servers import (
    Loopback,
    free_port,
    self_signed_cert,
    serve,
    unaccepting_listener,
)

ENVELOPE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<serv:message '
    'xmlns:serv="http://www.webex.com/schemas/2002/06/service"><header><securityContext>'
    "<siteName>acme</siteName></securityContext></header><body><bodyContent "
    'xsi:type="java:com.webex.service.binding.ep.GetAPIVersion" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></body></serv:message>'
)


@pytest.fixture(autouse=True)
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[Loopback]:
    with serve() as running:
        yield running


def test_success_headers_timing_and_decoding(server: Loopback) -> None:
    result = send(ENVELOPE, url=server.at("/ok"), jwt="eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.sig")
    assert result.error is None, result.error
    assert result.ok and result.ok_http and result.status == 200
    assert result.decoded is not None and result.decoded.result == "SUCCESS"
    assert result.elapsed_ms > 0
    assert result.request_bytes == len(ENVELOPE.encode())
    assert result.url == server.at("/ok")
    assert result.headers["content-type"].startswith("text/xml")
    seen = server.requests[-1]
    assert seen.headers["Content-Type"] == CONTENT_TYPE == "text/xml; charset=utf-8"
    assert seen.headers["JWTToken"] == "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.sig"
    assert seen.body == ENVELOPE.encode()


def test_no_jwt_header_without_jwt(server: Loopback) -> None:
    send(ENVELOPE, url=server.at("/ok"))
    assert "JWTToken" not in server.requests[-1].headers


def test_failure_answer_is_decoded_not_an_error(server: Loopback) -> None:
    result = send(ENVELOPE, url=server.at("/fail"))
    assert result.error is None and result.ok_http and not result.ok
    assert result.decoded is not None and result.decoded.exception_id == "030002"


def test_html_with_200_is_named(server: Loopback) -> None:
    result = send(ENVELOPE, url=server.at("/html"))
    assert result.ok_http and result.decoded is None
    assert result.error_kind == "response"
    assert "HTML" in result.error and "Service Unavailable" in result.error


def test_connection_refused() -> None:
    port = free_port()
    result = send(ENVELOPE, url=f"http://127.0.0.1:{port}/x", timeout=5)
    assert result.error_kind == "refused" and result.status is None and not result.ok_http
    assert result.error == (
        f"connection refused by 127.0.0.1:{port}: nothing is listening "
        "there; check that the server is running and the port is right"
    )


def test_dns_failure() -> None:
    result = send(ENVELOPE, url="https://no-such-site.invalid/WBXService/XMLService", timeout=5)
    assert result.error_kind == "dns", result.error
    assert result.error.startswith("DNS lookup failed for no-such-site.invalid")


@pytest.mark.skipif(
    sys.platform != "linux", reason="relies on Linux dropping SYNs when the accept queue is full"
)
def test_connect_timeout() -> None:
    with unaccepting_listener() as port:
        result = send(ENVELOPE, url=f"http://127.0.0.1:{port}/x", timeout=0.3)
    assert result.error_kind == "connect-timeout", result.error
    assert "did not accept a connection within 0.3 s" in result.error


def test_read_timeout_is_not_retried(server: Loopback) -> None:
    before = len(server.requests)
    started = time.perf_counter()
    result = send(ENVELOPE, url=server.at("/hang"), timeout=0.3)
    assert time.perf_counter() - started < 5
    assert result.error_kind == "read-timeout"
    assert "before any answer" in result.error and "nothing was retried" in result.error
    assert len(server.requests) == before + 1  # sent exactly once


def test_reset_mid_body(server: Loopback) -> None:
    result = send(ENVELOPE, url=server.at("/reset"))
    assert result.error_kind == "reset", result.error
    assert result.status == 200 and not result.ok_http
    assert "mid-body" in result.error and "incomplete" in result.error


def test_403_with_retry_after(server: Loopback) -> None:
    result = send(ENVELOPE, url=server.at("/403"))
    assert result.status == 403 and result.error_kind == "http-403"
    assert result.retry_after == "30"
    assert "usage limit" in result.error and "40.4.5" in result.error
    assert "Retry-After says wait 30 s" in result.error


def test_403_without_retry_after(server: Loopback) -> None:
    result = send(ENVELOPE, url=server.at("/403-plain"))
    assert result.retry_after is None
    assert "no Retry-After given" in result.error


@pytest.mark.parametrize(("path", "status"), [("/500", 500), ("/503", 503)])
def test_5xx(server: Loopback, path: str, status: int) -> None:
    before = len(server.requests)
    result = send(ENVELOPE, url=server.at(path))
    assert result.status == status and result.error_kind == "http-5xx"
    assert f"HTTP {status}" in result.error and "nothing was retried" in result.error
    assert len(server.requests) == before + 1


def test_404_and_redirect_point_at_the_url(server: Loopback) -> None:
    assert "check the endpoint URL" in send(ENVELOPE, url=server.at("/nope")).error
    redirected = send(ENVELOPE, url=server.at("/redirect"))
    assert redirected.error_kind == "http-3xx" and "elsewhere.example" in redirected.error


def test_huge_declared_body_refused_without_reading(server: Loopback) -> None:
    result = send(ENVELOPE, url=server.at("/huge-declared"))
    assert result.error_kind == "too-large"
    assert "200 MB" in result.error and "128 MB" in result.error
    assert result.body == b""


def test_huge_streamed_body_stops_at_the_limit(server: Loopback) -> None:
    # No Content-Length: the client must count and stop (default limit, 200 MB sent).
    result = send(ENVELOPE, url=server.at("/huge-stream"))
    assert result.error_kind == "too-large", result.error
    assert f"limit {DEFAULT_MAX_BYTES // (1024 * 1024)} MB" in result.error
    assert result.body == b""


def test_small_limit(server: Loopback) -> None:
    result = send(ENVELOPE, url=server.at("/ok"), max_bytes=100)
    assert result.error_kind == "too-large"


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "not a url", "http://",
                                 "http://127.0.0.1:99999/x", "http://127.0.0.1:0/x"])
def test_bad_urls(url: str) -> None:
    result = send(ENVELOPE, url=url)
    assert result.error_kind == "url" and "\n" not in result.error


def test_jwt_with_line_break_is_refused_without_echo(server: Loopback) -> None:
    before = len(server.requests)
    result = send(ENVELOPE, url=server.at("/ok"), jwt="abc\r\nX-Evil: 1")
    assert result.error_kind == "jwt" and "abc" not in result.error
    assert len(server.requests) == before


def test_unencodable_request_is_not_sent(server: Loopback) -> None:
    before = len(server.requests)
    result = send(ENVELOPE.replace("acme", "ac\ud800me"), url=server.at("/ok"))
    assert result.error_kind == "request" and "nothing was sent" in result.error
    assert len(server.requests) == before


def test_bad_proxy_is_one_line(server: Loopback) -> None:
    result = send(
        ENVELOPE, url=server.at("/ok"), proxy=f"http://127.0.0.1:{free_port()}", timeout=5
    )
    assert result.error is not None and "\n" not in result.error
    assert result.error_kind in {"proxy", "refused"}


async def test_async_success_and_errors(server: Loopback) -> None:
    ok = await send_async(ENVELOPE, url=server.at("/ok"), jwt="j.w.t")
    assert ok.ok and server.requests[-1].headers["JWTToken"] == "j.w.t"
    hung = await send_async(ENVELOPE, url=server.at("/hang"), timeout=0.3)
    assert hung.error_kind == "read-timeout"
    reset = await send_async(ENVELOPE, url=server.at("/reset"))
    assert reset.error_kind == "reset"
    refused = await send_async(ENVELOPE, url=f"http://127.0.0.1:{free_port()}/")
    assert refused.error_kind == "refused"
    huge = await send_async(ENVELOPE, url=server.at("/huge-declared"))
    assert huge.error_kind == "too-large"
    limited = await send_async(ENVELOPE, url=server.at("/403"))
    assert limited.retry_after == "30"


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loopback]:
    made = self_signed_cert(tmp_path_factory.mktemp("tls"))
    if made is None:
        pytest.skip(
            "neither the cryptography package nor the openssl command is available "
            "to make a test certificate"
        )
    cert, key = made
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with serve(context) as running:
        yield running


def test_tls_self_signed_refused_by_default(tls_server: Loopback) -> None:
    result = send(ENVELOPE, url=tls_server.at("/ok"), timeout=5)
    assert result.error_kind == "tls", result.error
    assert "certificate verification failed" in result.error
    assert "verify_tls = false" in result.error
    unverified = send(ENVELOPE, url=tls_server.at("/ok"), timeout=5, verify=False)
    assert unverified.ok, unverified.error


def test_credentials_and_options_from_profiles(memory_keyring) -> None:
    store = ProfileStore()
    store.add(
        Profile(name="prod", site_name="acme", webex_id="alice", partner_id="P", client_info="CI"),
        secret="pw-42",
    )
    store.add(
        Profile(
            name="api",
            site_name="acme",
            auth="jwt",
            verify_tls=False,
            timeout=7,
            url="http://127.0.0.1:1/x",
        ),
        secret="eyJ.jwt.value",
    )
    creds = credentials_for(store.get("prod"))
    assert (creds.site_name, creds.webex_id, creds.secret) == ("acme", "alice", "pw-42")
    assert creds.auth == AuthMode.PASSWORD and creds.partner_id == "P"
    options = send_options(store.get("api"))
    assert options == {
        "url": "http://127.0.0.1:1/x",
        "jwt": "eyJ.jwt.value",
        "timeout": 7.0,
        "verify": False,
        "proxy": None,
    }
    sandbox = store.ensure_sandbox("http://127.0.0.1:2/x")
    assert credentials_for(sandbox).secret == "sandbox"


def test_credentials_without_secret(fail_keyring) -> None:
    store = ProfileStore()
    store.add(Profile(name="prod", site_name="acme", webex_id="alice"))
    with pytest.raises(SecretError, match="WEBEX_EXPLORER_SECRET_PROD"):
        credentials_for(store.get("prod"))
    assert credentials_for(store.get("prod"), require_secret=False).secret is None
    store.add(Profile(name="anon", site_name="acme", auth="anonymous"))
    assert credentials_for(store.get("anon")).secret is None


def test_sandbox_profile_sends_with_no_keyring(fail_keyring, server: Loopback) -> None:
    profile = ProfileStore().ensure_sandbox(server.at("/ok"))
    result = send(ENVELOPE, **send_options(profile))
    assert result.ok
