"""Known secrets go through every client path that writes or renders; none may reach disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from explorer.core.curl import curl_command
from explorer.core.envelope import build_envelope
from explorer.core.errors import ExplorerError
from explorer.core.history import HistoryStore
from explorer.core.profiles import Profile, ProfileStore
from explorer.core.redact import redact_headers, redact_xml
from explorer.core.sending import credentials_for, request_headers, send, send_options
from tests.core.loopback_servers import Loopback, free_port, serve

SECRETS = {
    "pw": "Pw&<LEAK>-one",
    "ticket": "TICKET-LEAK-two",
    "token": "TOKEN'LEAK\"three",
    "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJMRUFLIjoiZm91ciJ9.LEAKfourSignature",
}


def forms(secret: str) -> list[bytes]:
    return [
        secret.encode(),
        escape(secret).encode(),
        escape(secret, {'"': "&quot;", "'": "&apos;"}).encode(),
    ]


def files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        if root.exists():
            yield from (p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def server() -> Iterator[Loopback]:
    with serve() as running:
        yield running


def test_no_secret_reaches_config_or_data_files(
    isolated_dirs: dict[str, Path], memory_keyring, server: Loopback, tmp_path: Path
) -> None:
    store = ProfileStore()
    store.add(
        Profile(name="pw", site_name="acme", webex_id="alice", url=server.at("/ok")),
        secret=SECRETS["pw"],
    )
    store.add(
        Profile(
            name="ticket",
            site_name="acme",
            auth="ticket",
            email="a@acme.com",
            url=server.at("/fail"),
        ),
        secret=SECRETS["ticket"],
    )
    store.add(
        Profile(
            name="token", site_name="acme", auth="token", webex_id="bob", url=server.at("/500")
        ),
        secret=SECRETS["token"],
    )
    store.add(
        Profile(name="jwt", site_name="acme", auth="jwt", url=server.at("/403")),
        secret=SECRETS["jwt"],
    )
    store.update(
        Profile(name="pw", site_name="acme2", webex_id="alice", url=server.at("/ok")),
        secret=SECRETS["pw"],
    )
    store.ensure_sandbox(server.at("/ok"))
    history = HistoryStore()
    shown: list[str] = []  # everything a user would see: errors, curl, redacted views

    endpoints = {"pw": None, "ticket": None, "token": None, "jwt": None}
    for name in endpoints:
        profile = store.get(name)
        creds = credentials_for(profile)
        envelope = build_envelope([("ep.GetAPIVersion", "")], creds)
        options = send_options(profile)
        assert options["jwt"] in (None, SECRETS["jwt"])
        for url in (
            profile.endpoint,
            server.at("/reset"),
            server.at("/hang"),
            f"http://127.0.0.1:{free_port()}/x",
            server.at("/html"),
        ):
            result = send(envelope, **{**options, "url": url, "timeout": 0.3})
            shown.append(result.error or "")
            history.add_result(
                result,
                request=envelope,
                profile=name,
                command="GetAPIVersion",
                secrets=[options["jwt"]],
            )
        shown.append(curl_command(envelope, profile.endpoint, jwt=options["jwt"]))
        shown.append(redact_xml(envelope))
        shown.append(str(redact_headers(request_headers(options["jwt"]))))
    # A server that echoes a credential back (AuthenticateUser answers a sessionTicket).
    history.add(
        profile="ticket",
        command="AuthenticateUser",
        url=server.at("/ok"),
        result="SUCCESS",
        request="<a/>",
        response=f"<use:sessionTicket>{escape(SECRETS['ticket'])}</use:sessionTicket>",
    )
    shown += [e.request + e.response for e in history.list(limit=1000)]
    try:
        store.add(Profile(name="bad", site_name="acme", url="https://u:x@h/"), secret=SECRETS["pw"])
    except ExplorerError as exc:
        shown.append(str(exc))
    store.remove("token")

    files = list(files_under(isolated_dirs["config"], isolated_dirs["data"]))
    assert any(p.name == "profiles.toml" for p in files)
    assert any(p.name == "history.sqlite3" for p in files)
    assert history.count() == 21
    for path in files:
        data = path.read_bytes()
        for label, secret in SECRETS.items():
            for form in forms(secret):
                assert form not in data, f"{label} secret found in {path}"
    for text in shown:
        for label, secret in SECRETS.items():
            for form in forms(secret):
                assert form.decode() not in text, f"{label} secret shown: {text[:200]}"
    # The secrets really were used (the test would pass vacuously otherwise).
    assert any(SECRETS["jwt"] == r.headers.get("JWTToken") for r in server.requests)
    assert any(escape(SECRETS["pw"]).encode() in r.body for r in server.requests)
    assert any(SECRETS["ticket"].encode() in r.body for r in server.requests)
