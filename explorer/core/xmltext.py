"""Escaping text for XML character data and attribute values.

The same results as ``xml.sax.saxutils.escape``/``quoteattr``, without importing that
module (it pulls in urllib, http.client and ssl: about 10 ms of the explorer's start-up).
"""

from __future__ import annotations

_ATTRIBUTE_WHITESPACE = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    """``&``, ``<`` and ``>`` as entities, then each key of ``entities`` as its value."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if entities:
        for plain, escaped in entities.items():
            text = text.replace(plain, escaped)
    return text


def quoteattr(text: str) -> str:
    """An attribute value with its quotes: double quotes unless only single ones are safe."""
    text = escape(text, _ATTRIBUTE_WHITESPACE)
    if '"' in text:
        if "'" in text:
            return '"{}"'.format(text.replace('"', "&quot;"))
        return f"'{text}'"
    return f'"{text}"'
