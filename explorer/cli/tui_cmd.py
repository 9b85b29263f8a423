"""``webex-explorer`` / ``webex-explorer tui``: open the terminal explorer.

Textual is imported here, inside the function, so the scripting verbs never load it.
"""

from __future__ import annotations

import argparse
import sys


def run_tui(args: argparse.Namespace) -> int:
    from explorer.core.errors import ExplorerError
    from explorer.tui import launch, startup_gc

    profile = getattr(args, "profile", None)
    # Before Textual's import: the sandbox child starts, the collector pauses (the app
    # resumes it at its first frame).
    sandbox_process = launch.prepare(profile)
    try:
        try:
            from explorer.tui.app import ExplorerApp
        except ImportError as exc:  # pragma: no cover - a broken install
            print(f"error: the terminal explorer cannot start: {exc}", file=sys.stderr)
            return 2
        app = ExplorerApp(profile=profile, sandbox_process=sandbox_process)
        sandbox_process = None  # the app stops it
        result = app.run()
    except ExplorerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        startup_gc.resume()
        if sandbox_process is not None:
            from explorer.sandbox.embedded import stop_child

            stop_child(sandbox_process)
    # A crash shows Textual's traceback and must not exit 0 (scripts and shells would miss it).
    return app.return_code or int(result or 0)
