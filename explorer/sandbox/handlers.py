"""Imports every service module so their handlers register."""

from __future__ import annotations

import importlib

SERVICE_MODULES = (
    "explorer.sandbox.service_ep",
    "explorer.sandbox.service_meeting",
    "explorer.sandbox.service_sessions",
    "explorer.sandbox.service_user",
    "explorer.sandbox.service_attendee",
    "explorer.sandbox.service_site",
    "explorer.sandbox.service_history",
)


def load() -> None:
    for name in SERVICE_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
