"""Known secrets (password, session ticket, access token, JWT) are set, every path that writes
or renders is driven (CLI profiles/templates/send/history, curl export, saved responses,
error messages, the TUI's screens), then every file under the config/data dirs and every
rendered screen is searched for them."""

from __future__ import annotations

import html
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.core.curl import curl_command
from explorer.core.envelope import AuthMode
from explorer.core.history import HistoryStore
from explorer.core.profiles import Profile, ProfileStore
from explorer.core.redact import secret_forms
from explorer.core.response import decode_response
from explorer.core.sending import send
from explorer.sandbox import SandboxConfig, SandboxHandle, start_sandbox
from explorer.sandbox.jwt_hs256 import sign
from tests.core.loopback_servers import free_port
from tests.security.helpers import CLIRun, assert_clean_exit, run_cli

PASSWORD = "Pw-Adm1n-5ecret-93!"
ACCESS_TOKEN = "Tok-Access-5ecret-61x"
JWT_KEY = "jwt-key-for-the-secrets-test"
GET_ME = "user.GetMe"


def _envelope(security: str, command: str = GET_ME) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><serv:message '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:serv="http://www.webex.com/schemas/2002/06/service">'
        f"<header><securityContext>{security}</securityContext></header><body>"
        f'<bodyContent xsi:type="java:com.webex.service.binding.{command}"/></body>'
        "</serv:message>"
    )


class Secrets:
    def __init__(self, sandbox: SandboxHandle) -> None:
        self.password = PASSWORD
        self.access_token = ACCESS_TOKEN
        self.jwt = sign({"sub": "admin", "apikey": "k", "exp": int(time.time()) + 3600}, JWT_KEY)
        login = _envelope(f"<siteName>sandbox</siteName><webExID>admin</webExID>"
                          f"<password>{PASSWORD}</password>", "user.AuthenticateUser")
        decoded = decode_response(send(login, url=sandbox.url).body)
        assert decoded.result == "SUCCESS", decoded.reason
        self.ticket = decoded.root.findtext(".//{*}sessionTicket")
        assert self.ticket
        #: Secrets met during the test (a ticket a response hands out).
        self.extra: dict[str, str] = {}

    def all(self) -> dict[str, str]:
        return {"password": self.password, "ticket": self.ticket,
                "access token": self.access_token, "jwt": self.jwt, **self.extra}

    def find_in(self, text: str) -> list[str]:
        found = []
        for name, value in self.all().items():
            forms = [*secret_forms(value), value[:-1][-20:]] if len(value) > 24 else \
                secret_forms(value)
            if any(form in text for form in forms):
                found.append(name)
        return found


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxHandle]:
    with start_sandbox(SandboxConfig(admin_password=PASSWORD, jwt_key=JWT_KEY)) as handle:
        yield handle


@pytest.fixture
def secrets(sandbox: SandboxHandle) -> Secrets:
    return Secrets(sandbox)


PROFILES = {  # name -> (auth, env var, secret attribute)
    "pw": ("password", "WEBEX_EXPLORER_SECRET_PW", "password"),
    "tk": ("ticket", "WEBEX_EXPLORER_SECRET_TK", "ticket"),
    "at": ("token", "WEBEX_EXPLORER_SECRET_AT", "access_token"),
    "jw": ("jwt", "WEBEX_EXPLORER_SECRET_JW", "jwt"),
}


def _env(secrets: Secrets) -> dict[str, str]:
    return {var: getattr(secrets, attr) for _auth, var, attr in PROFILES.values()}


def _clean(run: CLIRun, secrets: Secrets, what: str, codes=(0, 1, 2)) -> CLIRun:
    assert_clean_exit(run, codes)
    leaked = secrets.find_in(run.out + run.err)
    assert not leaked, f"{what} printed the {leaked}"
    return run


def _files_under(*roots: Path) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def _assert_no_secret_on_disk(secrets: Secrets, *roots: Path) -> list[Path]:
    files = _files_under(*roots)
    for path in files:
        data = path.read_bytes().decode("utf-8", errors="replace")
        leaked = secrets.find_in(data)
        assert not leaked, f"{path.name} holds the {leaked} in clear"
    return files


