"""Imports every service module so their ``@handler`` functions register."""

from __future__ import annotations


def load() -> None:
    from explorer.sandbox import (  # noqa: F401
        service_attendee,
        service_ep,
        service_history,
        service_meeting,
        service_sessions,
        service_site,
        service_user,
    )
