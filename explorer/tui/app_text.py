"""Small text helpers of the explorer app."""

from __future__ import annotations


def short_line(text: str, limit: int = 60) -> str:
    """The first line, cut at a word boundary (palette descriptions)."""
    line = " ".join(text.split("\n")[0].split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def known_version(text: str | None) -> str | None:
    """A stored API version worth restoring (a hand-edited database may hold anything)."""
    from explorer.core.errors import VersionError
    from explorer.core.versions import check_known

    try:
        return str(check_known(text)) if text else None
    except VersionError:
        return None

