"""``webex-explorer`` / ``webex-explorer tui``: open the terminal explorer.

Textual is imported here, inside the function, so the scripting verbs never load it.
"""

from __future__ import annotations

import argparse
import sys


def run_tui(args: argparse.Namespace) -> int:
    from explorer.core.errors import ExplorerError
    from explorer.tui import startup_gc

    startup_gc.pause()  # from before Textual's import; the app resumes it at its first frame
    try:
        from explorer.tui.app import ExplorerApp
    except ImportError as exc:  # pragma: no cover - a broken install
        print(f"error: the terminal explorer cannot start: {exc}", file=sys.stderr)
        return 2
    try:
        app = ExplorerApp(profile=getattr(args, "profile", None))
        result = app.run()
    except ExplorerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        startup_gc.resume()
    return int(result or 0)
