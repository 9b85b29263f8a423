"""Request history in SQLite (WAL): what was sent where, what came back, secrets removed.

The database is ``data_dir()/history.sqlite3``, created mode 0600. Every request and response
is passed through ``redact_all`` before it is stored. Each call opens its own connection, so
threads can write at the same time; SQLite serialises the writers. Any database problem
(corrupt file, locked, disk full) is a ``HistoryError`` with one line, never a crash.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from explorer.core.errors import HistoryError
from explorer.core.paths import history_path
from explorer.core.redact import redact_all

SCHEMA_VERSION = 2
BUSY_TIMEOUT_S = 10.0
#: Longer responses are stored cut at this many characters (with a note).
MAX_STORED_CHARS = 4 * 1024 * 1024
TRUNCATED_NOTE = "\n<!-- webex-xml-explorer: response truncated for history -->"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    profile TEXT,
    command TEXT,
    url TEXT,
    result TEXT,
    exception_id TEXT,
    status INTEGER,
    elapsed_ms REAL,
    request TEXT NOT NULL DEFAULT '',
    response TEXT NOT NULL DEFAULT '',
    api_version TEXT
);
CREATE INDEX IF NOT EXISTS entries_created ON entries (created);
"""
_COLUMNS = (
    "id, created, profile, command, url, result, exception_id, status, elapsed_ms, request, "
    "response, api_version"
)


@dataclass
class HistoryEntry:
    id: int
    when: datetime
    profile: str | None
    command: str | None
    url: str | None
    result: str | None
    exception_id: str | None
    status: int | None
    elapsed_ms: float | None
    request: str
    response: str
    api_version: str | None = None  # the API version the request was written for

    @classmethod
    def _from_row(cls, row: tuple[Any, ...]) -> HistoryEntry:
        try:
            when = datetime.fromisoformat(row[1])
        except (TypeError, ValueError):
            when = datetime.fromtimestamp(0, UTC)
        return cls(row[0], when, *row[2:9], row[9] or "", row[10] or "", row[11])


def _describe(exc: sqlite3.Error) -> str:
    text = str(exc).strip() or type(exc).__name__
    if "locked" in text or "busy" in text:
        return f"busy ({text}: another program holds it)"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"corrupt ({text}): move the file aside to start a fresh history"
    return text


def _stored_text(body: bytes) -> str:
    """The text of ``body`` as far as history keeps it: only the bytes that can reach the
    stored length are decoded (no full copy of a big answer)."""
    # A character is at most 4 UTF-8 bytes (an undecodable byte is one U+FFFD), so a cut at
    # 4x the kept length keeps every character the stored text can hold.
    limit = 4 * MAX_STORED_CHARS + 4
    view = memoryview(body)[:limit] if len(body) > limit else body
    return str(view, "utf-8", errors="replace")


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring a database written by an older version up to the current columns."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(entries)")}
    if "api_version" not in columns:
        connection.execute("ALTER TABLE entries ADD COLUMN api_version TEXT")


