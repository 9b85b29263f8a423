"""First run: the sandbox profile, GetSessionInfo prefilled, send -> SUCCESS with meetingUUID."""

from __future__ import annotations

import re

from textual.widgets import DataTable

from explorer.sandbox.demo import DEMO_MEETING_UUID, DEMO_SESSION_KEY
from explorer.tui.widgets.topbar.picker import Picker
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, send


async def test_first_run_sends_get_session_info_to_the_sandbox(make_app, isolated_dirs):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.ui("#profile-select", Picker).value == "sandbox"
        assert app.ui("#version-select", Picker).value == "40.7.0"
        editor = app.ui("#editor").text
        assert "java:com.webex.service.binding.ep.GetSessionInfo" in editor
        assert f"<sessionKey>{DEMO_SESSION_KEY}</sessionKey>" in editor
        assert "{{password}}" in editor  # the secret is resolved only when sending

        result = await send(pilot)
        assert result.decoded is not None
        assert result.decoded.result == "SUCCESS"
        assert app.ui("#inspector").banner_plain.startswith(" SUCCESS ")
        assert app.ui("#result-banner").has_class("-success")
        fields = app.ui("#fields-table", DataTable)
        values = [str(fields.get_row_at(i)[1]) for i in range(fields.row_count)]
        assert DEMO_MEETING_UUID in values
        app.action_show_tab("tab-headers")
        await pilot.pause()
        summary = app.ui("#headers").summary
        assert summary["status"] == 200 and summary["api_version"] == "40.7.0"
        assert summary["size"] == len(result.body) > 0
        # The built-in profile points at the live in-process sandbox, in memory only: the
        # profiles file's sandbox entry belongs to `webex-explorer sandbox`.
        assert app.profile.endpoint == app.sandbox.url
        path = isolated_dirs["config"] / "profiles.toml"
        profiles = path.read_text() if path.exists() else ""
        assert app.sandbox.url not in profiles
        assert not re.search(r"^\s*(password|secret)\s*=", profiles, re.MULTILINE)


async def test_quitting_before_the_sandbox_is_up_leaves_no_traceback_and_no_child(
        make_app, isolated_dirs, monkeypatch):
    import threading
    import time

    from explorer.sandbox import embedded

    failures: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    real_wait_ready = embedded.wait_ready

    quit_done = threading.Event()

    def slow_wait_ready(process):  # the user quits while the child still starts
        quit_done.wait(30)
        return real_wait_ready(process)

    monkeypatch.setattr(embedded, "wait_ready", slow_wait_ready)
    app = make_app()
    process = app._sandbox_process  # spawned when the app is built
    assert process is not None
    async with app.run_test(size=SIZE):
        assert not app.sandbox_ready.is_set()
    quit_done.set()
    starter = next((t for t in threading.enumerate() if t.name == "explorer-sandbox-start"),
                   None)
    if starter is not None:
        starter.join(timeout=30)
    assert failures == []
    deadline = time.monotonic() + 10
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is not None, "the sandbox child outlived the app"
