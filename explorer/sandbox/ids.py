"""Identifiers shaped like the real service's: 9-10 digit keys, 32-hex UUIDs, 18-digit confIDs.

Built from getrandbits (one call each): demo seeding makes thousands of them at start-up.
"""

from __future__ import annotations

import random
import string

_LETTERS = string.ascii_letters


def session_key(rng: random.Random) -> int:
    return 700_000_000 + rng.getrandbits(40) % 1_300_000_000


def meeting_uuid(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def conf_id(rng: random.Random) -> str:
    return str(10**17 + rng.getrandbits(64) % (9 * 10**17))


def meeting_password(rng: random.Random) -> str:
    """Like the notes' generated passwords (``UzXJuzUD428``): 8 letters then 3 digits."""
    bits = rng.getrandbits(64)
    letters = "".join(_LETTERS[(bits >> (6 * i)) % 52] for i in range(8))
    return f"{letters}{(bits >> 48) % 1000:03d}"


def audio_password(rng: random.Random) -> str:
    return str(10_000_000 + rng.getrandbits(32) % 90_000_000)


def token_hex(rng: random.Random, nbytes: int = 16) -> str:
    return f"{rng.getrandbits(nbytes * 8):0{nbytes * 2}x}"
