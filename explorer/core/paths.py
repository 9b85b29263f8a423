"""Where the explorer keeps its files: platformdirs' user dirs, overridable by env vars."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "webex-xml-explorer"
CONFIG_DIR_ENV = "WEBEX_EXPLORER_CONFIG_DIR"
DATA_DIR_ENV = "WEBEX_EXPLORER_DATA_DIR"

PROFILES_FILE = "profiles.toml"
HISTORY_FILE = "history.sqlite3"


def _dir(env_name: str, default: str, create: bool) -> Path:
    override = os.environ.get(env_name)
    path = Path(override).expanduser() if override else Path(default)
    if create:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def config_dir(create: bool = True) -> Path:
    """The user config dir (profiles); ``$WEBEX_EXPLORER_CONFIG_DIR`` wins when set."""
    return _dir(CONFIG_DIR_ENV, platformdirs.user_config_dir(APP_NAME, appauthor=False), create)


def data_dir(create: bool = True) -> Path:
    """The user data dir (history); ``$WEBEX_EXPLORER_DATA_DIR`` wins when set."""
    return _dir(DATA_DIR_ENV, platformdirs.user_data_dir(APP_NAME, appauthor=False), create)


def profiles_path() -> Path:
    return config_dir() / PROFILES_FILE


def history_path() -> Path:
    return data_dir() / HISTORY_FILE
