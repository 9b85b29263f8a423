"""Just enough JWT for the sandbox: HS256 sign and verify, with an ``exp`` check."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json


class JWTInvalid(Exception):
    """The token is malformed, badly signed or expired; the message says which."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(claims: dict[str, object], key: str) -> str:
    header = _b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = _b64encode(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode("ascii")
    signature = hmac.new(key.encode(), signing_input, hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64encode(signature)}"


def verify(token: str, key: str, now: float) -> dict[str, object]:
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise JWTInvalid("JWTToken is not a JWT (expected header.payload.signature)")
    try:
        header = json.loads(_b64decode(parts[0]))
        claims = json.loads(_b64decode(parts[1]))
        signature = _b64decode(parts[2])
    except (ValueError, UnicodeDecodeError):
        raise JWTInvalid("JWTToken cannot be decoded: expected three base64url parts, "
                         "a JSON header and JSON claims") from None
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise JWTInvalid("JWTToken must be signed with HS256")
    expected = hmac.new(key.encode(), f"{parts[0]}.{parts[1]}".encode("ascii"), hashlib.sha256)
    if not hmac.compare_digest(expected.digest(), signature):
        raise JWTInvalid("JWTToken signature does not match the sandbox key")
    if not isinstance(claims, dict):
        raise JWTInvalid("JWTToken claims are not a JSON object")
    exp = claims.get("exp")
    if not isinstance(exp, int | float):
        raise JWTInvalid("JWTToken has no exp claim")
    if exp <= now:
        raise JWTInvalid("JWTToken has expired")
    return claims
