"""The explorer's own small settings (last profile, description language, theme)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

SETTINGS_FILE = "tui.json"


@dataclass
class TuiSettings:
    profile: str | None = None
    language: str = "en"  # descriptions of templates: "en" or "ja"
    theme: str | None = None

    @staticmethod
    def path() -> Path:
        from explorer.core.paths import config_dir

        return config_dir() / SETTINGS_FILE

    @classmethod
    def load(cls) -> TuiSettings:
        from explorer.core.errors import ExplorerError

        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError, ExplorerError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        settings = cls()
        if isinstance(data.get("profile"), str):
            settings.profile = data["profile"]
        if data.get("language") in ("en", "ja"):
            settings.language = data["language"]
        if isinstance(data.get("theme"), str):
            settings.theme = data["theme"]
        return settings

    def save(self) -> None:
        from explorer.core.atomic import write_atomic
        from explorer.core.errors import ExplorerError

        try:
            write_atomic(self.path(), json.dumps(asdict(self), indent=2) + "\n")
        except (OSError, ExplorerError):
            pass  # losing a UI preference is not worth an error
