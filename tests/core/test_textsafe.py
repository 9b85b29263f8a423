import json

from explorer.core.errors import ExplorerError
from explorer.core.textsafe import json_safe, visible


def test_visible_keeps_layout_and_shows_controls():
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("x\r\ny") == "x\ny"
    assert visible("\x1b]52;c;QUFB\x07") == "\\x1b]52;c;QUFB\\x07"
    assert visible("csi\x9b2J del\x7f") == "csi\\x9b2J del\\x7f"
    assert visible("caf\u00e9 \u65e5\u672c") == "caf\u00e9 \u65e5\u672c"


def test_json_safe_escapes_c1_and_stays_json():
    dumped = json_safe(json.dumps({"r": "a\x9bb\x7f"}, ensure_ascii=False))
    assert "\x9b" not in dumped and "\x7f" not in dumped
    assert json.loads(dumped) == {"r": "a\x9bb\x7f"}


def test_error_messages_are_one_visible_line():
    assert str(ExplorerError("title:\n<\x1b[2J>\x9b")) == "title: <\\x1b[2J>\\x9b"
