"""The sandbox's URL for one request answered as another API version."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

#: The query parameter that asks for another API version's behaviour, one request at a time.
API_VERSION_PARAM = "api-version"


def at_version(url: str, version: object) -> str:
    """``url`` with ``?api-version=VERSION`` (replacing one already there)."""
    parts = urlsplit(url)
    kept = [p for p in parts.query.split("&") if p and not p.startswith(f"{API_VERSION_PARAM}=")]
    query = "&".join([*kept, urlencode({API_VERSION_PARAM: str(version)})])
    return urlunsplit(parts._replace(query=query))
