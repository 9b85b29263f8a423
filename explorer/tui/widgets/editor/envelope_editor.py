"""The envelope editor: an XML TextArea with line numbers and the explorer's XML theme."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from explorer.tui.widgets.editor.windowed_highlights import WindowedHighlights
from explorer.tui.widgets.editor.xml_theme import THEME_NAME, XML_THEME


def ensure_xml_language(area: TextArea) -> str | None:
    """Make "xml" available on this TextArea; register tree-sitter-xml ourselves if needed."""
    if "xml" in area.available_languages:
        return "xml"
    try:
        import tree_sitter_xml
        from tree_sitter import Language
    except ImportError:
        return None
    from pathlib import Path

    import textual

    query_file = Path(textual.__file__).parent / "tree-sitter" / "highlights" / "xml.scm"
    query = query_file.read_text(encoding="utf-8") if query_file.exists() else ""
    area.register_language("xml", Language(tree_sitter_xml.language_xml()), query)
    return "xml"


def make_xml_area(
    text: str = "", *, id: str | None = None, read_only: bool = False, highlight: bool = True
) -> TextArea:
    """A code-editor TextArea for XML with the explorer theme registered."""
    area = TextArea.code_editor(text, id=id, read_only=read_only, soft_wrap=False)
    area.register_theme(XML_THEME)
    area.theme = THEME_NAME
    if highlight:
        area.language = ensure_xml_language(area)
    return area


class EnvelopeEditor(WindowedHighlights):
    """The request envelope (`#editor`)."""

    def __init__(self, text: str = "", *, id: str | None = "editor") -> None:
        super().__init__(
            text,
            id=id,
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            highlight_cursor_line=True,
        )
        self.indent_width = 4
        self.register_theme(XML_THEME)
        self.theme = THEME_NAME
        self.language = ensure_xml_language(self)

    _loaded_once = False

    #: What each variable shows as (value, ******** for secrets, or "unresolved"), for hover.
    variable_display: dict[str, str] = {}

    def variable_at(self, row: int, column: int) -> str | None:
        """The name of the `{{variable}}` under (row, column), if any."""
        import re

        if not 0 <= row < self.document.line_count:
            return None
        for match in re.finditer(r"\{\{\s*([^{}]+?)\s*\}\}", self.document.get_line(row)):
            if match.start() <= column < match.end():
                return match.group(1)
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row, column = self.get_target_document_location(event)
        name = self.variable_at(row, column)
        if name is None:
            self.tooltip = None
            return
        shown = self.variable_display.get(name, "unresolved")
        self.tooltip = f"{{{{{name}}}}} = {shown}"

    def jump_to(self, line: int | None, column: int | None = None) -> None:
        """Put the cursor on a 1-based line (and column) and focus the editor."""
        if not line:
            return
        row = max(0, min(line - 1, self.document.line_count - 1))
        col = max(0, (column or 1) - 1)
        self.move_cursor((row, min(col, len(self.document.get_line(row)))), center=True)
        self.focus()

    def load(self, text: str) -> None:
        """Replace the whole envelope. The first load starts the undo history; later ones
        are one undoable edit each, so Ctrl+Z brings back what was there before."""
        if not self._loaded_once:
            self._loaded_once = True
            self.load_text(text)
        else:
            self.replace_all(text)
        self.move_cursor((0, 0))

    def replace_all(self, text: str) -> None:
        """Replace everything as a single undoable edit."""
        self.history.checkpoint()
        self.replace(text, (0, 0), self.document.end, maintain_selection_offset=False)
        self.history.checkpoint()
