"""Network faults through `webex-explorer send` (a subprocess, as users and scripts run it):
each ends with one clear line, exit 2, no traceback, and the Create* request reaches the
server at most once (nothing is retried)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.core.loopback_servers import free_port, self_signed_cert, unaccepting_listener
from tests.reliability.fault_server import FaultServer, fault_server
from tests.security.helpers import assert_clean_exit, run_cli


def send(envelope: Path, url: str, *extra: str) -> tuple[int, str]:
    run = run_cli("send", str(envelope), "--url", url, "--no-history", *extra, timeout=60)
    assert_clean_exit(run)
    assert "P4ssw0rd-Fault" not in run.out + run.err  # the password is never echoed
    return run.code, run.err.strip()


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("path", "fragments", "timeout"),
    [
        ("/hang", ("read timeout", "nothing was retried"), "1"),
        ("/close-before-answer", ("closed", "nothing was retried"), "10"),
        ("/reset-mid-body", ("reset", "mid-body"), "10"),
        ("/403-retry-after", ("403", "Retry-After", "120"), "10"),
        ("/403", ("403", "no Retry-After"), "10"),
        ("/500", ("500", "server error"), "10"),
        ("/502", ("502",), "10"),
        ("/503", ("503",), "10"),
        ("/huge-declared", ("200 MB", "limit"), "10"),
    ],
)
def test_fault_is_one_line_and_not_retried(
    faults: FaultServer, create_meeting_file: Path, path: str, fragments: tuple[str, ...],
    timeout: str,
) -> None:
    code, err = send(create_meeting_file, faults.url(path), "--timeout", timeout)
    assert code == 2, err
    for fragment in fragments:
        assert fragment.lower() in err.lower(), (fragment, err)
    assert faults.requests[path] == 1, f"sent {faults.requests[path]} times"


@pytest.mark.timeout(60)
def test_200_mb_streamed_body_is_read_bounded(faults: FaultServer, create_meeting_file) -> None:
    """No Content-Length: the client must stop reading at its limit, not take all 200 MB."""
    code, err = send(create_meeting_file, faults.url("/huge-streamed"), "--timeout", "20")
    assert code == 2 and "limit" in err, err
    assert faults.requests["/huge-streamed"] == 1
    faults.done.set()
    assert faults.bytes_sent["/huge-streamed"] < 200 * 1024 * 1024


@pytest.mark.timeout(30)
def test_connection_refused(create_meeting_file: Path) -> None:
    port = free_port()
    code, err = send(create_meeting_file, f"http://127.0.0.1:{port}/x", "--timeout", "5")
    assert code == 2 and "refused" in err and str(port) in err, err


@pytest.mark.timeout(30)
def test_dns_failure_stays_on_the_machine(create_meeting_file: Path) -> None:
    # .invalid is reserved (RFC 6761): it never resolves.
    code, err = send(create_meeting_file, "https://nonexistent.invalid/WBXService/XMLService",
                     "--timeout", "5")
    assert code == 2 and "DNS" in err and "nonexistent.invalid" in err, err


@pytest.mark.timeout(30)
@pytest.mark.skipif(sys.platform != "linux", reason="a full accept queue drops SYNs on Linux only")
def test_connect_timeout(create_meeting_file: Path) -> None:
    with unaccepting_listener() as port:
        code, err = send(create_meeting_file, f"http://127.0.0.1:{port}/x", "--timeout", "1")
    assert code == 2 and "connect timeout" in err, err


@pytest.mark.timeout(60)
def test_tls_self_signed_refused_by_default_and_allowed_by_profile(
    tmp_path: Path, create_meeting_file: Path
) -> None:
    files = self_signed_cert(tmp_path)
    assert files is not None, "needs the cryptography package or openssl"
    with fault_server(files) as server:
        code, err = send(create_meeting_file, server.url("/ok"), "--timeout", "10")
        assert code == 2 and "TLS certificate verification failed" in err, err
        assert server.requests["/ok"] == 0  # refused during the handshake: nothing sent

        env = {"WEBEX_EXPLORER_SECRET_TLSOFF": "P4ssw0rd-Fault"}
        added = run_cli("profiles", "add", "tlsoff", "--site", "acme", "--url", server.url("/ok"),
                        "--auth", "password", "--webex-id", "host", "--no-verify-tls", env=env)
        assert_clean_exit(added, (0,))
        shown = run_cli("profiles", "show", "tlsoff", env=env)
        assert_clean_exit(shown, (0,))
        assert "verify" in shown.out.lower() and "P4ssw0rd-Fault" not in shown.out
        run = run_cli("send", str(create_meeting_file), "--profile", "tlsoff", "--no-history",
                      env=env)
        assert_clean_exit(run, (0,))
        assert "SUCCESS" in run.out
        assert server.requests["/ok"] == 1
