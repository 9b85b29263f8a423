from __future__ import annotations

import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from explorer.core.errors import SecretError
from explorer.core.secrets import SERVICE_NAME, SecretStore, env_var_name


def test_env_var_name() -> None:
    assert env_var_name("prod") == "WEBEX_EXPLORER_SECRET_PROD"
    assert env_var_name("my-site.eu_2") == "WEBEX_EXPLORER_SECRET_MY_SITE_EU_2"


def test_keyring_roundtrip(memory_keyring) -> None:
    store = SecretStore()
    assert store.backend_available()
    assert store.get("prod") is None
    store.set("prod", "s3cret-value")
    assert memory_keyring.passwords[(SERVICE_NAME, "prod")] == "s3cret-value"
    assert store.get("prod") == "s3cret-value"
    assert store.source("prod") == "keyring"
    store.delete("prod")
    assert store.get("prod") is None
    store.delete("prod")  # deleting nothing is fine


def test_env_var_used_when_keyring_has_nothing(memory_keyring, monkeypatch) -> None:
    monkeypatch.setenv("WEBEX_EXPLORER_SECRET_PROD", "from-env")
    store = SecretStore()
    assert store.get("prod") == "from-env"
    assert store.source("prod") == "environment variable WEBEX_EXPLORER_SECRET_PROD"


def test_no_backend_falls_back_to_env(fail_keyring, monkeypatch) -> None:
    store = SecretStore()
    assert not store.backend_available()
    monkeypatch.setenv("WEBEX_EXPLORER_SECRET_PROD", "from-env")
    assert store.get("prod") == "from-env"


def test_no_backend_no_env_names_the_variable(fail_keyring) -> None:
    store = SecretStore()
    with pytest.raises(SecretError) as info:
        store.get("prod")
    assert "no keyring backend" in str(info.value)
    assert "WEBEX_EXPLORER_SECRET_PROD" in str(info.value)
    with pytest.raises(SecretError) as info:
        store.set("prod", "topsecret-xyz")
    assert "WEBEX_EXPLORER_SECRET_PROD" in str(info.value)
    assert "topsecret-xyz" not in str(info.value)
    store.delete("prod")  # nothing to delete, no error


def test_require_missing(memory_keyring) -> None:
    with pytest.raises(SecretError, match="no secret stored for profile 'prod'"):
        SecretStore().require("prod")


def test_empty_secret_refused(memory_keyring) -> None:
    with pytest.raises(SecretError, match="empty secret"):
        SecretStore().set("prod", "")


class BrokenKeyring(keyring.backend.KeyringBackend):
    """A backend that is installed but cannot work (e.g. no Secret Service daemon)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        raise keyring.errors.KeyringError("org.freedesktop.DBus.Error.ServiceUnknown")

    def set_password(self, service, username, password):
        raise keyring.errors.PasswordSetError("locked")

    def delete_password(self, service, username):
        raise keyring.errors.KeyringError("locked")


def test_erroring_backend_falls_back_to_env(monkeypatch) -> None:
    keyring.set_keyring(BrokenKeyring())
    store = SecretStore()
    with pytest.raises(SecretError, match=r"keyring backend unusable .*WEBEX_EXPLORER_SECRET_P"):
        store.get("p")
    with pytest.raises(SecretError, match="WEBEX_EXPLORER_SECRET_P instead"):
        store.set("p", "pw-123456")
    with pytest.raises(SecretError, match="could not delete"):
        store.delete("p")
    monkeypatch.setenv("WEBEX_EXPLORER_SECRET_P", "env-pw")
    assert store.get("p") == "env-pw"


def test_explicit_environ_mapping(fail_keyring) -> None:
    store = SecretStore(environ={"WEBEX_EXPLORER_SECRET_LAB": "x1"})
    assert store.get("lab") == "x1"


def test_status_line(memory_keyring) -> None:
    assert SecretStore().status_line().startswith("secrets are kept in the OS keyring")
    keyring.set_keyring(fail.Keyring())
    assert "WEBEX_EXPLORER_SECRET_<PROFILE>" in SecretStore().status_line()


def test_warm_up_loads_the_keyring_backend_and_never_raises(fail_keyring):
    import sys

    from explorer.core.secrets import warm_up

    warm_up()
    assert "keyring" in sys.modules
    assert SecretStore(environ={}).backend_available() is False
