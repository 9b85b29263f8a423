"""Open a LstsummarySession answer with 10,000 / 50,000 sessions.

Baseline: lxml parsing the same bytes alone (``etree.fromstring``, default parser).
Subject: what opening the answer costs the explorer before the user sees it:
``explorer.core.response.decode_response`` (hardened parse, result, field index) in a
worker thread, as the explorer's send worker runs it, then the explorer's ResponseTree
``show()`` and the first paint, in a headless app. Runs alternate subject/baseline; the figure
is the ratio of medians.

Responsiveness: a 10 ms timer ticks on the app's loop while the subject runs; the longest gap
between ticks is the longest frame the app could not draw. It is measured twice: in the
minimal app above, and in the real explorer receiving the same answer through its send
action from a local stdlib server (so transport, decode, tree, inspector, raw view and
history all happen the way they do for a user).

Memory: growth of this process's RSS (peak, from /proc/self/status, reset before) while the
subject opens the answer, divided by the answer's size; the bytes are already in memory
before the measurement starts (they arrived from the network). Lxml alone is given for scale.
Each measurement runs in a fresh subprocess so nothing earlier inflates it.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.fixed_server import serve_fixed
from benchmarks.generate import lstsummary_session_response
from benchmarks.headless import StallMeter, after_refresh
from benchmarks.model import Check, Figure, Settings, skipped
from benchmarks.stats import median, ms, reset_peak_rss, rss_bytes

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)
STALL_BUDGET_MS = 100.0
#: The explorer's own send path may be slow on big answers; keep the whole run bounded.
APP_TIMEOUT = 120.0


# --------------------------------------------------------------------------- child side
def _lxml_parse(data: bytes) -> Any:
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser())


def _tree_app() -> Any:
    from textual.app import App, ComposeResult

    from explorer.tui.widgets.response.response_tree import ResponseTree

    class LoadApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ResponseTree(id="response-tree")

    return LoadApp()


def trim_heap() -> None:
    """Hand the freed heap back now (glibc), so no run pays for the previous one's garbage.

    After a big document is freed, glibc keeps millions of small free chunks; the next large
    malloc consolidates them (about 200 ms for a 50,000-session document). If that malloc
    happens while the thread holds the GIL, the UI loop stalls for that long: a cost of the
    previous answer, not of this one, so each run starts from a trimmed heap (as a fresh
    process would). See docs/benchmarks.md.
    """
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _live_elements() -> int:
    """lxml element proxies still alive (each keeps its whole document alive)."""
    from lxml import etree

    return sum(1 for obj in gc.get_objects() if isinstance(obj, etree._Element))


async def _open(app: Any, data: bytes) -> Any:
    from explorer.core.response import decode_response
    from explorer.tui.widgets.response.response_tree import ResponseTree

    decoded = await asyncio.to_thread(decode_response, data)
    app.query_one(ResponseTree).show(decoded.root)
    await after_refresh(app)
    return decoded


async def _timing(data: bytes, repeats: int) -> dict[str, Any]:
    from explorer.tui.widgets.response.response_tree import ResponseTree

    app = _tree_app()
    subject: list[float] = []
    baseline: list[float] = []
    stalls: list[float] = []
    leftovers: list[int] = []
    fields = 0
    async with app.run_test(size=SIZE):
        await after_refresh(app)
        meter = StallMeter(app)

        async def one_subject() -> None:
            nonlocal fields
            meter.start()
            start = time.perf_counter()
            decoded = await _open(app, data)
            subject.append(time.perf_counter() - start)
            stalls.append(meter.stop())
            fields = len(decoded.fields)
            # Drop every reference to this answer now: freeing a big lxml document takes a
            # while, and it must not land in the next run's measurement. (The explorer frees
            # the previous answer when a new one arrives; see docs/benchmarks.md.)
            del decoded
            tree = app.query_one(ResponseTree)
            # Tree.clear() keeps the old nodes in Tree._tree_nodes (and so the document)
            # until their ids are reused; remove_children() really lets them go.
            tree.root.remove_children()
            tree.show(None)
            await after_refresh(app)
            gc.collect()
            trim_heap()
            await after_refresh(app)
            leftovers.append(_live_elements())

        def one_baseline() -> None:
            start = time.perf_counter()
            root = _lxml_parse(data)
            baseline.append(time.perf_counter() - start)
            del root
            gc.collect()
            trim_heap()

        one_baseline()  # warm-up, dropped
        await one_subject()
        subject.clear(), baseline.clear(), stalls.clear()
        for index in range(repeats):
            if index % 2 == 0:
                one_baseline()
                await one_subject()
            else:
                await one_subject()
                one_baseline()
    return {
        "subject": subject,
        "baseline": baseline,
        "stalls": stalls,
        "fields": fields,
        "elements_alive_after_cleanup": max(leftovers, default=0),
    }


async def _memory_subject(data: bytes) -> dict[str, Any]:
    app = _tree_app()
    async with app.run_test(size=SIZE):
        await after_refresh(app)
        gc.collect()
        reset_peak_rss()
        before = rss_bytes()
        decoded = await _open(app, data)
        after = rss_bytes()
        assert decoded is not None
    return {"before": before, "after": after}


def _memory_baseline(data: bytes) -> dict[str, Any]:
    gc.collect()
    reset_peak_rss()
    before = rss_bytes()
    root = _lxml_parse(data)
    after = rss_bytes()
    assert root is not None
    return {"before": before, "after": after}


async def _full_app(data: bytes) -> dict[str, Any]:
    """The explorer receiving the answer through its own send action."""
    from explorer.core.profiles import Profile, ProfileStore
    from explorer.tui.app import ExplorerApp

    server = serve_fixed(data)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/WBXService/XMLService"
        os.environ["WEBEX_EXPLORER_SECRET_BIG"] = "secret"
        ProfileStore().add(Profile(name="big", site_name="big", url=url, webex_id="admin"))
        app = ExplorerApp(profile="big", start_sandbox=False)
        async with app.run_test(size=SIZE):
            for _ in range(3):
                await after_refresh(app)
            app.open_request("GetSessionInfo", {"sessionKey": "805660167"})
            await after_refresh(app)
            meter = StallMeter(app)
            gc.collect()
            reset_peak_rss()
            before = rss_bytes()
            meter.start()
            start = time.perf_counter()
            await app.run_action("send")
            await app.workers.wait_for_complete()
            await after_refresh(app)
            elapsed = time.perf_counter() - start
            stall = meter.stop()
            after = rss_bytes()
            result = getattr(app, "last_result", None)
            decoded = getattr(result, "decoded", None)
            error = getattr(result, "error", None)
            gaps = sorted(meter.gaps, reverse=True)[:5]
    finally:
        server.shutdown()
        server.server_close()
    return {
        "elapsed": elapsed,
        "stall": stall,
        "top_gaps": gaps,
        "result": getattr(decoded, "result", None),
        "error": error,
        "memory": {"before": before, "after": after},
    }


def child_main(argv: list[str]) -> int:
    mode, sessions = argv[0], int(argv[1])
    data = lstsummary_session_response(sessions)
    if mode == "timing":
        out = asyncio.run(_timing(data, int(argv[2])))
    elif mode == "memory-subject":
        out = asyncio.run(_memory_subject(data))
    elif mode == "memory-baseline":
        out = _memory_baseline(data)
    elif mode == "app":
        out = asyncio.run(_full_app(data))
    else:
        raise SystemExit(f"unknown mode {mode}")
    out["bytes"] = len(data)
    sys.stdout.write("\n" + json.dumps(out) + "\n")
    return 0


# --------------------------------------------------------------------------- parent side
def _child(
    mode: str, sessions: int, *extra: str, env: dict[str, str] | None = None, timeout: float = 300
) -> dict:
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.big_response", mode, str(sessions), *extra],
            capture_output=True, text=True, cwd=ROOT, timeout=timeout, env=env,
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{mode} did not finish in {timeout:.0f} s") from None
    if proc.returncode != 0:
        lines = [ln for ln in proc.stderr.strip().splitlines() if ln.strip()]
        useful = [ln.strip() for ln in lines if ln.strip()[0] not in "│╰╭"][-1:]
        raise RuntimeError(f"{mode} child failed: {' '.join(useful) or proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _app_env(tmp: str) -> dict[str, str]:
    env = dict(os.environ)
    env["WEBEX_EXPLORER_CONFIG_DIR"] = str(Path(tmp, "config"))
    env["WEBEX_EXPLORER_DATA_DIR"] = str(Path(tmp, "data"))
    return env


def _figure(name: str, sessions: int, settings: Settings, memory_budget: bool) -> Figure:
    title = f"open a LstsummarySession answer with {sessions:,} sessions vs lxml parse"
    try:
        import explorer.core.response
        import explorer.tui.widgets.response.response_tree
    except ImportError as exc:
        return skipped(name, title, f"not importable yet: {exc}")
    timing = _child("timing", sessions, str(settings.big_repeats))
    mem_subject = _child("memory-subject", sessions)
    mem_base = _child("memory-baseline", sessions)
    size = timing["bytes"]
    subject, baseline = median(timing["subject"]), median(timing["baseline"])
    grow = (mem_subject["after"][1] - mem_subject["before"][0]) / size
    grow_lxml = (mem_base["after"][1] - mem_base["before"][0]) / size
    checks = [
        Check("open / lxml parse (median)", subject / baseline, "x", "<=", 2.0),
        Check("open (decode + index + tree paint)", subject * 1000, " ms"),
        Check("lxml parse", baseline * 1000, " ms"),
        Check("longest frame, tree app", max(timing["stalls"]) * 1000, " ms", "<=",
              STALL_BUDGET_MS),
    ]
    notes: list[str] = []
    details: dict[str, Any] = {
        "sessions": sessions,
        "bytes": size,
        "field_hits": timing["fields"],
        "repeats": len(timing["subject"]),
        "open_ms": [ms(t) for t in timing["subject"]],
        "lxml_ms": [ms(t) for t in timing["baseline"]],
        "tree_app_longest_frame_ms": [ms(t) for t in timing["stalls"]],
        "elements_alive_after_cleanup": timing["elements_alive_after_cleanup"],
        "memory_subject": mem_subject,
        "memory_lxml": mem_base,
    }
    try:
        import explorer.tui.app  # noqa: F401

        with tempfile.TemporaryDirectory(prefix="bench-big-") as tmp:
            full = _child("app", sessions, env=_app_env(tmp), timeout=APP_TIMEOUT)
        details["explorer_send"] = full
        if full.get("result") != "SUCCESS":
            notes.append(f"the explorer did not show SUCCESS: {full.get('error')}")
        checks.append(Check("longest frame, explorer send", full["stall"] * 1000, " ms", "<=",
                            STALL_BUDGET_MS))
        checks.append(Check("explorer send to painted", full["elapsed"] * 1000, " ms"))
        memory = full["memory"]
        checks.append(Check("explorer send: RSS growth / size",
                            (memory["after"][1] - memory["before"][0]) / size, "x"))
    except Exception as exc:
        notes.append(f"explorer send path not measured: {exc}")
    checks.append(Check("memory growth / size", grow, "x", "<=",
                        6.0 if memory_budget else None))
    checks.append(Check("lxml alone: growth / size", grow_lxml, "x"))
    return Figure(name, title, checks=checks, details=details, notes=notes)


def run_10k(settings: Settings) -> Figure:
    return _figure("big_10k", settings.big_sessions[0], settings, memory_budget=False)


def run_50k(settings: Settings) -> Figure:
    return _figure("big_50k", settings.big_sessions[1], settings, memory_budget=True)


if __name__ == "__main__":
    raise SystemExit(child_main(sys.argv[1:]))
