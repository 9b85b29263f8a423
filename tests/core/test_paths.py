from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from explorer.core import paths


def test_env_overrides_are_used_and_created(isolated_dirs: dict[str, Path]) -> None:
    assert paths.config_dir() == isolated_dirs["config"]
    assert paths.data_dir() == isolated_dirs["data"]
    assert isolated_dirs["config"].is_dir() and isolated_dirs["data"].is_dir()
    assert paths.profiles_path() == isolated_dirs["config"] / "profiles.toml"
    assert paths.history_path() == isolated_dirs["data"] / "history.sqlite3"


def test_created_dirs_are_private(isolated_dirs: dict[str, Path]) -> None:
    assert paths.config_dir().stat().st_mode & 0o077 == 0


def test_without_override_platformdirs_app_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.CONFIG_DIR_ENV)
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    expected = platformdirs.user_config_dir("webex-xml-explorer", appauthor=False)
    assert paths.config_dir(create=False) == Path(expected)
    assert "webex-xml-explorer" in str(paths.data_dir(create=False))
