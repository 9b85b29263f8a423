"""What changed in one command's request between two API versions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from explorer.core.templates_model import Change, CommandTemplate
from explorer.core.versions import BASELINE, Version


@dataclass(frozen=True)
class TemplateDiff:
    unified: str  # unified diff of the two bodies ("" when the request is the same)
    changes: list[Change]  # changes present in exactly one of the two versions, oldest first
    command: str = ""
    v1: Version = BASELINE
    v2: Version = BASELINE

    def notes(self, language: str = "en") -> list[str]:
        """One line per change: ``+ 40.6.1 + 40.4.9 registration-form: ... (ja:L135-252)``."""
        lines = []
        for change in self.changes:
            sign = "+" if change.present_in(self.v2) else "-"
            summary = change.summary_ja if language == "ja" else change.summary_en
            extra = f" [{change.exception_id}]" if change.exception_id else ""
            lines.append(
                f"{sign} {change.landed_text} {change.id} ({change.kind}){extra}: {summary} "
                f"({change.ref})"
            )
        return lines

    def text(self, language: str = "en") -> str:
        """The diff followed by the change notes, ready to print."""
        parts = (
            [self.unified.rstrip("\n")]
            if self.unified
            else [f"(request body identical at {self.v1} and {self.v2})"]
        )
        notes = self.notes(language)
        parts.append("Changes:" if notes else "No documented change between these versions.")
        parts.extend(notes)
        return "\n".join(parts) + "\n"


def _body(template: CommandTemplate, v: Version) -> list[str]:
    if not template.available_at(v):
        return []
    return [line + "\n" for line in template.body_at(v).splitlines()]


def diff_versions(template: CommandTemplate, v1: Version, v2: Version) -> TemplateDiff:
    """Unified diff of the request body at ``v1`` -> ``v2`` plus the change notes between them.

    A command that does not exist yet at one side diffs against an empty body.
    """
    before, after = _body(template, v1), _body(template, v2)
    unified = "".join(
        difflib.unified_diff(
            before,
            after,
            fromfile=f"{template.command} @ {v1}",
            tofile=f"{template.command} @ {v2}",
        )
    )
    return TemplateDiff(unified, template.changes_between(v1, v2), template.command, v1, v2)
