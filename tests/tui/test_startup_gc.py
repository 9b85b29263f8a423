"""The collector pauses for the start-up only, and a pause never enables what it did not
disable."""

from __future__ import annotations

import gc

from explorer.tui import startup_gc
from tests.tui.conftest import SIZE
from tests.tui.helpers import ready


def test_resume_enables_only_what_pause_disabled():
    assert gc.isenabled()
    try:
        startup_gc.pause()
        assert not gc.isenabled()
        startup_gc.resume()
        assert gc.isenabled()
        gc.disable()  # someone else's choice: pause/resume leave it alone
        startup_gc.pause()
        startup_gc.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_the_app_collects_again_after_its_first_frame(make_app, isolated_dirs):
    app = make_app()
    seen: list[bool] = []
    app.call_later(lambda: seen.append(gc.isenabled()))  # runs once the app is loading
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert seen == [False]
        assert gc.isenabled()
    assert gc.isenabled()
