"""The envelope editor: XML highlighting (attribute names too), only around the viewport."""

from __future__ import annotations

from textual.app import App, ComposeResult

from explorer.tui.widgets.editor.envelope_editor import EnvelopeEditor
from explorer.tui.widgets.editor.windowed_highlights import MARGIN
from explorer.tui.widgets.editor.xml_theme import XML_THEME


def long_envelope(rows: int) -> str:
    items = "\n".join(f'    <item n="{i}">value {i}</item>' for i in range(rows))
    return f'<?xml version="1.0"?>\n<list a="1">\n{items}\n</list>\n'


class EditorApp(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield EnvelopeEditor(self.text)


def names_on(editor: EnvelopeEditor, row: int) -> set[str]:
    return {name for _start, _end, name in editor._highlights.get(row, [])}


async def test_xml_highlighting_colours_tags_and_attribute_names():
    assert XML_THEME.syntax_styles["property"].color is not None  # attribute names
    assert XML_THEME.syntax_styles["tag"].color != XML_THEME.syntax_styles["property"].color
    app = EditorApp(long_envelope(5))
    async with app.run_test(size=(80, 20)) as pilot:
        editor = app.query_one(EnvelopeEditor)
        await pilot.pause()
        assert editor.language == "xml"
        assert {"tag", "property", "string"} <= names_on(editor, 2)


async def test_highlights_follow_the_viewport():
    rows = 600
    app = EditorApp(long_envelope(rows))
    async with app.run_test(size=(80, 20)) as pilot:
        editor = app.query_one(EnvelopeEditor)
        await pilot.pause()
        assert "tag" in names_on(editor, 3)
        far = rows - 5
        assert not names_on(editor, far)  # far below the window: not computed yet
        editor.scroll_end(animate=False)
        await pilot.pause()
        assert "tag" in names_on(editor, far)
        assert not names_on(editor, 3) or 3 >= int(editor.scroll_y) - MARGIN
        # Typing down there re-highlights the edited line.
        editor.move_cursor((far, 4))
        editor.insert("<x>")
        await pilot.pause()
        assert "tag" in names_on(editor, far)


async def test_hovering_a_variable_shows_its_value(make_app):
    from tests.tui.conftest import SIZE
    from tests.tui.helpers import ready

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        editor = app.ui("#editor")
        row = next(i for i in range(editor.document.line_count)
                   if "{{password}}" in editor.document.get_line(i))
        column = editor.document.get_line(row).index("{{password}}") + 3
        assert editor.variable_at(row, column) == "password"
        assert editor.variable_display["password"] == "********"
        assert editor.variable_at(row, 0) is None
        await pilot.hover(editor, offset=(editor.gutter_width + column + 1, row + 1))
        assert editor.tooltip == "{{password}} = ********"
        editor.load(editor.text.replace("805325231", "{{nothing}}"))
        app.run_lint()
        assert editor.variable_display["nothing"] == "✗ unresolved"
