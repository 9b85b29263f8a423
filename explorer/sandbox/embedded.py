"""The explorer's own sandbox, run in a child process.

The explorer starts its sandbox at launch. In a thread of its own process, the sandbox's
imports, database seeding and every request it answers would take turns with the screen
for Python's interpreter lock; in a child process they run beside it. The child is
``python -m explorer.sandbox.embedded CONFIG_JSON``: it prints ``READY <url>`` once it
listens and is seeded (or ``ERROR <reason>``), serves until its standard input closes
(``stop()``, or the explorer's process ending in any way), then stops.

The parent side imports neither the server nor the database code.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.sandbox.config import SandboxConfig

READY = "READY"
ERROR = "ERROR"
STOP_WAIT = 3.0


class EmbeddedSandboxError(Exception):
    """The child sandbox did not start; the message is one line."""


def config_to_json(config: SandboxConfig | None) -> str:
    """``config`` as JSON; None (the defaults) is ``{}``, which needs no SandboxConfig."""
    data: dict[str, Any] = {}
    if config is None:
        return json.dumps(data)
    for field in dataclasses.fields(config):
        value = getattr(config, field.name)
        if isinstance(value, datetime):
            value = {"datetime": value.isoformat()}
        elif isinstance(value, Path):
            value = {"path": str(value)}
        elif value is not None and not isinstance(value, (str, int, float, bool)):
            value = str(value)  # a Version
        data[field.name] = value
    return json.dumps(data)


def config_from_json(text: str) -> SandboxConfig:
    from explorer.sandbox.config import SandboxConfig

    data = json.loads(text)
    for name, value in data.items():
        if isinstance(value, dict) and "datetime" in value:
            data[name] = datetime.fromisoformat(value["datetime"])
        elif isinstance(value, dict) and "path" in value:
            data[name] = Path(value["path"])
    return SandboxConfig(**data)


class EmbeddedSandbox:
    """A running child sandbox: ``url``, ``base_url``, ``stop()`` (as ``SandboxHandle``)."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self._process = process
        self.url = url
        self.base_url = url.split("/WBXService/", 1)[0]
        self._stopped = False

    @property
    def running(self) -> bool:
        return self._process.poll() is None

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        stop_child(self._process)


def stop_child(process: subprocess.Popen[str]) -> None:
    """Close the child's input (it stops itself), then make sure it is gone."""
    try:
        if process.stdin is not None:
            process.stdin.close()
    except OSError:
        pass
    try:
        process.wait(timeout=STOP_WAIT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def spawn(config: SandboxConfig | None = None) -> subprocess.Popen[str]:
    """Start the child; ``wait_ready`` reads its first line."""
    env = dict(os.environ)
    # The child must run this very explorer, also one imported from a source tree; an
    # installed one it finds by itself (site-packages ahead of the standard library on
    # PYTHONPATH could shadow it).
    package_root = Path(__file__).resolve().parents[2]
    if not installed_in(package_root):
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(package_root), env.get("PYTHONPATH", "")) if p
        )
    return subprocess.Popen(
        [sys.executable, "-m", "explorer.sandbox.embedded",
         config_to_json(config)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        start_new_session=True,  # a Ctrl+C in the terminal reaches the explorer, not this
    )


def installed_in(package_root: Path) -> bool:
    """Whether the explorer lives in a site-packages folder (installed), not a source tree.
    By name: asking ``sysconfig`` and ``site`` costs milliseconds of the start-up."""
    return package_root.name in ("site-packages", "dist-packages")


def wait_ready(process: subprocess.Popen[str]) -> EmbeddedSandbox:
    """Block until the child says READY; a one-line EmbeddedSandboxError otherwise."""
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline().strip()
    if line.startswith(READY + " "):
        _drain(process.stderr)  # a chatty child must never block on a full pipe
        _drain(process.stdout)
        return EmbeddedSandbox(process, line.split(" ", 1)[1])
    reason = line.split(" ", 1)[1] if line.startswith(ERROR + " ") else ""
    if not reason:
        process.wait()
        lines = [ln.strip() for ln in process.stderr.read().splitlines() if ln.strip()]
        reason = lines[-1] if lines else f"it exited with status {process.returncode}"
    stop_child(process)
    raise EmbeddedSandboxError(reason)


def _drain(stream: Any) -> None:
    threading.Thread(target=_read_all, args=(stream,), name="explorer-sandbox-drain",
                     daemon=True).start()


def _read_all(stream: Any) -> None:
    try:
        while stream.read(65536):
            pass
    except (OSError, ValueError):
        pass


def serve(config_json: str, say: Callable[[str], None]) -> int:
    """The child's life: start, say READY, serve until standard input closes."""
    from explorer.core.errors import ExplorerError
    from explorer.sandbox.server import start_sandbox

    try:
        handle = start_sandbox(config_from_json(config_json))
    except (ExplorerError, OSError, OverflowError, ValueError, TypeError) as exc:
        say(f"{ERROR} {' '.join(str(exc).split()) or type(exc).__name__}")
        return 1
    say(f"{READY} {handle.url}")
    try:
        while sys.stdin.read(65536):
            pass
    except (OSError, KeyboardInterrupt):
        pass
    handle.stop()
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python -m explorer.sandbox.embedded CONFIG_JSON\n")
        return 2

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    return serve(argv[0], say)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
