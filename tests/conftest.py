"""Shared fixtures: every test gets its own config/data dirs and never sees the real keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps passwords in a dict (tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.passwords[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    """Own config/data dirs for every test; keyring set to the fail backend (here and in
    subprocesses), and no WEBEX_EXPLORER_SECRET_* variables inherited."""
    config = tmp_path / "config"
    data = tmp_path / "data"
    monkeypatch.setenv("WEBEX_EXPLORER_CONFIG_DIR", str(config))
    monkeypatch.setenv("WEBEX_EXPLORER_DATA_DIR", str(data))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    for name in list(os.environ):
        if name.startswith("WEBEX_EXPLORER_SECRET_"):
            monkeypatch.delenv(name)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield {"config": config, "data": data}
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    """A working in-memory keyring for this test (in this process only)."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def fail_keyring() -> fail.Keyring:
    """keyring's own 'no backend' keyring: every operation raises NoKeyringError."""
    backend = fail.Keyring()
    keyring.set_keyring(backend)
    return backend
