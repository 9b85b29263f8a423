"""The bodyContent limit the sandbox shares with lint."""

from __future__ import annotations

from explorer.core.limits import (
    DEFAULT_BODYCONTENT_LIMIT,
    bodycontent_limit_reason,
    bodycontent_over_limit,
)


def bodycontent_limit_default() -> int:
    return DEFAULT_BODYCONTENT_LIMIT


__all__ = ["DEFAULT_BODYCONTENT_LIMIT", "bodycontent_limit_default", "bodycontent_limit_reason",
           "bodycontent_over_limit"]
