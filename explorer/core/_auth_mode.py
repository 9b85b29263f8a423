"""Stand-in for ``explorer.core.envelope.AuthMode`` until the envelope module defines it."""

from __future__ import annotations

from enum import StrEnum


class AuthMode(StrEnum):
    PASSWORD = "password"
    TICKET = "ticket"
    TOKEN = "token"
    JWT = "jwt"
    ANONYMOUS = "anonymous"
