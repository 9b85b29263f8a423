"""The version-aware request-template library: every command, every 40.x version.

Data lives in the top-level ``templates/`` folder (shipped in the wheel as
``explorer.templates``); ``templates/README.md`` documents its format. The types are in
``templates_model``, the annotated-body renderer in ``templates_body``, the reader in
``templates_load``; this module is the public face.
"""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

import explorer
from explorer.core.commands import PACKAGE_OF, canonical_command, did_you_mean
from explorer.core.errors import TemplateError
from explorer.core.templates_load import SHARED_CHANGES_FILE, load_templates
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
    """Every command template, looked up case-insensitively."""

    def __init__(self, templates: list[CommandTemplate], root: Path | None = None) -> None:
        self.root = root
        self._templates = sorted(templates, key=lambda t: t.command.lower())
        self._by_lower = {t.command.lower(): t for t in self._templates}

    @classmethod
    def load(cls, root: Path | None = None) -> TemplateLibrary:
        """Load (and cache) the library at ``root`` (default: the shipped templates)."""
        return _load_cached(Path(root).resolve() if root else templates_root().resolve())

    def commands(self) -> list[CommandTemplate]:
        return list(self._templates)

    def names(self) -> list[str]:
        return [t.command for t in self._templates]

    def find(self, name: str) -> CommandTemplate | None:
        key = name.strip().lower()
        if "." in key:  # accept "meeting.CreateMeeting" and full java types
            key = key.rpartition(".")[2]
        return self._by_lower.get(key)

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
                (difflib.SequenceMatcher(None, key, lower).ratio(), t.command)
                for lower, t in self._by_lower.items()
            ),
            reverse=True,
        )
        best = scored[0][0] if scored else 0.0
        return [c for score, c in scored if score >= 0.75 and score >= best - 0.12][:limit]

    def _unknown_message(self, name: str) -> str:
        shown = name.strip() or "(empty)"
        known = canonical_command(name.strip().rpartition(".")[2])
        if known and known.lower() not in self._by_lower:
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
        return len(self._templates)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._templates)


@lru_cache(maxsize=8)
def _load_cached(root: Path) -> TemplateLibrary:
    return TemplateLibrary(load_templates(root), root)


@lru_cache(maxsize=1)
def default_library() -> TemplateLibrary:
    return TemplateLibrary.load()
