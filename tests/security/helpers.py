"""Shared assertions for the hostile-input tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from explorer.core.errors import ExplorerError, XMLInputError
from tests.security.corpus import Case, Parsed

T = TypeVar("T")
#: What a terminal must never receive from us: C0/C1 controls (bar newline and tab in output).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def time_bound(case: Case) -> float:
    """Generous wall-clock bound for handling one corpus case (2 slow CI cores)."""
    return 15.0 if case.big else 5.0


def run_bounded(case: Case, call: Callable[[], T]) -> tuple[T | None, ExplorerError | None]:
    """Run ``call``; return its result or the ExplorerError it raised, within the bound.

    Anything else escaping fails the test (that would be a traceback for the user).
    """
    start = time.perf_counter()
    result: T | None = None
    error: ExplorerError | None = None
    try:
        result = call()
    except ExplorerError as exc:
        error = exc
    elapsed = time.perf_counter() - start
    assert elapsed < time_bound(case), f"{case.name}: took {elapsed:.1f}s"
    if error is not None:
        message = str(error)
        assert message and "\n" not in message, f"{case.name}: error is not one line"
        assert "Traceback" not in message
        assert not CONTROL.search(message), f"{case.name}: control characters in {message!r}"
    return result, error


def says(message: str, fragments: tuple[str, ...]) -> bool:
    low = message.lower()
    return any(fragment.lower() in low for fragment in fragments)


REPO = Path(__file__).resolve().parents[2]


@dataclass
class CLIRun:
    code: int
    out: str
    err: str
    seconds: float


def run_cli(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None,
            timeout: float = 60) -> CLIRun:
    """``python -m explorer ARGS`` from the checkout, never on a terminal."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(REPO) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env["PYTHONIOENCODING"] = "utf-8"
    full_env["NO_COLOR"] = "1"
    if env:
        full_env.update(env)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "explorer", *args], input=stdin, capture_output=True,
        env=full_env, cwd=REPO, timeout=timeout,
    )
    return CLIRun(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                  proc.stderr.decode("utf-8", "replace"), time.perf_counter() - start)


def assert_clean_exit(run: CLIRun, codes: tuple[int, ...] = (0, 1, 2)) -> None:
    """Exit with a declared code; an error is exactly one ``error:`` line; no traceback."""
    assert "Traceback" not in run.err and "Traceback" not in run.out, run.err[-2000:]
    assert not CONTROL.search(run.err), f"control characters on stderr: {run.err[-300:]!r}"
    assert not CONTROL.search(run.out), "control characters on stdout"
    assert run.code in codes, (run.code, run.err[-500:])
    if run.code == 2:
        lines = run.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), run.err[-500:]


def full_text(root) -> str:
    """Every text and attribute value of a parsed document, for the tripwires to search."""
    return "".join(root.itertext()) + "".join(
        value for el in root.iter() for value in el.attrib.values()
    )


def assert_parse_outcome(case: Case, root, error, tripwires) -> None:
    """A valid case parsed (with its text), a hostile one refused in its own words; neither
    touched a tripwire."""
    if isinstance(case.parse, Parsed):
        assert error is None, f"{case.name}: refused a valid document: {error}"
        if case.parse.text is not None:
            assert case.parse.text in full_text(root)
        tripwires.assert_untouched(full_text(root))
    else:
        assert isinstance(error, XMLInputError), f"{case.name}: was not refused"
        assert says(str(error), case.parse.fragments), f"{case.name}: {error}"
        tripwires.assert_untouched(str(error))
