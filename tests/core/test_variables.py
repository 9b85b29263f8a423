from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from explorer.core.errors import VariableError
from explorer.core.variables import (
    MASK,
    SECRET_VARIABLES,
    VariableContext,
    find_variables,
    is_secret,
    masked,
    resolve,
)

FIXED = datetime(2026, 3, 9, 23, 58, 7, tzinfo=UTC)


def ctx(**kwargs) -> VariableContext:
    return VariableContext(now=lambda: FIXED, **kwargs)


def test_find_variables_in_order_without_duplicates():
    text = "<a>{{sessionKey}}</a><b>{{ now+5m }}</b><c>{{sessionKey}}</c><d>{{today-30d}}</d>"
    assert find_variables(text) == ["sessionKey", "now+5m", "today-30d"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("now", "03/09/2026 23:58:07"),
        ("now+5m", "03/10/2026 00:03:07"),
        ("now-1h", "03/09/2026 22:58:07"),
        ("now+2d", "03/11/2026 23:58:07"),
        ("now+1w", "03/16/2026 23:58:07"),
        ("now+30s", "03/09/2026 23:58:37"),
        ("today", "03/09/2026 00:00:00"),
        ("today-30d", "02/07/2026 00:00:00"),
        ("NOW+5M", "03/10/2026 00:03:07"),
    ],
)
def test_clock_builtins_use_the_injected_clock_and_api_format(name, expected):
    assert ctx().lookup(name) == expected
    assert resolve("{{" + name + "}}", ctx()) == expected


def test_sources_and_precedence():
    c = ctx(
        profile={"siteName": "acme", "webExID": "alice", "sessionTicket": "old"},
        secrets={"password": "pw-secret"},
        captured={"meetingKey": "805325231", "sessionTicket": "fresh"},
    )
    text = "{{siteName}}/{{webExID}}/{{password}}/{{meetingKey}}/{{sessionTicket}}"
    assert resolve(text, c) == "acme/alice/pw-secret/805325231/fresh"


def test_meeting_uuid_spellings_find_each_other():
    c = ctx(captured={"meetingUUID": "039c00dd25c64ab0812dda22bb8a4fcc"})
    assert resolve("{{meetingUuid}}", c) == "039c00dd25c64ab0812dda22bb8a4fcc"


def test_unresolved_variables_are_all_named_in_one_error():
    with pytest.raises(VariableError) as info:
        resolve("<k>{{meetingKey}}</k><u>{{meetingUUID}}</u><k2>{{meetingKey}}</k2>", ctx())
    assert info.value.names == ("meetingKey", "meetingUUID")
    assert "{{meetingKey}}" in str(info.value) and "{{meetingUUID}}" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("value", ["a&b", "x<y>z", "]]>", "&amp;", "it's \"q\"", "<x/>"])
def test_values_go_into_xml_as_the_value_wherever_they_stand(value):
    c = ctx(secrets={"password": value})
    text = ("<m><password>{{password}}</password><a v='{{password}}' w=\"{{password}}\"/>"
            "<c><![CDATA[{{password}}]]></c></m>")
    root = etree.fromstring(resolve(text, c))
    assert root.findtext("password") == value
    assert root.find("a").get("v") == root.find("a").get("w") == value
    assert root.findtext("c") == value


def test_plain_text_values_are_not_escaped():
    assert resolve("Bearer {{jwt}}", ctx(secrets={"jwt": "a&b<c"}), xml=False) == "Bearer a&b<c"


@pytest.mark.parametrize("written", ["{{now+abc}}", "{{now+5}}", "{{my var}}", "{{}}", "{{a/b}}"])
def test_something_written_as_a_variable_that_is_not_one_is_an_error(written):
    with pytest.raises(VariableError) as info:
        resolve(f"<a>{written}</a><b>{{{{now}}}}</b>", ctx())
    assert info.value.names == (written,)
    assert str(info.value).startswith(f"{written} is not a variable")
    assert "\n" not in str(info.value)


def test_empty_string_value_is_a_value_not_missing():
    assert resolve("<a>{{confName}}</a>", ctx(profile={"confName": ""})) == "<a></a>"


def test_masked_hides_secrets_and_keeps_the_rest():
    c = ctx(
        profile={"webExID": "alice"},
        secrets={"password": "hunter2!", "accessToken": "tok-123456"},
    )
    text = (
        "<webExID>{{webExID}}</webExID><password>{{password}}</password>"
        "<accessToken>{{accessToken}}</accessToken><x>{{userPassword}}</x>"
        "<pasted>hunter2!</pasted><k>{{meetingKey}}</k>"
    )
    shown = masked(text, c)
    assert "hunter2!" not in shown and "tok-123456" not in shown
    assert shown.count(MASK) == 4
    assert "<webExID>alice</webExID>" in shown
    assert "{{meetingKey}}" in shown  # unknown stays visible, no error when only displaying


def test_secret_names():
    assert SECRET_VARIABLES == {"password", "sessionTicket", "accessToken", "jwt"}
    for name in ("password", "userPassword", "meetingPassword", "sessionTicket", "jwt"):
        assert is_secret(name)
    for name in ("meetingKey", "sessionKey", "webExID", "now+5m"):
        assert not is_secret(name)


def test_default_clock_is_utc():
    value = VariableContext().lookup("now")
    parsed = datetime.strptime(value, "%m/%d/%Y %H:%M:%S").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - parsed).total_seconds()) < 5


names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True).filter(
    lambda n: not n.lower().startswith(("now", "today"))
)
values = st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=20)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(names, values, min_size=1, max_size=6))
def test_resolve_replaces_every_known_variable(mapping):
    text = "".join(f"<a>{{{{{name}}}}}</a>" for name in mapping)
    result = resolve(text, ctx(captured=mapping))
    assert "{{" not in result
    assert result == "".join(f"<a>{escape(value)}</a>" for value in mapping.values())


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefgh0123456789!#", min_size=4, max_size=16), st.text(max_size=40))
def test_masked_never_shows_a_secret(secret, noise):
    c = ctx(secrets={"password": secret})
    shown = masked(f"{noise}<password>{{{{password}}}}</password>{secret}{noise}", c)
    assert secret not in shown


def test_a_secret_equal_to_a_value_the_profile_shows_is_not_hidden_as_text():
    # The built-in sandbox: its published password is also its site name.
    c = ctx(profile={"siteName": "sandbox", "webExID": "admin"},
            secrets={"password": "sandbox"}, captured={"sessionTicket": "T-123"})
    assert c.secret_values() == ["T-123"]
    c = ctx(profile={"siteName": "acme"}, secrets={"password": "sandbox"})
    assert c.secret_values() == ["sandbox"]
