"""Regression tests for a review of the TUI: a pasted bodyContent fragment, the secret
prompt, the library description, saving over a file."""

from __future__ import annotations

from textual.widgets import DataTable

from explorer.sandbox.demo import DEMO_SESSION_KEY
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, send, settle

FRAGMENT = ('<bodyContent xsi:type="java:com.webex.service.binding.meeting.GetMeeting">'
            f'<meetingKey>{DEMO_SESSION_KEY}</meetingKey></bodyContent>')


async def add_demo_profile(pilot) -> None:
    """A password profile on the sandbox with no stored secret (the demo admin's is
    'sandbox')."""
    from explorer.core.profiles import Profile

    app = pilot.app
    app.profiles_store.add(Profile(name="demo", site_name="sandbox", url=app.sandbox.url,
                                   webex_id="admin"))
    app.refresh_profiles("demo")
    await settle(pilot)


def variable_values(app) -> dict[str, str]:
    table = app.ui("#variables", DataTable)
    return {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1])
            for i in range(table.row_count)}


async def test_a_pasted_fragment_is_sent_in_the_profile_envelope(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await add_demo_profile(pilot)
        app.session_secrets["demo"] = "sandbox"
        app.ui("#editor").replace_all(FRAGMENT)
        app.ui("#editor").move_cursor(app.ui("#editor").document.end)  # as after typing it
        await settle(pilot)
        app.flush_lint()
        assert not [f for f in app.last_findings if f.severity == "error"]
        assert "<securityContext>" in app.curl_text()  # copied as it will be sent

        result = await send(pilot)
        assert result.decoded.result == "SUCCESS", result.decoded.reason
        text = app.ui("#editor").text
        assert "<serv:message" in text and 'xmlns:xsi="' in text
        assert "<webExID>admin</webExID>" in text and "<password>{{password}}</password>" in text
        assert f"<meetingKey>{DEMO_SESSION_KEY}</meetingKey>" in text
        assert app.last_request == text
        entry = app.history_store.list(limit=1)[0]
        request = app.history_store.get(entry.id).request
        assert "<securityContext>" in request and "xmlns:xsi" in request
        assert "sandbox</password>" not in request

        # Ctrl+Z in the editor gives the fragment back (the cursor must not be left past it).
        app.ui("#editor").focus()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.is_running
        assert app.ui("#editor").text == FRAGMENT
        await pilot.press("ctrl+z", "ctrl+y", "ctrl+z")
        await settle(pilot)
        assert app.is_running


async def test_secret_prompt_without_keyring_says_so_and_refreshes_the_variables(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await add_demo_profile(pilot)
        app.flush_lint()
        assert variable_values(app)["{{password}}"] == "✗ unresolved"

        await app.run_action("send")
        await pilot.pause()
        prompt = str(app.screen.query_one("#secret-where").render())
        assert "keyring" in prompt and "stored in the system keyring" not in prompt
        assert "this session only" in prompt
        await pilot.press(*"sandbox", "enter")
        await settle(pilot)
        assert app.last_result.decoded.result == "SUCCESS"
        assert variable_values(app)["{{password}}"] == "********"
        assert "unresolved" not in str(app.ui("#editor").border_subtitle)


async def test_secret_prompt_with_a_keyring_says_it_is_stored_there(make_app, memory_keyring):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await add_demo_profile(pilot)
        await app.run_action("send")
        await pilot.pause()
        prompt = str(app.screen.query_one("#secret-where").render())
        assert "stored in the system keyring" in prompt
        await pilot.press(*"sandbox", "enter")
        await settle(pilot)
        assert memory_keyring.get_password("webex-xml-explorer", "demo") == "sandbox"
        assert variable_values(app)["{{password}}"] == "********"


async def test_library_description_follows_a_command_opened_from_the_palette(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        info = app.ui("#template-info")
        # CreateMeeting opened from a filtered tree: the filter hides every other command.
        await pilot.press("ctrl+t", *"createmeeting", "enter", "enter")
        await settle(pilot)
        assert str(info.render()).startswith("CreateMeeting")

        await pilot.press("ctrl+p")
        await settle(pilot)
        from textual.widgets import Input

        app.screen.query_one(Input).value = "Template: AuthenticateUser"  # typed at once
        await pilot.pause(0.3)  # the palette's search runs on a short timer
        await pilot.press("enter")
        await settle(pilot)
        assert app.command == "AuthenticateUser"
        assert str(info.render()).startswith("AuthenticateUser")

        template = app.library.get("AuthenticateUser")
        await pilot.press("f4")
        await settle(pilot)
        shown = str(info.render())
        assert shown.startswith("AuthenticateUser")
        assert template.description_ja.strip()[:20] in shown
        assert template.description_en.strip()[:20] not in shown


async def save_to(pilot, path) -> None:
    await pilot.press("f8")
    await pilot.pause()
    pilot.app.screen.query_one("#save-path").value = str(path)
    await pilot.press("enter")
    await settle(pilot)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_save_asks_before_replacing_a_file(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot)
        target = tmp_path / "answer.xml"
        target.write_text("keep me", encoding="utf-8")

        await save_to(pilot, target)
        assert app.screen.query_one("#confirm-box")
        assert target.read_text(encoding="utf-8") == "keep me"  # nothing written yet
        await pilot.click("#confirm-no")  # keep it: saved under a new name
        await settle(pilot)
        other = tmp_path / "answer-1.xml"
        assert target.read_text(encoding="utf-8") == "keep me"
        assert other.read_bytes() == app.last_result.body
        assert any(str(other) in n and "kept" in n for n in notices(app))

        await save_to(pilot, target)
        await pilot.click("#confirm-yes")  # replace
        await settle(pilot)
        assert target.read_bytes() == app.last_result.body
        assert any(str(target) in n and "replaced" in n for n in notices(app))

        target.write_text("keep me", encoding="utf-8")
        await save_to(pilot, target)
        await pilot.press("escape")  # neither: nothing written
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "keep me"
        assert not (tmp_path / "answer-2.xml").exists()
        assert any("not saved" in n for n in notices(app))


async def test_the_sandbox_answers_as_the_version_picked_in_the_top_bar(make_app):
    from explorer.tui.widgets.topbar.picker import Picker

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.ui("#version-select", Picker).value = "40.2.5"
        await settle(pilot)
        app.open_request("GetAPIVersion")
        await settle(pilot)
        result = await send(pilot)
        assert result.decoded.result == "SUCCESS"
        assert b"<ep:release>40.2.5</ep:release>" in result.body
        assert "api-version=40.2.5" in app.curl_text()


async def test_a_pasted_http_request_sends_its_body(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        envelope = app.ui("#editor").text
        app.ui("#editor").replace_all(
            "POST /WBXService/XMLService HTTP/1.1\nHost: sandbox.webex.com\n"
            "Content-Type: text/xml; charset=UTF-8\n\n" + envelope)
        result = await send(pilot)
        assert result.decoded.result == "SUCCESS", result.body[:300]
        assert app.last_request == envelope
