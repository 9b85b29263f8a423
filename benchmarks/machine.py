"""A description of the machine and software a run measured, for the results file."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _free() -> str:
    if not shutil.which("free"):
        return "unknown"
    try:
        out = subprocess.run(["free", "-h"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.rstrip()


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def describe() -> dict[str, Any]:
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "nproc": nproc,
        "cpu_model": _cpu_model(),
        "free_h": _free(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "textual": _version("textual"),
        "lxml": _version("lxml"),
        "httpx": _version("httpx"),
        "tree_sitter": _version("tree-sitter"),
        # Other work on the machine inflates every figure's absolute times (ratios less so).
        "loadavg": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }
