"""Property-based tests: whatever text arrives, only the project's declared errors escape.

Bounded (``max_examples``) and derandomized so the suite stays fast and reproducible.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from explorer.core.envelope import (
    AuthMode,
    Credentials,
    build_envelope,
    parse_envelope,
    pretty_xml,
    split_http_paste,
)
from explorer.core.errors import ExplorerError, VariableError
from explorer.core.lint import RULE_IDS, lint
from explorer.core.response import decode_response
from explorer.core.variables import MASK, VariableContext, find_variables, masked, resolve
from tests.fixtures.notes_samples import notes_samples

FAST = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TOKENS = [
    "<", ">", "</", "/>", "=", '"', "'", " ", "\n", "\t", "&", "&amp;", "&lt;", "&#0;", "&#x1b;",
    "<?xml version='1.0' encoding='UTF-8'?>", '<?xml version="1.0" encoding="ISO-8859-1"?>',
    "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>",
    "&x;", "serv:message", "message", "header", "securityContext", "body", "bodyContent",
    "siteName", "webExID", "password", "meetingKey", "startDate", "xmlns:serv=",
    '"http://www.webex.com/schemas/2002/06/service"', "xsi:type=",
    '"java:com.webex.service.binding.meeting.CreateMeeting"',
    '"java:com.webex.service.binding.user.GetSite"', '"meeting.CreateMeeting"',
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"", "{{now+5m}}", "{{", "}}",
    "{{password}}", "${jwttoken}", "{sitename}", "xxx", "*****", "または", "or", "...",
    "01/01/2020 10:00:00", "2020-01-01", "POST https://x.webex.com/WBXService/XMLService",
    "Content-Type: text/xml", "Body:", "JWTToken: a.b.c", "\x00", "\ufeff", "\u00a0", "\x07",
    "[bold]", "[/]", "\ud800",
]

xmlish = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=60
).map("".join)


@st.composite
def mutated_samples(draw: st.DrawFn) -> str:
    """A notes example with a slice deleted, duplicated or replaced by hostile tokens."""
    samples = notes_samples()
    if not samples:  # the notes are not beside the repository
        return draw(xmlish)
    text = draw(st.sampled_from(samples)).text
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 80)))
    action = draw(st.sampled_from(["delete", "duplicate", "replace", "truncate"]))
    if action == "delete":
        return text[:start] + text[end:]
    if action == "duplicate":
        return text[:end] + text[start:end] + text[end:]
    if action == "truncate":
        return text[:start]
    return text[:start] + draw(xmlish) + text[end:]


documents = st.one_of(xmlish, mutated_samples())


def _only_declared(call) -> object:
    try:
        return call()
    except ExplorerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return exc


@FAST
@given(documents)
def test_parse_envelope_raises_only_declared_errors(text: str) -> None:
    _only_declared(lambda: parse_envelope(text))
    _only_declared(lambda: parse_envelope(text.encode("utf-8", errors="surrogatepass")))


@FAST
@given(documents)
def test_split_paste_and_pretty_raise_only_declared_errors(text: str) -> None:
    _only_declared(lambda: split_http_paste(text))
    _only_declared(lambda: pretty_xml(text))


@FAST
@given(documents)
def test_decode_response_raises_only_declared_errors(text: str) -> None:
    _only_declared(lambda: decode_response(text))
    _only_declared(lambda: decode_response(text.encode("utf-8", errors="surrogatepass")))


@FAST
@given(documents, st.sampled_from([None, "40.1.0", "40.4.9", "40.6.0", "40.7.0"]))
def test_lint_never_raises(text: str, version: str | None) -> None:
    result = _only_declared(lambda: lint(text, version))
    if not isinstance(result, ExplorerError):
        assert all(f.rule in RULE_IDS and "\n" not in f.message for f in result)


# --------------------------------------------------------------------------- variables

names = st.one_of(
    st.sampled_from(["siteName", "webExID", "password", "sessionTicket", "accessToken", "jwt",
                     "meetingKey", "meetingUUID", "now", "today", "unknown"]),
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,12}", fullmatch=True),
)
clock = st.builds(
    lambda base, sign, amount, unit: f"{base}{sign}{amount}{unit}",
    st.sampled_from(["now", "today", "NOW"]), st.sampled_from(["+", "-", " + "]),
    st.one_of(st.integers(0, 10_000), st.integers(0, 10**30)), st.sampled_from("smhdwSMHDW"),
)
variable_text = st.lists(
    st.one_of(
        st.builds(lambda n: "{{" + n + "}}", st.one_of(names, clock)),
        st.builds(lambda n: "{{ " + n + " }}", names),
        st.text(max_size=10),
        st.sampled_from(["{{", "}}", "{", "}", "{{}}", "{{ }}", "{{now+}}", "{{+5m}}"]),
    ),
    max_size=30,
).map("".join)
secrets = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789",
                  min_size=8, max_size=24)


def _context(secret: str) -> VariableContext:
    return VariableContext(
        profile={"siteName": "acme", "webExID": "host"},
        secrets={"password": secret, "jwt": secret[::-1]},
        captured={"meetingKey": "123456789"},
        now=lambda: datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    )


@FAST
@given(variable_text, secrets)
@example("{{now+99999999999d}}", "Secret-Value-1")
@example("{{today-10000000w}}", "Secret-Value-1")
def test_variables_raise_only_variable_errors(text: str, secret: str) -> None:
    ctx = _context(secret)
    find_variables(text)
    try:
        out = resolve(text, ctx)
    except VariableError as exc:
        assert exc.names and "\n" not in str(exc)
    except ExplorerError as exc:
        assert "\n" not in str(exc)
    else:
        assert "{{now" not in out.lower() or "{{now" in text.lower()
    shown = _only_declared(lambda: masked(text, ctx))
    if isinstance(shown, str):
        # What is displayed never holds a secret in clear.
        assert secret not in shown and secret[::-1] not in shown


@FAST
@given(secrets, st.text(max_size=40))
def test_masked_hides_secret_variables_and_literal_secrets(secret: str, noise: str) -> None:
    ctx = _context(secret)
    text = f"<password>{{{{password}}}}</password>{noise}<x>{secret}</x>{{{{jwt}}}}"
    shown = masked(text, ctx)
    assert secret not in shown and secret[::-1] not in shown
    assert shown.count(MASK) >= 3


# --------------------------------------------------------------------------- round trip

xml_text = st.text(
    # U+00A0 is left out: pasted text reads it as a space on purpose (copied web pages).
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"),
                           blacklist_characters="\ufffe\uffff\u00a0"),
    min_size=1, max_size=30,
).filter(lambda s: s.strip() == s and s != "")


@FAST
@given(xml_text, xml_text, xml_text, st.sampled_from(list(AuthMode)))
def test_built_envelope_round_trips_any_credentials(site, user, secret, auth) -> None:
    """Markup characters in a password or site name are escaped, never break the XML."""
    creds = Credentials(site_name=site, auth=auth, webex_id=user, secret=secret)
    text = build_envelope([("ep.GetAPIVersion", "")], creds)
    parsed = parse_envelope(text)
    assert parsed.security["siteName"] == site
    if auth in (AuthMode.PASSWORD, AuthMode.TICKET, AuthMode.TOKEN):
        assert parsed.security["webExID"] == user
        assert secret in parsed.security.values()
    assert parsed.bodies[0].command == "GetAPIVersion"


@pytest.mark.parametrize("bad", ["\x01", "\x1b[2J", "a\x00b"])
def test_unrepresentable_credentials_are_a_declared_error(bad: str) -> None:
    creds = Credentials(site_name="acme", webex_id="host", secret=bad)
    result = _only_declared(lambda: parse_envelope(build_envelope([("ep.GetAPIVersion", "")],
                                                                  creds)))
    assert isinstance(result, ExplorerError)


# --------------------------------------------------------------------------- profiles file

profile_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
)


@FAST
@given(
    st.one_of(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,20}", fullmatch=True), profile_text),
    st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True), profile_text),
    profile_text, profile_text, st.one_of(st.none(), profile_text),
)
def test_profiles_file_round_trips_or_refuses_any_text(name, site, user, client_info, url):
    """TOML-breaking text (quotes, newlines, brackets) never corrupts the profiles file."""
    import tempfile
    from pathlib import Path

    from explorer.core.errors import ProfileError
    from explorer.core.profiles import Profile, ProfileStore

    with tempfile.TemporaryDirectory() as folder:
        store = ProfileStore(Path(folder) / "profiles.toml")
        store.add(Profile(name="first", site_name="acme", auth=AuthMode.ANONYMOUS))
        profile = Profile(name=name, site_name=site, auth=AuthMode.PASSWORD, webex_id=user,
                          client_info=client_info, url=url)
        try:
            saved = store.add(profile)
        except ProfileError as exc:
            assert "\n" not in str(exc)
            assert store.names() == ["first"]  # the file was left as it was
            return
        again = ProfileStore(Path(folder) / "profiles.toml").get(saved.name)
        assert (again.site_name, again.webex_id, again.client_info, again.url) == (
            saved.site_name, saved.webex_id, saved.client_info, saved.url)
        assert sorted(store.names()) == sorted(["first", saved.name])


# --------------------------------------------------------------------------- the sandbox

_SANDBOX_APP = None


def _sandbox_app():
    global _SANDBOX_APP
    if _SANDBOX_APP is None:
        from explorer.sandbox.app import SandboxApp
        from explorer.sandbox.config import SandboxConfig

        _SANDBOX_APP = SandboxApp(SandboxConfig(seed="empty"))
    return _SANDBOX_APP


_TEMPLATE_ENVELOPES: list[str] = []


def _template_envelopes() -> list[str]:
    """A request per command, as the template library builds it, for the sandbox's admin."""
    if not _TEMPLATE_ENVELOPES:
        from explorer.core.templates import default_library
        from explorer.core.variables import VariableContext, resolve
        from explorer.core.versions import LATEST

        ctx = VariableContext(now=lambda: datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC))
        creds = Credentials(site_name="sandbox", webex_id="admin", secret="sandbox")
        for template in default_library().commands():
            body = template.body_at(LATEST)
            body = re.sub(r"\{\{\s*(now|today)[^}]*\}\}",
                          lambda m: resolve(m.group(0), ctx), body)
            body = re.sub(r"\{\{[^}]*\}\}", "1", body)
            _TEMPLATE_ENVELOPES.append(build_envelope([(template.xsi_type, body)], creds))
    return _TEMPLATE_ENVELOPES


