"""Where the explorer keeps its files: platformdirs' user dirs, overridable by env vars."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from explorer.core.errors import ExplorerError, HistoryError, ProfileError

APP_NAME = "webex-xml-explorer"
CONFIG_DIR_ENV = "WEBEX_EXPLORER_CONFIG_DIR"
DATA_DIR_ENV = "WEBEX_EXPLORER_DATA_DIR"

PROFILES_FILE = "profiles.toml"
HISTORY_FILE = "history.sqlite3"


def _dir(env_name: str, default: str, create: bool, error: type[ExplorerError]) -> Path:
    override = os.environ.get(env_name)
    path = Path(override).expanduser() if override else Path(default)
    if create:
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            hint = f" (set {env_name} to another folder)" if override is None else ""
            raise error(f"cannot create the folder {path}: {exc.strerror or exc}{hint}") from None
    return path


def config_dir(create: bool = True) -> Path:
    """The user config dir (profiles); ``$WEBEX_EXPLORER_CONFIG_DIR`` wins when set."""
    return _dir(CONFIG_DIR_ENV, platformdirs.user_config_dir(APP_NAME, appauthor=False), create,
                ProfileError)


def data_dir(create: bool = True) -> Path:
    """The user data dir (history); ``$WEBEX_EXPLORER_DATA_DIR`` wins when set."""
    return _dir(DATA_DIR_ENV, platformdirs.user_data_dir(APP_NAME, appauthor=False), create,
                HistoryError)


def profiles_path() -> Path:
    return config_dir() / PROFILES_FILE


def history_path() -> Path:
    return data_dir() / HISTORY_FILE
