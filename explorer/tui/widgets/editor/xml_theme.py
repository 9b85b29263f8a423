"""An editor theme for XML in which tags, attribute names and values all stand apart."""

from __future__ import annotations

from rich.style import Style
from textual.widgets.text_area import TextAreaTheme

THEME_NAME = "explorer-xml"

_TAG = Style(color="#66D9EF")
_ATTRIBUTE = Style(color="#A6E22E")
_VALUE = Style(color="#E6DB74")
_PUNCTUATION = Style(color="#90908a")

XML_THEME = TextAreaTheme(
    name=THEME_NAME,
    base_style=Style(color="#f8f8f2", bgcolor="#1e1f1c"),
    gutter_style=Style(color="#75715E", bgcolor="#1e1f1c"),
    cursor_style=Style(color="#272822", bgcolor="#f8f8f0"),
    cursor_line_style=Style(bgcolor="#2d2e27"),
    cursor_line_gutter_style=Style(color="#c2c2bf", bgcolor="#2d2e27"),
    bracket_matching_style=Style(bgcolor="#555555", bold=True),
    selection_style=Style(bgcolor="#49483E"),
    syntax_styles={
        "tag": _TAG,
        "property": _ATTRIBUTE,  # attribute names (and xml declaration pseudo-attributes)
        "string": _VALUE,
        "string.special": _VALUE,
        "number": Style(color="#AE81FF"),
        "keyword": Style(color="#F92672"),
        "operator": _PUNCTUATION,
        "punctuation.delimiter": _PUNCTUATION,
        "punctuation.bracket": _PUNCTUATION,
        "markup": Style(color="#f8f8f2", bold=True),  # element text
        "markup.raw": Style(color="#E6DB74"),
        "markup.heading": _PUNCTUATION,
        "comment": Style(color="#75715E", italic=True),
        "constant": Style(color="#AE81FF"),
        "constant.builtin": Style(color="#AE81FF"),
        "embedded": Style(color="#F92672"),
        # No style for tree-sitter "error" nodes: on a fragment or a half-typed tag they span
        # the rest of the document; lint reports the real problem with its line.
    },
)
