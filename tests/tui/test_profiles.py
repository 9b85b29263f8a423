"""Profiles modal: add and edit with an in-memory keyring; secrets never in the file."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input, Select

from explorer.tui.widgets.topbar.picker import Picker
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, settle


async def fill(pilot, selector: str, value: str) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.value = value
    await pilot.pause()


async def test_add_then_edit_a_profile(make_app, memory_keyring, isolated_dirs):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f2")
        await pilot.pause()
        table = app.screen.query_one("#profiles-table", DataTable)
        assert table.row_count == 1  # the built-in sandbox

        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "#pf-name", "acme")
        await fill(pilot, "#pf-site", "acme")
        await fill(pilot, "#pf-webex-id", "hostuser")
        await fill(pilot, "#pf-secret", "s3cret-Passw0rd")
        app.screen.query_one("#pf-version", Select).value = "40.4.9"
        await pilot.pause()
        await pilot.click("#pf-save")
        await settle(pilot)

        table = app.screen.query_one("#profiles-table", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert names == ["sandbox", "acme"]
        assert memory_keyring.get_password("webex-xml-explorer", "acme") == "s3cret-Passw0rd"
        stored = (isolated_dirs["config"] / "profiles.toml").read_text()
        assert "s3cret" not in stored
        assert 'api_version = "40.4.9"' in stored

        # Edit: a bad site name is refused in the form, then a good one is saved.
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#pf-name", Input).disabled
        await fill(pilot, "#pf-site", "not a site!")
        await pilot.click("#pf-save")
        await pilot.pause()
        assert "bad site name" in str(app.screen.query_one("#pf-error").render())
        await fill(pilot, "#pf-site", "acme-eu")
        app.screen.query_one("#pf-save", Button).press()  # a second click within 0.2 s is ignored
        await settle(pilot)
        assert app.profiles_store.get("acme").site_name == "acme-eu"
        # The secret was left empty on edit: the stored one is kept.
        assert memory_keyring.get_password("webex-xml-explorer", "acme") == "s3cret-Passw0rd"

        await pilot.press("escape")
        await settle(pilot)
        assert app.ui("#profile-select", Picker).options[-1][1] == "acme"


async def test_switching_profile_rebuilds_the_envelope_and_masks_the_secret(
        make_app, memory_keyring):
    from explorer.core.profiles import Profile

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.profiles_store.add(Profile(name="acme", site_name="acme", webex_id="host1",
                                       api_version="40.6.0"), "pw-123456")
        app.refresh_profiles()
        app.ui("#profile-select", Picker).value = "acme"
        await settle(pilot)
        assert app.profile.name == "acme"
        assert str(app.version) == "40.6.0"
        text = app.ui("#editor").text
        assert "<siteName>acme</siteName>" in text and "<webExID>host1</webExID>" in text
        assert "pw-123456" not in text
        variables = app.ui("#variables", DataTable)
        shown = [str(variables.get_row_at(i)[1]) for i in range(variables.row_count)]
        assert "********" in shown and "pw-123456" not in shown
        curl = app.curl_text(with_secrets=False)
        assert "pw-123456" not in curl and "acme.webex.com" in curl
        assert "pw-123456" in app.curl_text(with_secrets=True)


async def test_test_connection_and_delete(make_app, memory_keyring):
    from explorer.core.profiles import Profile

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        # A second profile on the same sandbox, with the demo host's password in the keyring.
        app.profiles_store.add(Profile(name="alice", site_name="sandbox", url=app.sandbox.url,
                                       webex_id="alice"), "sandbox")
        app.profiles_store.add(Profile(name="wrong", site_name="sandbox", url=app.sandbox.url,
                                       webex_id="alice"), "not-the-password")
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#profiles-table", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]

        table.move_cursor(row=names.index("alice"))
        await pilot.press("t")
        await settle(pilot)
        status = str(screen.query_one("#profile-status").render())
        assert "✓ GetAPIVersion" in status and "✓ GetUser" in status

        table.move_cursor(row=names.index("wrong"))
        await pilot.press("t")
        await settle(pilot)
        status = str(screen.query_one("#profile-status").render())
        assert "✗" in status and "030002" in status  # Incorrect user or password

        table.move_cursor(row=names.index("sandbox"))
        await pilot.press("d")
        await pilot.pause()
        assert "cannot be deleted" in str(screen.query_one("#profile-status").render())

        table.move_cursor(row=names.index("wrong"))
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert app.profiles_store.find("wrong") is None
        assert memory_keyring.get_password("webex-xml-explorer", "wrong") is None
