"""A local Webex Meetings XML API server that behaves as the 40.x release notes say."""

from __future__ import annotations

from explorer.sandbox.config import SandboxConfig
from explorer.sandbox.server import SandboxHandle, start_sandbox

__all__ = ["SandboxConfig", "SandboxHandle", "start_sandbox"]
