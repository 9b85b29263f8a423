"""Damaged files left by something else (a full disk, an editor, another tool): one clear line
naming the file, nothing overwritten silently, and the tools keep working."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.sandbox import SandboxConfig, start_sandbox
from tests.reliability.conftest import CREATE_MEETING
from tests.security.helpers import assert_clean_exit, run_cli

DAMAGED_PROFILES = {
    "truncated-toml": b'[profiles.acme]\nsite_name = "ac',
    "not-utf8": b'[profiles.acme]\nsite_name = "\xff\xfe"\n',
    "binary": bytes(range(256)) * 4,
    "wrong-types": b'[profiles]\nacme = 5\n',
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("content", list(DAMAGED_PROFILES.values()), ids=list(DAMAGED_PROFILES))
def test_damaged_profiles_file_is_one_line_and_left_alone(isolated_dirs, content: bytes) -> None:
    path = isolated_dirs["config"] / "profiles.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    run = run_cli("profiles", "list")
    assert_clean_exit(run, (2,))
    assert "profiles" in run.err
    added = run_cli("profiles", "add", "new", "--site", "acme", "--auth", "anonymous")
    assert_clean_exit(added, (0, 2))
    if added.code == 2:
        assert path.read_bytes() == content  # refused: the damaged file is kept for the user
    else:
        assert Path(str(path) + ".bak").exists() or path.read_bytes() != content


@pytest.mark.timeout(60)
def test_damaged_history_does_not_stop_sending(isolated_dirs, tmp_path: Path) -> None:
    history = isolated_dirs["data"] / "history.sqlite3"
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_bytes(b"this is not a database" * 100)
    request = tmp_path / "create.xml"
    request.write_text(CREATE_MEETING.replace("host", "admin").replace("P4ssw0rd-Fault", "sandbox")
                       .replace("acme", "sandbox"), encoding="utf-8")
    with start_sandbox(SandboxConfig(seed="empty")) as sandbox:
        run = run_cli("send", str(request), "--url", sandbox.url)
    assert_clean_exit(run, (0, 1, 2))
    assert "SUCCESS" in run.out, run.err  # the answer is shown even though history failed
    assert "history" in run.err.lower()
    run = run_cli("send", str(request), "--url", "http://127.0.0.1:9/x", "--timeout", "2")
    # A warning line about the history, then the error line; no traceback.
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.strip().splitlines()[-1].startswith("error: connection refused")


@pytest.mark.timeout(60)
async def test_explorer_starts_and_sends_with_damaged_files(isolated_dirs) -> None:
    from explorer.tui.app import ExplorerApp
    from tests.tui.helpers import ready, send

    (isolated_dirs["config"]).mkdir(parents=True, exist_ok=True)
    (isolated_dirs["data"]).mkdir(parents=True, exist_ok=True)
    (isolated_dirs["config"] / "profiles.toml").write_bytes(DAMAGED_PROFILES["truncated-toml"])
    (isolated_dirs["data"] / "history.sqlite3").write_bytes(b"garbage" * 1000)
    app = ExplorerApp(stable=True)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot)
        app.open_request("GetAPIVersion")
        await pilot.pause()
        result = await send(pilot)
        assert result is not None and result.ok, result and result.error
        assert app.is_running
