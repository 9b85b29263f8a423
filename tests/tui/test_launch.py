"""The launcher (explorer.tui.launch): the sandbox child starts before Textual is imported
and the app adopts it."""

from __future__ import annotations

import json

import pytest

from explorer.tui import launch, startup_gc
from explorer.tui.app_defaults import SANDBOX
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready, send


@pytest.fixture(autouse=True)
def _collector_back_on():
    yield
    startup_gc.resume()  # the launcher pauses it until an app's first frame


def test_the_explorer_opens_on_its_sandbox_unless_another_profile_is_asked_or_remembered():
    assert launch.opens_on_sandbox(None, None)
    assert launch.opens_on_sandbox(SANDBOX, "work")
    assert not launch.opens_on_sandbox("work", None)
    assert not launch.opens_on_sandbox(None, "work")


def test_no_child_for_another_profile(isolated_dirs):
    isolated_dirs["config"].mkdir(parents=True, exist_ok=True)
    (isolated_dirs["config"] / "tui.json").write_text(json.dumps({"profile": "work"}))
    assert launch.prepare(None) is None
    assert launch.prepare("work") is None


async def test_the_app_adopts_the_child_the_launcher_started(make_app, isolated_dirs):
    process = launch.prepare(None)
    assert process is not None and process.poll() is None
    app = make_app(sandbox_process=process)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.sandbox is not None and app.sandbox._process is process
        result = await send(pilot)
        assert result.decoded is not None and result.decoded.result == "SUCCESS"
    assert process.wait(timeout=10) is not None  # stopped with the app
