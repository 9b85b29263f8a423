"""The explorer's own sandbox in a child process: starts, answers over loopback, reports a
failure in one line, and never outlives the explorer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from explorer.sandbox import SandboxConfig
from explorer.sandbox.embedded import (
    EmbeddedSandboxError,
    config_from_json,
    config_to_json,
    installed_in,
    spawn,
    wait_ready,
)
from tests.sandbox.helpers import call

REPO = Path(__file__).resolve().parents[2]


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_config_survives_the_trip_to_the_child(tmp_path):
    config = SandboxConfig(api_version="40.4.0", db_path=tmp_path / "s.sqlite3",
                           usage_limit=3, usage_window=1.5, email_verification=False,
                           clock_start=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert config_from_json(config_to_json(config)) == config


def test_no_config_means_the_defaults():
    assert config_to_json(None) == "{}"
    assert config_from_json(config_to_json(None)) == SandboxConfig()


def test_child_answers_get_session_info_and_stops_with_its_handle():
    config = SandboxConfig(api_version="40.6.0", clock_start=datetime(2026, 3, 2, 9, 0))
    sandbox = wait_ready(spawn(config))
    try:
        assert sandbox.running and sandbox.url.startswith("http://127.0.0.1:")
        answer = call(sandbox.url, ("ep.GetAPIVersion", ""))
        assert answer.ok().text("ep:release") == "40.6.0"
    finally:
        sandbox.stop()
    assert not sandbox.running
    sandbox.stop()  # twice is harmless


def test_a_child_that_cannot_start_says_why_in_one_line():
    with pytest.raises(EmbeddedSandboxError) as failure:
        wait_ready(spawn(SandboxConfig(port=70000)))
    message = str(failure.value)
    assert message and "\n" not in message and "Traceback" not in message


def test_child_ends_when_the_explorer_is_killed():
    # A stand-in for the explorer: starts the child, prints its pid, then is SIGKILLed.
    script = (
        "import sys\n"
        "from explorer.sandbox.embedded import spawn, wait_ready\n"
        "sandbox = wait_ready(spawn())\n"
        "print(sandbox._process.pid, flush=True)\n"
        "sys.stdin.read()\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    assert parent.stdout is not None
    child_pid = int(parent.stdout.readline())
    assert not _gone(child_pid, within=0.2)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    assert _gone(child_pid), "the sandbox outlived the explorer"


def test_only_a_site_packages_folder_counts_as_installed(tmp_path):
    # A source tree goes on the child's PYTHONPATH; site-packages never does (it would come
    # ahead of the standard library there).
    assert not installed_in(REPO)
    assert installed_in(tmp_path / "lib" / "python3.11" / "site-packages")
    assert installed_in(tmp_path / "dist-packages")
    assert not installed_in(tmp_path / "site-packages-not")
