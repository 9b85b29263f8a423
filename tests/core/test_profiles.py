from __future__ import annotations

import sys
import tomllib

import pytest

from explorer.core.errors import ProfileError, SecretError
from explorer.core.profiles import (
    SANDBOX_DEMO_PASSWORD,
    SANDBOX_PROFILE_NAME,
    AuthMode,
    Profile,
    ProfileStore,
    secret_for,
)
from explorer.core.secrets import SecretStore
from explorer.core.versions import LATEST
from tests.core.killed_writer import kill_when_ready


def prod(**kw) -> Profile:
    values = {"name": "prod", "site_name": "acme", "webex_id": "alice"}
    values.update(kw)
    return Profile(**values)


def test_defaults() -> None:
    p = prod().validated()
    assert p.endpoint == "https://acme.webex.com/WBXService/XMLService"
    assert p.api_version == str(LATEST)
    assert p.verify_tls is True and p.timeout == 30.0 and p.builtin is False
    assert p.auth == AuthMode.PASSWORD
    assert prod(url="http://127.0.0.1:9/x").validated().endpoint == "http://127.0.0.1:9/x"


def test_empty_store(isolated_dirs) -> None:
    store = ProfileStore()
    assert store.list() == []
    assert store.path == isolated_dirs["config"] / "profiles.toml"
    with pytest.raises(ProfileError, match=r"unknown profile 'x' \(known: none yet\)"):
        store.get("x")


def test_add_get_list_remove_roundtrip(memory_keyring) -> None:
    store = ProfileStore()
    store.add(
        prod(
            auth="ticket",
            partner_id="P1",
            client_info="ci",
            api_version="40.4.9",
            verify_tls=False,
            proxy="http://proxy:8080",
            timeout=5,
        ),
        secret="pw-1",
    )
    store.add(Profile(name="anon", site_name="acme", auth=AuthMode.ANONYMOUS))
    got = store.get("prod")
    assert got.auth == AuthMode.TICKET and got.partner_id == "P1" and got.client_info == "ci"
    assert got.api_version == "40.4.9" and got.verify_tls is False and got.timeout == 5.0
    assert got.proxy == "http://proxy:8080"
    assert [p.name for p in store.list()] == ["anon", "prod"]
    assert SecretStore().get("prod") == "pw-1"
    with pytest.raises(ProfileError, match=r"unknown profile 'nope' \(known: anon, prod\)"):
        store.get("nope")
    with pytest.raises(ProfileError, match="already exists"):
        store.add(prod())
    store.remove("prod")
    assert store.names() == ["anon"]
    assert SecretStore().get("prod") is None
    with pytest.raises(ProfileError, match="unknown profile"):
        store.remove("prod")


def test_file_mode_toml_and_no_secret(memory_keyring) -> None:
    store = ProfileStore()
    store.add(prod(), secret="very-secret-pw")
    raw = store.path.read_text()
    assert "very-secret-pw" not in raw
    assert store.path.stat().st_mode & 0o777 == 0o600
    data = tomllib.loads(raw)
    assert data["profiles"]["prod"]["site_name"] == "acme"
    assert "url" not in data["profiles"]["prod"]  # default is not written out


def test_update_keeps_backup(memory_keyring) -> None:
    store = ProfileStore()
    store.add(prod())
    first = store.path.read_text()
    store.update(prod(site_name="other"))
    assert store.get("prod").site_name == "other"
    assert store.backup_path.read_text() == first
    assert store.backup_path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(ProfileError, match="unknown profile"):
        store.update(prod(name="ghost"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "bad name"}, "bad profile name"),
        ({"name": ""}, "bad profile name"),
        ({"site_name": ""}, "bad site name"),
        ({"auth": "kerberos"}, "unknown auth mode 'kerberos'"),
        ({"url": "ftp://x"}, "url must start with"),
        ({"webex_id": None}, "needs a webExID or an email"),
        ({"webex_id": None, "email": "nope"}, "not an email"),
        ({"api_version": "forty"}, "not an API version"),
        ({"timeout": "soon"}, "timeout must be a number"),
        ({"timeout": 0}, "timeout must be between"),
        ({"verify_tls": "yes"}, "verify_tls must be true or false"),
        ({"proxy": "proxy:8080"}, "proxy must be a URL"),
        ({"proxy": "http://bob:pw@proxy:8080"}, "proxy credentials do not belong"),
        ({"url": "https://bob:pw@acme.webex.com/x"}, "secrets do not belong"),
    ],
)
def test_validation_errors(changes, message) -> None:
    with pytest.raises(ProfileError, match=message):
        prod(**changes).validated()


def test_email_instead_of_webex_id_and_modes_without_user() -> None:
    assert prod(webex_id=None, email="a@acme.com").validated().email == "a@acme.com"
    for mode in ("jwt", "anonymous"):
        assert prod(webex_id=None, auth=mode).validated().auth.value == mode


def test_sandbox_name_is_reserved() -> None:
    with pytest.raises(ProfileError, match="built-in sandbox"):
        ProfileStore().add(prod(name=SANDBOX_PROFILE_NAME))


