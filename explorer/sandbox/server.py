"""HTTP front of the sandbox: the XML service, the control endpoints, in-process start/stop."""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from explorer.core.errors import VersionError
from explorer.core.versions import check_known
from explorer.sandbox.app import Reply, SandboxApp
from explorer.sandbox.config import SandboxConfig
from explorer.sandbox.urls import API_VERSION_PARAM
from explorer.sandbox.wire import Fault, failure_document

XML_PATH = "/WBXService/XMLService"
JSON_TYPE = "application/json"
_MAX_LINE = 65536
_MAX_HEADERS = 100


class RequestHeaders(dict[str, str]):
    """Request headers by lower-cased name; ``get`` ignores case like email.message does."""

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return dict.get(self, key.lower(), default)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "WebexSandbox/1.0"
    timeout = 30
    # One buffered write per answer (flushed by handle_one_request) and no Nagle delay.
    wbufsize = 1 << 16
    disable_nagle_algorithm = True
    app: SandboxApp  # set on the subclass made per server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def version_string(self) -> str:
        return self.server_version

    def parse_request(self) -> bool:
        """http.server's request parsing with a plain header dict instead of email.parser:
        the same checks, a fraction of the cost (every request pays it)."""
        self.command = None
        self.request_version = self.default_request_version
        self.close_connection = True
        requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
        self.requestline = requestline
        words = requestline.split()
        if not words:
            return False
        if len(words) != 3 or not words[2].startswith("HTTP/"):
            self.send_error(HTTPStatus.BAD_REQUEST, f"Bad request syntax ({requestline!r})")
            return False
        command, path, version = words
        number = version[5:].split(".")
        if len(number) != 2 or not all(n.isdigit() and len(n) <= 10 for n in number):
            self.send_error(HTTPStatus.BAD_REQUEST, f"Bad request version ({version!r})")
            return False
        major_minor = (int(number[0]), int(number[1]))
        self.request_version = version  # error pages from here on carry a status line
        if major_minor >= (2, 0):
            self.send_error(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED,
                            f"Invalid HTTP version ({version[5:]})")
            return False
        self.close_connection = major_minor < (1, 1)
        self.command, self.path = command, path
        headers = RequestHeaders()
        for _ in range(_MAX_HEADERS + 1):
            line = self.rfile.readline(_MAX_LINE + 1)
            if len(line) > _MAX_LINE:
                self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Line too long")
                return False
            if line in (b"\r\n", b"\n", b""):
                break
            name, colon, value = line.decode("iso-8859-1").partition(":")
            if not colon or not name.strip():
                self.send_error(HTTPStatus.BAD_REQUEST, "Bad header line")
                return False
            headers[name.strip().lower()] = value.strip()
        else:
            self.send_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Too many headers")
            return False
        self.headers = headers  # type: ignore[assignment]
        connection = (headers.get("connection") or "").lower()
        if connection == "close":
            self.close_connection = True
        elif connection == "keep-alive":
            self.close_connection = False
        expect = (headers.get("expect") or "").lower()
        if expect == "100-continue" and major_minor >= (1, 1):
            return self.handle_expect_100()
        return True

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def _json(self, status: int, data: object) -> None:
        body = json.dumps(data, ensure_ascii=False, indent=1).encode()
        self._send(Reply(status, body, f"{JSON_TYPE};charset=UTF-8"))

    def _read_chunked(self) -> bytes | None:
        limit = self.app.config.max_body_bytes
        parts: list[bytes] = []
        size = 0
        while True:
            line = self.rfile.readline(1024)
            try:
                length = int(line.split(b";", 1)[0].strip() or b"x", 16)
            except ValueError:
                self._send(Reply(400, b"bad chunked body", "text/plain"))
                self.close_connection = True
                return None
            if length == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(parts)
            size += length
            if size > limit:
                self.close_connection = True
                return b"x" * (limit + 1)
            parts.append(self.rfile.read(length))
            self.rfile.readline(1024)

    def _read_body(self) -> bytes | None:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._send(Reply(400, b"bad Content-Length", "text/plain"))
            return None
        limit = self.app.config.max_body_bytes
        if length > limit:
            # Read (and drop) what was sent so the answer reaches the client, within reason.
            remaining = length
            while remaining > 0 and remaining <= 64 * limit:
                chunk = self.rfile.read(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)
            if remaining > 0:
                self.close_connection = True
            return b"x" * (limit + 1)
        return self.rfile.read(length) if length else b""

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        body = self._read_body()
        if body is None:
            return
        if self.app.closed:
            self._send(Reply(503, b"the sandbox is stopping", "text/plain"))
            self.close_connection = True
        elif path == XML_PATH:
            self._xml(body, parts.query)
        elif path == "/sandbox/clock":
            self._clock(body)
        else:
            self._json(404, {"error": f"no such endpoint: POST {path}"})

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if self.app.closed:
            self._send(Reply(503, b"the sandbox is stopping", "text/plain"))
            self.close_connection = True
        elif parts.path == "/sandbox/outbox":
            self._json(200, self.app.outbox())
        elif parts.path == "/sandbox/confirm":
            token = parse_qs(parts.query).get("token", [""])[0]
            address = self.app.confirm_email(token) if token else None
            if address is None:
                self._send(Reply(404, b"<html><body><h1>Link not valid</h1></body></html>",
                                 "text/html;charset=UTF-8"))
            else:
                page = f"<html><body><h1>Email confirmed</h1><p>{_html(address)}</p></body></html>"
                self._send(Reply(200, page.encode(), "text/html;charset=UTF-8"))
        elif parts.path == "/sandbox/clock":
            self._json(200, {"now": self.app.clock.now(), "offset": self.app.clock.offset})
        elif parts.path == XML_PATH:
            self._send(Reply(405, b"POST an XML request to this URL", "text/plain",
                             {"Allow": "POST"}))
        else:
            self._json(404, {"error": f"no such endpoint: GET {parts.path}"})

    def _xml(self, body: bytes, query: str) -> None:
        """``?api-version=40.2.5`` answers this one request as that version."""
        asked = parse_qs(query).get(API_VERSION_PARAM, [None])[0] if query else None
        version = None
        if asked is not None:
            try:
                version = check_known(asked)
            except VersionError as exc:
                self._send(Reply(200, failure_document(Fault("000000", f"?{API_VERSION_PARAM}"
                                                                        f": {exc}"))))
                return
        self._send(self.app.handle(body, self.headers, self.client_address[0], version))

    def _clock(self, body: bytes) -> None:
        try:
            data = json.loads(body or b"{}")
            seconds = float(data["advance_seconds"])
            offset = self.app.advance_clock(seconds)
        except (ValueError, KeyError, TypeError, RecursionError):
            self._json(400, {"error": 'send JSON {"advance_seconds": N}: a finite number of '
                                      "seconds, the clock staying within 1000 years of now"})
            return
        self._json(200, {"now": self.app.clock.now(), "offset": offset})