@pytest.mark.timeout(120)
def test_cli_paths_keep_secrets_off_disk_and_screen(
    sandbox: SandboxHandle, secrets: Secrets, isolated_dirs, tmp_path: Path
) -> None:
    env = _env(secrets)
    # No keyring backend: --secret-stdin must refuse without echoing the secret.
    refused = run_cli("profiles", "add", "nokeyring", "--site", "sandbox", "--url", sandbox.url,
                      "--auth", "password", "--webex-id", "admin", "--secret-stdin",
                      stdin=(PASSWORD + "\n").encode())
    _clean(refused, secrets, "profiles add without keyring")
    if refused.code != 0:
        assert "WEBEX_EXPLORER_SECRET_NOKEYRING" in refused.err

    for name, (auth, _var, _attr) in PROFILES.items():
        extra = [] if auth == "jwt" else ["--webex-id", "admin"]
        _clean(run_cli("profiles", "add", name, "--site", "sandbox", "--url", sandbox.url,
                       "--auth", auth, *extra, env=env), secrets, f"profiles add {name}", (0,))
        _clean(run_cli("profiles", "show", name, env=env), secrets, "profiles show", (0,))
        shown = _clean(run_cli("templates", "show", "GetMe", "--profile", name, env=env),
                       secrets, "templates show --profile", (0,))
        request = tmp_path / f"{name}.xml"
        request.write_text(shown.out, encoding="utf-8")
        for flags in ((), ("--json",)):
            run = _clean(run_cli("send", str(request), "--profile", name, *flags, env=env),
                         secrets, f"send --profile {name}")
            if name in ("pw", "tk"):
                assert run.code == 0, (name, run.out[:400])  # authenticated with the secret
    _clean(run_cli("profiles", "list", env=env), secrets, "profiles list", (0,))
    # Credentials put where they do not belong are refused without being repeated.
    for flags in (("--url", f"https://admin:{PASSWORD}@sandbox.webex.com/WBXService/XMLService"),
                  ("--url", f"ftp://admin:{PASSWORD}@host/x"),
                  ("--proxy", f"http://admin:{PASSWORD}@proxy:8080")):
        refused = _clean(run_cli("profiles", "add", "leaky", "--site", "sandbox", "--auth",
                                 "anonymous", *flags, env=env), secrets, "profiles add", (2,))
        assert "error:" in refused.err

    # Error paths: nothing listening, and a pasted envelope with literal secrets.
    dead = f"http://127.0.0.1:{free_port()}/WBXService/XMLService"
    literal = tmp_path / "literal.xml"
    literal.write_text(_envelope(
        f"<siteName>sandbox</siteName><webExID>admin</webExID><password>{PASSWORD}</password>"
        f"<sessionTicket>{secrets.ticket}</sessionTicket>"
        f"<webExAccessToken>{ACCESS_TOKEN}</webExAccessToken>"), encoding="utf-8")
    _clean(run_cli("send", str(literal), "--url", dead, env=env), secrets, "send error", (2,))
    _clean(run_cli("send", str(literal), "--url", sandbox.url, "--jwt", secrets.jwt, env=env),
           secrets, "send with literal secrets")
    _clean(run_cli("send", str(literal), "--url", sandbox.url, "--jwt", secrets.jwt + "\n x",
                   env=env), secrets, "send with a broken JWT", (2,))
    _clean(run_cli("lint", str(literal), env=env), secrets, "lint")

    history = HistoryStore().list(limit=1000)
    assert len(history) >= 8, "sends were not recorded"
    files = _assert_no_secret_on_disk(secrets, isolated_dirs["config"], isolated_dirs["data"])
    names = {p.name for p in files}
    assert "profiles.toml" in names and "history.sqlite3" in names
    for path in files:
        if path.name in ("profiles.toml", "history.sqlite3"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_profile_store_keeps_the_secret_in_the_keyring_only(
    memory_keyring, secrets: Secrets, isolated_dirs
) -> None:
    store = ProfileStore()
    store.add(Profile(name="kr", site_name="sandbox", auth=AuthMode.PASSWORD, webex_id="admin"),
              secret=PASSWORD)
    assert PASSWORD in memory_keyring.passwords.values()
    _assert_no_secret_on_disk(secrets, isolated_dirs["config"], isolated_dirs["data"])


def test_curl_export_without_confirmation_hides_every_secret(secrets: Secrets) -> None:
    body = _envelope(
        f"<siteName>s</siteName><webExID>a</webExID><password>{PASSWORD}</password>"
        f"<sessionTicket>{secrets.ticket}</sessionTicket>"
        f"<webExAccessToken>{ACCESS_TOKEN}</webExAccessToken>")
    command = curl_command(body, "https://acme.webex.com/WBXService/XMLService", secrets.jwt,
                           secrets=[PASSWORD, secrets.ticket, ACCESS_TOKEN])
    assert not secrets.find_in(command)
    revealed = curl_command(body, "https://x/", secrets.jwt, True)
    assert PASSWORD in revealed  # the confirmed export really has them


def test_history_redacts_secrets_in_requests_and_responses(secrets: Secrets,
                                                           isolated_dirs) -> None:
    store = HistoryStore()
    request = _envelope(f"<siteName>s</siteName><webExID>a</webExID><password>{PASSWORD}"
                        f"</password><sessionTicket>{secrets.ticket}</sessionTicket>")
    response = (f"<serv:message><use:sessionTicket>{secrets.ticket}</use:sessionTicket>"
                f"<x>JWTToken: {secrets.jwt}</x></serv:message>")
    store.add(profile="p", command="AuthenticateUser", url="u", result="SUCCESS",
              request=request, response=response, secrets=[ACCESS_TOKEN])
    _assert_no_secret_on_disk(secrets, isolated_dirs["data"])


# --------------------------------------------------------------------------- the TUI


def _screen_text(svg: str) -> str:
    """The characters of an exported screen, unescaped, in drawing order."""
    pieces = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.DOTALL)
    return html.unescape("".join(pieces)).replace("\xa0", " ")


