"""The top bar's pickers and the response tab row, driven like a user drives them."""

from __future__ import annotations

from textual.widgets import OptionList

from explorer.tui.widgets.chrome.tabbed_panes import TabRow
from explorer.tui.widgets.topbar.picker import Picker, PickerMenu
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, settle


async def test_version_picker_opens_under_itself_and_reloads_the_template(make_app, isolated_dirs):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        picker = app.ui("#version-select", Picker)
        await pilot.click("#version-select")
        await pilot.pause()
        assert isinstance(app.screen, PickerMenu)
        menu = app.screen.query_one(OptionList)
        assert menu.region.y == picker.region.bottom  # drops down from the picker
        assert menu.highlighted == 0  # the current value, 40.7.0, newest first
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, PickerMenu)
        assert picker.value == "40.6.0" and str(app.version) == "40.6.0"
        assert "API 40.6.0" in app.sub_title


async def test_escape_and_a_click_outside_close_the_menu_unchanged(make_app, isolated_dirs):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        picker = app.ui("#profile-select", Picker)
        picker.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerMenu)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PickerMenu)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, PickerMenu)
        await pilot.click(offset=(SIZE[0] - 2, SIZE[1] - 3))
        await pilot.pause()
        assert not isinstance(app.screen, PickerMenu)
        assert picker.value == "sandbox"


async def test_picker_refuses_a_value_that_is_not_an_option(make_app, isolated_dirs):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        picker = app.ui("#version-select", Picker)
        try:
            picker.value = "41.0.0"
        except ValueError as exc:
            assert "not one of the options" in str(exc)
        else:
            raise AssertionError("an unknown version was accepted")
        assert picker.value == "40.7.0"


async def test_tab_row_switches_panes_by_click_and_by_keys(make_app, isolated_dirs):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tabs = app.ui("#response-tabs")
        row = app.ui(TabRow)
        raw = next(span for span in row.spans if span.pane_id == "tab-raw")
        await pilot.click(TabRow, offset=(raw.start + 1, 0))
        await settle(pilot)
        assert tabs.active == "tab-raw"
        assert app.ui("#response-raw").is_attached  # the lazy pane was built on demand
        assert app.ui("#tab-raw").display and not app.ui("#tab-tree").display
        row.focus()
        await pilot.press("right")
        await settle(pilot)
        assert tabs.active == "tab-inspector" and app.ui("#inspector").is_attached
        await pilot.press("left", "left")
        await pilot.pause()
        assert tabs.active == "tab-tree"
        await pilot.press("left")  # wraps round
        await settle(pilot)
        assert tabs.active == "tab-history"


async def test_footer_lists_the_keys_and_a_click_presses_one(make_app, isolated_dirs):
    from explorer.tui.widgets.chrome.footer import ExplorerFooter

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        from explorer.tui.app_defaults import TREE_WAITING

        assert TREE_WAITING in str(app.ui("#tab-tree").render().renderable)  # no answer yet
        footer = app.ui(ExplorerFooter)
        line = footer.render().plain
        assert "Send" in line and "Quit" in line and line.rstrip().endswith("palette")
        send = next(span for span in footer._spans if span.key == "ctrl+r")
        await pilot.click(ExplorerFooter, offset=(send.start + 1, 0))
        await settle(pilot)
        assert app.last_result is not None and app.last_result.decoded.result == "SUCCESS"
        assert app.ui("#response-tree").is_attached  # the tree replaced the waiting line
        assert app.ui("#tab-tree").render() == ""
