"""Export a request as a curl command line; secrets hidden unless the user asks for them."""

from __future__ import annotations

import shlex
from collections.abc import Iterable

from explorer.core.redact import REDACTED, redact_all

CONTENT_TYPE = "text/xml; charset=utf-8"


def curl_command(
    envelope: str,
    url: str,
    jwt: str | None = None,
    reveal: bool = False,
    *,
    secrets: Iterable[str | None] = (),
    verify: bool = True,
    proxy: str | None = None,
    timeout: float | None = None,
) -> str:
    """A POSIX-shell curl command that sends ``envelope`` to ``url``.

    Unless ``reveal`` is true, credentials in the envelope (and any of ``secrets``) and the
    JWT header value are replaced with ``********``.
    """
    body = envelope if reveal else redact_all(envelope, [*secrets, jwt])
    parts = ["curl", "-sS", "-X", "POST", shlex.quote(url)]
    parts += ["-H", shlex.quote(f"Content-Type: {CONTENT_TYPE}")]
    if jwt:
        parts += ["-H", shlex.quote(f"JWTToken: {jwt if reveal else REDACTED}")]
    if not verify:
        parts.append("--insecure")
    if proxy:
        parts += ["--proxy", shlex.quote(proxy)]
    if timeout:
        parts += ["--max-time", f"{timeout:g}"]
    parts += ["--data-binary", shlex.quote(body)]
    return " ".join(parts)
