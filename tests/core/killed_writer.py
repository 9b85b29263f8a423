"""Run a writer script in a child process and SIGKILL it once it says ``ready``."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def kill_when_ready(script: str, *args: str, delay: float = 0.0) -> None:
    """Start ``script``, wait for its ``ready`` line, wait ``delay`` more seconds (to vary
    where the kill lands; not a synchronisation), then SIGKILL it and reap it."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"ready"
    proc.stdout.close()
    if delay:
        time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
