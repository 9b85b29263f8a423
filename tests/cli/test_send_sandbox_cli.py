"""``webex-explorer send --profile sandbox`` against a real sandbox running in this process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.sandbox import SandboxConfig, SandboxHandle, start_sandbox
from explorer.sandbox.demo import DEMO_MEETING_UUID, DEMO_SESSION_KEY
from tests.cli.conftest import run_cli


@pytest.fixture
def sandbox() -> Iterator[SandboxHandle]:
    handle = start_sandbox(SandboxConfig(host="127.0.0.1", port=0))
    try:
        yield handle
    finally:
        handle.stop()


def test_templates_show_then_send_to_the_sandbox(sandbox: SandboxHandle, tmp_path: Path) -> None:
    shown = run_cli("templates", "show", "GetSessionInfo", "--profile", "sandbox")
    assert shown.code == 0, shown.err
    assert "<siteName>sandbox</siteName>" in shown.out
    request = tmp_path / "getsessioninfo.xml"
    request.write_text(shown.out.replace("{{sessionKey}}", DEMO_SESSION_KEY))
    result = run_cli(
        "send", str(request), "--profile", "sandbox", "--url", sandbox.url, "--json"
    )
    assert result.code == 0, result.err
    decoded = json.loads(result.out)
    assert decoded["result"] == "SUCCESS"
    assert [h["value"] for h in decoded["meeting_uuids"]] == [DEMO_MEETING_UUID]


def test_a_failure_from_the_sandbox_exits_1(sandbox: SandboxHandle, tmp_path: Path) -> None:
    shown = run_cli("templates", "show", "GetSessionInfo", "--profile", "sandbox")
    request = tmp_path / "unknown-session.xml"
    request.write_text(shown.out.replace("{{sessionKey}}", "1"))
    result = run_cli(
        "send", str(request), "--profile", "sandbox", "--url", sandbox.url, "--json"
    )
    assert result.code == 1, result.err
    assert json.loads(result.out)["result"] == "FAILURE"
