"""Limits shared by the linter and the sandbox server."""

from __future__ import annotations

#: The most bodyContent elements one request may hold before a 40.4.4 / 40.2.5 server answers
#: exception 000053 ("The count of BodyContent in a request must be less than {number}").
#: Cisco does not publish the number; lint and the sandbox use the same default. A limit of
#: N allows N bodyContents, so the message's {number} is N + 1 (``bodycontent_limit_reason``).
DEFAULT_BODYCONTENT_LIMIT = 10


def bodycontent_over_limit(count: int, limit: int = DEFAULT_BODYCONTENT_LIMIT) -> bool:
    """True when a request with ``count`` bodyContent elements exceeds ``limit``."""
    return count > limit


def bodycontent_limit_reason(limit: int = DEFAULT_BODYCONTENT_LIMIT) -> str:
    """Exception 000053's text for ``limit`` (the most allowed): "less than" limit + 1."""
    return f"The count of BodyContent in a request must be less than {limit + 1}"
