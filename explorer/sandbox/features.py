"""Where each 40.x behaviour landed; the emulated version has it by the release-train rule."""

from __future__ import annotations

from functools import lru_cache

from explorer.core.versions import Version, has_change

LANDED: dict[str, tuple[str, ...]] = {
    "session-info-mobile": ("40.1.0",),
    "access-anywhere-history": ("40.1.0",),
    "auto-password": ("40.1.2",),
    "no-anonymous-lstsummarysession": ("40.2.0",),
    "no-past-start": ("40.2.0",),
    "email-verification": ("40.4.0",),
    "enrollment-domain-blank": ("40.4.0",),
    "html-email": ("40.4.3", "40.2.4"),
    "bodycontent-limit": ("40.4.4", "40.2.5"),
    "usage-limit": ("40.4.5", "40.2.6"),
    "audio-password": ("40.4.8", "40.2.9"),
    "registration-form": ("40.6.1", "40.4.9"),
    "e2ee-pmr": ("40.6.1", "40.4.9"),
    "um-site-admin": ("40.6.0",),
    "jwt-user-card": ("40.6.0",),
    "meeting-uuid": ("40.6.0",),
    "pmr-key-kept": ("40.6.0",),
    "scheduled-pmr": ("40.6.0",),
    "attendee-history-uuid": ("40.7.0",),
    "welcome-languages": ("40.7.0",),
}


@lru_cache(maxsize=64)
def features_at(version: Version) -> frozenset[str]:
    return frozenset(
        name
        for name, landed in LANDED.items()
        if has_change(tuple(Version.parse(v) for v in landed), version)
    )