async def _tui_session(
    sandbox: SandboxHandle, secrets: Secrets, monkeypatch, tmp_path: Path, profile: str,
    *, authenticate: bool,
) -> tuple[list[tuple[str, str]], Path, str | None]:
    """Drive the explorer on ``profile``; returns the exported screens, the saved answer and
    the ticket AuthenticateUser handed out (when ``authenticate``)."""
    from explorer.tui.app import ExplorerApp
    from tests.tui.helpers import settle

    for name, value in _env(secrets).items():
        monkeypatch.setenv(name, value)
    auth, _var, _attr = PROFILES[profile]
    ProfileStore().add(Profile(name=profile, site_name="sandbox", url=sandbox.url,
                               auth=AuthMode(auth),
                               webex_id=None if auth == "jwt" else "admin"))
    app = ExplorerApp(profile=profile, stable=True, start_sandbox=False)
    screens: list[tuple[str, str]] = []
    saved = tmp_path / "saved" / "answer.xml"
    saved.parent.mkdir(exist_ok=True)
    fresh: str | None = None

    def snap(label: str) -> None:
        screens.append((label, app.export_screenshot()))

    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert app.profile is not None and app.profile.name == profile
        snap("start")
        app.open_request("AuthenticateUser" if authenticate else "GetMe")
        await settle(pilot)
        app.flush_lint()
        await pilot.pause()
        snap("editor")
        await app.run_action("send_anyway")
        await settle(pilot)
        assert app.last_result is not None and app.last_result.decoded is not None, (
            app.last_result and app.last_result.error)
        if authenticate:
            fresh = app.last_result.decoded.root.findtext(".//{*}sessionTicket")
            assert fresh, "AuthenticateUser answered no ticket"
        for tab in ("tab-tree", "tab-inspector", "tab-raw", "tab-headers", "tab-history"):
            app.action_show_tab(tab)
            await settle(pilot)
            snap(tab)
        text = app.response_text()
        assert text is not None
        app.save_response(saved, text)
        if authenticate:
            return screens, saved, fresh
        curl = app.curl_text(with_secrets=False)
        assert not secrets.find_in(curl), "curl export without confirmation has a secret"
        await app.run_action("copy_curl")
        await pilot.pause()
        snap("curl question")
        await pilot.press("escape")
        await pilot.pause()
        await app.run_action("profiles")
        await settle(pilot)
        snap("profiles screen")
        await pilot.press("escape")
        await pilot.pause()
        # A send that fails: the error message is shown.
        app.profile.url = f"http://127.0.0.1:{free_port()}/WBXService/XMLService"
        await app.run_action("send_anyway")
        await settle(pilot)
        snap("transport error")
    return screens, saved, fresh


@pytest.mark.timeout(120)
@pytest.mark.parametrize("profile", ["pw", "tk", "jw"])
async def test_tui_screens_never_show_a_secret(
    sandbox: SandboxHandle, secrets: Secrets, isolated_dirs, monkeypatch, tmp_path: Path,
    profile: str,
) -> None:
    screens, saved, _ = await _tui_session(sandbox, secrets, monkeypatch, tmp_path, profile,
                                           authenticate=False)
    assert len(screens) >= 9
    for label, svg in screens:
        leaked = secrets.find_in(_screen_text(svg)) or secrets.find_in(svg)
        assert not leaked, f"the {leaked} shown on the '{label}' screen"
    _assert_no_secret_on_disk(secrets, isolated_dirs["config"], isolated_dirs["data"],
                              saved.parent)


@pytest.mark.timeout(120)
async def test_tui_hides_a_ticket_handed_out_by_authenticate_user(
    sandbox: SandboxHandle, secrets: Secrets, isolated_dirs, monkeypatch, tmp_path: Path,
) -> None:
    screens, saved, fresh = await _tui_session(sandbox, secrets, monkeypatch, tmp_path, "pw",
                                               authenticate=True)
    assert fresh is not None
    secrets.extra["ticket from AuthenticateUser"] = fresh
    _assert_no_secret_on_disk(secrets, isolated_dirs["config"], isolated_dirs["data"])
    problems = [label for label, svg in screens if secrets.find_in(_screen_text(svg))]
    if secrets.find_in(saved.read_text(encoding="utf-8")):
        problems.append("saved file")
    assert not problems, f"the new ticket is in clear on: {problems}"
