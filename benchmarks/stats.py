"""Small statistics and timing helpers shared by the figures."""

from __future__ import annotations

import math
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def ratio(subject: float, baseline: float) -> float:
    return subject / baseline if baseline > 0 else math.inf


def interleaved(
    subject: Callable[[], float],
    baseline: Callable[[], float],
    repeat: int,
    warmup: int = 1,
) -> tuple[list[float], list[float]]:
    """Time both callables ``repeat`` times, alternating which goes first (ABBA order).

    Each callable returns the seconds it measured itself (so setup can stay outside). The
    alternation spreads the machine's drift over both sides; warm-up runs are dropped.
    """
    for _ in range(warmup):
        baseline()
        subject()
    subject_times: list[float] = []
    baseline_times: list[float] = []
    for index in range(repeat):
        if index % 2 == 0:
            baseline_times.append(baseline())
            subject_times.append(subject())
        else:
            subject_times.append(subject())
            baseline_times.append(baseline())
    return subject_times, baseline_times


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


_STATUS = Path("/proc/self/status")


def rss_bytes() -> tuple[int, int] | None:
    """(current RSS, peak RSS) of this process from /proc, or None off Linux."""
    try:
        text = _STATUS.read_text()
    except OSError:
        return None
    rss = re.search(r"VmRSS:\s+(\d+) kB", text)
    hwm = re.search(r"VmHWM:\s+(\d+) kB", text)
    if not rss or not hwm:
        return None
    return int(rss.group(1)) * 1024, int(hwm.group(1)) * 1024


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); False when not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)
