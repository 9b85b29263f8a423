"""Terminal escape sequences a server sends outside XML (an HTML error page, a plain-text
answer) never reach the terminal through the explorer's screens: an OSC 52 sequence could
write the user's clipboard, others retitle or clear the terminal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from explorer.core.envelope import AuthMode
from explorer.core.profiles import Profile, ProfileStore
from tests.core.loopback_servers import serve_handler

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"
ANSWERS = {
    "/html": ("text/html", f"<html><head><title>Error {OSC52}</title></head><body>"
                           f"\x1b[2J\x1b[31mdown\x9b1m</body></html>"),
    "/text": ("text/plain", f"Bad Gateway {OSC52} \x1b[2J\x1b]0;owned\x07"),
    # XML cannot carry ESC, but it can carry the C1 controls (U+009B is CSI on some terminals).
    "/xml-c1": ("text/xml", '<?xml version="1.0"?><serv:message xmlns:serv='
                '"http://www.webex.com/schemas/2002/06/service"><serv:header><serv:response>'
                "<serv:result>FAILURE</serv:result><serv:reason>a&#x9b;2Jb&#x85;</serv:reason>"
                "</serv:response></serv:header><serv:body><serv:bodyContent>"
                "<x>&#x9b;31m&#x9d;0;t&#x9c;</x></serv:bodyContent></serv:body></serv:message>"),
}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _Hostile(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        content_type, text = ANSWERS[self.path]
        body = text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def hostile_server() -> Iterator[str]:
    with serve_handler(_Hostile) as port:
        yield f"http://127.0.0.1:{port}"


def _rendered_controls(app) -> list[str]:
    """Control characters in what every visible widget would write to the terminal."""
    found = []
    for widget in app.screen.walk_children(with_self=True):
        if not widget.display or not widget.is_mounted or widget.region.height == 0:
            continue
        for y in range(min(widget.region.height, 60)):
            try:
                strip = widget.render_line(y)
            except Exception:
                continue
            text = "".join(segment.text for segment in strip)
            if CONTROL.search(text):
                found.append(f"{type(widget).__name__}: {text.strip()[:60]!r}")
                break
    return found


@pytest.mark.timeout(60)
@pytest.mark.parametrize("path", ANSWERS)
async def test_escape_sequences_in_a_non_xml_answer_never_reach_the_terminal(
    hostile_server: str, isolated_dirs, monkeypatch, path: str
) -> None:
    from explorer.tui.app import ExplorerApp
    from tests.tui.helpers import settle

    monkeypatch.setenv("WEBEX_EXPLORER_SECRET_HOSTILE", "pw")
    ProfileStore().add(Profile(name="hostile", site_name="acme", url=hostile_server + path,
                               auth=AuthMode.PASSWORD, webex_id="host"))
    app = ExplorerApp(profile="hostile", stable=True, start_sandbox=False)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        app.open_request("GetAPIVersion")
        await settle(pilot)
        await app.run_action("send_anyway")
        await settle(pilot)
        assert app.last_result is not None
        assert app.last_result.error or app.last_result.decoded.result == "FAILURE"
        problems = []
        for tab in ("tab-inspector", "tab-raw", "tab-headers", "tab-history", "tab-tree"):
            app.action_show_tab(tab)
            await settle(pilot)
            problems += [f"{tab}: {p}" for p in _rendered_controls(app)]
        assert not problems, problems
