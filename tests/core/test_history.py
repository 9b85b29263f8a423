from __future__ import annotations

import sqlite3
import sys
import threading
from datetime import UTC, datetime

import pytest

from explorer.core.errors import HistoryError
from explorer.core.history import MAX_STORED_CHARS, HistoryStore
from tests.core.killed_writer import kill_when_ready

REQUEST = (
    "<serv:message><header><securityContext><webExID>alice</webExID>"
    "<password>hunter2-pw</password></securityContext></header><body/></serv:message>"
)
RESPONSE = (
    "<serv:message><serv:header><serv:response><serv:result>SUCCESS</serv:result>"
    "</serv:response></serv:header><serv:body><serv:bodyContent>"
    "<use:sessionTicket>AAABBBticket</use:sessionTicket></serv:bodyContent></serv:body>"
    "</serv:message>"
)


def add(store: HistoryStore, **kw) -> int:
    values = {
        "profile": "prod",
        "command": "GetUser",
        "url": "https://acme.webex.com/x",
        "result": "SUCCESS",
        "status": 200,
        "elapsed_ms": 12.5,
        "request": REQUEST,
        "response": RESPONSE,
    }
    values.update(kw)
    return store.add(**values)


def test_add_get_roundtrip_redacted(isolated_dirs) -> None:
    store = HistoryStore()
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    entry_id = add(store, when=when, exception_id=None)
    entry = store.get(entry_id)
    assert entry.id == entry_id and entry.when == when
    assert (entry.profile, entry.command, entry.result, entry.status) == (
        "prod",
        "GetUser",
        "SUCCESS",
        200,
    )
    assert entry.elapsed_ms == 12.5
    assert "hunter2-pw" not in entry.request and "<password>********</password>" in entry.request
    assert "AAABBBticket" not in entry.response
    assert store.path == isolated_dirs["data"] / "history.sqlite3"


def test_meeting_passwords_and_guest_tokens_are_not_stored(isolated_dirs) -> None:
    store = HistoryStore()
    answer = RESPONSE.replace(
        "<use:sessionTicket>AAABBBticket</use:sessionTicket>",
        "<meet:meetingPassword>Join-Me-123</meet:meetingPassword>"
        "<meet:guestToken>guest-tok-9</meet:guestToken><meet:confName>Weekly</meet:confName>",
    )
    entry = store.get(add(store, response=answer))
    assert "Join-Me-123" not in entry.response and "guest-tok-9" not in entry.response
    assert "<meet:meetingPassword>********</meet:meetingPassword>" in entry.response
    assert "<meet:confName>Weekly</meet:confName>" in entry.response


def test_file_modes_are_private(isolated_dirs) -> None:
    store = HistoryStore()
    add(store)
    files = list(isolated_dirs["data"].iterdir())
    assert store.path in files
    for path in files:
        assert path.stat().st_mode & 0o077 == 0, path


def test_wal_mode(isolated_dirs) -> None:
    store = HistoryStore()
    add(store)
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_list_search_newest_first_and_limit(isolated_dirs) -> None:
    store = HistoryStore()
    add(store, command="GetUser")
    add(store, command="CreateMeeting", result="FAILURE", exception_id="060016")
    add(store, command="GetSite", profile="lab")
    assert [e.command for e in store.list()] == ["GetSite", "CreateMeeting", "GetUser"]
    assert [e.command for e in store.list(limit=1)] == ["GetSite"]
    assert [e.command for e in store.list(query="060016")] == ["CreateMeeting"]
    assert [e.command for e in store.search("lab")] == ["GetSite"]
    assert [e.command for e in store.search("failure")] == ["CreateMeeting"]
    assert store.search("%") == [] and store.search("_") == []
    assert store.count() == 3


def test_get_unknown_and_delete_and_clear(isolated_dirs) -> None:
    store = HistoryStore()
    first = add(store)
    add(store)
    with pytest.raises(HistoryError, match="no history entry 999"):
        store.get(999)
    store.delete(first)
    with pytest.raises(HistoryError):
        store.delete(first)
    assert store.clear() == 1
    assert store.list() == []


