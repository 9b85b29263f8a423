"""Regression tests for what a reviewer found driving the real app (80x24 and 200x60)."""

from __future__ import annotations

from textual.widgets import Select

from explorer.sandbox.demo import DEMO_REGISTRATION_MEETING_KEY
from explorer.tui.widgets.topbar.picker import Picker
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
        app.ui("#version-select", Picker).value = "40.4.0"
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
        app.ui("#version-select", Picker).value = "40.4.0"
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


async def test_80x24_footer_shows_the_essential_keys(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.pause()
        strips = app.screen._compositor.render_strips()
        row = "".join(segment.text for segment in strips[-1])
        for key in ("^r Send", "^p palette", "f1 Help", "^b Library", "f9 History", "f8 Save",
                    "f2 Profiles", "^q Quit"):
            assert key in row, (key, row)
        assert "…" not in row


async def test_80x24_send_shows_the_meeting_uuid_without_scrolling(make_app):
    from explorer.sandbox.demo import DEMO_MEETING_UUID

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await send(pilot)
        await pilot.pause()
        table = app.ui("#fields-table")
        assert app.ui("#response-tabs").active == "tab-inspector"
        assert str(table.get_row_at(0)[1]) == DEMO_MEETING_UUID
        assert table.region.height > 0 and app.screen.region.contains_region(table.region)
        assert table.region.y + 1 < app.screen.region.bottom - 1  # its first row is on screen


async def test_help_scrolls_by_keyboard(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.scroll_y == 0 and scroll.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        after_page = scroll.scroll_y
        assert after_page > 0
        await pilot.press("tab")
        await pilot.pause()
        assert scroll.scroll_y > after_page


async def test_find_template_replaces_the_old_filter_and_says_no_match(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+t")
        await pilot.press(*"getsite")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.press("ctrl+t")
        await pilot.press(*"zzz")
        await pilot.pause()
        box = app.ui("#template-filter")
        assert box.value == "zzz"
        tree = app.ui("#templates")
        labels = [str(node.label) for node in tree.root.children]
        assert labels == ["no command matches 'zzz'"]


async def test_profile_form_focuses_its_first_field_and_enter_saves(make_app, memory_keyring):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#profile-close").region.bottom <= 24
        await pilot.press("a")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#pf-name")
        await pilot.press(*"acme", "tab", *"acme")
        app.screen.query_one("#pf-webex-id").value = "host1"
        await pilot.press("enter")  # in the site field: Enter saves the form
        await settle(pilot)
        assert app.profiles_store.find("acme") is not None


async def test_version_diff_defaults_to_the_last_request_change(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.open_request("SetMeeting")
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert (str(screen.v1), str(screen.v2)) == ("40.6.0", "40.6.1")
        diff = str(screen.query_one("#diff-unified .diff-text").render())
        assert "no differences" not in diff
        assert app.focused is screen.query_one("#diff-unified")
        await pilot.press("s")
        await pilot.pause()
        left, right = screen.query_one("#diff-left"), screen.query_one("#diff-right")
        assert left.scroll_y == right.scroll_y == 0
        left.focus()
        await pilot.press("pagedown")
        await pilot.pause()
        assert left.scroll_y > 0 and right.scroll_y == left.scroll_y


async def test_missing_secret_is_asked_for_masked_and_kept(make_app):
    from explorer.core.profiles import Profile

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        url = app.sandbox.url
        app.profiles_store.add(Profile(name="demo", site_name="sandbox", url=url,
                                       webex_id="admin"))
        app.refresh_profiles("demo")
        await settle(pilot)
        await app.run_action("send")
        await pilot.pause()
        box = app.screen.query_one("#secret-input")
        assert box.password
        await pilot.press(*"sandbox", "enter")
        await settle(pilot)
        # The tests' keyring is the fail backend: kept for this session, and said so.
        assert app.session_secrets == {"demo": "sandbox"}
        assert app.last_result.decoded.result == "SUCCESS"


async def test_f11_maximises_the_focused_pane(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.ui("#editor").focus()
        await pilot.press("f11")
        await pilot.pause()
        assert app.screen.maximized is app.ui("#editor")
        await pilot.press("f11")
        await pilot.pause()
        assert app.screen.maximized is None


async def test_palette_lists_versions_newest_first_and_no_blank_version(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        from explorer.tui.palette import ExplorerCommandsProvider

        provider = ExplorerCommandsProvider(app.screen)
        names = [str(hit.text) async for hit in provider.discover()]
        versions = [n for n in names if n.startswith("API version: ")]
        assert versions[0] == "API version: 40.7.0" and versions[-1].endswith("39.11.0")
        picker = app.ui("#version-select", Picker)
        assert picker.value == "40.7.0" and None not in [v for _, v in picker.options]


def test_first_request_uses_the_sandbox_demo_session():
    from explorer.sandbox import demo
    from explorer.tui import app

    assert app.DEMO_SESSION_KEY == demo.DEMO_SESSION_KEY


async def test_80x24_library_opens_as_a_drawer_with_ctrl_b(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        library = app.ui("#library")
        assert not library.display or library.region.width == 0
        await pilot.press("ctrl+b")
        await settle(pilot)
        tree = app.ui("#templates")
        assert library.region.width > 0 and tree.region.height > 0
        labels = [str(node.label) for node in tree.root.children]
        assert any("meeting" in label for label in labels)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert library.region.width == 0


async def test_switching_profile_clears_the_old_error_banner(make_app, memory_keyring):
    from explorer.core.profiles import Profile

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_request("GetMeeting")  # {{meetingKey}} unresolved: an error banner
        await send(pilot)
        assert app.ui("#result-banner").has_class("-error")
        app.profiles_store.add(Profile(name="acme", site_name="acme", webex_id="h"), "pw")
        app.refresh_profiles("acme")
        await settle(pilot)
        assert not app.ui("#result-banner").has_class("-error")
        assert app.ui("#inspector").banner_plain == ""


async def test_history_reopen_restores_the_api_version(make_app):
    from textual.widgets import DataTable

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.ui("#version-select", Picker).value = "40.4.0"
        await settle(pilot)
        await send(pilot)
        app.ui("#version-select", Picker).value = "40.7.0"
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        history = app.ui("#history", DataTable)
        history.focus()
        await pilot.press("o")
        await settle(pilot)
        assert str(app.version) == "40.4.0"
        assert app.ui("#version-select", Picker).value == "40.4.0"


async def test_editing_the_builtin_sandbox_keeps_the_cli_url(make_app, isolated_dirs):
    from explorer.core.profiles import ProfileStore

    path = isolated_dirs["config"] / "profiles.toml"
    ProfileStore(path).ensure_sandbox("http://127.0.0.1:8088/WBXService/XMLService")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("e")  # the first row: the built-in sandbox
        await pilot.pause()
        app.screen.query_one("#pf-version", Select).value = "40.4.9"
        await pilot.pause()
        app.screen.query_one("#pf-save").press()
        await settle(pilot)
    saved = ProfileStore(path).find("sandbox")
    assert saved.endpoint == "http://127.0.0.1:8088/WBXService/XMLService"
    assert saved.api_version == "40.4.9"


async def test_80x24_lint_column_opens_with_the_current_findings(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.ui("#editor").replace_all("<x>")
        await pilot.pause()
        app.flush_lint()
        await pilot.press("ctrl+l")
        await settle(pilot)
        lint = app.ui("#lint")
        assert lint.region.width > 0 and lint.region.height >= 5
        assert [f.rule for f in lint.findings] == ["xml-syntax"]
        assert "Variables (0)" in str(app.ui("#variables").border_title)


async def test_growing_from_80_columns_builds_the_hidden_parts(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.resize_terminal(160, 45)
        await settle(pilot)
        assert app.ui("#templates").region.height > 0
        assert app.ui("#lint").region.width > 0
        assert app.screen.query_one("Header").region.height == 1
        labels = [str(label.render()) for label in app.screen.query(".topbar-label")]
        assert labels == ["Profile", "API"]
        assert app.ui("#version-label").region.x < app.ui("#version-select").region.x
