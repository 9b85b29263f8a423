"""Send an envelope over HTTP(S) and return one result object the CLI and the TUI share.

Transport problems never raise: they come back as ``SendResult.error``, one line. Nothing is
ever retried (a repeated Create* call would create twice). The body is streamed and reading
stops at ``max_bytes``, so a huge answer is refused without being held in memory.
"""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from explorer import __version__
from explorer.core.envelope import AuthMode, Credentials
from explorer.core.errors import ExplorerError, SecretError
from explorer.core.profiles import Profile, secret_for
from explorer.core.redact import redact_all
from explorer.core.response import DecodedResponse, decode_response
from explorer.core.secrets import SecretStore, env_var_name
from explorer.core.xmlsafe import DEFAULT_MAX_BYTES

CONTENT_TYPE = "text/xml; charset=utf-8"
DEFAULT_TIMEOUT = 30.0
MAX_RESPONSE_BYTES = DEFAULT_MAX_BYTES


@dataclass
class SendResult:
    ok_http: bool
    status: int | None
    headers: dict[str, str]
    body: bytes
    elapsed_ms: float
    url: str
    request_bytes: int
    decoded: DecodedResponse | None = None
    #: One line for the user when something went wrong (transport, HTTP status, not XML).
    error: str | None = None
    #: Machine-readable cause: refused, dns, connect-timeout, read-timeout, write-timeout,
    #: tls, proxy, reset, too-large, http-403, http-5xx, http-4xx, http-3xx, response, url,
    #: jwt, request.
    error_kind: str | None = None
    retry_after: str | None = None
    reason_phrase: str | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """An XML API answer that says SUCCESS."""
        return self.error is None and self.decoded is not None and self.decoded.result == "SUCCESS"

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def credentials_for(
    profile: Profile, secrets: SecretStore | None = None, *, require_secret: bool = True
) -> Credentials:
    """Credentials for building an envelope for ``profile`` (its secret from the store).

    With ``require_secret=False`` a missing secret gives ``secret=None`` (the envelope then
    shows a ``{{variable}}``) instead of ``SecretError``.
    """
    auth = AuthMode(str(profile.auth))
    try:
        secret = secret_for(profile, secrets)
    except SecretError:
        if require_secret:
            raise
        secret = None
    if secret is None and require_secret and auth != AuthMode.ANONYMOUS:
        raise SecretError(
            f"no secret for profile '{profile.name}': store one with `webex-explorer profiles "
            f"add {profile.name} ... --secret-stdin` or set {env_var_name(profile.name)}"
        )
    return Credentials(
        site_name=profile.site_name,
        auth=auth,
        webex_id=profile.webex_id,
        email=profile.email,
        secret=secret,
        partner_id=profile.partner_id,
        client_info=profile.client_info,
    )


def send_options(profile: Profile, secrets: SecretStore | None = None) -> dict[str, Any]:
    """Keyword arguments for ``send``/``send_async`` from a profile (JWT included for jwt)."""
    jwt = None
    if AuthMode(str(profile.auth)) == AuthMode.JWT:
        jwt = credentials_for(profile, secrets).secret
    return {
        "url": profile.endpoint,
        "jwt": jwt,
        "timeout": profile.timeout,
        "verify": profile.verify_tls,
        "proxy": profile.proxy,
    }


def request_headers(jwt: str | None = None) -> dict[str, str]:
    headers = {
        "Content-Type": CONTENT_TYPE,
        "Accept": "text/xml, application/xml;q=0.9, */*;q=0.1",
        "User-Agent": f"webex-xml-explorer/{__version__}",
    }
    if jwt:
        headers["JWTToken"] = jwt
    return headers


