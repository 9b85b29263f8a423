"""Regression tests for what a reviewer found driving the real app (80x24 and 200x60)."""

from __future__ import annotations

from textual.widgets import Select

from explorer.sandbox.demo import DEMO_REGISTRATION_MEETING_KEY
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, send, settle


def _element(text: str, name: str) -> str:
    import re

    match = re.search(rf"<{name}>([^<]*)</{name}>", text, re.IGNORECASE)
    return match.group(1) if match else ""


async def test_registration_form_set_meeting_changes_nothing_else(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_request("GetMeeting", {"meetingKey": DEMO_REGISTRATION_MEETING_KEY})
        before = await send(pilot)
        raw_before = before.body.decode()
        name, start = _element(raw_before, "meet:confName"), _element(raw_before,
                                                                       "meet:startDate")
        assert name and start
        app.ui("#response-tabs").active = "tab-inspector"
        await settle(pilot)
        app.ui("#inspector").open_set_meeting()
        await settle(pilot)
        text = app.ui("#editor").text
        assert "meeting.SetMeeting" in text
        for template_default in ("confName", "startDate", "duration", "{{now"):
            assert template_default not in text
        assert "<registration>true</registration>" in text
        assert f"<meetingkey>{DEMO_REGISTRATION_MEETING_KEY}</meetingkey>" in text
        result = await send(pilot)
        assert result.decoded.result == "SUCCESS", result.decoded.reason

        app.open_request("GetMeeting", {"meetingKey": DEMO_REGISTRATION_MEETING_KEY})
        after = (await send(pilot)).body.decode()
        assert _element(after, "meet:confName") == name
        assert _element(after, "meet:startDate") == start
        assert after.count("<meet:req>") == raw_before.count("<meet:req>")


async def test_version_change_keeps_an_edited_envelope_and_lints_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_request("GetMeeting", {"meetingKey": DEMO_REGISTRATION_MEETING_KEY})
        editor = app.ui("#editor")
        pasted = editor.text.replace(f"<meetingKey>{DEMO_REGISTRATION_MEETING_KEY}",
                                     "<meetingUUID>abc</meetingUUID><meetingKey>1")
        editor.replace_all(pasted)
        await settle(pilot)
        app.ui("#version-select", Select).value = "40.4.0"
        await settle(pilot)
        app.flush_lint()
        assert editor.text == pasted  # kept, not thrown away
        assert str(app.version) == "40.4.0"
        assert any(f.rule == "element-not-in-version" for f in app.last_findings)
        # The explicit action reloads the template for the version; undo brings it back.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "meetingUUID" not in editor.text
        editor.undo()
        assert editor.text == pasted


async def test_untouched_template_follows_the_profile_and_version(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_request("GetMeeting", {"meetingKey": DEMO_REGISTRATION_MEETING_KEY})
        app.ui("#version-select", Select).value = "40.4.0"
        await settle(pilot)
        assert "meetingUUID" not in app.ui("#editor").text


async def test_in_process_sandbox_url_is_not_saved(make_app, isolated_dirs):
    from explorer.core.profiles import ProfileStore

    path = isolated_dirs["config"] / "profiles.toml"
    cli = ProfileStore(path)
    cli.ensure_sandbox("http://127.0.0.1:8088/WBXService/XMLService")  # the CLI verb's
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.profile.endpoint == app.sandbox.url
        assert (await send(pilot)).decoded.result == "SUCCESS"
    again = ProfileStore(path).find("sandbox")
    assert again is not None
    assert again.endpoint == "http://127.0.0.1:8088/WBXService/XMLService"


async def test_sandbox_curl_masks_the_password_element_not_the_site_name(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        curl = app.curl_text(with_secrets=False)
        assert "<siteName>sandbox</siteName>" in curl
        assert "<password>********</password>" in curl


async def test_send_keys_do_nothing_behind_a_dialog(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.last_result is None
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.last_result is not None
