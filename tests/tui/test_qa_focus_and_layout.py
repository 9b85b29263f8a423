"""Regression tests for a review of keyboard focus (drawer, history, diff notes) and of what
fits at 80x24."""

from __future__ import annotations

from textual.widgets import Select

from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, send, settle

NARROW = (80, 24)


def _inside(app, selector: str) -> bool:
    return app.focused is not None and app.ui(selector) in app.focused.ancestors_with_self


async def test_80x24_library_drawer_takes_the_keys_and_esc_closes_it(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        editor = app.ui("#editor")
        before = editor.text
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert _inside(app, "#library")
        await pilot.press(*"Lst")
        await pilot.pause()
        assert editor.text == before
        assert app.ui("#template-filter").value == "Lst"
        await pilot.press("escape")
        await pilot.pause()
        assert app.ui("#library").region.width == 0
        assert app.focused is editor


async def test_80x24_choosing_a_template_closes_the_drawer(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        await pilot.press(*"GetSite", "enter")  # the filter, then its first match in the tree
        await pilot.pause()
        assert _inside(app, "#library")
        await pilot.press("enter")
        await settle(pilot)
        assert app.command == "GetSite"
        assert app.ui("#library").region.width == 0
        assert app.focused is app.ui("#editor")


async def test_wide_library_stays_a_column_when_a_template_is_chosen(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+t", *"GetSite", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.command == "GetSite"
        assert app.ui("#library").region.width > 0
        assert app.focused is app.ui("#templates")  # the next template is a key away
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.ui("#editor") and app.ui("#library").region.width > 0
        await pilot.press("ctrl+b")  # hide the column: focus does not stay in it
        await pilot.pause()
        assert app.ui("#library").region.width == 0
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert _inside(app, "#library")


async def test_f9_focuses_the_history_list(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        await send(pilot)
        await send(pilot)
        editor = app.ui("#editor")
        editor.focus()
        before = editor.text
        await pilot.press("f9")
        await settle(pilot)
        history = app.ui("#history")
        assert app.focused is history and history.row_count == 2
        await pilot.press("c")
        await settle(pilot)
        assert editor.text == before
        assert "history #" in str(app.screen.query_one(".modal-title").render())


async def test_80x24_variables_column_shows_its_rows(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        app.open_request("GetMeeting")
        await settle(pilot)
        app.flush_lint()
        await pilot.press("ctrl+l")
        await settle(pilot)
        variables = app.ui("#variables")
        assert "1 unresolved" in str(variables.border_title)
        assert variables.row_count == 2
        # Rows below the border, the header and any horizontal scrollbar.
        rows_shown = (variables.scrollable_content_region.height
                      - (1 if variables.show_header else 0))
        assert rows_shown >= variables.row_count
        assert app.ui("#lint").region.height >= 3


async def test_version_diff_notes_scroll_from_the_keyboard(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        app.open_request("CreateMeeting")
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#diff-from", Select).value = "39.11.0"
        screen.query_one("#diff-to", Select).value = "40.6.1"
        await settle(pilot)
        notes = screen.query_one("#diff-notes")
        assert notes.max_scroll_y > 0  # more notes than fit at 80x24
        await pilot.press("shift+tab")  # from the diff back to the notes
        await pilot.pause()
        assert app.focused is notes
        await pilot.press("end")
        await pilot.pause()
        assert notes.scroll_y == notes.max_scroll_y > 0
        assert "meetingUUID" in str(screen.query_one("#diff-notes-text").render())
