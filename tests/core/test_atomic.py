from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from explorer.core.atomic import write_atomic
from tests.core.killed_writer import kill_when_ready


def test_writes_bytes_and_text_with_mode(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.txt"
    write_atomic(target, "héllo")
    assert target.read_text("utf-8") == "héllo"
    assert target.stat().st_mode & 0o777 == 0o600
    write_atomic(target, b"\x00\x01", mode=0o640)
    assert target.read_bytes() == b"\x00\x01"
    assert target.stat().st_mode & 0o777 == 0o640


def test_replaces_wider_permissions(tmp_path: Path) -> None:
    target = tmp_path / "f"
    target.write_text("old")
    target.chmod(0o644)
    write_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o600


def test_no_temp_files_left_behind(tmp_path: Path) -> None:
    for i in range(5):
        write_atomic(tmp_path / "f", str(i))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


def test_stale_temp_files_of_killed_writers_are_removed(tmp_path: Path) -> None:
    old = tmp_path / ".f.abc123.tmp"
    old.write_text("half")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    fresh = tmp_path / ".f.def456.tmp"  # may belong to a writer still at work
    fresh.write_text("half")
    write_atomic(tmp_path / "f", "new")
    assert not old.exists() and fresh.exists()


def test_replace_onto_directory_fails_and_cleans_up(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x").write_text("x")
    (tmp_path / "f").write_text("old")
    with pytest.raises(OSError):
        write_atomic(tmp_path / "d", "data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "f"]
    assert (tmp_path / "d" / "x").read_text() == "x"


_WRITER = r"""
import sys
from explorer.core.atomic import write_atomic
target = sys.argv[1]
# 8 MB each, starting and ending with the same marker: a torn file cannot pass the check.
payloads = [m + b"x" * (8 * 1024 * 1024) + m for m in (b"AAAAAAAA", b"BBBBBBBB")]
i = 0
while True:
    write_atomic(target, payloads[i % 2])
    if i == 2:
        print("ready", flush=True)
    i += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_mid_write_leaves_old_or_new_file(tmp_path: Path) -> None:
    target = tmp_path / "big.bin"
    torn_temps = 0
    for round_ in range(4):
        # Let it get into further writes (the kill lands inside one of them most of the time).
        kill_when_ready(_WRITER, str(target), delay=0.01 * round_)
        data = target.read_bytes()
        assert len(data) == 8 * 1024 * 1024 + 16, f"round {round_}: torn file"
        assert data[:8] == data[-8:]
        assert target.stat().st_mode & 0o777 == 0o600
        torn_temps += len(list(tmp_path.glob(".big.bin.*.tmp")))
    # Proof the kills landed inside a write: half-written temp files were left behind.
    assert torn_temps > 0
