"""API versions and the release-train rule.

40.x ships on parallel trains: one change can land as 40.6.1 *and* 40.4.9. A version V has a
change when the change landed on V's own train (same major.minor) at or before V, or when V's
train is newer than every train the change landed on. So a change landed as {40.6.1, 40.4.9}
is in 40.4.9, 40.6.1 and 40.7.0, but not in 40.6.0 nor in any 40.5.x.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

from explorer.core.errors import VersionError

_VERSION_RE = re.compile(r"^\s*v?(\d+)\.(\d+)(?:\.(\d+))?\s*$")


@total_ordering
@dataclass(frozen=True, slots=True)
class Version:
    major: int
    minor: int
    patch: int = 0

    @classmethod
    def parse(cls, text: str | Version) -> Version:
        if isinstance(text, Version):
            return text
        match = _VERSION_RE.match(str(text))
        if not match:
            raise VersionError(f"not an API version: {text!r} (expected e.g. 40.6.1)")
        major, minor, patch = match.groups()
        return cls(int(major), int(minor), int(patch or 0))

    @property
    def train(self) -> tuple[int, int]:
        return (self.major, self.minor)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor, self.patch) < (other.major, other.minor, other.patch)

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def has_change(landed_on: tuple[Version, ...] | list[Version], version: Version) -> bool:
    """True when a change that landed on ``landed_on`` is present in ``version``."""
    if not landed_on:
        return True
    for landed in landed_on:
        if landed.train == version.train and landed <= version:
            return True
    return version.train > max(landed.train for landed in landed_on)


#: The state of the API before the first 40.x release; templates without changes use it.
BASELINE = Version(39, 11, 0)

#: Every release the 40.x notes name, oldest first.
RELEASES: tuple[Version, ...] = tuple(
    Version.parse(v)
    for v in (
        "40.1.0", "40.1.2", "40.2.0", "40.2.4", "40.2.5", "40.2.6", "40.2.9",
        "40.4.0", "40.4.3", "40.4.4", "40.4.5", "40.4.8", "40.4.9",
        "40.6.0", "40.6.1", "40.7.0",
    )
)

#: The newest release the notes describe; the default for new profiles and the sandbox.
LATEST = RELEASES[-1]


def releases_newest_first() -> list[Version]:
    return sorted(RELEASES, reverse=True)


#: The first release of the 40 line; every 40.x from here on is a version the API had or
#: may have had (intermediate ones such as 40.5.3 follow the release-train rule).
FIRST_40 = RELEASES[0]


def check_known(version: str | Version) -> Version:
    """``version`` parsed, if it is one the explorer can speak about: BASELINE (39.11.0, the
    API before 40.x) or any 40.x from 40.1.0 on. ``VersionError`` (one line, naming the
    releases) for anything else: 40.0.0, 39.x other than 39.11.0, 41.0.0 ..."""
    parsed = Version.parse(version)
    if parsed == BASELINE or (parsed.major == FIRST_40.major and parsed >= FIRST_40):
        return parsed
    releases = ", ".join(str(v) for v in RELEASES)
    raise VersionError(
        f"unknown API version {parsed}: use {BASELINE} (before 40.x) or a 40.x from "
        f"{FIRST_40} on (the notes' releases: {releases})"
    )
