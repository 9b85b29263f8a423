"""Shared assertions for the hostile-input tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from explorer.core.errors import ExplorerError
from tests.security.corpus import Case

T = TypeVar("T")


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
    return result, error


def says(message: str, fragments: tuple[str, ...]) -> bool:
    low = message.lower()
    return any(fragment.lower() in low for fragment in fragments)
