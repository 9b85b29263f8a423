"""``webex-explorer sandbox`` and ``sandbox outbox``, and ``send --profile sandbox`` against it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import main
from tests.sandbox.helpers import call

REPO = Path(__file__).resolve().parents[2]
WELCOME = ("<firstName>Mail</firstName><lastName>Reader</lastName><webExId>reader</webExId>"
           "<password>pw</password><email>reader@example.org</email>"
           "<languageID>20</languageID><sendWelcome>true</sendWelcome>"
           "<isHTMLEmail>false</isHTMLEmail>")


def test_outbox_verb_prints_the_mails(make_sandbox, capsys):
    handle = make_sandbox(seed="empty")
    assert main(["sandbox", "outbox", "--url", handle.url]) == 0
    assert "the outbox is empty" in capsys.readouterr().out
    call(handle.url, ("user.CreateUser", WELCOME)).ok()
    assert main(["sandbox", "outbox", "--url", handle.base_url]) == 0
    out = capsys.readouterr().out
    assert "to reader@example.org [Polish, text] Witamy w Webex" in out
    assert main(["sandbox", "outbox", "--url", handle.url, "--json"]) == 0
    [mail] = json.loads(capsys.readouterr().out)
    assert mail["language"] == "Polish" and mail["html"] is False


def test_outbox_verb_says_when_no_sandbox_answers(capsys):
    assert main(["sandbox", "outbox", "--url", "http://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach the sandbox") and err.count("\n") == 1


@pytest.fixture
def cli_env(tmp_path):
    return {**os.environ, "PYTHONPATH": str(REPO),
            "WEBEX_EXPLORER_CONFIG_DIR": str(tmp_path / "config"),
            "WEBEX_EXPLORER_DATA_DIR": str(tmp_path / "data")}


def test_sandbox_verb_serves_until_sigterm_and_send_uses_its_profile(cli_env, tmp_path):
    server = subprocess.Popen(
        [sys.executable, "-m", "explorer", "sandbox", "--port", "0", "--api-version", "40.2.0",
         "--seed", "empty"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env, cwd=REPO)
    try:
        first = server.stdout.readline()
        assert "sandbox 40.2.0 listening on http://127.0.0.1:" in first
        url = first.rsplit(" ", 1)[1].strip()
        banner = [server.stdout.readline() for _ in range(6)]
        assert any("JWT signing key" in line for line in banner)
        assert any("profile 'sandbox' points here" in line for line in banner)
        assert call(url, ("ep.GetAPIVersion", "")).ok().text("ep:release") == "40.2.0"
        request = tmp_path / "version.xml"
        request.write_text(
            '<?xml version="1.0" encoding="UTF-8"?><serv:message xmlns:xsi='
            '"http://www.w3.org/2001/XMLSchema-instance" xmlns:serv='
            '"http://www.webex.com/schemas/2002/06/service"><header><securityContext>'
            "<siteName>{{siteName}}</siteName><webExID>{{webExID}}</webExID>"
            "<password>{{password}}</password></securityContext></header><body>"
            '<bodyContent xsi:type="java:com.webex.service.binding.user.GetMe"/>'
            "</body></serv:message>")
        sent = subprocess.run(
            [sys.executable, "-m", "explorer", "send", str(request), "--profile", "sandbox",
             "--json", "--no-history"],
            capture_output=True, text=True, env=cli_env, cwd=REPO, timeout=60)
        assert sent.returncode == 0, sent.stderr
        assert json.loads(sent.stdout)["result"] == "SUCCESS"
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=10)
    assert code == 0
    assert "sandbox stopped" in server.stderr.read()


def test_sandbox_verb_reports_a_busy_port(make_sandbox, cli_env):
    handle = make_sandbox(seed="empty")
    busy = subprocess.run(
        [sys.executable, "-m", "explorer", "sandbox", "--port", str(handle.port), "--no-profile"],
        capture_output=True, text=True, env=cli_env, cwd=REPO, timeout=60)
    assert busy.returncode == 2
    assert busy.stderr.startswith(f"error: cannot listen on 127.0.0.1:{handle.port}")


def _sandbox(cli_env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explorer", "sandbox", "--no-profile", *args],
                          capture_output=True, text=True, env=cli_env, cwd=REPO, timeout=60)


def _one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def test_busy_port_hint_names_the_port(make_sandbox, cli_env):
    handle = make_sandbox(seed="empty")
    err = _one_line_error(_sandbox(cli_env, "--port", str(handle.port)))
    assert f"port {handle.port} is already in use" in err and "--port 0" in err


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "http"])
def test_a_port_out_of_range_is_a_usage_error(cli_env, port):
    err = _one_line_error(_sandbox(cli_env, "--port", port))
    assert "--port" in err and ("0-65535" in err or "not a port number" in err)


@pytest.mark.parametrize(
    ("host", "needle"),
    [("bogus.invalid", "'bogus.invalid' cannot be resolved"),
     ("192.0.2.1", "not an address of this machine"),
     ("::1", "IPv4 addresses only")],
)
def test_a_host_that_cannot_be_listened_on_gets_its_own_hint(cli_env, host, needle):
    err = _one_line_error(_sandbox(cli_env, "--host", host, "--port", "0"))
    assert needle in err and "try --port 0" not in err


def test_sandbox_help_shows_the_action_as_optional(cli_env):
    shown = subprocess.run([sys.executable, "-m", "explorer", "sandbox", "--help"],
                           capture_output=True, text=True, env=cli_env, cwd=REPO, timeout=60)
    usage = shown.stdout.split("\n\n", 1)[0]
    assert "ACTION ..." not in usage
    assert "[--no-profile]" in usage
    assert "webex-explorer sandbox outbox [-h] [--url URL] [--json]" in usage
    assert "without an ACTION the sandbox itself runs" in shown.stdout


def test_sandbox_verb_refuses_a_bad_version(cli_env):
    bad = subprocess.run([sys.executable, "-m", "explorer", "sandbox", "--api-version", "forty"],
                         capture_output=True, text=True, env=cli_env, cwd=REPO, timeout=60)
    assert bad.returncode == 2 and "not an API version" in bad.stderr


def test_sandbox_verb_refuses_a_bad_clock_start(cli_env):
    bad = subprocess.run([sys.executable, "-m", "explorer", "sandbox", "--clock-start", "soon"],
                         capture_output=True, text=True, env=cli_env, cwd=REPO, timeout=60)
    assert bad.returncode == 2 and "not a time" in bad.stderr


def test_sandbox_verb_reports_an_unusable_db(cli_env, tmp_path):
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("this is not SQLite " * 100)
    for path in (tmp_path / "missing" / "dir" / "x.sqlite3", not_a_db):
        bad = subprocess.run([sys.executable, "-m", "explorer", "sandbox", "--port", "0",
                              "--no-profile", "--db", str(path)],
                             capture_output=True, text=True, env=cli_env, cwd=REPO, timeout=60)
        assert bad.returncode == 2, bad.stderr
        assert bad.stderr.startswith("error: cannot use") and bad.stderr.count("\n") == 1
