from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.sandbox import SandboxConfig, SandboxHandle, start_sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxHandle]:
    """One demo sandbox (latest API version) per test module."""
    with start_sandbox(SandboxConfig()) as handle:
        yield handle


@pytest.fixture
def make_sandbox() -> Iterator:
    """Start sandboxes with particular settings; all are stopped after the test."""
    started: list[SandboxHandle] = []

    def make(**settings: object) -> SandboxHandle:
        handle = start_sandbox(SandboxConfig(**settings))  # type: ignore[arg-type]
        started.append(handle)
        return handle

    yield make
    for handle in started:
        handle.stop()
