"""Cold start to the first interactive frame, each start a fresh subprocess.

Subjects, all driven by ``startup_probe.py`` (same definition of "ready" for each):
- bare: a Textual App with Header + Footer (the baseline),
- explorer: the explorer on its built-in sandbox profile, first run, with its config and
  data dirs in fresh temp dirs (so creating the profile, starting the embedded sandbox and
  seeding its demo site all count),
- posting: another Textual HTTP client, installed in its own venv under benchmarks/.cache.
Runs are interleaved (bare, explorer, posting, bare, ...) after one uncounted warm-up each,
and the figure is the ratio of medians. Time = spawn to the READY line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.model import Check, Figure, Settings, skipped
from benchmarks.stats import median, ms

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().parent / "startup_probe.py"
CACHE = Path(__file__).resolve().parent / ".cache"
POSTING_VENV = CACHE / "posting-venv"
#: tree-sitter 0.26 segfaults under Textual's TextArea; pin it as the explorer does.
POSTING_REQUIREMENTS = ["posting", "tree-sitter>=0.25,<0.26"]
READY_TIMEOUT = 60.0

_memo: dict[str, list[Start]] = {}


class StartError(RuntimeError):
    pass


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # reuse and write .pyc like a user's install
    return env


@dataclass(frozen=True)
class Start:
    frame: float  # spawn -> first interactive frame
    ready: float  # spawn -> ready (the same, or later when a background server must start)


def start_once(python: str | Path, mode: str) -> Start:
    """Seconds from spawn to the probe's FRAME and READY lines, for one fresh process."""
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        env = _base_env()
        cwd = tmp
        if mode == "explorer":
            env["PYTHONPATH"] = str(ROOT)
            env["WEBEX_EXPLORER_CONFIG_DIR"] = str(Path(tmp, "config"))
            env["WEBEX_EXPLORER_DATA_DIR"] = str(Path(tmp, "data"))
        elif mode == "posting":
            env["XDG_CONFIG_HOME"] = str(Path(tmp, "config"))
            env["XDG_DATA_HOME"] = str(Path(tmp, "data"))
        err_path = Path(tmp, "stderr.txt")
        with err_path.open("wb") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(
                [str(python), str(PROBE), mode],
                stdout=subprocess.PIPE,
                stderr=err,
                stdin=subprocess.DEVNULL,
                cwd=cwd,
                env=env,
            )
            assert proc.stdout is not None
            elapsed: float | None = None
            frame = 0.0
            for line in proc.stdout:
                if line.startswith(b"FRAME"):
                    frame = time.perf_counter() - start
                if line.startswith(b"READY"):
                    elapsed = time.perf_counter() - start
                    break
            try:
                proc.wait(timeout=READY_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if elapsed is None:
            lines = err_path.read_text(errors="replace").strip().splitlines()
            tail = [ln.strip() for ln in lines if ln.strip() and ln.strip()[0] not in "│╰╭"][-2:]
            raise StartError(
                f"{mode} never became ready (exit {proc.returncode}): {' | '.join(tail)}"
            )
        return Start(frame or elapsed, elapsed)


def _measure(subjects: dict[str, str | Path], runs: int) -> dict[str, list[Start]]:
    for mode, python in subjects.items():  # warm-up: bytecode, page cache
        start_once(python, mode)
    times: dict[str, list[Start]] = {mode: [] for mode in subjects}
    order = list(subjects)
    for index in range(runs):
        for mode in order if index % 2 == 0 else reversed(order):
            times[mode].append(start_once(subjects[mode], mode))
    return times


def run_cold_start(settings: Settings) -> Figure:
    title = "cold start to first interactive frame vs a bare Textual app"
    try:
        import explorer.tui.app  # noqa: F401
    except ImportError as exc:
        return skipped("cold_start", title, f"explorer.tui.app not importable yet: {exc}")
    times = _measure({"bare": sys.executable, "explorer": sys.executable}, settings.startup_runs)
    _memo.update(times)
    bare = median([t.ready for t in times["bare"]])
    ours = median([t.ready for t in times["explorer"]])
    ours_frame = median([t.frame for t in times["explorer"]])
    return Figure(
        "cold_start",
        title,
        checks=[
            Check("explorer / bare, sandbox up (median)", ours / bare, "x", "<=", 1.5),
            Check("explorer / bare, first frame only", ours_frame / bare, "x"),
            Check("explorer median, sandbox up", ours * 1000, " ms"),
            Check("bare median", bare * 1000, " ms"),
        ],
        details={
            "runs": settings.startup_runs,
            "bare_ms": [ms(t.ready) for t in times["bare"]],
            "explorer_ready_ms": [ms(t.ready) for t in times["explorer"]],
            "explorer_frame_ms": [ms(t.frame) for t in times["explorer"]],
            "definition": "spawn to Ready event + one refresh; for the explorer also its "
            "embedded sandbox started and seeded, + one refresh (startup_probe.py)",
        },
    )


def ensure_posting(install: bool) -> Path | None:
    """The other client's Python, installing it on first use; None when unavailable."""
    python = POSTING_VENV / "bin" / "python"
    marker = POSTING_VENV / ".installed"
    if marker.exists() and python.exists():
        return python
    if not install:
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(POSTING_VENV)], check=True)
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", *POSTING_REQUIREMENTS],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        return None
    marker.write_text(" ".join(POSTING_REQUIREMENTS) + "\n")
    return python


def _posting_version(python: Path) -> str:
    out = subprocess.run(
        [str(python), "-c", "from importlib.metadata import version as v;"
         "print(v('posting'), v('textual'))"],
        capture_output=True,
        text=True,
    ).stdout.split()
    return f"posting {out[0]} on textual {out[1]}" if len(out) == 2 else "unknown"


def run_posting(settings: Settings) -> Figure:
    title = "cold start vs posting (another Textual HTTP client)"
    try:
        import explorer.tui.app  # noqa: F401
    except ImportError as exc:
        return skipped("posting", title, f"explorer.tui.app not importable yet: {exc}")
    python = ensure_posting(settings.install)
    if python is None:
        return skipped("posting", title, "posting is not installed (pip install failed or "
                       "--no-install); see benchmarks/.cache")
    subjects: dict[str, str | Path] = {"posting": python}
    if "explorer" not in _memo:
        subjects["explorer"] = sys.executable
    times = _measure(subjects, settings.startup_runs)
    ours_times = times.get("explorer") or _memo["explorer"]
    ours = median([t.ready for t in ours_times])
    other = median([t.ready for t in times["posting"]])
    return Figure(
        "posting",
        title,
        checks=[
            Check("posting / explorer (median)", other / ours, "x", ">=", 3.0),
            Check("posting median", other * 1000, " ms"),
            Check("explorer median, sandbox up", ours * 1000, " ms"),
        ],
        details={
            "runs": settings.startup_runs,
            "posting_ms": [ms(t.ready) for t in times["posting"]],
            "explorer_ms": [ms(t.ready) for t in ours_times],
            "posting_version": _posting_version(python),
        },
        notes=["posting may print a shutdown error after READY (it exits while lazy "
               "widgets mount); the time to READY is unaffected"],
    )
