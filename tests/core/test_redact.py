from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.redact import (
    JOIN_SECRET_ELEMENTS,
    REDACTED,
    SECRET_ELEMENTS,
    redact_all,
    redact_headers,
    redact_text,
    redact_xml,
)

JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcGlrZXkiOiJrIn0.c2lnbmF0dXJlX3ZhbHVl"


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<password>pw1</password>", f"<password>{REDACTED}</password>"),
        ("<com:password>pw1</com:password>", f"<com:password>{REDACTED}</com:password>"),
        ("<sessionTicket>t-1</sessionTicket>", f"<sessionTicket>{REDACTED}</sessionTicket>"),
        (
            "<use:sessionTicket>t</use:sessionTicket>",
            f"<use:sessionTicket>{REDACTED}</use:sessionTicket>",
        ),
        (
            "<webExAccessToken>a</webExAccessToken>",
            f"<webExAccessToken>{REDACTED}</webExAccessToken>",
        ),
        ("<accessToken>a</accessToken>", f"<accessToken>{REDACTED}</accessToken>"),
        ("<PASSWORD>a</PASSWORD>", f"<PASSWORD>{REDACTED}</PASSWORD>"),
        (
            '<password xml:space="preserve"> a </password>',
            f'<password xml:space="preserve">{REDACTED}</password>',
        ),
        ("<password><![CDATA[p<w]]></password>", f"<password>{REDACTED}</password>"),
        ("<password><!-- c -->pw</password>", f"<password>{REDACTED}</password>"),
        ("<password>multi\nline</password>", f"<password>{REDACTED}</password>"),
        ("<password>truncated doc", f"<password>{REDACTED}"),
        ("<password/>", "<password/>"),
        ("<password></password>", "<password></password>"),
        ("<password>{{password}}</password>", f"<password>{REDACTED}</password>"),
        ("<meetingPassword>mp</meetingPassword>", "<meetingPassword>mp</meetingPassword>"),
        ("<use:ticket>lt</use:ticket>", f"<use:ticket>{REDACTED}</use:ticket>"),
        ("<nbrProfilePassword>n</nbrProfilePassword>",
         f"<nbrProfilePassword>{REDACTED}</nbrProfilePassword>"),
        ("<enforcePassword>true</enforcePassword>", "<enforcePassword>true</enforcePassword>"),
        ("<passwordHint>h</passwordHint>", "<passwordHint>h</passwordHint>"),
        (f"<x>{JWT}</x>", f"<x>{REDACTED}</x>"),
        (f"JWTToken: {JWT}\n", f"JWTToken: {REDACTED}\n"),
        ("Authorization: Bearer abc.def\n<a/>", f"Authorization: {REDACTED}\n<a/>"),
        ("<webExID>alice</webExID>", "<webExID>alice</webExID>"),
    ],
)
def test_redact_xml(xml: str, expected: str) -> None:
    assert redact_xml(xml) == expected


@pytest.mark.parametrize("name", JOIN_SECRET_ELEMENTS)
def test_meeting_join_secrets_are_shown_but_not_stored(name: str) -> None:
    xml = f"<meet:{name}>join-me</meet:{name}><meet:confName>n</meet:confName>"
    assert redact_all(xml) == xml
    assert redact_all(xml, stored=True) == (
        f"<meet:{name}>{REDACTED}</meet:{name}><meet:confName>n</meet:confName>"
    )


def test_whole_envelope_keeps_structure() -> None:
    envelope = (
        "<serv:message><header><securityContext><webExID>alice</webExID>"
        "<password>s3cr3t</password><siteName>acme</siteName><sessionTicket>TICK</sessionTicket>"
        "</securityContext></header><body><bodyContent><accessToken>AT</accessToken>"
        "</bodyContent></body></serv:message>"
    )
    out = redact_xml(envelope)
    for secret in ("s3cr3t", "TICK", ">AT<"):
        assert secret not in out
    assert "<webExID>alice</webExID>" in out and "<siteName>acme</siteName>" in out
    assert out.count(REDACTED) == 3


