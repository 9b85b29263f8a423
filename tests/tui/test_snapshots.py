"""Snapshot tests of the main views (fixed size, fixed clock, sandbox data, no ports/times).

Update after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from explorer.sandbox.demo import DEMO_REGISTRATION_MEETING_KEY
from tests.fixtures.notes_samples import requires_notes
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, send, settle


async def quiet(pilot) -> None:
    """No toasts, the cursor parked: what is left on screen is data."""
    await settle(pilot)
    pilot.app.flush_lint()
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_main_screen_after_send(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await send(pilot)
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_inspector_with_registration_form(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        pilot.app.open_request("GetMeeting", {"meetingKey": DEMO_REGISTRATION_MEETING_KEY})
        await send(pilot)
        pilot.app.action_show_tab("tab-inspector")
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_version_diff(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        pilot.app.open_request("GetMeeting")
        await quiet(pilot)  # the main screen is final before the dialog covers it
        await pilot.press("f3")
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_profiles_modal(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("f2")
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_first_screen_at_80x24(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


@requires_notes
def test_lint_errors_on_a_pasted_notes_sample(snap_compare, make_app):
    from textual import events

    from tests.tui.test_lint import notes_sample

    async def run_before(pilot) -> None:
        await ready(pilot)
        app = pilot.app
        app.lint_delay = 0.0
        editor = app.ui("#editor")
        editor.select_all()
        editor.focus()
        await pilot.pause()
        app.post_message(events.Paste(notes_sample(195, 222)))
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
