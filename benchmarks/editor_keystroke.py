"""Keystroke to repaint in the envelope editor vs a plain TextArea.

Subject: the explorer itself (ExplorerApp, no sandbox, isolated config/data dirs), its
``#editor`` holding a ~300-line CreateMeeting envelope, with its XML highlighting and its live
lint (lint re-runs after a pause in typing, as in the app). Baseline: a Textual TextArea with
no language and no lint, the same size as the explorer's editor, the same text.

One keystroke = a key event queued exactly as the terminal driver queues it, until the
refresh after the editor's ``Changed`` message (``call_after_refresh``): the edit is on the
screen. Keys alternate a letter and backspace inside an element's text in the middle of the
document; every 20 keys the typing pauses long enough for the live lint to run (not timed as a
keystroke; its own duration is reported). Figure: median subject / median baseline. Runs in a
subprocess with TEXTUAL_FPS=1000 (see FPS below).
"""

from __future__ import annotations

import asyncio
import json
import os
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.generate import envelope_lines
from benchmarks.headless import after_refresh, send_key
from benchmarks.model import Check, Figure, Settings, skipped
from benchmarks.stats import median, ms, percentile

TITLE = "editor keystroke to repaint (XML highlighting + live lint) vs a plain TextArea"
SIZE = (120, 40)
BURST = 20
TARGET = "<name>Attendee 020</name>"
ROOT = Path(__file__).resolve().parent.parent
#: Textual paces screen updates at TEXTUAL_FPS (60 by default): a repaint waits for the next
#: 16.7 ms tick. The figure is about the work a keystroke costs, so both sides run with the
#: pacing out of the way (the same for subject and baseline).
FPS = 1000


@contextmanager
def isolated_dirs() -> Iterator[None]:
    keys = ("WEBEX_EXPLORER_CONFIG_DIR", "WEBEX_EXPLORER_DATA_DIR")
    saved = {key: os.environ.get(key) for key in keys}
    with tempfile.TemporaryDirectory(prefix="bench-editor-") as tmp:
        os.environ[keys[0]] = os.path.join(tmp, "config")
        os.environ[keys[1]] = os.path.join(tmp, "data")
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _with_waiter(app_class: type) -> type:
    """The app class plus a hook that resolves a future after the editor's next repaint."""

    class Timed(app_class):  # type: ignore[misc, valid-type]
        bench_waiter: asyncio.Future[None] | None = None

        def on_text_area_changed(self, event: Any) -> None:
            waiter = self.bench_waiter
            if waiter is not None and not waiter.done():
                self.call_after_refresh(lambda: waiter.done() or waiter.set_result(None))

    Timed.__module__ = app_class.__module__  # relative CSS_PATH keeps resolving
    Timed.__name__ = Timed.__qualname__ = app_class.__name__
    return Timed


def _cursor_target(text: str) -> tuple[int, int]:
    for row, line in enumerate(text.splitlines()):
        column = line.find(TARGET)
        if column >= 0:
            return row, column + len("<name>Attendee")
    return len(text.splitlines()) // 2, 0


async def _type(app: Any, area: Any, keystrokes: int, pause: float) -> list[float]:
    letters = string.ascii_lowercase
    times: list[float] = []
    loop = asyncio.get_running_loop()
    for index in range(keystrokes):
        if index and index % BURST == 0 and pause:
            await asyncio.sleep(pause)  # let the debounced live lint run
            await after_refresh(app)
        key = letters[(index // 2) % 26] if index % 2 == 0 else "backspace"
        waiter = loop.create_future()
        app.bench_waiter = waiter
        start = time.perf_counter()
        send_key(app, key)
        await asyncio.wait_for(waiter, 10)
        times.append(time.perf_counter() - start)
    return times


async def _subject(text: str, keystrokes: int) -> dict[str, Any]:
    from explorer.tui import app as app_module

    app = _with_waiter(app_module.ExplorerApp)(start_sandbox=False)
    lint_delay = float(getattr(app_module, "LINT_DELAY", 0.25))
    async with app.run_test(size=SIZE):
        for _ in range(3):
            await after_refresh(app)
        editor = app.query_one("#editor")
        editor.load(text)
        app.run_lint()
        editor.focus()
        editor.move_cursor(_cursor_target(text))
        await after_refresh(app)
        lint_times = []
        for _ in range(5):
            start = time.perf_counter()
            app.run_lint()
            lint_times.append(time.perf_counter() - start)
        times = await _type(app, editor, keystrokes, lint_delay + 0.1)
        size = (editor.size.width, editor.size.height)
        language = getattr(editor, "language", None)
    return {"times": times, "lint": lint_times, "size": size, "language": language}


async def _baseline(text: str, keystrokes: int, size: tuple[int, int]) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Plain(App[None]):
        CSS = f"TextArea {{ width: {size[0]}; height: {size[1]}; }}"

        def compose(self) -> ComposeResult:
            yield TextArea(text, soft_wrap=False, show_line_numbers=True)

    app = _with_waiter(Plain)()
    async with app.run_test(size=SIZE):
        await after_refresh(app)
        area = app.query_one(TextArea)
        area.focus()
        area.move_cursor(_cursor_target(text))
        await after_refresh(app)
        return await _type(app, area, keystrokes, 0.0)


def _measure(lines: int, keystrokes: int) -> dict[str, Any]:
    text = envelope_lines(lines)
    with isolated_dirs():
        subject = asyncio.run(_subject(text, keystrokes + 2))
    baseline = asyncio.run(_baseline(text, keystrokes + 2, subject["size"]))
    subject["times"] = subject["times"][2:]  # the first keys warm caches
    subject["baseline"] = baseline[2:]
    subject["lines"] = text.count("\n")
    return subject


def run(settings: Settings) -> Figure:
    try:
        import explorer.tui.app  # noqa: F401
    except ImportError as exc:
        return skipped("editor", TITLE, f"not importable yet: {exc}")
    env = dict(os.environ, TEXTUAL_FPS=str(FPS))
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.editor_keystroke", str(settings.editor_lines),
         str(settings.keystrokes)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )
    if proc.returncode != 0:
        lines = [ln.strip() for ln in proc.stderr.splitlines() if ln.strip()]
        raise RuntimeError(f"editor child failed: {(lines or ['?'])[-1]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    ours, base = result["times"], result["baseline"]
    ours_ms, base_ms = median(ours) * 1000, median(base) * 1000
    return Figure(
        "editor",
        TITLE,
        checks=[
            Check("editor / plain (median keystroke)", ours_ms / base_ms, "x", "<=", 3.0),
            Check("editor keystroke median", ours_ms, " ms", "<=", 16.0),
            Check("editor keystroke p95", percentile(ours, 95) * 1000, " ms"),
            Check("plain keystroke median", base_ms, " ms"),
            Check("live lint pass (300 lines)", median(result["lint"]) * 1000, " ms"),
        ],
        details={
            "lines": result["lines"],
            "keystrokes": len(ours),
            "textual_fps": FPS,
            "editor_size": result["size"],
            "editor_language": result["language"],
            "editor_ms": [ms(t) for t in ours],
            "plain_ms": [ms(t) for t in base],
            "lint_ms": [ms(t) for t in result["lint"]],
        },
    )


if __name__ == "__main__":
    sys.stdout.write("\n" + json.dumps(_measure(int(sys.argv[1]), int(sys.argv[2]))) + "\n")
