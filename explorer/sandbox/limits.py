"""The bodyContent limit the sandbox shares with lint (explorer.core.limits when present)."""

from __future__ import annotations

#: Used when explorer.core.limits is not available.
FALLBACK_BODYCONTENT_LIMIT = 10


def bodycontent_limit_default() -> int:
    try:
        from explorer.core.limits import DEFAULT_BODYCONTENT_LIMIT
    except ImportError:
        return FALLBACK_BODYCONTENT_LIMIT
    return int(DEFAULT_BODYCONTENT_LIMIT)
