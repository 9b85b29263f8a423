"""Limits shared by the linter and the sandbox server."""

from __future__ import annotations

#: The most bodyContent elements one request may hold before a 40.4.4 / 40.2.5 server answers
#: exception 000053 ("The count of BodyContent in a request must be less than {number}").
#: Cisco does not publish the number; lint and the sandbox use the same default.
DEFAULT_BODYCONTENT_LIMIT = 10


def bodycontent_over_limit(count: int, limit: int = DEFAULT_BODYCONTENT_LIMIT) -> bool:
    """True when a request with ``count`` bodyContent elements exceeds ``limit``."""
    return count > limit
