"""A local Webex Meetings XML API server that behaves as the 40.x release notes say.

``start_sandbox(SandboxConfig(...))`` runs it in-process (port 0 = a free port) and returns a
``SandboxHandle`` (``.url`` of the XML service, ``.base_url``, ``.stop()``; a context
manager). ``webex-explorer sandbox`` runs it from the command line.

Endpoints: ``POST /WBXService/XMLService`` (the XML API; behaviour follows the emulated
``api_version`` by the release-train rule), ``GET /sandbox/outbox`` (mails as JSON),
``POST /sandbox/clock`` with ``{"advance_seconds": N}``, ``GET /sandbox/clock``, and the
``/sandbox/confirm?token=...`` links that email-change mails carry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.sandbox.config import SandboxConfig
    from explorer.sandbox.server import SandboxHandle, start_sandbox

__all__ = ["SandboxConfig", "SandboxHandle", "start_sandbox"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: the server (http.server, SQLite, every service module) and even
    # the config type, which the explorer's side of its child-process sandbox does not need
    # to start one with the defaults.
    if name in ("SandboxHandle", "start_sandbox"):
        from explorer.sandbox import server

        return getattr(server, name)
    if name == "SandboxConfig":
        from explorer.sandbox.config import SandboxConfig

        return SandboxConfig
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
