"""The sandbox state: one SQLite database (memory or a WAL file), one lock, transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from explorer.core.errors import ExplorerError

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meeting_types (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, e2ee INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS users (
    webex_id TEXT PRIMARY KEY COLLATE NOCASE,
    email TEXT NOT NULL COLLATE NOCASE,
    password TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    deactivated_at REAL,
    host INTEGER NOT NULL DEFAULT 1,
    site_admin INTEGER NOT NULL DEFAULT 0,
    um_site_admin INTEGER NOT NULL DEFAULT 0,
    lab_admin INTEGER NOT NULL DEFAULT 0,
    voip INTEGER NOT NULL DEFAULT 0,
    language_id INTEGER NOT NULL DEFAULT 1,
    timezone_id INTEGER NOT NULL DEFAULT 4,
    meeting_types TEXT NOT NULL DEFAULT '3',
    pmr_enabled INTEGER NOT NULL DEFAULT 1,
    pmr_key TEXT NOT NULL,
    pmr_uuid TEXT NOT NULL,
    pmr_off_at REAL,
    pending_email TEXT,
    pending_token TEXT,
    registered REAL NOT NULL,
    avatar_modified INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(email);
CREATE INDEX IF NOT EXISTS users_pmr ON users(pmr_key);
CREATE TABLE IF NOT EXISTS sessions (
    session_key INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    conf_id TEXT NOT NULL,
    service_type TEXT NOT NULL,
    session_type INTEGER NOT NULL,
    conf_name TEXT NOT NULL,
    host TEXT NOT NULL COLLATE NOCASE,
    start REAL NOT NULL,
    duration INTEGER NOT NULL,
    timezone_id INTEGER NOT NULL,
    password TEXT,
    audio_password TEXT NOT NULL,
    enforce_audio_password INTEGER NOT NULL DEFAULT 1,
    enforce_audio_login INTEGER NOT NULL DEFAULT 0,
    list_status TEXT NOT NULL DEFAULT 'PUBLIC',
    registration INTEGER NOT NULL DEFAULT 0,
    auto_accept INTEGER NOT NULL DEFAULT 0,
    email_invitations INTEGER NOT NULL DEFAULT 0,
    registration_form TEXT,
    agenda TEXT NOT NULL DEFAULT '',
    is_recurring INTEGER NOT NULL DEFAULT 0,
    is_scheduled_pmr INTEGER NOT NULL DEFAULT 0,
    guest_token TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_start ON sessions(start);
CREATE TABLE IF NOT EXISTS attendees (
    id INTEGER PRIMARY KEY, session_key INTEGER NOT NULL, name TEXT NOT NULL,
    email TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'ATTENDEE'
);
CREATE INDEX IF NOT EXISTS attendees_session ON attendees(session_key);
CREATE TABLE IF NOT EXISTS enrollments (
    id INTEGER PRIMARY KEY, session_key INTEGER NOT NULL, first_name TEXT NOT NULL,
    last_name TEXT NOT NULL, email TEXT NOT NULL, company TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL, submitted REAL NOT NULL, status TEXT NOT NULL DEFAULT 'APPROVED'
);
CREATE INDEX IF NOT EXISTS enrollments_session ON enrollments(session_key);
CREATE TABLE IF NOT EXISTS recordings (
    id INTEGER PRIMARY KEY, session_key INTEGER NOT NULL, name TEXT NOT NULL,
    host TEXT NOT NULL COLLATE NOCASE, created REAL NOT NULL, size_mb REAL NOT NULL,
    duration INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS aa_history (
    id INTEGER PRIMARY KEY, host TEXT NOT NULL COLLATE NOCASE, conf_id TEXT NOT NULL,
    user_name TEXT NOT NULL, computer_name TEXT NOT NULL, client_ip TEXT NOT NULL,
    start REAL NOT NULL, end REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS attendee_history (
    id INTEGER PRIMARY KEY, session_key INTEGER NOT NULL, name TEXT NOT NULL,
    email TEXT NOT NULL, ip TEXT NOT NULL, join_time REAL NOT NULL, leave_time REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS attendee_history_session ON attendee_history(session_key);
CREATE TABLE IF NOT EXISTS tickets (
    ticket TEXT PRIMARY KEY, webex_id TEXT NOT NULL, created REAL NOT NULL, ttl INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY, to_addr TEXT NOT NULL, subject TEXT NOT NULL,
    language TEXT NOT NULL, html INTEGER NOT NULL, body TEXT NOT NULL,
    links TEXT NOT NULL, created REAL NOT NULL
);
"""


class SandboxStateError(ExplorerError):
    """The sandbox database cannot be opened or is not a sandbox database."""


class Store:
    """One connection guarded by one lock: every request's work is a transaction under it."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.lock = threading.RLock()
        self.persistent = path is not None
        target = str(path) if path is not None else ":memory:"
        try:
            self.conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            if self.persistent:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise SandboxStateError(f"cannot use {target} as the sandbox database: {exc}") from None
        if self.persistent:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.chmod(f"{target}{suffix}", 0o600)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.lock:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def close(self) -> None:
        with self.lock:
            self.conn.close()
