"""A raw-socket HTTP server on 127.0.0.1 that misbehaves on purpose, by path, and counts
every request it receives (so tests can prove nothing was retried)."""

from __future__ import annotations

import contextlib
import socket
import ssl
import struct
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SUCCESS = (
    b'<?xml version="1.0" encoding="UTF-8"?><serv:message '
    b'xmlns:serv="http://www.webex.com/schemas/2002/06/service" '
    b'xmlns:meet="http://www.webex.com/schemas/2002/06/service/meeting">'
    b"<serv:header><serv:response><serv:result>SUCCESS</serv:result>"
    b"<serv:gsbStatus>PRIMARY</serv:gsbStatus></serv:response></serv:header>"
    b'<serv:body><serv:bodyContent xsi:type="meet:createMeetingResponse" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b"<meet:meetingkey>123456789</meet:meetingkey></serv:bodyContent></serv:body>"
    b"</serv:message>"
)
HUGE = 200 * 1024 * 1024


@dataclass
class FaultServer:
    port: int
    scheme: str = "http"
    requests: Counter = field(default_factory=Counter)
    bytes_sent: Counter = field(default_factory=Counter)
    release: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"


def _read_request(conn: socket.socket) -> tuple[str, bytes] | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    path = lines[0].split(" ")[1]
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return path, body


def _reset(conn: socket.socket) -> None:
    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def _answer(server: FaultServer, conn: socket.socket, path: str) -> None:
    def head(status: str, *extra: str, length: int | None = None) -> bytes:
        lines = [f"HTTP/1.1 {status}", "Content-Type: text/xml;charset=UTF-8", "Connection: close"]
        if length is not None:
            lines.append(f"Content-Length: {length}")
        lines += list(extra)
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    if path == "/ok":
        conn.sendall(head("200 OK", length=len(SUCCESS)) + SUCCESS)
    elif path == "/hang":
        server.release.wait(30)  # never answers while the client waits
    elif path == "/close-before-answer":
        _reset(conn)
        return
    elif path == "/reset-mid-body":
        conn.sendall(head("200 OK", length=len(SUCCESS)) + SUCCESS[:100])
        _reset(conn)
        return
    elif path == "/403-retry-after":
        body = b"<html><body>Forbidden</body></html>"
        conn.sendall(head("403 Forbidden", "Retry-After: 120", length=len(body)) + body)
    elif path == "/403":
        conn.sendall(head("403 Forbidden", length=0))
    elif path.startswith("/5"):
        code = path[1:4]
        body = b"<html><head><title>Server Error</title></head><body>oops</body></html>"
        conn.sendall(head(f"{code} Server Error", length=len(body)) + body)
    elif path == "/huge-declared":
        conn.sendall(head("200 OK", length=HUGE) + b"<serv:message>" + b" " * 65536)
        server.release.wait(10)
    elif path == "/huge-streamed":
        conn.sendall(head("200 OK", "Transfer-Encoding: chunked"))
        chunk = b" " * (1024 * 1024)
        framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
        with contextlib.suppress(OSError):
            conn.sendall(b"e\r\n<serv:message>\r\n")
            while server.bytes_sent[path] < HUGE:
                conn.sendall(framed)
                server.bytes_sent[path] += len(chunk)
            conn.sendall(b"0\r\n\r\n")
    else:
        conn.sendall(head("404 Not Found", length=0))


def _serve_one(server: FaultServer, conn: socket.socket, context: ssl.SSLContext | None) -> None:
    if context is not None:
        try:
            conn.settimeout(5)
            conn = context.wrap_socket(conn, server_side=True)
        except (OSError, ssl.SSLError):
            conn.close()  # the client refused our certificate
            return
    try:
        request = _read_request(conn)
        if request is None:
            return
        path, _body = request
        server.requests[path] += 1
        _answer(server, conn, path)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            conn.close()


@contextlib.contextmanager
def fault_server(tls_files: tuple[Path, Path] | None = None) -> Iterator[FaultServer]:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    context = None
    if tls_files is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(tls_files[0]), str(tls_files[1]))
    server = FaultServer(listener.getsockname()[1], "https" if context else "http")

    def loop() -> None:
        while not server.done.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            if server.done.is_set():
                conn.close()
                return
            threading.Thread(target=_serve_one, args=(server, conn, context), daemon=True).start()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.done.set()
        server.release.set()
        with contextlib.suppress(OSError):  # wake the blocked accept()
            socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
        listener.close()
        thread.join(5)
