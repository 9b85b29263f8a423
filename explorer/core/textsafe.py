"""Text from servers and pasted documents, made safe to show on a terminal.

XML 1.0 allows C1 control characters (``&#x9b;`` is a CSI), and an HTML error page can hold
raw escape sequences; a terminal would obey them (OSC 52 even writes the clipboard). Every
place that prints server text shows control characters as ``\\xNN`` instead; tabs and line
breaks are kept.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JSON_C1 = re.compile(r"[\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with every control character but tab and newline shown as ``\\xNN``."""
    text = text.replace("\r\n", "\n")
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def json_safe(dumped: str) -> str:
    """JSON text with DEL and C1 controls escaped (json.dumps leaves them raw)."""
    return _JSON_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
