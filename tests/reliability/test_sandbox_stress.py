"""The sandbox under abuse: stalled and vanishing clients, 100 concurrent clients mixing good
and hostile requests, and kill -9 in the middle of concurrent writes. It keeps serving, its
state stays consistent, and every acknowledged write survives a restart."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from explorer.core.response import decode_response
from explorer.sandbox import SandboxConfig, SandboxHandle, start_sandbox
from tests.security.corpus import CASES
from tests.security.helpers import REPO

SECURITY = "<siteName>sandbox</siteName><webExID>admin</webExID><password>sandbox</password>"


def envelope(command: str, inner: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><serv:message '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:serv="http://www.webex.com/schemas/2002/06/service">'
        f"<header><securityContext>{SECURITY}</securityContext></header><body>"
        f'<bodyContent xsi:type="java:com.webex.service.binding.{command}">{inner}'
        "</bodyContent></body></serv:message>"
    ).encode()


def create(client: httpx.Client, url: str, name: str) -> str:
    reply = client.post(url, content=envelope(
        "meeting.CreateMeeting", f"<metaData><confName>{name}</confName></metaData>"))
    decoded = decode_response(reply.content)
    assert decoded.result == "SUCCESS", decoded.reason
    return decoded.keys["meetingKey"][0].value


def conf_name(client: httpx.Client, url: str, key: str) -> str | None:
    reply = client.post(url, content=envelope("meeting.GetMeeting",
                                              f"<meetingKey>{key}</meetingKey>"))
    decoded = decode_response(reply.content)
    assert decoded.result == "SUCCESS", decoded.reason
    return decoded.root.findtext(".//{*}confName")


def serving(handle: SandboxHandle) -> None:
    with httpx.Client(timeout=10) as client:
        decoded = decode_response(client.post(handle.url,
                                              content=envelope("ep.GetAPIVersion")).content)
    assert decoded.result == "SUCCESS"


@pytest.fixture
def sandbox() -> SandboxHandle:
    with start_sandbox(SandboxConfig(seed="empty", read_timeout=0.5)) as handle:
        yield handle


def _closed_by_peer(sock: socket.socket, within: float) -> float:
    """Seconds until the server closes ``sock`` (fails after ``within``)."""
    sock.settimeout(within)
    start = time.perf_counter()
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        pass
    except TimeoutError:
        pytest.fail(f"the server kept a stalled connection open for over {within} s")
    return time.perf_counter() - start


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "partial",
    [
        b"POST /WBXService/XMLService HTTP/1.1\r\nHost: x\r\n",  # stalls in the headers
        b"POST /WBXService/XMLService HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n<a>",
        b"",  # connects and says nothing
    ],
    ids=["headers", "body", "silent"],
)
def test_stalled_client_is_dropped_and_others_are_served(sandbox, partial: bytes) -> None:
    serving(sandbox)
    threads_before = threading.active_count()
    stalled = [socket.create_connection((sandbox.host, sandbox.port)) for _ in range(20)]
    for sock in stalled:
        sock.sendall(partial)
    serving(sandbox)  # others are answered while 20 clients stall
    for sock in stalled:
        assert _closed_by_peer(sock, within=10) < 10
        sock.close()
    serving(sandbox)
    # The handler threads of the dropped clients are gone (a few may still be finishing).
    deadline = time.monotonic() + 5
    while threading.active_count() > threads_before + 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # thread exit has no event to wait on
    assert threading.active_count() <= threads_before + 2


def _reset(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


@pytest.mark.timeout(30)
def test_clients_that_vanish_mid_request_or_mid_response(sandbox, capfd) -> None:
    with httpx.Client(timeout=10) as client:
        for i in range(30):
            create(client, sandbox.url, f"filler {i}")
    big = envelope("meeting.LstsummaryMeeting",
                   "<listControl><maximumNum>500</maximumNum></listControl>")
    for i in range(30):
        sock = socket.create_connection((sandbox.host, sandbox.port))
        head = (f"POST /WBXService/XMLService HTTP/1.1\r\nHost: x\r\n"
                f"Content-Length: {len(big)}\r\n\r\n").encode()
        if i % 3 == 0:
            sock.sendall(head + big[: len(big) // 2])  # gone mid-body
        elif i % 3 == 1:
            sock.sendall(head + big)  # gone before reading the answer
        else:
            sock.sendall(head[:20])  # gone mid-headers
        _reset(sock) if i % 2 else sock.close()
    serving(sandbox)
    with httpx.Client(timeout=10) as client:
        listed = decode_response(client.post(sandbox.url, content=big).content)
    assert listed.result == "SUCCESS"
    assert len(listed.keys["meetingKey"]) == 30
    assert "Traceback" not in capfd.readouterr().err


HOSTILE = [c for c in CASES if not c.big and c.name in {
    "billion-laughs", "xxe-file", "deep-nesting", "truncated", "json", "utf7-doctype",
    "control-chars", "empty-body", "quadratic-blowup", "comment-run"}]


@pytest.mark.timeout(90)
def test_hundred_concurrent_clients_mixed_with_hostile_requests() -> None:
    from tests.security.corpus import Urls

    urls = Urls("file:///nonexistent", "file:///nonexistent", "http://127.0.0.1:9/")
    hostile = [case.build(urls) for case in HOSTILE]
    with start_sandbox(SandboxConfig(seed="empty")) as handle:

        def client(n: int) -> dict[str, str]:
            made: dict[str, str] = {}
            with httpx.Client(timeout=60) as session:
                for i in range(2):
                    name = f"client {n} meeting {i}"
                    key = create(session, handle.url, name)
                    bad = session.post(handle.url, content=hostile[(n + i) % len(hostile)])
                    assert decode_response(bad.content).result == "FAILURE"
                    assert conf_name(session, handle.url, key) == name
                    made[key] = name
            return made

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=100) as pool:
            results = list(pool.map(client, range(100)))
        elapsed = time.perf_counter() - start
        made = {k: v for result in results for k, v in result.items()}
        assert len(made) == 200, "meeting keys collided or a write was lost"
        with httpx.Client(timeout=30) as session:
            listed = decode_response(session.post(handle.url, content=envelope(
                "meeting.LstsummaryMeeting",
                "<listControl><maximumNum>500</maximumNum></listControl>")).content)
            assert {h.value for h in listed.keys["meetingKey"]} == set(made)
            for key in list(made)[::20]:
                assert conf_name(session, handle.url, key) == made[key]
        assert elapsed < 60


@pytest.mark.timeout(90)
def test_kill_9_during_concurrent_writes_keeps_every_acknowledged_write(
    tmp_path: Path, isolated_dirs
) -> None:
    db = tmp_path / "sandbox.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen(
        [sys.executable, "-m", "explorer", "sandbox", "--port", "0", "--seed", "empty",
         "--db", str(db), "--no-profile"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
    )
    acked: dict[str, str] = {}
    lock = threading.Lock()
    stop = threading.Event()
    enough = threading.Event()
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/WBXService/XMLService)", first)
        assert match, first + (child.stderr.read() if child.poll() is not None else "")
        url = match.group(1)

        def writer(n: int) -> None:
            with httpx.Client(timeout=10) as session:
                i = 0
                while not stop.is_set():
                    name = f"writer {n} meeting {i}"
                    try:
                        key = create(session, url, name)
                    except (httpx.HTTPError, AssertionError, Exception):
                        return  # the server died mid-request: not acknowledged
                    with lock:
                        acked[key] = name
                        if len(acked) >= 60:
                            enough.set()
                    i += 1

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        assert enough.wait(30), f"only {len(acked)} writes acknowledged"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        stop.set()
        for thread in threads:
            thread.join(15)
    finally:
        with contextlib.suppress(ProcessLookupError):
            child.kill()
        child.wait(10)
    assert len(acked) >= 60
    with contextlib.closing(sqlite3.connect(db)) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with start_sandbox(SandboxConfig(db_path=db, seed="empty")) as again, \
            httpx.Client(timeout=10) as session:
        for key, name in acked.items():
            assert conf_name(session, again.url, key) == name, key
        create(session, again.url, "after the crash")


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000, b'{"advance_seconds": 1e400}', b'{"advance_seconds": "nan"}',
     b'{"advance_seconds": "-inf"}', b'{"advance_seconds": 1e300}', b'{"advance_seconds": []}',
     b"\xff\xfe", b'{"advance_seconds": 40000000000}'],
    ids=["deep-json", "overflow", "nan", "minus-inf", "huge", "list", "binary", "1300-years"],
)
def test_clock_endpoint_refuses_values_that_would_break_the_state(sandbox, body: bytes,
                                                                  capfd) -> None:
    """A NaN or far-off clock used to make every later dated request fail (and persisted)."""
    with httpx.Client(timeout=10) as client:
        reply = client.post(f"{sandbox.base_url}/sandbox/clock", content=body)
        assert reply.status_code == 400, reply.text
        clock = client.get(f"{sandbox.base_url}/sandbox/clock").json()
        assert clock["offset"] == 0
        create(client, sandbox.url, "still fine")
        moved = client.post(f"{sandbox.base_url}/sandbox/clock",
                            json={"advance_seconds": 86400}).json()
        assert moved["offset"] == 86400
    assert "Traceback" not in capfd.readouterr().err
