"""Pilot tests of the main flows against the in-process sandbox."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from explorer.sandbox.demo import (
    DEMO_MEETING_UUID,
    DEMO_REGISTRATION_MEETING_KEY,
)
from explorer.tui.widgets.topbar.picker import Picker
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, send, settle


def column(table: DataTable, index: int) -> list[str]:
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]


async def open_by_typing(pilot, text: str) -> None:
    app = pilot.app
    app.ui("#templates").focus()
    await pilot.press(*list(text))
    await pilot.press("enter")  # filter box: jump to the first match
    await pilot.press("enter")  # tree: choose it
    await settle(pilot)


async def test_pick_by_typing_then_send_and_inspect(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_by_typing(pilot, "getmeeting")
        assert app.ui("#template-filter").value == "getmeeting"
        assert app.command == "GetMeeting"
        editor = app.ui("#editor")
        assert "meeting.GetMeeting" in editor.text

        # {{meetingKey}} is not known yet: the send is refused, the app stays up.
        await send(pilot)
        inspector = app.ui("#inspector")
        assert "{{meetingKey}}" in inspector.banner_plain
        assert app.ui("#result-banner").has_class("-error")
        assert "Variables (1 unresolved)" in str(app.ui("#variables").border_title)

        editor.load(editor.text.replace("{{meetingKey}}", DEMO_REGISTRATION_MEETING_KEY))
        result = await send(pilot)
        assert result.decoded.result == "SUCCESS"
        assert app.ui("#response-tabs").active in ("tab-tree", "tab-inspector")
        form = app.ui("#registration-table", DataTable)
        assert form.display and form.row_count == 10
        assert "title" in column(form, 0)
        assert app.ui("#tab-history") is not None
        history = app.ui("#history", DataTable)
        assert history.row_count == 2 or history.row_count == 1


async def test_meeting_uuid_follow_up_opens_get_meeting(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot)
        app.ui("#response-tabs").active = "tab-inspector"
        await pilot.pause()
        table = app.ui("#fields-table", DataTable)
        kinds = column(table, 0)
        row = kinds.index("meetingUUID")
        table.focus()
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        choices = app.screen.query_one("#choose-list", OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        assert ids[:3] == ["GetSessionInfo", "GetMeeting", "GetjoinurlMeeting"]
        choices.highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        text = app.ui("#editor").text
        assert "meeting.GetMeeting" in text
        assert f"<meetingUUID>{DEMO_MEETING_UUID}</meetingUUID>" in text
        assert "<meetingKey>" not in text
        result = await send(pilot)
        assert result.decoded.result == "SUCCESS", result.decoded.reason


async def test_registration_form_opens_set_meeting_prefilled(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_request("GetMeeting", {"meetingKey": DEMO_REGISTRATION_MEETING_KEY})
        result = await send(pilot)
        form = result.decoded.registration_form
        assert form, "the demo meeting has a registrationForm"
        app.ui("#response-tabs").active = "tab-inspector"
        await pilot.pause()
        button = app.ui("#registration-to-setmeeting")
        button.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(button)
        await settle(pilot)
        text = app.ui("#editor").text
        assert "meeting.SetMeeting" in text
        assert f"{DEMO_REGISTRATION_MEETING_KEY}</meetingkey>" in text
        for name, required in form.items():
            assert f"<{name}><req>{'true' if required else 'false'}</req></{name}>" in text
        result = await send(pilot)
        assert result.decoded.result == "SUCCESS", result.decoded.reason


async def test_failure_060016_shows_meaning_and_hint(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_request("CreateMeeting")
        editor = app.ui("#editor")
        editor.load(editor.text.replace("{{now+5m}}", "01/15/2021 10:00:00"))
        await pilot.app.run_action("send")
        await settle(pilot)
        # Lint knows this start time is past: the send stops and asks.
        assert "past-start-time" in app.ui("#inspector").banner_plain
        assert app.screen.query_one("#confirm-yes")
        await pilot.click("#confirm-yes")
        await settle(pilot)
        result = app.last_result
        assert result.decoded.result == "FAILURE"
        assert result.decoded.exception_id == "060016"
        banner = app.ui("#inspector").banner_plain
        assert "060016" in banner
        assert result.decoded.exception.hint in banner
        assert "since" in banner and "40.2.0" in banner
        assert app.ui("#response-tabs").active == "tab-inspector"
        assert app.ui("#result-banner").has_class("-failure")


async def test_version_switch_changes_the_envelope(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_request("GetMeeting", {"meetingKey": DEMO_REGISTRATION_MEETING_KEY})
        before = app.ui("#editor").text
        assert "meetingUUID" in before  # the 40.6.0 alternative is offered at 40.7.0
        app.ui("#version-select", Picker).value = "40.4.0"
        await settle(pilot)
        after = app.ui("#editor").text
        assert str(app.version) == "40.4.0"
        assert "meetingUUID" not in after
        assert DEMO_REGISTRATION_MEETING_KEY in after  # prefilled values survive the switch


async def test_history_reopen_puts_the_request_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        sent = app.ui("#editor").text
        await send(pilot)
        app.open_request("GetSite")
        assert "GetSite" in app.ui("#editor").text
        await pilot.press("f9")
        history = app.ui("#history", DataTable)
        assert history.row_count == 1
        history.focus()
        await pilot.press("o")
        await settle(pilot)
        assert app.ui("#editor").text == sent
        assert app.command == "GetSessionInfo"
