"""``webex-explorer profiles ...`` through a subprocess: scripts (no terminal) and a TTY."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.conftest import REPO, assert_one_line_error, run_cli


def test_add_list_show_remove_without_a_terminal(isolated_dirs: dict[str, Path]) -> None:
    added = run_cli(
        "profiles", "add", "acme", "--site", "acme", "--auth", "password",
        "--webex-id", "bob", "--api-version", "40.4.9", "--partner-id", "p1",
    )
    assert added.code == 0, added.err
    assert "no secret stored" in added.err  # said, not an error

    listed = json.loads(run_cli("profiles", "list", "--json").out)
    names = [p["name"] for p in listed]
    assert names == ["sandbox", "acme"]  # the built-in sandbox profile is always there
    acme = listed[1]
    assert acme["url"] == "https://acme.webex.com/WBXService/XMLService"
    assert acme["api_version"] == "40.4.9"
    assert acme["auth"] == "password"

    shown = json.loads(run_cli("profiles", "show", "acme", "--json").out)
    assert shown["webex_id"] == "bob" and shown["partner_id"] == "p1"
    assert "WEBEX_EXPLORER_SECRET_ACME" in shown["secret"]

    profiles_file = isolated_dirs["config"] / "profiles.toml"
    assert profiles_file.stat().st_mode & 0o777 == 0o600

    removed = run_cli("profiles", "remove", "acme")
    assert removed.code == 0, removed.err
    assert [p["name"] for p in json.loads(run_cli("profiles", "list", "--json").out)] == [
        "sandbox"
    ]


def test_show_says_where_the_secret_comes_from_never_the_secret() -> None:
    run_cli("profiles", "add", "acme", "--site", "acme", "--auth", "token", "--email", "a@b.c")
    shown = run_cli("profiles", "show", "acme", env={"WEBEX_EXPLORER_SECRET_ACME": "tok-1234"})
    assert shown.code == 0, shown.err
    assert "environment variable WEBEX_EXPLORER_SECRET_ACME" in shown.out
    assert "tok-1234" not in shown.out


def test_secret_stdin_without_a_keyring_saves_the_profile_and_names_the_variable() -> None:
    result = run_cli(
        "profiles", "add", "acme", "--site", "acme", "--auth", "password", "--webex-id", "bob",
        "--secret-stdin", stdin="s3cret-value\n",
    )
    message = assert_one_line_error(result, "saved", "secret was not", "no keyring",
                                    "WEBEX_EXPLORER_SECRET_ACME")
    assert message.startswith("error: profile 'acme' saved, but its secret was not"), message
    assert "--secret-stdin" not in message
    assert "s3cret-value" not in result.err + result.out
    assert [p["name"] for p in json.loads(run_cli("profiles", "list", "--json").out)] == [
        "sandbox", "acme"
    ]
    shown = run_cli("profiles", "show", "acme")
    assert shown.code == 0, shown.err
    (secret_line,) = [line for line in shown.out.splitlines() if line.startswith("secret")]
    assert "environment variable $WEBEX_EXPLORER_SECRET_ACME" in secret_line
    assert "--secret-stdin" not in secret_line
    # once the variable is set, the profile is complete
    shown = run_cli("profiles", "show", "acme", "--json",
                    env={"WEBEX_EXPLORER_SECRET_ACME": "s3cret-value"})
    assert json.loads(shown.out)["secret"] == (
        "from the environment variable WEBEX_EXPLORER_SECRET_ACME")


def test_add_without_a_secret_and_without_a_keyring_recommends_the_variable() -> None:
    added = run_cli("profiles", "add", "acme", "--site", "acme", "--auth", "password",
                    "--webex-id", "bob")
    assert added.code == 0, added.err
    assert "$WEBEX_EXPLORER_SECRET_ACME" in added.err
    assert "--secret-stdin" not in added.err


@pytest.fixture
def file_keyring(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """Environment for a child process whose keyring is a JSON file (a working backend).

    keyring has no such backend of its own; a tiny one is put on the child's PYTHONPATH.
    """
    backend_dir = tmp_path / "backend"
    backend_dir.mkdir()
    store = tmp_path / "keyring.json"
    (backend_dir / "test_keyring_backend.py").write_text(
        "import json, os, keyring.backend\n"
        "class FileKeyring(keyring.backend.KeyringBackend):\n"
        "    priority = 1\n"
        "    path = os.environ['TEST_KEYRING_FILE']\n"
        "    def _load(self):\n"
        "        try:\n"
        "            return json.load(open(self.path))\n"
        "        except FileNotFoundError:\n"
        "            return {}\n"
        "    def get_password(self, service, user):\n"
        "        return self._load().get(service + '/' + user)\n"
        "    def set_password(self, service, user, password):\n"
        "        data = self._load(); data[service + '/' + user] = password\n"
        "        json.dump(data, open(self.path, 'w'))\n"
        "    def delete_password(self, service, user):\n"
        "        data = self._load(); data.pop(service + '/' + user, None)\n"
        "        json.dump(data, open(self.path, 'w'))\n"
    )
    env = {
        "PYTHON_KEYRING_BACKEND": "test_keyring_backend.FileKeyring",
        "TEST_KEYRING_FILE": str(store),
        "PYTHONPATH": f"{REPO}{os.pathsep}{backend_dir}",
    }
    return env, store


def test_secret_stdin_goes_to_the_keyring_not_the_file(
    isolated_dirs: dict[str, Path], file_keyring: tuple[dict[str, str], Path]
) -> None:
    env, store = file_keyring
    result = run_cli(
        "profiles", "add", "acme", "--site", "acme", "--auth", "password", "--webex-id", "bob",
        "--secret-stdin", stdin="s3cret-value\n", env=env,
    )
    assert result.code == 0, result.err
    assert json.loads(store.read_text()) == {"webex-xml-explorer/acme": "s3cret-value"}
    assert "s3cret-value" not in (isolated_dirs["config"] / "profiles.toml").read_text()
    shown = run_cli("profiles", "show", "acme", env=env)
    assert "keyring" in shown.out and "s3cret-value" not in shown.out
    assert run_cli("profiles", "remove", "acme", env=env).code == 0
    assert json.loads(store.read_text()) == {}


def test_replacing_a_profile_without_a_secret_keeps_it_only_for_the_same_endpoint(
    file_keyring: tuple[dict[str, str], Path],
) -> None:
    env, store = file_keyring
    base = ("profiles", "add", "acme", "--site", "acme", "--auth", "password",
            "--webex-id", "bob")
    assert run_cli(*base, "--secret-stdin", stdin="s3cret\n", env=env).code == 0
    same = run_cli(*base, "--force", "--timeout", "30", env=env)
    assert same.code == 0, same.err
    assert "the stored secret is kept" in same.err
    assert json.loads(store.read_text()) == {"webex-xml-explorer/acme": "s3cret"}
    moved = run_cli(*base, "--force", "--url", "https://other.example.com/WBXService/XMLService",
                    env=env)
    assert moved.code == 0, moved.err
    assert "was removed, as the endpoint changed" in moved.err
    assert json.loads(store.read_text()) == {}


def test_with_a_keyring_a_missing_secret_points_at_secret_stdin(
    file_keyring: tuple[dict[str, str], Path],
) -> None:
    env, _ = file_keyring
    added = run_cli("profiles", "add", "acme", "--site", "acme", "--auth", "password",
                    "--webex-id", "bob", env=env)
    assert added.code == 0, added.err
    assert "--secret-stdin" in added.err and "$WEBEX_EXPLORER_SECRET_ACME" in added.err
    shown = json.loads(run_cli("profiles", "show", "acme", "--json", env=env).out)
    assert shown["secret"].startswith("not set: store it with")


def test_add_refuses_an_existing_name_unless_forced() -> None:
    base = ("profiles", "add", "acme", "--site", "acme", "--auth", "anonymous")
    assert run_cli(*base).code == 0
    assert_one_line_error(run_cli(*base), "exists", "--force")
    forced = run_cli(*base[:4], "other", *base[5:], "--force")
    assert forced.code == 0, forced.err
    assert json.loads(run_cli("profiles", "show", "acme", "--json").out)["site"] == "other"


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("--site", "acme"), ("--auth",)),
        (("--auth", "password"), ("--site",)),
        (("--site", "acme", "--auth", "password"), ("--webex-id",)),
        (("--site", "acme", "--auth", "sso"), ("invalid choice", "sso")),
        (("--site", "bad site!", "--auth", "anonymous"), ("bad site name",)),
        (("--site", "acme", "--auth", "anonymous", "--url", "ftp://x"), ("url",)),
        (("--site", "acme", "--auth", "anonymous", "--api-version", "forty"), ("forty",)),
        (("--site", "acme", "--auth", "token", "--email", "nope"), ("email",)),
        (("--site", "a", "--auth", "anonymous", "--webex-id", "x", "--email", "e@x"),
         ("not allowed with",)),
    ],
)
def test_bad_add_input_is_a_one_line_error(args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    assert_one_line_error(run_cli("profiles", "add", "acme", *args), *needles)


def test_unknown_profile() -> None:
    assert_one_line_error(run_cli("profiles", "show", "nope"), "unknown profile 'nope'")
    assert_one_line_error(run_cli("profiles", "remove", "nope"), "unknown profile 'nope'")


def test_a_broken_profiles_file_is_named_not_rewritten(isolated_dirs: dict[str, Path]) -> None:
    path = isolated_dirs["config"] / "profiles.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[profiles.acme\nsite_name = 'x'\n")
    assert_one_line_error(run_cli("profiles", "list"), "profiles.toml", "line 1")
    assert path.read_text() == "[profiles.acme\nsite_name = 'x'\n"


def _run_on_a_tty(args: list[str], answers: list[bytes], env: dict[str, str]) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as stdin/stdout; answer each prompt in turn."""
    leader, follower = pty.openpty()
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **env}
    proc = subprocess.Popen(
        [sys.executable, "-m", "explorer", *args], stdin=follower, stdout=follower,
        stderr=follower, env=full_env, cwd=REPO, close_fds=True,
    )
    os.close(follower)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if pending and output.rstrip().endswith(b":"):
                os.write(leader, pending.pop(0))
        elif proc.poll() is not None:
            break
    code = proc.wait(timeout=30)
    os.close(leader)
    return code, output.decode("utf-8", "replace")