def _html(value: str) -> str:
    from explorer.sandbox.wire import escape

    return escape(value)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        # Never print: the sandbox often runs inside the terminal UI. A broken connection
        # only ends that connection.
        pass


class SandboxHandle:
    """A running sandbox: ``.url`` (XML service), ``.base_url``, ``.stop()``."""

    def __init__(self, config: SandboxConfig, app: SandboxApp, server: _Server,
                 thread: threading.Thread) -> None:
        self.config = config
        self.app = app
        self._server = server
        self._thread = thread
        host, port = server.server_address[:2]
        self.host = str(host)
        self.port = int(port)
        shown = f"[{self.host}]" if ":" in self.host else self.host
        self.base_url = f"http://{shown}:{self.port}"
        self.url = self.base_url + XML_PATH
        self._stopped = False

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self.app.close()

    def wait(self) -> None:
        self._thread.join()

    def __enter__(self) -> SandboxHandle:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def start_sandbox(config: SandboxConfig | None = None) -> SandboxHandle:
    """Start a sandbox in a background thread; port 0 picks a free port."""
    config = config or SandboxConfig()
    app = SandboxApp(config)
    handler = type("SandboxRequestHandler", (_Handler,),
                   {"app": app, "timeout": config.read_timeout})
    try:
        server = _Server((config.host, config.port), handler)
    except Exception:  # OSError, and OverflowError for a port out of range
        app.close()
        raise
    handle_thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                     name="webex-sandbox", daemon=True)
    handle_thread.start()
    handle = SandboxHandle(config, app, server, handle_thread)
    app.base_url = handle.base_url
    return handle
