"""Real HTTP(S) servers on 127.0.0.1 with misbehaviours chosen by path (test helpers)."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import ssl
import struct
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SUCCESS_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?><serv:message '
    b'xmlns:serv="http://www.webex.com/schemas/2002/06/service" '
    b'xmlns:com="http://www.webex.com/schemas/2002/06/common" '
    b'xmlns:ep="http://www.webex.com/schemas/2002/06/service/ep">'
    b"<serv:header><serv:response><serv:result>SUCCESS</serv:result>"
    b"<serv:gsbStatus>PRIMARY</serv:gsbStatus></serv:response></serv:header>"
    b'<serv:body><serv:bodyContent xsi:type="ep:getAPIVersionResponse" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b"<ep:apiVersion>WebEx XML API V40.7.0</ep:apiVersion></serv:bodyContent></serv:body>"
    b"</serv:message>"
)
FAILURE_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?><serv:message '
    b'xmlns:serv="http://www.webex.com/schemas/2002/06/service">'
    b"<serv:header><serv:response><serv:result>FAILURE</serv:result>"
    b"<serv:reason>Incorrect user or password</serv:reason>"
    b"<serv:gsbStatus>PRIMARY</serv:gsbStatus><serv:exceptionID>030002</serv:exceptionID>"
    b"</serv:response></serv:header><serv:body><serv:bodyContent/></serv:body></serv:message>"
)
HTML_PAGE = b"<html><head><title>Service Unavailable</title></head><body>down</body></html>"
HUGE = 200 * 1024 * 1024


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Loopback:
    url: str
    requests: list[Recorded] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def at(self, path: str) -> str:
        return self.url + path


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        return

    def _reply(
        self,
        status: int,
        body: bytes,
        ctype: str = "text/xml;charset=UTF-8",
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        state = self.server.state
        state.requests.append(Recorded(self.path, dict(self.headers.items()), body))
        path = self.path.split("?")[0]
        if path in ("/ok", "/WBXService/XMLService"):
            self._reply(200, SUCCESS_XML)
        elif path == "/fail":
            self._reply(200, FAILURE_XML)
        elif path == "/html":
            self._reply(200, HTML_PAGE, "text/html")
        elif path == "/hang":
            state.release.wait(30)
            self.close_connection = True
        elif path == "/reset":
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(SUCCESS_XML[:300])
            self.wfile.flush()
            # SO_LINGER 0: close() sends a TCP RST instead of a FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path == "/403":
            self._reply(403, HTML_PAGE, "text/html", {"Retry-After": "30"})
        elif path == "/403-plain":
            self._reply(403, b"", "text/plain")
        elif path == "/500":
            self._reply(500, HTML_PAGE, "text/html")
        elif path == "/503":
            self._reply(503, b"busy", "text/plain", {"Retry-After": "120"})
        elif path == "/redirect":
            self._reply(302, b"", "text/plain", {"Location": "https://elsewhere.example/"})
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(HUGE))
            self.end_headers()
            self.wfile.write(b"<x>")
            self.close_connection = True
        elif path == "/huge-stream":
            # No Content-Length: the body ends when the connection closes.
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<a>" + b"x" * (1024 * 1024 - 7) + b"</a>"
            try:
                for _ in range(HUGE // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client stopped reading: expected
            self.close_connection = True
        else:
            self._reply(404, b"not here", "text/plain")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: Loopback

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that hang up (TLS refused, body too large) are part of the tests.
        return


@contextmanager
def serve(tls_context: ssl.SSLContext | None = None) -> Iterator[Loopback]:
    server = _Server(("127.0.0.1", 0), _Handler)
    if tls_context is not None:
        server.socket = tls_context.wrap_socket(server.socket, server_side=True)
    scheme = "https" if tls_context else "http"
    server.state = Loopback(url=f"{scheme}://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.state
    finally:
        server.state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def serve_handler(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    """Any request handler on 127.0.0.1, served from a thread; yields the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def free_port() -> int:
    """A port nothing listens on (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def unaccepting_listener() -> Iterator[int]:
    """A port whose accept queue is full: new connections get no answer (connect timeout)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        try:
            filler.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        fillers.append(filler)
    try:
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def self_signed_cert(folder: Path) -> tuple[Path, Path] | None:
    """(cert, key) for 127.0.0.1, made now; None when neither cryptography nor openssl exist."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is None:
            return None
        subprocess.run(
            [
                openssl,
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                str(key),
                "-out",
                str(cert),
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
            ],
            check=True,
            capture_output=True,
        )
        return cert, key
    import ipaddress

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(private, hashes.SHA256())
    )
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, key