def test_interactive_add_without_a_keyring_asks_no_secret(
    isolated_dirs: dict[str, Path],
) -> None:
    env = {
        "WEBEX_EXPLORER_CONFIG_DIR": str(isolated_dirs["config"]),
        "WEBEX_EXPLORER_DATA_DIR": str(isolated_dirs["data"]),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    code, output = _run_on_a_tty(
        ["profiles", "add", "acme", "--auth", "password"],
        [b"acme\n", b"bob\n"],
        env,
    )
    # the site and webExID were asked; with no keyring no secret is asked for (it could not be
    # kept): the profile is saved and the variable to set is named
    assert "siteName:" in output and "webExID:" in output
    assert "hidden" not in output
    assert code == 0, output
    assert "profile 'acme' saved" in output
    assert "$WEBEX_EXPLORER_SECRET_ACME" in output
    assert "Traceback" not in output


def test_interactive_add_stores_the_typed_secret_in_the_keyring(
    isolated_dirs: dict[str, Path], file_keyring: tuple[dict[str, str], Path]
) -> None:
    env, store = file_keyring
    env = {
        **env,
        "WEBEX_EXPLORER_CONFIG_DIR": str(isolated_dirs["config"]),
        "WEBEX_EXPLORER_DATA_DIR": str(isolated_dirs["data"]),
    }
    code, output = _run_on_a_tty(
        ["profiles", "add", "acme", "--site", "acme", "--auth", "token", "--email", "a@b.c"],
        [b"typed-token\n"],
        env,
    )
    assert code == 0, output
    assert "hidden" in output  # the secret prompt, which does not echo
    assert "typed-token" not in output
    assert json.loads(store.read_text()) == {"webex-xml-explorer/acme": "typed-token"}
    assert "typed-token" not in (isolated_dirs["config"] / "profiles.toml").read_text()


def test_two_profiles_cannot_share_a_secret_variable() -> None:
    base = ("--site", "acme", "--auth", "anonymous")
    assert run_cli("profiles", "add", "acme-1", *base).code == 0
    assert_one_line_error(run_cli("profiles", "add", "acme_1", *base),
                          "WEBEX_EXPLORER_SECRET_ACME_1", "'acme-1'", "choose another name")


def test_removing_the_built_in_sandbox_profile_says_it_stays() -> None:
    from explorer.core.profiles import ProfileStore

    ProfileStore().ensure_sandbox("http://127.0.0.1:8799/WBXService/XMLService")
    for _ in range(2):  # saved by a sandbox that pointed it at :8799, then not saved
        removed = run_cli("profiles", "remove", "sandbox")
        assert removed.code == 0, removed.err
        assert "is built in and stays" in removed.out and ":8787/" in removed.out
    listed = run_cli("profiles", "list")
    assert "sandbox (built-in)" in listed.out and ":8787/" in listed.out
