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

from explorer.sandbox.config import SandboxConfig
from explorer.sandbox.server import SandboxHandle, start_sandbox

__all__ = ["SandboxConfig", "SandboxHandle", "start_sandbox"]
