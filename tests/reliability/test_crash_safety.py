"""Killing the process (SIGKILL) while it writes profiles or history leaves the previous or the
new version, never a corrupt or empty file; every acknowledged history entry survives."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.core.history import HistoryStore
from explorer.core.profiles import ProfileStore
from tests.security.helpers import REPO

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

PROFILE_WRITER = """
import sys
from explorer.core.envelope import AuthMode
from explorer.core.profiles import Profile, ProfileStore
store = ProfileStore()
start = len(store.list())
for i in range(start, start + 100000):
    store.add(Profile(name=f"p{i:05d}", site_name="acme", auth=AuthMode.ANONYMOUS,
                      client_info="c" * 4000))
    print(i, flush=True)
"""

HISTORY_WRITER = """
import sys
from explorer.core.history import HistoryStore
store = HistoryStore()
for i in range(100000):
    entry = store.add(profile="p", command="CreateMeeting", url="http://127.0.0.1:9/x",
                      result="SUCCESS", request="<r>" + "q" * 30000 + "</r>",
                      response="<s>" + str(i) * 5000 + "</s>")
    print(entry, flush=True)
"""


def _run_and_kill(script: str, kill_after: int) -> list[int]:
    """Start the writer, SIGKILL it right after its ``kill_after``-th acknowledgement."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, cwd=REPO)
    assert child.stdout is not None
    acks: list[int] = []
    try:
        while len(acks) < kill_after:
            line = child.stdout.readline()
            if not line:
                pytest.fail(f"writer died: {child.stderr.read().decode()[-2000:]}")
            acks.append(int(line))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()  # acknowledgements already in the pipe count too
        acks += [int(x) for x in rest.split()]
    finally:
        child.kill()
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    return acks


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.timeout(90)
def test_profiles_survive_sigkill_mid_write(isolated_dirs) -> None:
    path = isolated_dirs["config"] / "profiles.toml"
    for kill_after in (3, 11, 6, 17):
        acks = _run_and_kill(PROFILE_WRITER, kill_after)
        assert path.stat().st_size > 0, "profiles file left empty"
        names = ProfileStore().names()  # parses; raises ProfileError if torn
        written = sorted(n for n in names if n.startswith("p"))
        count = acks[-1] + 1
        assert len(written) in (count, count + 1), (len(written), count)
        assert written == [f"p{i:05d}" for i in range(len(written))], "not a consistent version"
        assert _mode(path) == 0o600


@pytest.mark.timeout(90)
def test_history_survives_sigkill_with_every_acknowledged_entry(isolated_dirs) -> None:
    path = isolated_dirs["data"] / "history.sqlite3"
    acknowledged: list[int] = []
    for kill_after in (5, 20, 11, 30):
        acknowledged += _run_and_kill(HISTORY_WRITER, kill_after)
        # closing(): a connection left open in this process would confuse SQLite's locks.
        with contextlib.closing(sqlite3.connect(path)) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store = HistoryStore()
        for entry_id in acknowledged:
            entry = store.get(entry_id)
            assert entry is not None and entry.command == "CreateMeeting", entry_id
        assert _mode(path) == 0o600
    # Still writable after the crashes.
    assert HistoryStore().add(profile="p", command="GetMeeting", url="u", result="SUCCESS") > 0
