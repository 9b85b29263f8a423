"""Opening the explorer: what happens before Textual is imported.

The explorer's sandbox is a child process that takes about a tenth of a second to import,
bind and seed. Started here, before the user interface is imported rather than when the app
is built, it gets ready while Textual loads, so the first frame never waits for it. The
garbage collector pauses from here to the first frame, which then freezes what the start-up
built (``startup_gc``). Nothing here imports Textual.
"""

from __future__ import annotations

import subprocess

from explorer.tui import startup_gc
from explorer.tui.app_defaults import SANDBOX


def opens_on_sandbox(profile: str | None, remembered: str | None) -> bool:
    """Whether the explorer opens on its own sandbox: the profile asked for, else the one
    it remembers, else the sandbox."""
    return (profile or remembered or SANDBOX) == SANDBOX


def prepare(profile: str | None) -> subprocess.Popen[str] | None:
    """Call before importing the app; hand the result to ``ExplorerApp(sandbox_process=)``.
    Returns the sandbox child when the explorer will open on it (None otherwise, or when it
    cannot be spawned: the app tries again and says why)."""
    startup_gc.pause(freeze=True)  # one app per process: its start-up objects stay
    from explorer.tui.settings import TuiSettings

    if not opens_on_sandbox(profile, TuiSettings.load().profile):
        return None
    from explorer.sandbox.embedded import spawn

    try:
        return spawn(None)
    except OSError:
        return None