class _Failed(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class _Exchange:
    """What came back so far; filled while streaming."""

    url: str
    request_bytes: int
    started: float
    status: int | None = None
    reason: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytearray = field(default_factory=bytearray)
    failure: _Failed | None = None

    def begin(self, response: httpx.Response, max_bytes: int) -> None:
        """Record the status line and headers; refuse a declared body over the limit."""
        self.status, self.reason = response.status_code, response.reason_phrase
        self.headers = {k.lower(): v for k, v in response.headers.items()}
        declared = _declared_length(response.headers)
        if declared is not None and declared > max_bytes:
            raise _too_large(declared, 0, max_bytes)

    def take(self, chunk: bytes, max_bytes: int) -> None:
        self.body += chunk
        if len(self.body) > max_bytes:
            raise _too_large(None, max_bytes, max_bytes)

    def result(self, max_bytes: int) -> SendResult:
        elapsed_ms = (time.perf_counter() - self.started) * 1000.0
        result = SendResult(
            ok_http=self.status is not None and 200 <= self.status < 300,
            status=self.status,
            headers=self.headers,
            body=bytes(self.body),
            elapsed_ms=elapsed_ms,
            url=self.url,
            request_bytes=self.request_bytes,
            reason_phrase=self.reason,
        )
        if self.failure is not None:
            if self.failure.kind == "too-large":
                result.body = b""
            result.ok_http = False
            result.error, result.error_kind = self.failure.message, self.failure.kind
            return result
        _interpret(result, max_bytes)
        return result


def _host(url: str) -> str:
    try:
        parsed = httpx.URL(url)
    except Exception:
        return "the server"
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return f"{parsed.host}:{port}"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _check_jwt(jwt: str | None) -> None:
    if jwt is not None and not all(32 < ord(c) < 127 for c in jwt):
        raise _Failed(
            "jwt",
            "the JWT has spaces, line breaks or non-ASCII characters; it cannot "
            "go in the JWTToken header",
        )


def _check_url(url: str) -> None:
    try:
        parsed = httpx.URL(url)
    except Exception:
        raise _Failed(
            "url", "not a usable URL (expected https://host/WBXService/XMLService)"
        ) from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise _Failed("url", "not an http(s) URL (expected https://host/WBXService/XMLService)")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise _Failed("url", f"port {parsed.port} is not a TCP port (1-65535)")


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _map_error(
    exc: BaseException, exchange: _Exchange, timeout: float, secrets: list[str | None]
) -> _Failed:
    failure = _map_error_raw(exc, exchange, timeout)
    # Library messages can quote headers or URLs: never let a secret through.
    failure.message = redact_all(failure.message, secrets)
    return failure


def _map_error_raw(exc: BaseException, exchange: _Exchange, timeout: float) -> _Failed:
    host = _host(exchange.url)
    chain = _chain(exc)
    text = " ".join(str(e) for e in chain)
    got = len(exchange.body)
    if isinstance(exc, _Failed):
        return exc
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return _Failed(
            "connect-timeout",
            f"connect timeout: {host} did not accept a connection "
            f"within {timeout:g} s (is the host reachable? a firewall?)",
        )
    if isinstance(exc, httpx.ReadTimeout):
        where = f"after {got} bytes of the body" if exchange.status else "before any answer"
        return _Failed(
            "read-timeout",
            f"read timeout: {host} stopped answering {where} "
            f"(waited {timeout:g} s); the server may still have processed the request,"
            " so check before sending a Create* again (nothing was retried)",
        )
    if isinstance(exc, httpx.WriteTimeout):
        return _Failed(
            "write-timeout", f"write timeout: {host} did not take the request within {timeout:g} s"
        )
    if isinstance(exc, httpx.ProxyError):
        return _Failed("proxy", f"proxy failed to reach {host}: {_short(exc)}")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return _Failed("url", f"not a usable URL: {_short(exc)}")
    cert = next((e for e in chain if isinstance(e, ssl.SSLCertVerificationError)), None)
    if cert is not None or "CERTIFICATE_VERIFY_FAILED" in text:
        reason = getattr(cert, "verify_message", None) or "certificate not trusted"
        return _Failed(
            "tls",
            f"TLS certificate verification failed for {host}: {reason}; if "
            "you trust this server, turn off TLS verification for this profile "
            "(verify_tls = false)",
        )
    tls = next((e for e in chain if isinstance(e, ssl.SSLError)), None)
    if tls is not None:
        return _Failed(
            "tls",
            f"TLS handshake with {host} failed: {getattr(tls, 'reason', None) or _short(tls)}",
        )
    if any(isinstance(e, socket.gaierror) for e in chain) or any(
        s in text
        for s in (
            "Name or service not known",
            "nodename nor servname",
            "getaddrinfo failed",
            "Temporary failure in name resolution",
            "No address associated",
        )
    ):
        name = host.rsplit(":", 1)[0]
        return _Failed(
            "dns", f"DNS lookup failed for {name}: no such host (check the site name or URL)"
        )
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "Connection refused" in text:
        return _Failed(
            "refused",
            f"connection refused by {host}: nothing is listening there; check that the "
            "server is running and the port is right",
        )
    if isinstance(exc, httpx.ConnectError):
        return _Failed("connect", f"cannot connect to {host}: {_short(exc)}")
    reset = any(isinstance(e, ConnectionResetError | BrokenPipeError) for e in chain)
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError) or reset:
        if exchange.status is not None:
            return _Failed(
                "reset",
                f"connection reset by {host} mid-body after {got} bytes: "
                "the response is incomplete (nothing was retried)",
            )
        return _Failed(
            "reset",
            f"connection closed by {host} before it answered; the server "
            "may still have processed the request (nothing was retried)",
        )
    if isinstance(exc, httpx.WriteError):
        return _Failed("reset", f"connection to {host} broke while sending the request")
    if isinstance(exc, httpx.DecodingError):
        return _Failed("response", f"the body from {host} could not be decompressed")
    return _Failed("transport", f"request to {host} failed: {type(exc).__name__}: {_short(exc)}")


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _retry_after_text(value: str | None) -> str:
    if value is None:
        return ""
    value = value.strip()
    return f"{value} s" if value.isdigit() else value