@st.composite
def sandbox_requests(draw: st.DrawFn) -> str:
    """Real requests (built from the templates, or the notes' examples), mutated."""
    if draw(st.booleans()):
        text = draw(st.sampled_from(_template_envelopes()))
        if draw(st.booleans()):
            start = draw(st.integers(0, len(text)))
            end = draw(st.integers(start, min(len(text), start + 60)))
            text = text[:start] + draw(xmlish) + text[end:]
        return text
    text = draw(mutated_samples())
    if draw(st.booleans()):
        text = re.sub(r"<siteName>[^<]*</siteName>", "<siteName>sandbox</siteName>", text)
        text = re.sub(r"<webExID>[^<]*</webExID>", "<webExID>admin</webExID>", text)
        text = re.sub(r"<password>[^<]*</password>", "<password>sandbox</password>", text)
    return text


@settings(FAST, max_examples=150)
@given(sandbox_requests(), st.sampled_from([{}, {"JWTToken": "a.b.c"}, {"JWTToken": "\u00e9"}]))
def test_sandbox_answers_every_request_with_a_document(text: str, headers) -> None:
    """Whatever arrives, the sandbox answers an XML API document (never an exception)."""
    reply = _sandbox_app().handle(text.encode("utf-8", errors="surrogatepass"), headers,
                                  "127.0.0.1")
    assert reply.status in (200, 403)
    if reply.status == 200:
        assert decode_response(reply.body).result in ("SUCCESS", "FAILURE")
