"""Run ``python -m explorer`` in a subprocess, with the isolated dirs of tests/conftest.py."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.core.loopback_servers import serve_handler

REPO = Path(__file__).resolve().parents[2]


@dataclass
class CLIResult:
    code: int
    out: str
    err: str


def run_cli(
    *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None,
    cwd: Path | None = None, timeout: float = 60,
) -> CLIResult:
    """``python -m explorer ARGS`` with the test's environment; stdin is never a terminal."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(REPO) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env["PYTHONIOENCODING"] = "utf-8"
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        input=data if data is not None else b"",
        capture_output=True, env=full_env, cwd=cwd or REPO, timeout=timeout,
    )
    out = proc.stdout.decode("utf-8", "replace")
    return CLIResult(proc.returncode, out, proc.stderr.decode("utf-8", "replace"))


def assert_one_line_error(result: CLIResult, *needles: str, code: int | None = 2) -> str:
    """A bad input ends with exactly one ``error: ...`` line on stderr and no traceback."""
    assert "Traceback" not in result.err, result.err
    assert "Traceback" not in result.out, result.out
    if code is None:
        assert result.code != 0
    else:
        assert result.code == code, (result.code, result.err)
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("error: "), result.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@dataclass
class Exchange:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeSite:
    """A plain stdlib HTTP server that answers every POST with a fixed reply."""

    url: str
    status: int = 200
    content_type: str = "text/xml;charset=UTF-8"
    reply: bytes = b""
    received: list[Exchange] = field(default_factory=list)


@pytest.fixture
def fake_site() -> Iterator[FakeSite]:
    site = FakeSite(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            site.received.append(Exchange(self.path, dict(self.headers.items()), body))
            self.send_response(site.status)
            self.send_header("Content-Type", site.content_type)
            self.send_header("Content-Length", str(len(site.reply)))
            self.end_headers()
            self.wfile.write(site.reply)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serve_handler(Handler) as port:
        site.url = f"http://127.0.0.1:{port}/WBXService/XMLService"
        yield site