def _interpret(result: SendResult, max_bytes: int) -> None:
    status = result.status or 0
    host = _host(result.url)
    content_type = result.headers.get("content-type")
    try:
        result.decoded = decode_response(
            result.body, content_type=content_type, max_bytes=max_bytes
        )
        decode_error = None
    except ExplorerError as exc:
        decode_error = exc.message
    except Exception as exc:  # a decoder bug must not take the caller down with it
        decode_error = f"the response could not be decoded ({type(exc).__name__})"
    retry = result.headers.get("retry-after")
    result.retry_after = retry
    label = f"HTTP {status} {result.reason_phrase or ''}".rstrip()
    if 200 <= status < 300:
        if decode_error:
            result.error, result.error_kind = decode_error, "response"
        return
    if status == 403:
        wait = (
            f"Retry-After says wait {_retry_after_text(retry)} before sending again"
            if retry
            else "no Retry-After given: wait a minute before sending again"
        )
        result.error_kind = "http-403"
        result.error = (
            f"{label} from {host}: refused; since 40.4.5 the site answers 403 when "
            f"the usage limit is reached; {wait}"
        )
    elif status == 429:
        wait = f"; Retry-After {_retry_after_text(retry)}" if retry else ""
        result.error_kind = "http-4xx"
        result.error = f"{label} from {host}: rate limited{wait}"
    elif status >= 500:
        wait = f"; Retry-After {_retry_after_text(retry)}" if retry else ""
        result.error_kind = "http-5xx"
        result.error = (
            f"{label} from {host}: server error; the request may or may not have "
            f"been processed (nothing was retried){wait}"
        )
    elif 300 <= status < 400:
        location = result.headers.get("location", "?")
        result.error_kind = "http-3xx"
        result.error = (
            f"{label} from {host}: redirected to {location}; the endpoint URL is "
            "probably wrong (it ends in /WBXService/XMLService)"
        )
    elif status == 404:
        result.error_kind = "http-4xx"
        result.error = (
            f"{label} from {host}: check the endpoint URL (it ends in /WBXService/XMLService)"
        )
    else:
        result.error_kind = "http-4xx"
        result.error = f"{label} from {host}: the server refused the request"


