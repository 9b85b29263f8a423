"""Server text that looks like Rich/Textual markup is shown literally by the real explorer:
response tree, inspector, raw view and notifications, and the app keeps working."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from explorer.core.envelope import AuthMode
from explorer.core.profiles import Profile, ProfileStore
from tests.core.loopback_servers import serve_handler
from tests.security.corpus import MARKUP_TEXT, response

ANSWER = response(
    result="FAILURE", reason=MARKUP_TEXT,
    body=f"<meet:agenda>{MARKUP_TEXT}</meet:agenda><meet:meetingkey>[b]42[/b]</meet:meetingkey>",
).encode()


class _Fixed(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "text/xml;charset=UTF-8")
        self.send_header("Content-Length", str(len(ANSWER)))
        self.send_header("X-Note", "[bold]header[/]")
        self.end_headers()
        self.wfile.write(ANSWER)


@pytest.fixture
def markup_server() -> Iterator[str]:
    with serve_handler(_Fixed) as port:
        yield f"http://127.0.0.1:{port}/WBXService/XMLService"


def _screen_text(svg: str) -> str:
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.DOTALL))) \
        .replace("\xa0", " ")


def _labels(node) -> list[str]:
    out = []
    for child in node.children:
        out.append(child.label.plain)
        out += _labels(child)
    return out


@pytest.mark.timeout(60)
async def test_markup_in_a_response_is_shown_literally(markup_server: str, isolated_dirs,
                                                       monkeypatch) -> None:
    from explorer.tui.app import ExplorerApp
    from explorer.tui.widgets.response.response_tree import ResponseTree
    from tests.tui.helpers import settle

    monkeypatch.setenv("WEBEX_EXPLORER_SECRET_MARKUP", "pw-for-markup")
    ProfileStore().add(Profile(name="markup", site_name="acme", url=markup_server,
                               auth=AuthMode.PASSWORD, webex_id="host"))
    app = ExplorerApp(profile="markup", stable=True, start_sandbox=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        app.open_request("GetMeeting")
        await settle(pilot)
        editor = app.ui("#editor")
        editor.load(editor.text.replace("{{meetingKey}}", "1"))
        await pilot.pause()
        await app.run_action("send_anyway")
        await settle(pilot)
        result = app.last_result
        assert result is not None and result.decoded is not None, result and result.error
        assert result.decoded.reason == MARKUP_TEXT

        app.action_show_tab("tab-inspector")
        await settle(pilot)
        inspector = app.ui("#inspector")
        assert MARKUP_TEXT in inspector.banner_plain
        inspector_screen = _screen_text(app.export_screenshot())
        assert "[bold]not bold[/] [/] [red]x[/red]" in inspector_screen

        app.action_show_tab("tab-tree")
        await settle(pilot)
        tree = app.query_one(ResponseTree)
        labels = _labels(tree.root)
        assert any(MARKUP_TEXT in label for label in labels), labels[:20]
        assert any("[b]42[/b]" in label for label in labels)
        tree_screen = _screen_text(app.export_screenshot())
        assert "[bold]not bold[/]" in tree_screen

        app.action_show_tab("tab-raw")
        await settle(pilot)
        assert "[@click=quit]z[/]" in _screen_text(app.export_screenshot())

        app.action_show_tab("tab-headers")
        await settle(pilot)
        _screen_text(app.export_screenshot())

        # Still usable: a second send works and nothing was "clicked" by [@click=quit].
        await app.run_action("send_anyway")
        await settle(pilot)
        assert app.is_running and app.last_result.decoded.reason == MARKUP_TEXT


@pytest.mark.timeout(60)
async def test_markup_in_a_failure_reason_is_literal_in_the_notification(
    markup_server: str, isolated_dirs, monkeypatch
) -> None:
    from textual.widgets._toast import Toast

    from explorer.tui.app import ExplorerApp
    from tests.tui.helpers import settle

    monkeypatch.setenv("WEBEX_EXPLORER_SECRET_MARKUP", "pw-for-markup")
    ProfileStore().add(Profile(name="markup", site_name="acme", url=markup_server,
                               auth=AuthMode.PASSWORD, webex_id="host"))
    app = ExplorerApp(profile="markup", stable=True, start_sandbox=False)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        app.open_request("GetMeeting")
        await settle(pilot)
        editor = app.ui("#editor")
        editor.load(editor.text.replace("{{meetingKey}}", "1"))
        await app.run_action("send_anyway")
        await settle(pilot)
        assert app.last_result is not None and app.last_result.decoded is not None
        toasts = list(app.screen.query(Toast))
        assert toasts, "the FAILURE was not notified"
        shown = " ".join(str(toast.render()) for toast in toasts)
        assert "[bold]not bold[/]" in shown, shown
