"""Identifiers shaped like the real service's: 9-digit keys, 32-hex UUIDs, 18-digit confIDs."""

from __future__ import annotations

import random
import string

_LETTERS = string.ascii_letters


def session_key(rng: random.Random) -> int:
    return rng.randrange(700_000_000, 2_000_000_000)


def meeting_uuid(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def conf_id(rng: random.Random) -> str:
    return str(rng.randrange(10**17, 10**18))


def meeting_password(rng: random.Random) -> str:
    """Like the notes' generated passwords (``UzXJuzUD428``): 8 letters then 3 digits."""
    return "".join(rng.choice(_LETTERS) for _ in range(8)) + f"{rng.randrange(1000):03d}"


def audio_password(rng: random.Random) -> str:
    return f"{rng.randrange(10_000_000, 100_000_000)}"


def token_hex(rng: random.Random, nbytes: int = 16) -> str:
    return f"{rng.getrandbits(nbytes * 8):0{nbytes * 2}x}"