def _too_large(declared: int | None, got: int, max_bytes: int) -> _Failed:
    size = f"{_size(declared)} " if declared else f"over {_size(got)} "
    return _Failed(
        "too-large",
        f"response body is {size}(limit {_size(max_bytes)}); refused and not read further",
    )


def _declared_length(headers: httpx.Headers) -> int | None:
    value = headers.get("content-length")
    return int(value) if value and value.strip().isdigit() else None


def _start(envelope: str | bytes, url: str) -> tuple[bytes, _Exchange]:
    if isinstance(envelope, str):
        content = envelope.encode("utf-8", errors="surrogatepass")
    else:
        content = bytes(envelope)
    return content, _Exchange(url=url, request_bytes=len(content), started=time.perf_counter())


def _check_content(envelope: str | bytes) -> None:
    if isinstance(envelope, str) and any("\ud800" <= c <= "\udfff" for c in envelope):
        raise _Failed(
            "request",
            "the request holds characters that are not valid Unicode "
            "(lone surrogates); nothing was sent",
        )


def _check_request(envelope: str | bytes, url: str, jwt: str | None) -> None:
    """Refuse what cannot be sent, before any connection is made."""
    _check_url(url)
    _check_content(envelope)
    _check_jwt(jwt)


def _client_kwargs(timeout: float, verify: bool, proxy: str | None) -> dict[str, Any]:
    return {
        "timeout": httpx.Timeout(float(timeout)),
        "verify": verify,
        "proxy": proxy or None,
        "follow_redirects": False,
    }


def send(
    envelope: str | bytes,
    *,
    url: str,
    jwt: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    verify: bool = True,
    proxy: str | None = None,
    max_bytes: int = MAX_RESPONSE_BYTES,
) -> SendResult:
    """POST ``envelope`` to ``url``; never raises for transport problems (see ``error``)."""
    content, exchange = _start(envelope, url)
    try:
        jwt = jwt.strip() if jwt else None
        _check_request(envelope, url, jwt)
        with (
            httpx.Client(**_client_kwargs(timeout, verify, proxy)) as client,
            client.stream("POST", url, content=content, headers=request_headers(jwt)) as response,
        ):
            exchange.begin(response, max_bytes)
            for chunk in response.iter_bytes():
                exchange.take(chunk, max_bytes)
    except (httpx.HTTPError, httpx.InvalidURL, _Failed, OSError, ValueError) as exc:
        exchange.failure = _map_error(exc, exchange, timeout, [jwt, proxy])
    return exchange.result(max_bytes)


async def send_async(
    envelope: str | bytes,
    *,
    url: str,
    jwt: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    verify: bool = True,
    proxy: str | None = None,
    max_bytes: int = MAX_RESPONSE_BYTES,
) -> SendResult:
    """``send`` for an event loop (the TUI)."""
    content, exchange = _start(envelope, url)
    try:
        jwt = jwt.strip() if jwt else None
        _check_request(envelope, url, jwt)
        async with (
            httpx.AsyncClient(**_client_kwargs(timeout, verify, proxy)) as client,
            client.stream("POST", url, content=content, headers=request_headers(jwt)) as response,
        ):
            exchange.begin(response, max_bytes)
            async for chunk in response.aiter_bytes():
                exchange.take(chunk, max_bytes)
    except (httpx.HTTPError, httpx.InvalidURL, _Failed, OSError, ValueError) as exc:
        exchange.failure = _map_error(exc, exchange, timeout, [jwt, proxy])
    return exchange.result(max_bytes)
