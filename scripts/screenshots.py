"""Re-create the SVG screenshots in screenshots/ by driving the explorer headless.

    python scripts/screenshots.py            # from the repository root

The app runs against its in-process sandbox with a fixed clock, in throw-away config and
data folders (your profiles, keyring and history are not touched), so re-running the script
gives the same pictures.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "screenshots"
NOTES = REPO.parent / "shared" / "reference" / "xmlapi-40-updates.ja.txt"
SIZE = (160, 45)
FIXED_NOW = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


def _memory_keyring() -> None:
    """Secrets for the example profile stay in memory."""
    import keyring
    import keyring.backend

    class MemoryKeyring(keyring.backend.KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.values: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.values[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.values.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())


def notes_sample() -> str:
    """The SetMeeting request example of the notes, copied with its heading (ja:L195-222)."""
    if NOTES.is_file():
        lines = NOTES.read_text(encoding="utf-8").splitlines()
        return "\n".join(lines[194:222]) + "\n"
    return (
        "SetMeeting要求例:\n\n"
        '<bodyContent xsi:type="java:com.webex.service.binding.meeting.SetMeeting">\n'
        "    <meetingkey>1015045339</meetingkey>\n"
        "    <registrationForm>\n"
        "        <title><req>true</req></title>\n"
        "    </registrationForm>\n"
    )


def make_app():  # type: ignore[no-untyped-def]
    from explorer.sandbox import SandboxConfig
    from explorer.tui.app import ExplorerApp

    return ExplorerApp(
        sandbox_config=SandboxConfig(clock_start=FIXED_NOW),
        clock=lambda: FIXED_NOW.replace(tzinfo=None),
        stable=True,
    )


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


async def start(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.sandbox_ready.wait()
    await settle(pilot)


async def send(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.run_action("send")
    await settle(pilot)


def save(app, name: str) -> None:  # type: ignore[no-untyped-def]
    app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    print(f"screenshots/{name}.svg")


async def main_after_send() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await send(pilot)
        save(app, "main")
        tree = app.ui("#response-tree")
        node = tree.expand_path_to(lambda el: str(el.tag).endswith("}meetingUUID"))
        if node is not None:
            tree.focus()
            await pilot.pause()
            tree.move_cursor(node)
        await settle(pilot)
        save(app, "response-tree")


async def inspector_registration() -> None:
    from explorer.sandbox.demo import DEMO_REGISTRATION_MEETING_KEY

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        app.open_request("GetMeeting", {"meetingKey": DEMO_REGISTRATION_MEETING_KEY})
        await send(pilot)
        app.action_show_tab("tab-inspector")
        await app.action_toggle_library()
        await settle(pilot)
        save(app, "inspector-registration-form")


async def lint_pasted_sample() -> None:
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        app.lint_delay = 0.0
        editor = app.ui("#editor")
        editor.focus()
        editor.select_all()
        await pilot.pause()
        app.post_message(events.Paste(notes_sample()))
        await settle(pilot)
        panel = app.ui("#lint")
        if panel.findings:
            panel.focus()
            panel.highlighted = 0
            await pilot.press("enter")
        await settle(pilot)
        save(app, "lint-pasted-sample")


async def version_diff() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        app.open_request("CreateMeeting")
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#diff-from").value = "39.11.0"
        await settle(pilot)
        save(app, "version-diff")
        await pilot.press("s")
        await settle(pilot)
        save(app, "version-diff-side-by-side")


async def profiles() -> None:
    from explorer.core.profiles import Profile

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        app.profiles_store.add(
            Profile(name="acme", site_name="acme", webex_id="host@acme", api_version="40.6.1"),
            "example-secret",
        )
        app.profiles_store.add(Profile(name="acme-sso", site_name="acme", auth="ticket",
                                       email="host@acme.example", api_version="40.4.9"))
        await pilot.press("f2")
        await settle(pilot)
        save(app, "profiles")


async def run_all() -> None:
    for scene in (main_after_send, inspector_registration, lint_pasted_sample, version_diff,
                  profiles):
        await scene()


def main() -> int:
    sys.path.insert(0, str(REPO))
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="webex-explorer-shots-") as tmp:
        os.environ["WEBEX_EXPLORER_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["WEBEX_EXPLORER_DATA_DIR"] = str(Path(tmp) / "data")
        _memory_keyring()
        asyncio.run(run_all())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
