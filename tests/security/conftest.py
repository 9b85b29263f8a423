"""Fixtures for the hostile-input suite: tripwires that fail a test on any file read or
outgoing connection caused by a parsed document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.security.canaries import MARKER, AuditWatch, FileCanary, NetCanary
from tests.security.corpus import Urls


@dataclass
class Tripwires:
    files: FileCanary
    net: NetCanary
    audit_events: list[tuple[str, str]]
    net_before: int

    def allow_port(self, port: int) -> None:
        """Connections to this loopback port are the test's own (e.g. to the sandbox)."""
        AuditWatch.instance().allowed_ports.add(port)

    def assert_untouched(self, *outputs: object) -> None:
        for output in outputs:
            assert MARKER not in str(output), "a local file's content reached the output"
        assert not self.files.opened.is_set(), "a local file was opened by the parser"
        assert self.net.connections == self.net_before, "the parser opened a connection"
        assert not self.audit_events, f"unexpected file/socket activity: {self.audit_events}"


@pytest.fixture(scope="session")
def net_canary() -> Iterator[NetCanary]:
    canary = NetCanary()
    yield canary
    canary.close()


@pytest.fixture
def tripwires(tmp_path: Path, net_canary: NetCanary) -> Iterator[Tripwires]:
    files = FileCanary(tmp_path / "canary")
    before = net_canary.connections
    watch = AuditWatch.instance()
    with watch.armed_for(files.folder) as events:
        wires = Tripwires(files, net_canary, events, before)
        yield wires
    files.close()
    assert net_canary.connections == before, "a connection reached the network canary"


@pytest.fixture
def urls(tripwires: Tripwires) -> Urls:
    return Urls(tripwires.files.marker_url, tripwires.files.fifo_url, tripwires.net.url)
