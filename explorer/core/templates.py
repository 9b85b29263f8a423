"""The version-aware request-template library: every command, every 40.x version.

Data lives in the top-level ``templates/`` folder (shipped in the wheel as
``explorer.templates``); ``templates/README.md`` documents its format. The types are in
``templates_model``, the annotated-body renderer in ``templates_body``, the reader in
``templates_load`` and its pre-read form (``templates_preread``, what the shipped templates
are read from when current); this module is the public face.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path
from typing import Any

import explorer
from explorer.core.commands import PACKAGE_OF, canonical_command, did_you_mean
from explorer.core.errors import TemplateError
from explorer.core.templates_files import SHARED_CHANGES_FILE, command_folders
from explorer.core.templates_model import Change, Choice, CommandTemplate, all_releases

__all__ = [
    "Change",
    "Choice",
    "CommandTemplate",
    "TemplateLibrary",
    "all_releases",
    "default_library",
    "templates_root",
]


def templates_root() -> Path:
    """``templates/`` inside the installed package, else beside the package in a checkout."""
    package_dir = Path(explorer.__file__).resolve().parent
    installed = package_dir / "templates"
    if (installed / SHARED_CHANGES_FILE).is_file():
        return installed
    return package_dir.parent / "templates"


class TemplateLibrary:
    """Every command template, looked up case-insensitively.

    A library read from a folder (``load``) reads each command's files when that command is
    first asked for: opening the explorer needs one command, not all of them.
    """

    def __init__(self, templates: list[CommandTemplate], root: Path | None = None) -> None:
        self.root = root
        self._loaded = {t.command.lower(): t for t in templates}
        self._names = sorted((t.command for t in templates), key=str.lower)
        self._folders: dict[str, Path] = {}
        self._shared: dict[str, dict[str, Any]] | None = None
        self._shared_bytes: bytes | None = None

    @classmethod
    def load(cls, root: Path | None = None) -> TemplateLibrary:
        """The library at ``root`` (default: the shipped templates), cached per folder."""
        return _load_cached(Path(root).resolve() if root else templates_root().resolve())

    @classmethod
    def from_folder(cls, root: Path) -> TemplateLibrary:
        folders = command_folders(root)
        library = cls([], root)
        library._folders = {folder.name.lower(): folder for folder in folders}
        library._names = sorted((folder.name for folder in folders), key=str.lower)
        return library

    def _template(self, key: str) -> CommandTemplate:
        template = self._loaded.get(key)
        if template is None:
            template = self._loaded[key] = self._read(self._folders[key])
        return template

    def _read(self, folder: Path) -> CommandTemplate:
        """The pre-read form when it is current, else the command's own files."""
        from explorer.core import templates_preread

        assert self.root is not None
        if self._shared_bytes is None:
            try:
                self._shared_bytes = (self.root / SHARED_CHANGES_FILE).read_bytes()
            except OSError:
                self._shared_bytes = b""  # load_shared_changes says what is wrong
        template = templates_preread.read(folder, self._shared_bytes)
        if template is not None:
            return template
        from explorer.core.templates_load import load_command, load_shared_changes

        if self._shared is None:
            self._shared = load_shared_changes(self.root)
        return load_command(folder, self._shared)

    def commands(self) -> list[CommandTemplate]:
        return [self._template(name.lower()) for name in self._names]

    def names(self) -> list[str]:
        return list(self._names)

    def find(self, name: str) -> CommandTemplate | None:
        key = name.strip().lower()
        if "." in key:  # accept "meeting.CreateMeeting" and full java types
            key = key.rpartition(".")[2]
        if key in self._loaded or key in self._folders:
            return self._template(key)
        return None

    def get(self, name: str) -> CommandTemplate:
        found = self.find(name)
        if found is not None:
            return found
        raise TemplateError(self._unknown_message(name))

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        """Template names close to ``name``, best first; far-off guesses are left out."""
        key = name.strip().lower().rpartition(".")[2]
        scored = sorted(
            (
                (difflib.SequenceMatcher(None, key, lower).ratio(), c)
                for lower, c in ((name.lower(), name) for name in self._names)
            ),
            reverse=True,
        )
        best = scored[0][0] if scored else 0.0
        return [c for score, c in scored if score >= 0.75 and score >= best - 0.12][:limit]

    def _unknown_message(self, name: str) -> str:
        shown = name.strip() or "(empty)"
        known = canonical_command(name.strip().rpartition(".")[2])
        if known and known.lower() not in {name.lower() for name in self._names}:
            return (
                f"no template for command {known!r} yet (package {PACKAGE_OF[known]}); "
                "write its body by hand or pick a listed template"
            )
        guesses = self.suggestions(name)
        if guesses:
            return f"no template for command {shown!r}; did you mean {', '.join(guesses)}?"
        catalog = did_you_mean(name.strip().rpartition(".")[2], limit=1)
        if catalog:
            return (
                f"no template for command {shown!r}; did you mean {catalog[0]}? "
                "(it has no template yet)"
            )
        return f"no template for command {shown!r} (`webex-explorer templates list` shows them all)"

    def __len__(self) -> int:
        return len(self._names)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.commands())


@lru_cache(maxsize=8)
def _load_cached(root: Path) -> TemplateLibrary:
    return TemplateLibrary.from_folder(root)


@lru_cache(maxsize=1)
def default_library() -> TemplateLibrary:
    return TemplateLibrary.load()