def test_redact_headers() -> None:
    headers = {
        "JWTToken": JWT,
        "authorization": "Bearer x",
        "Content-Type": "text/xml",
        "X-Trace": JWT,
    }
    out = redact_headers(headers)
    assert out == {
        "JWTToken": REDACTED,
        "authorization": REDACTED,
        "Content-Type": "text/xml",
        "X-Trace": REDACTED,
    }
    assert headers["JWTToken"] == JWT  # input untouched


def test_redact_text_plain_and_escaped_forms() -> None:
    secret = 'p&ss<"w>'
    text = f'said {secret} and <password>p&amp;ss&lt;&quot;w&gt;</password> / p&amp;ss&lt;"w&gt;'
    out = redact_text(text, [secret, None, ""])
    assert out == f"said {REDACTED} and <password>{REDACTED}</password> / {REDACTED}"
    assert redact_text("nothing", []) == "nothing"
    assert redact_text("aXa", ["X"]) == f"a{REDACTED}a"


def test_redact_all_combines() -> None:
    assert redact_all("<password>a</password> tok-9", ["tok-9"]) == (
        f"<password>{REDACTED}</password> {REDACTED}"
    )


def test_fast_on_large_documents() -> None:
    chunk = "<item><name>n</name><password>pw</password><note>plain text</note></item>"
    document = "<list>" + chunk * 20000 + "</list>"  # ~1.5 MB
    started = time.perf_counter()
    out = redact_xml(document)
    assert time.perf_counter() - started < 2.0
    assert out.count(REDACTED) == 20000


def test_many_unclosed_tags_stay_fast() -> None:
    document = "<password>" * 20000 + "x"
    started = time.perf_counter()
    redact_xml(document)
    assert time.perf_counter() - started < 5.0


_PLAIN = st.text(alphabet=st.characters(blacklist_characters="QZ<", codec="utf-8"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(
    before=_PLAIN,
    after=_PLAIN,
    secret=st.text(alphabet="QZ", min_size=3, max_size=30),
    name=st.sampled_from(SECRET_ELEMENTS + JOIN_SECRET_ELEMENTS),
    prefix=st.sampled_from(["", "serv:", "use:", "com:"]),
    closed=st.booleans(),
)
def test_property_secret_in_element_never_survives(before, after, secret, name, prefix, closed):
    tag = prefix + name
    element = f"<{tag}>{secret}</{tag}>" if closed else f"<{tag}>{secret}"
    out = redact_xml(f"{before}{element}{after}", stored=name in JOIN_SECRET_ELEMENTS)
    assert secret not in out


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_property_never_raises(text):
    assert isinstance(redact_xml(text), str)
    assert isinstance(redact_text(text, [text[:3]]), str)


def _sessions(n: int) -> str:
    return "".join(
        f"<ep:session><ep:sessionKey>{i}</ep:sessionKey><com:password>pw-{i}</com:password>"
        f"<ep:note>token {JWT} and my-secret-{i % 3}</ep:note><x>a &lt; b</x></ep:session>"
        for i in range(n)
    )


@pytest.mark.parametrize("size", [1, 7, 64, 500])
def test_big_texts_redacted_in_slices_give_the_same_text(monkeypatch, size):
    import explorer.core.redact as redact

    text = "<serv:message>" + _sessions(40) + "<tail>\nAuthorization: Bearer x<y></tail>"
    secrets = ["my-secret-1", "a < b"]  # the escaped form of the second one is in the text
    whole = redact_all(text, secrets)
    assert "pw-3" not in whole and JWT not in whole and "my-secret-1" not in whole
    assert "a &lt; b" not in whole and "Bearer" not in whole
    monkeypatch.setattr(redact, "SLICE_CHARS", size)
    assert len(redact.slices(text)) > 1
    assert redact_all(text, secrets) == whole


def test_slices_are_cut_before_a_tag_and_join_to_the_text():
    from explorer.core.redact import slices

    text = _sessions(30)
    pieces = slices(text, 100)
    assert "".join(pieces) == text
    assert all(piece.startswith("<") for piece in pieces)
    assert all(len(piece) >= 100 for piece in pieces[:-1])
    assert slices("no tags at all" * 20, 10) == ["no tags at all" * 20]


def test_passes_with_nothing_to_find_leave_the_text_as_it_is():
    text = _sessions(3).replace("password", "topic").replace(JWT, "plain")
    assert redact_xml(text) is text
    assert redact_all(text, ["absent"]) is text
