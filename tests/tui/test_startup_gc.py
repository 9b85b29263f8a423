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


def test_a_pause_from_the_launch_freezes_what_the_start_up_built():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        startup_gc.pause(freeze=True)
        kept = [[] for _ in range(100)]  # start-up objects
        startup_gc.resume()
        assert gc.isenabled()
        after_launch = gc.get_freeze_count()
        assert after_launch >= frozen + len(kept)
        startup_gc.pause()  # an app's own pause (tests build many apps) freezes nothing
        [[] for _ in range(100)]
        startup_gc.resume()
        assert gc.get_freeze_count() == after_launch
    finally:
        gc.unfreeze()
        gc.enable()
