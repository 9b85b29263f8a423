"""``webex-explorer send --profile sandbox`` against a real sandbox running in this process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.sandbox import SandboxConfig, SandboxHandle, start_sandbox
from explorer.sandbox.demo import DEMO_MEETING_UUID, DEMO_SESSION_KEY
from tests.cli.conftest import REPO, run_cli


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


def test_send_to_the_sandbox_the_sandbox_verb_started(tmp_path: Path) -> None:
    # The README's flow: `webex-explorer sandbox` points the built-in profile at itself, and
    # `send --profile sandbox` needs no URL.
    env = dict(os.environ, PYTHONPATH=str(REPO))
    server = subprocess.Popen(
        [sys.executable, "-m", "explorer", "sandbox", "--port", "0"], env=env, cwd=REPO,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert server.stdout is not None
        banner = []
        for line in server.stdout:  # the banner ends with the Ctrl+C hint once it listens
            banner.append(line)
            if line.startswith("Press Ctrl+C"):
                break
        assert any("profile 'sandbox' points here" in line for line in banner), banner
        shown = run_cli("templates", "show", "GetSessionInfo", "--profile", "sandbox")
        request = tmp_path / "getsessioninfo.xml"
        request.write_text(shown.out.replace("{{sessionKey}}", DEMO_SESSION_KEY))
        result = run_cli("send", str(request), "--profile", "sandbox")
        assert result.code == 0, result.err
        assert DEMO_MEETING_UUID in result.out
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
    assert server.returncode == 0


def test_a_ticket_in_the_answer_prints_masked_unless_revealed(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    import re

    shown = run_cli("templates", "show", "AuthenticateUser", "--profile", "sandbox")
    assert shown.code == 0, shown.err
    request = tmp_path / "authenticate.xml"
    request.write_text(shown.out)
    tickets = re.compile(r"<(?:\w+:)?sessionTicket>([^<]*)</")
    masked = run_cli("send", str(request), "--profile", "sandbox", "--url", sandbox.url)
    assert masked.code == 0, masked.err
    assert tickets.findall(masked.out) == ["********"]
    revealed = run_cli("send", str(request), "--profile", "sandbox", "--url", sandbox.url,
                       "--reveal-secrets")
    assert revealed.code == 0, revealed.err
    [ticket] = tickets.findall(revealed.out)
    assert ticket and "*" not in ticket


def test_a_password_with_xml_markup_characters_is_sent_as_that_password(tmp_path: Path) -> None:
    password = "p&ss<w>rd]]>'\""
    handle = start_sandbox(SandboxConfig(host="127.0.0.1", port=0, admin_password=password))
    try:
        shown = run_cli("templates", "show", "AuthenticateUser", "--profile", "sandbox")
        request = tmp_path / "authenticate.xml"
        request.write_text(shown.out)
        result = run_cli("send", str(request), "--profile", "sandbox", "--url", handle.url,
                         "--set", f"password={password}", "--json")
    finally:
        handle.stop()
    assert result.code == 0, result.err
    assert json.loads(result.out)["result"] == "SUCCESS"
    assert "ss<w>" not in result.err + result.out


def test_something_written_as_a_variable_that_is_not_one_is_not_sent(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    from tests.cli.conftest import assert_one_line_error

    shown = run_cli("templates", "show", "GetSessionInfo", "--profile", "sandbox")
    request = tmp_path / "getsessioninfo.xml"
    request.write_text(shown.out.replace("{{sessionKey}}", "{{session key}}"))
    result = run_cli("send", str(request), "--profile", "sandbox", "--url", sandbox.url)
    assert_one_line_error(result, "{{session key}} is not a variable")


def test_a_history_that_cannot_be_written_still_shows_the_answer(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    shown = run_cli("templates", "show", "GetSessionInfo", "--profile", "sandbox")
    request = tmp_path / "getsessioninfo.xml"
    request.write_text(shown.out.replace("{{sessionKey}}", DEMO_SESSION_KEY))
    result = run_cli("send", str(request), "--profile", "sandbox", "--url", sandbox.url,
                     env={"WEBEX_EXPLORER_DATA_DIR": str(blocker / "data")})
    assert result.code == 0, result.err
    assert DEMO_MEETING_UUID in result.out
    assert "Traceback" not in result.err
    assert "history not recorded: cannot create the folder" in result.err


def test_the_sandbox_site_name_is_not_masked_as_its_demo_password(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    shown = run_cli("templates", "show", "GetSessionInfo", "--profile", "sandbox")
    request = tmp_path / "getsessioninfo.xml"
    request.write_text(shown.out.replace("{{sessionKey}}", DEMO_SESSION_KEY))
    result = run_cli("send", str(request), "--profile", "sandbox", "--url", sandbox.url)
    assert result.code == 0, result.err
    assert "https://sandbox.webex.com/" in result.out
    assert "********" not in result.out


def test_the_sandbox_verb_gives_the_profile_its_version_password_and_outbox(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    server = subprocess.Popen(
        [sys.executable, "-m", "explorer", "sandbox", "--port", "0", "--api-version", "40.6.0",
         "--admin-password", "not-the-demo-one"], env=env, cwd=REPO,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert server.stdout is not None
        banner = []
        for line in server.stdout:
            banner.append(line)
            if line.startswith("Press Ctrl+C"):
                break
        assert any("points here, API 40.6.0" in line for line in banner), banner
        assert any("WEBEX_EXPLORER_SECRET_SANDBOX" in line for line in banner), banner
        shown = run_cli("profiles", "show", "sandbox", "--json")
        assert json.loads(shown.out)["api_version"] == "40.6.0", shown.out
        request = tmp_path / "authenticate.xml"
        request.write_text(run_cli("templates", "show", "AuthenticateUser",
                                   "--profile", "sandbox").out)
        refused = run_cli("send", str(request), "--profile", "sandbox", "--json")
        assert json.loads(refused.out)["result"] == "FAILURE"
        sent = run_cli("send", str(request), "--profile", "sandbox", "--json",
                       env={"WEBEX_EXPLORER_SECRET_SANDBOX": "not-the-demo-one"})
        assert json.loads(sent.out)["result"] == "SUCCESS", sent.err
        outbox = run_cli("sandbox", "outbox", "--json")
        assert outbox.code == 0, outbox.err
        assert isinstance(json.loads(outbox.out), list)
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)


def test_json_carries_the_answer_with_its_ticket_masked_unless_revealed(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    import re

    request = tmp_path / "authenticate.xml"
    request.write_text(run_cli("templates", "show", "AuthenticateUser", "--profile", "sandbox").out)
    tickets = re.compile(r"<(?:\w+:)?sessionTicket>([^<]*)</")
    masked = run_cli("send", str(request), "--profile", "sandbox", "--url", sandbox.url, "--json")
    assert tickets.findall(json.loads(masked.out)["answer"]) == ["********"]
    revealed = run_cli("send", str(request), "--profile", "sandbox", "--url", sandbox.url,
                       "--json", "--reveal-secrets")
    [ticket] = tickets.findall(json.loads(revealed.out)["answer"])
    assert ticket and "*" not in ticket
