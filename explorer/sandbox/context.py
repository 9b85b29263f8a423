"""What a handler sees: the transaction, the caller, the emulated version's features."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.versions import Version
from explorer.sandbox.features import features_at
from explorer.sandbox.wire import Fault

if TYPE_CHECKING:
    from explorer.sandbox.app import SandboxApp


@dataclass(slots=True)
class Caller:
    kind: str  # "password" | "ticket" | "token" | "jwt" | "anonymous"
    user: sqlite3.Row | None = None
    key: str = ""  # who, for the usage limit

    @property
    def webex_id(self) -> str | None:
        return self.user["webex_id"] if self.user is not None else None

    @property
    def is_site_admin(self) -> bool:
        return bool(self.user is not None and self.user["site_admin"])

    @property
    def is_um_site_admin(self) -> bool:
        """Holds the user-management admin privilege (which only 40.6.0 on honours)."""
        return bool(self.user is not None and self.user["um_site_admin"])

    @property
    def anonymous(self) -> bool:
        return self.user is None


class Ctx:
    __slots__ = ("app", "caller", "conn", "features", "now", "rng", "version")

    def __init__(self, app: SandboxApp, conn: sqlite3.Connection, caller: Caller,
                 version: Version | None = None) -> None:
        self.app = app
        self.conn = conn
        self.caller = caller
        #: The version this request is answered as (the sandbox's, or the one it asked for).
        self.version = version or app.version
        self.features = features_at(self.version)
        self.now = app.clock.now()
        self.rng: random.Random = app.rng

    def has(self, feature: str) -> bool:
        return feature in self.features

    def manages_users(self) -> bool:
        """Site admins, and from 40.6.0 user-management admins, manage users."""
        return self.caller.is_site_admin or (self.caller.is_um_site_admin
                                             and self.has("um-site-admin"))

    def may_change(self, row: sqlite3.Row) -> None:
        """A user admin manages users, but only a site admin manages a site admin."""
        if row["site_admin"] and not self.caller.is_site_admin:
            raise Fault("000001", "Access denied, additional privileges are required")

    @property
    def site_url(self) -> str:
        return self.app.site_url

    def option(self, name: str) -> bool:
        return self.app.option(name)

    def require_user(self) -> Caller:
        if self.caller.user is None:
            raise Fault("030002", "Incorrect user or password")
        return self.caller
