"""Fixtures for driving the explorer headless against the in-process sandbox."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

#: The instant the sandbox clock starts at and the app's frozen clock shows (UTC).
FIXED_NOW = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
SIZE = (160, 45)


def fixed_clock() -> datetime:
    return FIXED_NOW.replace(tzinfo=None)


@pytest.fixture
def make_app() -> Callable[..., Any]:
    """Build an ExplorerApp on the sandbox with a fixed clock (one sandbox per app)."""
    from explorer.sandbox import SandboxConfig
    from explorer.tui.app import ExplorerApp

    def factory(**kwargs: Any) -> ExplorerApp:
        kwargs.setdefault("sandbox_config", SandboxConfig(clock_start=FIXED_NOW))
        kwargs.setdefault("clock", fixed_clock)
        kwargs.setdefault("stable", True)
        return ExplorerApp(**kwargs)

    return factory
