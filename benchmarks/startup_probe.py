"""Start one Textual app headless, print READY at its first interactive frame, then exit.

Run as a script by ``benchmarks.cold_start`` (once per measured start) with the Python of the
app under test, so it imports only the standard library and Textual at module level: the same
file drives the bare baseline, the explorer, and another Textual client in its own venv.

"First interactive frame" is defined the same way for every app: Textual's ``Ready`` event
(the DOM is mounted and the first frame has been composed), then one more refresh
(``call_after_refresh``, so the app's own ``on_mount``/``on_ready`` work queued before it has
run and painted): the probe writes ``FRAME``. An app that starts a server in the background
(the explorer's embedded sandbox, signalled by its ``sandbox_ready`` event) is ready only when
that server is up and seeded, plus one more refresh; for any other app that is the same
moment. The probe then writes ``READY`` and asks the app to exit; the parent measures from
spawn to each line.

    python startup_probe.py bare
    python startup_probe.py explorer
    python startup_probe.py posting
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

SIZE = (100, 30)


def _probe(app_class: type) -> type:
    class Probe(app_class):  # type: ignore[misc, valid-type]
        def on_ready(self, event: object) -> None:
            self.call_after_refresh(self._probe_frame)

        def _probe_frame(self) -> None:
            _say("FRAME")
            # An app that starts a server in the background (the explorer's embedded
            # sandbox) is ready when that server is: wait for it, then for one more frame.
            pending = getattr(self, "sandbox_ready", None)
            if isinstance(pending, asyncio.Event) and not pending.is_set():
                asyncio.get_running_loop().create_task(self._probe_wait(pending))
            else:
                self._probe_ready()

        async def _probe_wait(self, pending: asyncio.Event) -> None:
            await pending.wait()
            self.call_after_refresh(self._probe_ready)

        def _probe_ready(self) -> None:
            _say("READY")
            self.exit()

    # Relative CSS_PATHs resolve against the defining class's module: keep the app's.
    Probe.__module__ = app_class.__module__
    Probe.__name__ = Probe.__qualname__ = app_class.__name__
    return Probe


def _bare():
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Footer()

    return _probe(BareApp)()


def _explorer():
    # As `webex-explorer` opens it: the launcher starts the sandbox child (and pauses the
    # collector) before Textual is imported, and the app adopts that child.
    early: dict[str, object] = {}
    try:
        from explorer.tui import launch
    except ImportError:
        pass
    else:
        early["sandbox_process"] = launch.prepare(None)

    from textual.app import App

    import explorer.tui.app as module

    app_class = getattr(module, "ExplorerApp", None)
    if app_class is None:  # whatever the App subclass defined there is called
        app_class = next(
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, App)
            and value.__module__ == module.__name__
        )
    return _probe(app_class)(**early)


def _posting():
    from pathlib import Path

    import posting.__main__ as posting_main

    posting_main.create_config_file()
    collection = posting_main.create_default_collection()
    # make_posting() builds its app from the name in its module: point that at the probe.
    posting_main.Posting = _probe(posting_main.Posting)
    return posting_main.make_posting(collection=Path(collection), using_default_collection=True)


_T0 = time.perf_counter()


def _say(word: str) -> None:
    sys.stdout.write(f"{word} {time.perf_counter() - _T0:.6f}\n")
    sys.stdout.flush()


MAKERS = {"bare": _bare, "explorer": _explorer, "posting": _posting}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in MAKERS:
        sys.stderr.write(f"usage: startup_probe.py {{{','.join(MAKERS)}}}\n")
        return 2
    app = MAKERS[argv[0]]()
    app.run(headless=True, size=SIZE)
    return 0 if os.environ.get("PROBE_IGNORE_RC") else (app.return_code or 0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
