"""Network faults in the explorer itself: each send that fails says so in one line in the
inspector, the app stays usable (the next send works), and a CreateMeeting is sent once."""

from __future__ import annotations

import pytest

from explorer.core.envelope import AuthMode
from explorer.core.profiles import Profile, ProfileStore
from tests.core.loopback_servers import free_port
from tests.reliability.conftest import CREATE_MEETING
from tests.reliability.fault_server import FaultServer

FAULTS = [
    ("/hang", "read timeout"),
    ("/close-before-answer", "closed"),
    ("/reset-mid-body", "mid-body"),
    ("/403-retry-after", "Retry-After"),
    ("/403", "403"),
    ("/503", "503"),
]


@pytest.mark.timeout(90)
async def test_every_fault_is_one_line_and_the_app_stays_usable(
    faults: FaultServer, isolated_dirs, monkeypatch
) -> None:
    from explorer.tui.app import ExplorerApp
    from tests.tui.helpers import settle

    monkeypatch.setenv("WEBEX_EXPLORER_SECRET_FAULTY", "P4ssw0rd-Fault")
    ProfileStore().add(Profile(name="faulty", site_name="acme", url=faults.url("/ok"),
                               auth=AuthMode.PASSWORD, webex_id="host", timeout=1.0))
    app = ExplorerApp(profile="faulty", stable=True, start_sandbox=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        editor = app.ui("#editor")
        editor.load(CREATE_MEETING)
        await pilot.pause()
        targets = [*((faults.url(path), text) for path, text in FAULTS),
                   (f"http://127.0.0.1:{free_port()}/x", "refused"),
                   ("https://nonexistent.invalid/WBXService/XMLService", "DNS")]
        for url, expected in targets:
            app.profile.url = url
            await app.run_action("send_anyway")
            await settle(pilot)
            result = app.last_result
            assert result is not None and result.error, url
            assert expected.lower() in result.error.lower(), result.error
            assert "\n" not in result.error
            banner = app.ui("#inspector").banner_plain
            assert result.error in banner
            assert app.ui("#result-banner").has_class("-error") or not result.ok
        for path, _ in FAULTS:
            assert faults.requests[path] == 1, f"{path}: sent {faults.requests[path]} times"
        app.profile.url = faults.url("/ok")
        await app.run_action("send_anyway")
        await settle(pilot)
        assert app.last_result.ok, app.last_result.error
        assert faults.requests["/ok"] == 1
