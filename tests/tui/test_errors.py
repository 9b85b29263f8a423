"""Transport failures and answers that are not XML: notifications and the inspector, no crash."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from explorer.core.profiles import Profile
from tests.core.loopback_servers import free_port
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, send, settle


class HtmlHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b"<html><head><title>Maintenance [/b]</title></head><body>down</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def html_server():
    server = HTTPServer(("127.0.0.1", 0), HtmlHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/WBXService/XMLService"
    server.shutdown()
    server.server_close()


async def use_profile(pilot, url: str) -> None:
    app = pilot.app
    app.profiles_store.add(Profile(name="broken", site_name="acme", url=url,
                                   auth="anonymous", timeout=5))
    app.refresh_profiles("broken")
    await ready(pilot)


async def test_refused_connection_is_reported_not_raised(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await use_profile(pilot, f"http://127.0.0.1:{free_port()}/WBXService/XMLService")
        result = await send(pilot)
        assert result.decoded is None and result.error
        assert app.is_running
        assert app.ui("#result-banner").has_class("-error")
        assert result.error in app.ui("#inspector").banner_plain
        assert app.ui("#response-tabs").active == "tab-inspector"
        assert any(n.severity == "error" for n in app._notifications)


async def test_html_page_instead_of_xml(make_app, html_server):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await use_profile(pilot, html_server)
        result = await send(pilot)
        assert result.decoded is None
        assert "HTML" in result.error
        assert "[/b]" in app.ui("#inspector").banner_plain  # shown as text, not markup
        app.ui("#response-tabs").active = "tab-raw"
        await pilot.pause()
        assert "Maintenance" in app.ui("#response-raw").text


async def test_second_send_cancels_the_first(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        first = app.send_request(app.ui("#editor").text)
        second = app.send_request(app.ui("#editor").text)
        await second.wait()
        await pilot.pause()
        assert first.is_cancelled
        assert second.is_finished and not second.is_cancelled
        assert app.last_result.decoded.result == "SUCCESS"


async def test_missing_keyring_names_the_variable_to_set(make_app):
    app = make_app()  # the shared fixture leaves no usable keyring backend
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.profiles_store.add(Profile(name="acme", site_name="acme", webex_id="host1"))
        app.refresh_profiles("acme")
        await ready(pilot)
        await send(pilot)
        # The secret is asked for (masked); declining leaves the reason in the inspector.
        assert app.screen.query_one("#secret-input").password
        await pilot.press("escape")
        await settle(pilot)
        banner = app.ui("#inspector").banner_plain
        assert "WEBEX_EXPLORER_SECRET_ACME" in banner
        assert app.last_result is None and app.is_running