def test_ensure_sandbox_needs_no_keyring(fail_keyring) -> None:
    store = ProfileStore()
    sandbox = store.ensure_sandbox("http://127.0.0.1:4321/WBXService/XMLService")
    assert sandbox.builtin and sandbox.site_name == "sandbox" and sandbox.webex_id == "admin"
    assert sandbox.auth == AuthMode.PASSWORD
    assert store.get("sandbox").endpoint == "http://127.0.0.1:4321/WBXService/XMLService"
    assert secret_for(sandbox) == SANDBOX_DEMO_PASSWORD
    assert "password =" not in store.path.read_text()
    # A second call with a new port follows the URL and keeps the user's version choice.
    store.update(Profile(**{**sandbox.__dict__, "api_version": "40.4.9"}))
    again = store.ensure_sandbox("http://127.0.0.1:5555/WBXService/XMLService")
    assert again.url.endswith(":5555/WBXService/XMLService") and again.api_version == "40.4.9"
    mtime = store.path.stat().st_mtime_ns
    store.ensure_sandbox("http://127.0.0.1:5555/WBXService/XMLService")
    assert store.path.stat().st_mtime_ns == mtime  # unchanged: not rewritten
    with pytest.raises(ProfileError, match="built-in"):
        store.add(prod(name="sandbox"))


def test_secret_for_regular_profile(memory_keyring) -> None:
    store = ProfileStore()
    store.add(prod(), secret="pw-9")
    store.add(Profile(name="anon", site_name="acme", auth="anonymous"))
    assert secret_for(store.get("prod")) == "pw-9"
    assert secret_for(store.get("anon")) is None


def test_add_without_keyring_keeps_profile_and_names_variable(fail_keyring) -> None:
    store = ProfileStore()
    with pytest.raises(SecretError) as info:
        store.add(prod(), secret="never-stored-pw")
    assert "profile 'prod' saved" in str(info.value)
    assert "WEBEX_EXPLORER_SECRET_PROD" in str(info.value)
    assert "never-stored-pw" not in str(info.value)
    assert store.get("prod").site_name == "acme"
    assert "never-stored-pw" not in store.path.read_text()


def write(store: ProfileStore, text: str) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[profiles.prod]\nsite_name = "acme"\nwebex_id = \n', r"line 3: not valid TOML"),
        ("format = 1\n\n[profiles.prod\n", r"line 3: not valid TOML"),
        (
            '[profiles.prod]\nsite_name = "acme"\nwebex_id = "a"\npassword = "pw"\n',
            r"line 4: profile 'prod' holds 'password'; secrets do not belong",
        ),
        (
            '\n[profiles.prod]\nsite_name = "acme"\nwebex_id = "a"\ncolour = "red"\n',
            r"line 5: profile 'prod' has unknown setting 'colour'",
        ),
        ('[profiles.prod]\nwebex_id = "a"\n', "has no site_name"),
        (
            '[profiles.prod]\nsite_name = "acme"\nwebex_id = "a"\ntimeout = "x"\n',
            "timeout must be a number",
        ),
        ('[profiles.prod]\nsite_name = "acme"\nauth = "nope"\n', "unknown auth mode"),
        ("profiles = 3\n", "'profiles' must be a table"),
    ],
)
def test_corrupt_file_one_line_error_and_never_overwritten(text, message, memory_keyring):
    store = ProfileStore()
    write(store, text)
    with pytest.raises(ProfileError, match=message) as info:
        store.list()
    assert str(store.path) in str(info.value)
    assert "\n" not in str(info.value)
    for action in (
        lambda: store.add(prod(name="new")),
        lambda: store.ensure_sandbox("http://127.0.0.1:1/x"),
        lambda: store.remove("prod"),
    ):
        with pytest.raises(ProfileError):
            action()
    assert store.path.read_text() == text


def test_not_utf8(memory_keyring) -> None:
    store = ProfileStore()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_bytes(b'[profiles.prod]\nsite_name = "\xff"\n')
    with pytest.raises(ProfileError, match="line 2: not UTF-8"):
        store.list()


def test_hand_written_file_is_read(memory_keyring) -> None:
    store = ProfileStore()
    write(store, '[profiles."eu-lab"]\nsite_name = "lab"\nauth = "jwt"\nverify_tls = false\n')
    lab = store.get("eu-lab")
    assert lab.auth == AuthMode.JWT and lab.verify_tls is False


def test_explicit_path(tmp_path, memory_keyring) -> None:
    store = ProfileStore(tmp_path / "elsewhere" / "p.toml")
    store.add(prod())
    assert ProfileStore(tmp_path / "elsewhere" / "p.toml").get("prod").site_name == "acme"


_WRITER = r"""
import sys
from explorer.core.profiles import Profile, ProfileStore
store = ProfileStore()
i = 0
while True:
    # A growing file: each rewrite is larger than the last.
    store.add(Profile(name=f"p{i}", site_name="acme", webex_id="u" * 200,
                      client_info="c" * 2000))
    if i == 20:
        print("ready", flush=True)
    i += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_while_saving_profiles_leaves_a_readable_file(isolated_dirs) -> None:
    kill_when_ready(_WRITER)
    names = ProfileStore().names()
    assert len(names) >= 21
    assert names == sorted(names, key=str.lower)
