"""Start-up without pauses for the cyclic garbage collector.

Building the first screen allocates a few hundred thousand objects and frees almost none,
so every collection the allocations trigger then is wasted work (about a tenth of the
start-up). The collector is paused from the launch (or the app's load) to its first
frame, then runs as usual. ``pause``/``resume`` pair up: only a pause that disabled the
collector makes ``resume`` enable it again.

A pause from the launch (``freeze=True``) also freezes what is alive at the first frame
(``gc.freeze``): the modules, classes, widgets and templates of the start-up live as long
as the process, and without it the first collection after the pause would walk every one
of them (about 15 ms, right on the first frame) and every full collection later again.
The price is that cyclic garbage left over from the start-up is never freed (a few
thousand objects, once).
"""

from __future__ import annotations

import gc

_paused = False
_freeze = False


def pause(*, freeze: bool = False) -> None:
    global _paused, _freeze
    if gc.isenabled():
        gc.disable()
        _paused = True
        _freeze = freeze
    elif _paused and freeze:
        _freeze = True


def resume() -> None:
    global _paused, _freeze
    if _paused:
        if _freeze:
            gc.freeze()
        _paused = _freeze = False
        gc.enable()
