"""Tripwires proving that parsing reads no local file and opens no connection.

* ``FileCanary``: a marker file and a named pipe (FIFO) whose ``file://`` URLs hostile
  documents point at. The pipe notices an ``open()`` even when it happens inside libxml2
  (invisible to Python's audit hooks); the marker string must never appear in any output.
* ``NetCanary``: a loopback listener that hostile documents point at over http://; it must
  receive no connection.
* ``AuditWatch``: a Python audit hook that records ``socket.connect`` calls and ``open``
  calls under the canary folder while armed.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

MARKER = "CANARY-7f3a9c-LOCAL-FILE-CONTENT"


class FileCanary:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.marker_path = folder / "secret-marker.txt"
        self.marker_path.write_text(MARKER + "\n", encoding="utf-8")
        self.fifo_path = folder / "tripwire.fifo"
        self.opened = threading.Event()
        self._closing = False
        self._thread: threading.Thread | None = None
        if hasattr(os, "mkfifo"):
            os.mkfifo(self.fifo_path)
            self._thread = threading.Thread(target=self._wait_for_reader, daemon=True)
            self._thread.start()

    @property
    def marker_url(self) -> str:
        return self.marker_path.as_uri()

    @property
    def fifo_url(self) -> str:
        return self.fifo_path.as_uri()

    def _wait_for_reader(self) -> None:
        fd = os.open(self.fifo_path, os.O_WRONLY)  # blocks until someone opens it to read
        if not self._closing:
            self.opened.set()
        with contextlib.suppress(OSError):
            os.write(fd, (MARKER + "\n").encode())
        os.close(fd)

    def close(self) -> None:
        if self._thread is None:
            return
        # A reader that read from the pipe during the test got data only after the writer
        # had set ``opened``, so no waiting is needed here.
        self._closing = True
        fd = os.open(self.fifo_path, os.O_RDONLY | os.O_NONBLOCK)
        self._thread.join(2)
        os.close(fd)


class NetCanary:
    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/evil.dtd"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if self._stop:
                conn.close()
                return
            self.connections += 1
            with contextlib.suppress(OSError):
                conn.sendall(
                    b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + MARKER.encode()
                )
            conn.close()

    def close(self) -> None:
        self._stop = True
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        self.sock.close()
        self._thread.join(2)


class AuditWatch:
    """Records connects and canary-folder opens made by Python code while armed."""

    _installed: AuditWatch | None = None

    def __init__(self) -> None:
        self.armed = False
        self.folder = ""
        self.events: list[tuple[str, str]] = []
        self.allowed_ports: set[int] = set()

    @classmethod
    def instance(cls) -> AuditWatch:
        if cls._installed is None:
            watch = cls()
            sys.addaudithook(watch._hook)
            cls._installed = watch
        return cls._installed

    def _hook(self, event: str, args: tuple) -> None:
        if not self.armed:
            return
        if event == "socket.connect":
            address = args[1]
            if isinstance(address, tuple) and len(address) >= 2:
                if address[0] == "127.0.0.1" and address[1] in self.allowed_ports:
                    return
            self.events.append((event, repr(address)))
        elif event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.fsdecode(args[0]) if not isinstance(args[0], int) else ""
            if self.folder and path.startswith(self.folder):
                self.events.append((event, path))

    @contextlib.contextmanager
    def armed_for(self, folder: Path) -> Iterator[list[tuple[str, str]]]:
        self.events = []
        self.allowed_ports = set()
        self.folder = str(folder)
        self.armed = True
        try:
            yield self.events
        finally:
            self.armed = False
