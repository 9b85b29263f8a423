"""Help for every verb, and every way a command line can go wrong: one line, no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import BinaryIO

import pytest

from explorer import __version__
from tests.cli.conftest import REPO, assert_one_line_error, run_cli

VERBS = [
    ("templates",), ("templates", "list"), ("templates", "show"), ("templates", "diff"),
    ("lint",), ("inspect",), ("send",), ("profiles",), ("profiles", "list"),
    ("profiles", "show"), ("profiles", "add"), ("profiles", "remove"), ("sandbox",), ("tui",),
]


def test_version() -> None:
    result = run_cli("--version")
    assert (result.code, result.out, result.err) == (0, f"webex-explorer {__version__}\n", "")


def test_top_level_help_lists_every_verb() -> None:
    result = run_cli("--help")
    assert result.code == 0
    for verb in ("templates", "lint", "inspect", "send", "profiles", "sandbox", "tui"):
        assert verb in result.out


@pytest.mark.parametrize("verb", VERBS, ids=" ".join)
def test_every_verb_has_help(verb: tuple[str, ...]) -> None:
    result = run_cli(*verb, "--help")
    assert result.code == 0, result.err
    assert result.out.startswith("usage: webex-explorer " + " ".join(verb))
    assert result.err == ""


def test_unknown_verb_suggests_the_right_one() -> None:
    assert_one_line_error(run_cli("tempaltes", "list"), "tempaltes", "did you mean 'templates'")


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("templates",), ("ACTION",)),
        (("templates", "frobnicate"), ("frobnicate",)),
        (("templates", "show"), ("COMMAND",)),
        (("templates", "diff", "CreateMeeting", "40.6.0"), ("V2",)),
        (("lint",), ("FILE",)),
        (("inspect", "a.xml", "--bogus"), ("--bogus",)),
        (("send",), ("FILE",)),
        (("profiles", "show"), ("NAME",)),
        (("--no-such-flag",), ("--no-such-flag",)),
        (("send", "x.xml", "--timeout", "inf"), ("finite number of seconds",)),
    ],
)
def test_usage_errors_are_one_line(args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    line = assert_one_line_error(run_cli(*args), *needles)
    assert "--help" in line  # says where to look


def test_a_non_utf8_request_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin1.xml"
    path.write_bytes("<a>caf\xe9</a>".encode("latin-1"))
    assert_one_line_error(run_cli("send", str(path), "--url", "http://127.0.0.1:9/"), "UTF-8")


def test_an_unreadable_path_is_named(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 300 + ".xml")  # longer than any file name may be
    line = assert_one_line_error(run_cli("inspect", str(path)), "cannot read")
    assert "too long" in line.lower()


def _child(args: list[str], **kwargs) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-m", "explorer", *args], env=env, cwd=REPO,
        stderr=subprocess.PIPE, **kwargs,
    )


def test_ctrl_c_while_reading_exits_130_without_a_traceback(tmp_path: Path) -> None:
    fifo = tmp_path / "response.fifo"
    os.mkfifo(fifo)
    proc = _child(["inspect", str(fifo)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    # Opening the FIFO for writing returns once the child has opened it to read: from then on
    # the child is blocked in its read, inside main().
    writers: list[BinaryIO] = []
    opened = threading.Event()

    def open_writer() -> None:
        writers.append(open(fifo, "wb"))
        opened.set()

    threading.Thread(target=open_writer, daemon=True).start()
    if not opened.wait(30):
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # release the writer thread
        proc.kill()
        pytest.fail(f"the child never opened its input: {proc.communicate()[1]!r}")
    proc.send_signal(signal.SIGINT)
    try:
        _out, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        # Seen once in a full CI run on a loaded machine (the child printed nothing, so it never
        # saw the first interrupt; not reproduced in 25 runs of this test): press Ctrl+C again,
        # as a user would. What is checked, exit 130 and no traceback, stays the same.
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=15)
    for writer in writers:
        writer.close()
    assert proc.returncode == 130
    assert b"Traceback" not in err


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # A response big enough to overflow the pipe, read only up to its first line (`| head -1`).
    sessions = "".join(
        f"<ep:session><ep:sessionKey>{n}</ep:sessionKey></ep:session>" for n in range(40000)
    )
    path = tmp_path / "big.xml"
    path.write_text(
        '<serv:message xmlns:serv="http://www.webex.com/schemas/2002/06/service" '
        'xmlns:ep="http://www.webex.com/schemas/2002/06/service/ep"><serv:header><serv:response>'
        "<serv:result>SUCCESS</serv:result></serv:response></serv:header><serv:body>"
        f"<serv:bodyContent>{sessions}</serv:bodyContent></serv:body></serv:message>"
    )
    proc = _child(["inspect", str(path)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read() if proc.stderr else b""
    proc.wait(timeout=60)
    assert first.startswith(b"SUCCESS")
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err
    assert proc.returncode != 0


@pytest.mark.parametrize("args", [(), ("tui",)], ids=["no verb", "tui"])
def test_the_explorer_without_a_terminal_says_so(args: tuple[str, ...]) -> None:
    # scripts that forget the verb get one line, not screens of escape codes
    assert_one_line_error(run_cli(*args), "needs a terminal", "--help")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("templates", "show", "CreateMeeting"), ("templates", "list"),
                                  ("profiles", "list")], ids=" ".join)
def test_output_to_a_full_disk_is_one_line(args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        proc = _child(list(args), stdout=full, stdin=subprocess.DEVNULL)
        err = proc.stderr.read() if proc.stderr else b""
        proc.wait(timeout=60)
    assert err.decode().splitlines() == ["error: No space left on device"], err
    assert proc.returncode == 2


def test_a_file_where_the_config_folder_should_be_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = run_cli("profiles", "list", env={"WEBEX_EXPLORER_CONFIG_DIR": str(blocker / "sub")})
    assert_one_line_error(result, "cannot create the folder", str(blocker / "sub"))


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("templates", "show", "GetSessionInfo", "--use", "meetingUUID", "--use", "sessionKey"),
         "<meetingUUID> and <sessionKey> are alternatives"),
        (("send", "x.xml", "--jwt", " "), "--jwt is empty"),
        (("send", "x.xml", "--profile", "sandbox", "--url",
          "http://127.0.0.1:99999/WBXService/XMLService"),
         "port 99999 is not a TCP port"),
    ],
    ids=["two alternatives", "empty jwt", "bad port"],
)
def test_contradictory_or_empty_values_are_one_line(args: tuple[str, ...], needle: str,
                                                    tmp_path: Path) -> None:
    shown = run_cli("templates", "show", "GetAPIVersion", "--profile", "sandbox")
    (tmp_path / "x.xml").write_text(shown.out)
    assert_one_line_error(run_cli(*args, cwd=tmp_path), needle)
