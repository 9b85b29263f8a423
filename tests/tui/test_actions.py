"""Actions around the main flow: palette, help, copy, curl, save, compare, language, theme."""

from __future__ import annotations

import json

from textual.widgets import DataTable

from explorer.sandbox.demo import DEMO_MEETING_UUID
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, send, settle


async def test_palette_lists_templates_profiles_versions_and_actions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Send" in titles and "Profiles" in titles and "Version diff" in titles
        assert "Template: GetSessionInfo" in titles and "Template: SetMeeting" in titles
        assert "Profile: sandbox" in titles
        assert "API version: 40.7.0" in titles and "API version: 39.11.0" in titles
        run = next(c for c in app.get_system_commands(app.screen)
                   if c.title == "Template: GetSite")
        run.callback()
        await settle(pilot)
        assert app.command == "GetSite" and "site.GetSite" in app.ui("#editor").text


async def test_help_opens_and_closes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.query_one("#help-text")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]


async def test_copy_save_and_compare_the_response(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot)
        await pilot.press("f10")
        assert DEMO_MEETING_UUID in app.clipboard

        target = tmp_path / "answer.xml"
        await pilot.press("f8")
        await pilot.pause()
        app.screen.query_one("#save-path").value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_bytes() == app.last_result.body

        # Send again with another key, then compare the first answer with the current one.
        editor = app.ui("#editor")
        editor.load(editor.text.replace("805325231", "999999999"))
        await send(pilot)
        await pilot.press("f9")
        await settle(pilot)
        history = app.ui("#history", DataTable)
        assert history.row_count == 2
        history.focus()
        history.move_cursor(row=1)  # newest first: row 1 is the first send
        await pilot.press("c")
        await settle(pilot)
        diff = app.screen.query_one("#compare-diff")
        text = str(diff.query_one(".diff-text").render())
        assert "history #" in str(app.screen.query_one(".modal-title").render())
        assert "SUCCESS" in text or "FAILURE" in text


async def test_curl_is_redacted_unless_confirmed(make_app, memory_keyring):
    from explorer.core.profiles import Profile

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.profiles_store.add(Profile(name="acme", site_name="acme", webex_id="host1"),
                               "Top-Secret-42")
        app.refresh_profiles("acme")
        await settle(pilot)
        await pilot.press("f12")
        await pilot.pause()
        await pilot.click("#confirm-no")
        await pilot.pause()
        assert "curl" in app.clipboard and "Top-Secret-42" not in app.clipboard
        assert "********" in app.clipboard
        await pilot.press("f12")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert "Top-Secret-42" in app.clipboard


async def test_language_and_theme_are_remembered(make_app, isolated_dirs):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        info = app.ui("#template-info")
        assert "Returns" in str(info.render())
        await pilot.press("f4")
        await pilot.pause()
        assert app.settings.language == "ja"
        assert str(info.render()) != "" and "Returns the details" not in str(info.render())
        app.theme = "nord"
        await pilot.pause()
    saved = json.loads((isolated_dirs["config"] / "tui.json").read_text())
    assert saved["language"] == "ja" and saved["theme"] == "nord"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.theme == "nord" and again.settings.language == "ja"