class HistoryStore:
    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, busy_timeout: float = BUSY_TIMEOUT_S
    ) -> None:
        self._path = Path(path) if path is not None else None
        self._busy_timeout = busy_timeout
        self._ready = False

    @property
    def path(self) -> Path:
        return self._path if self._path is not None else history_path()

    def _create_file(self) -> None:
        path = self.path
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Exists with 0600 before SQLite opens it; SQLite copies the mode to -wal/-shm.
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            os.close(fd)
        except OSError as exc:
            raise HistoryError(
                f"cannot create history database {path}: {exc.strerror or exc}"
            ) from None

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        path = self.path
        if not self._ready:
            self._create_file()
        connection: sqlite3.Connection | None = None
        try:
            connection = sqlite3.connect(path, timeout=self._busy_timeout, isolation_level=None)
            # With WAL, NORMAL loses nothing when the process is killed (only on power loss).
            connection.execute("PRAGMA synchronous=NORMAL")
            if not self._ready:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.executescript(_SCHEMA)
                _migrate(connection)
                connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                self._ready = True
            yield connection
        except sqlite3.Error as exc:
            raise HistoryError(f"history database {path} is {_describe(exc)}") from None
        finally:
            if connection is not None:
                connection.close()

    def move_aside(self) -> Path:
        """Rename a broken database (and its -wal/-shm) out of the way; returns the new name.

        The next use starts an empty history. Nothing is deleted.
        """
        path = self.path
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{path.name}.broken-{stamp}")
        try:
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    side.replace(target.with_name(target.name + suffix))
            if path.exists():
                path.replace(target)
        except OSError as exc:
            raise HistoryError(
                f"cannot move history database {path} aside: {exc.strerror or exc}"
            ) from None
        self._ready = False
        return target

    def add(
        self,
        *,
        profile: str | None,
        command: str | None,
        url: str | None,
        result: str | None,
        exception_id: str | None = None,
        status: int | None = None,
        elapsed_ms: float | None = None,
        request: str = "",
        response: str | bytes = "",
        when: datetime | None = None,
        secrets: Iterable[str | None] = (),
        api_version: str | None = None,
    ) -> int:
        """Store one exchange (request and response redacted first); returns its id."""
        secret_list = list(secrets)
        if isinstance(response, bytes):
            response = _stored_text(response)
        if len(response) > MAX_STORED_CHARS:
            response = response[:MAX_STORED_CHARS] + TRUNCATED_NOTE
        created = (when or datetime.now(UTC)).isoformat()
        row = (
            created,
            profile,
            command,
            redact_all(url, secret_list, stored=True) if url else url,
            result,
            exception_id,
            status,
            elapsed_ms,
            redact_all(request, secret_list, stored=True),
            redact_all(response, secret_list, stored=True),
            api_version,
        )
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO entries (created, profile, command, url, result, exception_id, "
                "status, elapsed_ms, request, response, api_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cursor.lastrowid or 0)

    def add_result(
        self,
        send_result: Any,
        *,
        request: str,
        profile: str | None = None,
        command: str | None = None,
        secrets: Iterable[str | None] = (),
        api_version: str | None = None,
    ) -> int:
        """Store a ``sending.SendResult`` (its error, when any, stands in for the result)."""
        decoded = send_result.decoded
        result = decoded.result if decoded is not None else "ERROR"
        response: str | bytes = send_result.body or b""
        if send_result.error and not response:
            response = send_result.error
        return self.add(
            profile=profile,
            command=command,
            url=send_result.url,
            result=result,
            exception_id=decoded.exception_id if decoded is not None else None,
            status=send_result.status,
            elapsed_ms=send_result.elapsed_ms,
            request=request,
            response=response,
            secrets=secrets,
            api_version=api_version,
        )

    def list(self, limit: int = 200, query: str | None = None) -> list[HistoryEntry]:
        """Newest first; ``query`` matches command, profile, result, exception ID or URL."""
        sql = f"SELECT {_COLUMNS} FROM entries"
        params: list[Any] = []
        if query and query.strip():
            like = (
                "%"
                + query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%"
            )
            sql += (
                " WHERE command LIKE ? ESCAPE '\\' OR profile LIKE ? ESCAPE '\\'"
                " OR result LIKE ? ESCAPE '\\' OR exception_id LIKE ? ESCAPE '\\'"
                " OR url LIKE ? ESCAPE '\\'"
            )
            params += [like] * 5
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(max(0, int(limit)))
        with self._connect() as db:
            rows = db.execute(sql, params).fetchall()
        return [HistoryEntry._from_row(row) for row in rows]

    def search(self, query: str, limit: int = 200) -> list[HistoryEntry]:
        return self.list(limit=limit, query=query)

    def get(self, entry_id: int) -> HistoryEntry:
        with self._connect() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise HistoryError(f"no history entry {entry_id}")
        return HistoryEntry._from_row(row)

    def delete(self, entry_id: int) -> None:
        with self._connect() as db:
            deleted = db.execute("DELETE FROM entries WHERE id = ?", (entry_id,)).rowcount
        if not deleted:
            raise HistoryError(f"no history entry {entry_id}")

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])

    def clear(self) -> int:
        """Delete every entry (and reclaim the space); returns how many there were."""
        with self._connect() as db:
            removed = db.execute("DELETE FROM entries").rowcount
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(removed)