def test_extra_secrets_and_bytes_and_truncation(isolated_dirs) -> None:
    store = HistoryStore()
    entry_id = add(
        store,
        request="<x>my-jwt-value</x>",
        response=b"<y>my-jwt-value</y>",
        secrets=["my-jwt-value"],
    )
    entry = store.get(entry_id)
    assert "my-jwt-value" not in entry.request + entry.response
    big = add(store, response="x" * (MAX_STORED_CHARS + 10))
    assert store.get(big).response.endswith("truncated for history -->")


def test_corrupt_database_is_a_history_error(isolated_dirs) -> None:
    store = HistoryStore()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(HistoryError, match="corrupt") as info:
        store.list()
    assert str(store.path) in str(info.value)
    with pytest.raises(HistoryError):
        add(store)
    moved = store.move_aside()
    assert moved.read_bytes().startswith(b"this is not a database")
    add(store)
    assert store.count() == 1


def test_locked_database_is_a_history_error(isolated_dirs) -> None:
    store = HistoryStore(busy_timeout=0.1)
    add(store)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryError, match="busy"):
            add(store)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    add(store)  # usable again once released


def test_unwritable_location(tmp_path) -> None:
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(HistoryError):
        HistoryStore(tmp_path / "dir.sqlite3").list()


def test_concurrent_writers_from_threads(isolated_dirs) -> None:
    store = HistoryStore()
    add(store)  # create the schema once
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        try:
            start.wait()
            own = HistoryStore() if n % 2 else store
            for i in range(25):
                add(own, command=f"T{n}-{i}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert store.count() == 1 + 8 * 25
    assert len({e.id for e in store.list(limit=1000)}) == 201


_WRITER = r"""
from explorer.core.history import HistoryStore
store = HistoryStore()
i = 0
while True:
    store.add(profile="p", command=f"C{i}", url="http://x", result="SUCCESS",
              request="<a/>" * 2000, response="<b/>" * 20000)
    if i == 30:
        print("ready", flush=True)
    i += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_writing_history(isolated_dirs) -> None:
    kill_when_ready(_WRITER)
    store = HistoryStore()
    entries = store.list(limit=100000)
    assert len(entries) >= 31
    # Every acknowledged write is there, in order, with no gap.
    numbers = sorted(int(e.command[1:]) for e in entries)
    assert numbers == list(range(len(numbers)))
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    add(store)


def test_a_big_answer_is_stored_cut_without_decoding_all_of_it(tmp_path, monkeypatch):
    import explorer.core.history as history

    monkeypatch.setattr(history, "MAX_STORED_CHARS", 10)
    store = history.HistoryStore(tmp_path / "h.sqlite3")
    body = "é".encode() * 30 + b"<password>pw</password>"  # 2 bytes a character
    entry = store.get(store.add(profile="p", command="c", url=None, result="SUCCESS",
                                response=body))
    assert entry.response == "é" * 10 + history.TRUNCATED_NOTE
    assert history._stored_text(b"\xff" * 100) == "\ufffd" * 44  # 4 x 10 + 4 bytes decoded


def test_api_version_is_kept_and_old_databases_are_migrated(isolated_dirs) -> None:
    store = HistoryStore()
    path = store.path
    path.parent.mkdir(parents=True, exist_ok=True)
    # A database as the first release wrote it: no api_version column.
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE entries (id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL, "
            "profile TEXT, command TEXT, url TEXT, result TEXT, exception_id TEXT, "
            "status INTEGER, elapsed_ms REAL, request TEXT NOT NULL DEFAULT '', "
            "response TEXT NOT NULL DEFAULT '')"
        )
        db.execute(
            "INSERT INTO entries (created, command, request) VALUES (?, 'GetUser', '<old/>')",
            (datetime.now(UTC).isoformat(),),
        )
    new_id = store.add(profile="p", command="CreateMeeting", url=None, result="SUCCESS",
                       request="<new/>", api_version="40.4.9")
    assert store.get(new_id).api_version == "40.4.9"
    old = [entry for entry in store.list() if entry.command == "GetUser"]
    assert len(old) == 1 and old[0].api_version is None and old[0].request == "<old/>"
