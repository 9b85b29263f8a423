"""Settings of one sandbox server (the flags of ``webex-explorer sandbox``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from explorer.core.versions import LATEST, Version
from explorer.sandbox.limits import bodycontent_limit_default

DEFAULT_JWT_KEY = "sandbox-jwt-signing-key"
DEFAULT_PORT = 8787
#: Largest request body the sandbox reads; bigger bodies get a FAILURE without being parsed.
DEFAULT_MAX_BODY_BYTES = 1024 * 1024


@dataclass
class SandboxConfig:
    host: str = "127.0.0.1"
    port: int = 0
    api_version: Version | str = LATEST
    db_path: Path | str | None = None
    seed: str = "demo"  # "demo" | "empty"
    admin_password: str = "sandbox"
    jwt_key: str = DEFAULT_JWT_KEY
    bodycontent_limit: int = bodycontent_limit_default()
    usage_limit: int = 0  # GetUserCard/GetSessionInfo calls per caller per window; 0 = no limit
    usage_window: float = 60.0
    meeting_password_required: bool = True
    email_verification: bool = True
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    #: Seconds a client may stay silent mid-request before its connection is closed, so a
    #: stalled client cannot hold a server thread forever.
    read_timeout: float = 30.0
    #: Start the sandbox clock at this instant (UTC); None = the real time.
    clock_start: datetime | None = None

    def __post_init__(self) -> None:
        self.api_version = Version.parse(self.api_version)
        if self.seed not in ("demo", "empty"):
            from explorer.core.errors import ExplorerError

            raise ExplorerError(f"unknown seed {self.seed!r} (use demo or empty)")

    @property
    def version(self) -> Version:
        assert isinstance(self.api_version, Version)
        return self.api_version
