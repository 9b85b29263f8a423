"""Start-up without pauses for the cyclic garbage collector.

Building the first screen allocates a few hundred thousand objects and frees almost none,
so every collection the allocations trigger then is wasted work (about a tenth of the
start-up). The collector is paused from the launch (or the app's load) to its first
frame, then runs as usual. ``pause``/``resume`` pair up: only a pause that disabled the
collector makes ``resume`` enable it again.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.enable()
