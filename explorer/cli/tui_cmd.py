"""``webex-explorer`` / ``webex-explorer tui``: open the terminal explorer.

Textual is imported here, inside the function, so the scripting verbs never load it.
"""

from __future__ import annotations

import argparse
import sys


def run_tui(args: argparse.Namespace) -> int:
    from explorer.core.errors import ExplorerError

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
    return int(result or 0)
