"""The sandbox outbox: mails the site would have sent, readable over HTTP and from the CLI."""

from __future__ import annotations

import json
import sqlite3


def send(conn: sqlite3.Connection, *, to: str, subject: str, language: str, html: bool,
         body: str, links: list[str], now: float) -> None:
    conn.execute(
        "INSERT INTO outbox(to_addr, subject, language, html, body, links, created)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (to, subject, language, int(html), body, json.dumps(links), now),
    )


def list_mails(conn: sqlite3.Connection) -> list[dict[str, object]]:
    rows = conn.execute(
        "SELECT id, to_addr, subject, language, html, body, links, created FROM outbox ORDER BY id"
    ).fetchall()
    return [
        {
            "id": row["id"], "to": row["to_addr"], "subject": row["subject"],
            "language": row["language"], "html": bool(row["html"]), "body": row["body"],
            "links": json.loads(row["links"]), "created": row["created"],
        }
        for row in rows
    ]
