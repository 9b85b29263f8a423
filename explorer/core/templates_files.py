"""Where a template folder keeps what: the file names and the command folders."""

from __future__ import annotations

from pathlib import Path

from explorer.core.errors import TemplateError

SHARED_CHANGES_FILE = "changes.toml"
COMMAND_FILE = "command.toml"
BODY_FILE = "request.xml"
PREREAD_FILE = "preread.json"


def command_folders(root: Path) -> list[Path]:
    """The command folders under ``root``, sorted; a missing or empty root is an error."""
    if not root.is_dir():
        raise TemplateError(f"template folder not found: {root}")
    folders = sorted(p for p in root.iterdir() if (p / COMMAND_FILE).is_file())
    if not folders:
        raise TemplateError(f"no command templates in {root}")
    return folders
