"""Each lint rule on small documents: what it reports, where, and what it leaves alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.lint import CONTRACT_RULES, RULE_IDS, Finding, LintSettings, catalog, lint
from explorer.core.versions import Version

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SERV = "http://www.webex.com/schemas/2002/06/service"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PASSWORD = "<webExID>admin</webExID><password>pw</password><siteName>acme</siteName>"


def envelope(*bodies: str, security: str = PASSWORD, root: str | None = None) -> str:
    """A request on several lines, one bodyContent per line from line 5 on."""
    head = root or f'<serv:message xmlns:serv="{SERV}" xmlns:xsi="{XSI}">'
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        head,
        f"<header><securityContext>{security}</securityContext></header>",
        "<body>",
        *bodies,
        "</body>",
        "</serv:message>" if root is None else "</message>",
    ]
    return "\n".join(lines) + "\n"


def body(command: str, inner: str = "", package: str | None = None) -> str:
    from explorer.core.commands import PACKAGE_OF

    package = package or PACKAGE_OF.get(command, "ep")
    return (f'<bodyContent xsi:type="java:com.webex.service.binding.{package}.{command}">'
            f"{inner}</bodyContent>")


def run(text: str, version: str | None = None, **kwargs) -> list[Finding]:
    return lint(text, Version.parse(version) if version else None, LintSettings(now=NOW, **kwargs))


def rules(text: str, version: str | None = None, **kwargs) -> list[tuple[str, str, int | None]]:
    return [(f.rule, f.severity, f.line) for f in run(text, version, **kwargs)]


def test_clean_request_has_no_findings():
    assert run(envelope(body("GetSessionInfo", "<sessionKey>805325231</sessionKey>"))) == []


def test_rule_ids_cover_the_contract():
    assert set(CONTRACT_RULES) <= set(RULE_IDS)
    assert len(CONTRACT_RULES) == 13


# ----------------------------------------------------------------------------- xml-syntax


def test_xml_syntax_line_and_column():
    text = envelope(body("GetSessionInfo", "<sessionKey>1</sessionkey>"))
    found = [f for f in run(text) if f.rule == "xml-syntax"]
    assert len(found) == 1
    assert (found[0].severity, found[0].line) == ("error", 5)
    assert found[0].column is not None and found[0].column > 60
    assert "mismatch" in found[0].message


def test_xml_syntax_for_empty_and_non_xml_input():
    assert rules("") == [("xml-syntax", "error", None)]
    assert rules("   \n") == [("xml-syntax", "error", None)]
    assert ("xml-syntax", "error", 1) in rules("hello, this is not XML")


NBSP = "\u00a0"


def test_non_breaking_space_between_attributes_is_a_syntax_error():
    text = envelope(body("GetSite", package="site")).replace(
        "<serv:message xmlns", f"<serv:message{NBSP}{NBSP}xmlns")
    found = [f for f in run(text) if f.rule == "xml-syntax"]
    assert [(f.severity, f.line, f.column) for f in found] == [("error", 2, 14)]
    assert "inside the tag <serv:message>" in found[0].message
    assert "replace the non-breaking spaces with plain spaces" in found[0].message


def test_non_breaking_space_inside_an_end_tag_or_after_the_root_is_an_error():
    text = envelope(body("GetSite", package="site")).replace(
        "</body>", f"</body{NBSP}>").replace("</serv:message>", f"</serv:message>{NBSP}")
    found = [f for f in run(text) if f.rule == "xml-syntax"]
    assert [(f.severity, f.line, f.column) for f in found] == [("error", 6, 7)]
    assert "(2 in all)" in found[0].message
    after_root = envelope(body("GetSite", package="site")) + NBSP + NBSP
    found = [f for f in run(after_root) if f.rule == "xml-syntax"]
    assert [(f.severity, f.line, f.column) for f in found] == [("error", 8, 1)]
    assert "after the root element" in found[0].message


def test_non_breaking_spaces_in_element_text_stay_a_warning():
    text = envelope(body("GetSessionInfo",
                         f"{NBSP}{NBSP}<sessionKey>1{NBSP}</sessionKey>{NBSP}"))
    found = [f for f in run(text) if f.rule == "xml-syntax"]
    assert [(f.severity, f.line) for f in found] == [("warning", 5)]
    assert found[0].message.startswith("4 non-breaking space(s)")
    # a fragment's outer level is inside the envelope it is sent in: text as well
    fragment = f"{NBSP}{body('GetSite', package='site')}{NBSP}\n"
    assert [(f.rule, f.severity) for f in run(fragment) if f.rule == "xml-syntax"] == [
        ("xml-syntax", "warning")]


@pytest.mark.parametrize(
    ("lead", "position", "words"),
    [("\n\n", (3, 1), "remove the 2 blank lines before <?xml"),
     ("   ", (1, 4), "remove the 3 spaces before <?xml"),
     ("\n\t ", (2, 3), "remove the blank line and 2 spaces before <?xml")],
)
def test_white_space_before_the_declaration_is_a_syntax_error(lead, position, words):
    found = [f for f in run(lead + envelope(body("GetSite", package="site")))
             if f.rule == "xml-syntax"]
    assert [(f.severity, f.line, f.column) for f in found] == [("error", *position)]
    assert found[0].message.startswith("the XML declaration must be the very first thing")
    assert found[0].message.endswith(words)


def test_white_space_before_a_document_without_declaration_is_fine():
    text = "\n  " + envelope(body("GetSite", package="site")).split("\n", 1)[1]
    assert not [f for f in run(text) if f.rule == "xml-syntax"]


def test_a_blank_line_too_many_after_pasted_headers_is_reported_on_its_line():
    paste = ("POST https://acme.webex.com/WBXService/XMLService HTTP/1.1\n"
             "Content-Type: text/xml; charset=utf-8\n\n\n"
             + envelope(body("GetSite", package="site")))
    found = [f for f in run(paste) if f.rule == "xml-syntax"]
    assert [(f.line, f.column) for f in found] == [(5, 1)]
    assert found[0].message.endswith("remove the blank line before <?xml")


def test_oversized_input_is_refused_as_a_finding():
    found = run("<a/>" + " " * 100, max_bytes=50)
    assert [(f.rule, f.severity) for f in found] == [("xml-syntax", "error")]


def test_malformed_document_with_prose_still_gets_the_useful_findings():
    text = envelope(body("GetSessionInfo",
                         "<sessionKey>1</sessionKey> or <meetingUUID>x</meetingUUID>"))
    text = text.replace("</serv:message>\n", "")  # cut short as well
    found = rules(text)
    assert ("xml-syntax", "error", 7) in found or any(r[0] == "xml-syntax" for r in found)
    assert ("prose-in-xml", "error", 5) in found
    assert ("exclusive-elements", "warning", 5) in found
    assert ("meeting-uuid", "warning", 5) in found


# ----------------------------------------------------------------------------- prose-in-xml


@pytest.mark.parametrize("word", ["または", "or", "...", "…", "and then some"])
def test_prose_between_elements(word):
    text = envelope(body("GetUser", f"<webExId>a</webExId> {word} <email>b@c.d</email>"))
    found = [f for f in run(text) if f.rule == "prose-in-xml"]
    assert [(f.severity, f.line) for f in found] == [("error", 5)]


@pytest.mark.parametrize(("word", "quoted"), [("or", '"or" between'),
                                              ("または", '"または" (or) between'),
                                              ("|", '"|" (or) between')])
def test_or_between_elements_is_glossed_only_when_it_needs_a_translation(word, quoted):
    text = envelope(body("GetUser", f"<webExId>a</webExId> {word} <email>b@c.d</email>"))
    (finding,) = [f for f in run(text) if f.rule == "prose-in-xml"]
    assert finding.message.startswith(quoted), finding.message
    assert '"or" (or)' not in finding.message


def test_text_after_the_root_is_prose():
    text = envelope(body("GetAPIVersion")) + "see the reference guide\n"
    assert ("prose-in-xml", "error", 8) in rules(text)


def test_ordinary_values_with_or_are_not_prose():
    text = envelope(body("CreateMeeting", "<metaData><confName>Rock or Roll</confName>"
                                          "</metaData>"))
    assert not [r for r in rules(text) if r[0] == "prose-in-xml"]


# ------------------------------------------------------------------------ nested / count


def test_nested_bodycontent():
    inner = body("CreateUser", "<webExId>u</webExId>")
    found = [f for f in run(envelope(body("GetSessionInfo", inner))) if f.rule ==
             "nested-bodycontent"]
    assert len(found) == 1 and "user.CreateUser" in found[0].message


def test_a_placeholder_password_outside_the_security_context_gets_no_profile_hint():
    text = envelope(body("CreateUser", "<webExId>new</webExId><password>xxxx</password>"),
                    security="<webExID>admin</webExID><password>xxxx</password>"
                             "<siteName>acme</siteName>")
    found = {f.line: f.message for f in run(text) if f.rule == "placeholder"}
    assert "{{password}}" in found[3]
    assert "{{password}}" not in found[5] and "put the real value" in found[5]


def test_bodycontent_count_limit_is_a_setting():
    bodies = [body("GetAPIVersion") for _ in range(11)]
    found = [f for f in run(envelope(*bodies)) if f.rule == "bodycontent-count"]
    assert [(f.severity, f.line) for f in found] == [("error", 15)]  # the 11th bodyContent
    assert "000053" in found[0].message
    # 10 allowed, so the server's words are "less than 11" (its {number} filled in)
    assert "Cisco publishes no number: 10 is the sandbox's" in found[0].message
    assert ('"The count of BodyContent in a request must be less than 11"'
            in found[0].message), found[0].message
    assert not [r for r in rules(envelope(*bodies), bodycontent_limit=11)
                if r[0] == "bodycontent-count"]
    assert not [r for r in rules(envelope(*bodies[:10])) if r[0] == "bodycontent-count"]
    assert ("bodycontent-count", "error", 7) in rules(envelope(*bodies[:3]), bodycontent_limit=2)


@pytest.mark.parametrize(
    ("version", "severity"),
    [("40.4.3", "warning"), ("40.4.4", "error"), ("40.2.4", "warning"), ("40.2.5", "error"),
     ("40.7.0", "error")],
)
def test_bodycontent_count_follows_the_release_train(version, severity):
    text = envelope(*[body("GetAPIVersion") for _ in range(3)])
    assert ("bodycontent-count", severity, 7) in rules(text, version, bodycontent_limit=2)


def test_envelope_without_bodycontent():
    assert ("bodycontent-count", "error", 4) in rules(envelope())


# ------------------------------------------------------------------ commands and packages


def test_unknown_command_with_did_you_mean():
    found = [f for f in run(envelope(body("GetSesionInfo", package="ep")))
             if f.rule == "unknown-command"]
    assert len(found) == 1 and "GetSessionInfo" in found[0].message
    assert found[0].line == 5


def test_command_case_and_type_shape():
    assert ("unknown-command", "error", 5) in rules(envelope(body("lstSummarySession",
                                                                  package="ep")))
    bare = '<bodyContent xsi:type="ep.GetSessionInfo"/>'
    found = [f for f in run(envelope(bare)) if f.rule == "unknown-command"]
    assert "java:com.webex.service.binding.ep.GetSessionInfo" in found[0].message
    assert ("unknown-command", "error", 5) in rules(
        envelope("<bodyContent><sessionKey>1</sessionKey></bodyContent>"))


def test_package_mismatch():
    found = [f for f in run(envelope(body("GetSite", package="user")))
             if f.rule == "package-mismatch"]
    assert len(found) == 1 and "site.GetSite" in found[0].message
    found = [f for f in run(envelope(body("CreateMeeting", package="meetings")))
             if f.rule == "package-mismatch"]
    assert "no such package" in found[0].message


# ----------------------------------------------------------------------------- placeholder


@pytest.mark.parametrize("value", ["xxx", "XXXX", "{sitename}", "${jwttoken}", "*****",
                                   "{userName}"])
def test_placeholders(value):
    text = envelope(body("GetUser", f"<webExId>{value}</webExId>"))
    assert ("placeholder", "warning", 5) in rules(text)


def test_template_variables_are_not_placeholders():
    text = envelope(body("GetUser", "<webExId>{{webExID}}</webExId>"),
                    security="<siteName>{{siteName}}</siteName><webExID>{{webExID}}</webExID>"
                             "<password>{{password}}</password>")
    assert not [r for r in rules(text) if r[0] == "placeholder"]


def test_placeholder_in_security_context_suggests_the_variable():
    text = envelope(body("GetAPIVersion"),
                    security="<webExID>a</webExID><password>xxx</password><siteName>s</siteName>")
    message = next(f.message for f in run(text) if f.rule == "placeholder")
    assert "{{password}}" in message


# ------------------------------------------------------------------------------- namespace


def test_unprefixed_root_without_namespace():
    text = envelope(body("GetAPIVersion"), root=f'<message xmlns:xsi="{XSI}">')
    assert ("namespace", "error", 2) in rules(text)


def test_old_2009_namespace():
    old = "http://www.webex.com/schemas/2009/05/service"
    text = envelope(body("GetAPIVersion"),
                    root=f'<serv:message xmlns:serv="{old}" xmlns:xsi="{XSI}">'
                    ).replace("</message>", "</serv:message>")
    found = [f for f in run(text) if f.rule == "namespace"]
    assert len(found) == 1 and "2009/05" in found[0].message


def test_undeclared_xsi_prefix_and_wrong_root():
    text = envelope(body("GetAPIVersion"), root=f'<serv:message xmlns:serv="{SERV}">'
                    ).replace("</message>", "</serv:message>")
    assert ("namespace", "error", 5) in rules(text)
    assert ("namespace", "error", 1) in rules(f"<serv:request xmlns:serv='{SERV}'/>")


def test_a_type_attribute_without_the_xsi_prefix_is_an_error():
    unprefixed = body("GetSessionInfo", "<sessionKey>1</sessionKey>").replace(" xsi:type=",
                                                                             " type=")
    for text in (envelope(unprefixed), unprefixed):  # an envelope and a bare fragment
        assert ("namespace", "error", 5 if text.startswith("<?xml") else 1) in rules(text)
    assert not [f for f in rules(envelope(body("GetAPIVersion"))) if f[0] == "namespace"]


# ---------------------------------------------------------------- security and anonymity


def test_missing_security_context():
    no_header = envelope(body("GetAPIVersion")).replace(
        f"<header><securityContext>{PASSWORD}</securityContext></header>", "")
    assert ("missing-security-context", "error", 2) in rules(no_header)
    no_context = envelope(body("GetAPIVersion")).replace(
        f"<securityContext>{PASSWORD}</securityContext>", "")
    assert ("missing-security-context", "error", 3) in rules(no_context)
    no_site = envelope(body("GetAPIVersion"),
                       security="<webExID>a</webExID><password>p</password>")
    assert ("missing-security-context", "error", 3) in rules(no_site)


def test_fragments_need_no_security_context():
    fragment = body("GetMeeting", "<meetingKey>1</meetingKey>")
    assert run(fragment) == []


@pytest.mark.parametrize(
    ("command", "version", "expected"),
    [
        ("LstsummarySession", "40.2.0", True),
        ("LstsummarySession", "40.7.0", True),
        ("LstsummarySession", "40.1.2", False),
        ("GetAPIVersion", "40.7.0", False),
        ("GetSessionInfo", "40.7.0", False),
        ("CreateMeeting", "40.7.0", True),
    ],
)
def test_anonymous_not_allowed(command, version, expected):
    text = envelope(body(command), security="<siteName>acme</siteName>")
    found = ("anonymous-not-allowed", "error", 5) in rules(text, version)
    assert found is expected


def test_anonymous_rule_accepts_other_credentials():
    for security in (
        "<webExID>a</webExID><siteName>s</siteName><sessionTicket>T</sessionTicket>",
        "<siteName>s</siteName><email>a@b.c</email><webExAccessToken>t</webExAccessToken>",
    ):
        text = envelope(body("LstsummarySession"), security=security)
        assert not [r for r in rules(text) if r[0] == "anonymous-not-allowed"]
    jwt = "POST /WBXService/XMLService HTTP/1.1\nJWTToken: eyJ.a.b\n\n" + envelope(
        body("LstsummarySession"), security="<siteName>s</siteName>")
    assert not [r for r in rules(jwt) if r[0] == "anonymous-not-allowed"]


# ---------------------------------------------------------------------------- start time


def _schedule(start: datetime, tz: int | None) -> str:
    zone = f"<timeZoneID>{tz}</timeZoneID>" if tz is not None else ""
    return f"<schedule><startDate>{start:%m/%d/%Y %H:%M:%S}</startDate>{zone}</schedule>"


def test_past_start_time_uses_the_time_zone():
    # 11:00 in San Jose (GMT-08:00) is 19:00 GMT: in the future at 12:00 GMT
    future_there = datetime(2026, 11, 28, 11, 0)
    assert not [r for r in rules(envelope(body("CreateMeeting", _schedule(future_there, 4))))
                if r[0] == "past-start-time"]
    # the same wall time in Tokyo (GMT+09:00) is 02:00 GMT: past
    found = [f for f in run(envelope(body("CreateMeeting", _schedule(future_there, 49))))
             if f.rule == "past-start-time"]
    assert [(f.severity, f.line) for f in found] == [("error", 5)]
    assert "060016" in found[0].message and "Tokyo" in found[0].message


def test_past_start_time_without_time_zone_and_for_setmeeting():
    long_ago = NOW.replace(tzinfo=None) - timedelta(days=2)
    assert ("past-start-time", "error", 5) in rules(envelope(body("SetMeeting",
                                                                  _schedule(long_ago, None))))
    borderline = NOW.replace(tzinfo=None) - timedelta(hours=3)
    assert ("past-start-time", "warning", 5) in rules(envelope(body("CreateMeeting",
                                                                    _schedule(borderline, None))))
    soon = NOW.replace(tzinfo=None) + timedelta(days=1)
    assert not [r for r in rules(envelope(body("CreateMeeting", _schedule(soon, None))))
                if r[0] == "past-start-time"]
    unknown_zone = [f for f in run(envelope(body("CreateMeeting", _schedule(borderline, 99))))
                    if f.rule == "past-start-time"]
    assert "timeZoneID 99 is not one of the 0-61" in unknown_zone[0].message


def test_naive_now_setting_is_accepted():
    text = envelope(body("CreateMeeting", _schedule(datetime(2020, 1, 1), 4)))
    found = lint(text, None, LintSettings(now=datetime(2026, 1, 1)))
    assert [f.rule for f in found] == ["past-start-time"]


# ------------------------------------------------------------------- element-not-in-version


@pytest.mark.parametrize(
    ("version", "flagged"),
    [("40.4.8", True), ("40.4.9", False), ("40.5.0", True), ("40.6.0", True),
     ("40.6.1", False), ("40.7.0", False), ("39.11.0", True)],
)
def test_registration_form_follows_the_release_train(version, flagged):
    text = envelope(body("CreateMeeting", "<registrationForm><city><req>true</req></city>"
                                          "</registrationForm>"))
    found = ("element-not-in-version", "error", 5) in rules(text, version)
    assert found is flagged


def test_command_not_yet_existing():
    text = envelope(body("LstAccessAnywhereHistory"))
    assert ("element-not-in-version", "error", 5) in rules(text, "39.11.0")
    assert not [r for r in rules(text, "40.1.0") if r[0] == "element-not-in-version"]


def test_fallback_tables_without_the_template_library(monkeypatch):
    monkeypatch.setattr(catalog, "_library", lambda: None)
    text = envelope(body("SetMeeting", "<registrationForm/>"),
                    body("LstsummarySession", "<returnScheduledPMR>true</returnScheduledPMR>"))
    assert ("element-not-in-version", "error", 5) in rules(text, "40.6.0")
    assert ("element-not-in-version", "error", 6) in rules(text, "40.4.9")
    assert not [r for r in rules(text, "40.6.1") if r[0] == "element-not-in-version"]
    anonymous = envelope(body("LstsummarySession"), security="<siteName>s</siteName>")
    assert ("anonymous-not-allowed", "error", 5) in rules(anonymous, "40.2.0")
    assert not [r for r in rules(anonymous, "40.1.2") if r[0] == "anonymous-not-allowed"]


# ---------------------------------------------------------------------------- date-format


@pytest.mark.parametrize(
    ("value", "severity"),
    [("10/28/2020 17:35:00", None), ("9/29/2019 02:42:34", "info"), ("11/01/2019 8:0:0", "info"),
     ("2020-10-28T17:35:00", "error"), ("13/45/2020 10:00:00", "error"), ("tomorrow", "error"),
     ("{{now+5m}}", None), ("1587493389768", None), ("12/25/2030", "warning"),
     ("12/25/2030 10:00", "warning"), ("1/2/2030 3:04", "warning")],
)
def test_date_format(value, severity):
    text = envelope(body("LstsummarySession", f"<dateScope><startDateStart>{value}"
                                              "</startDateStart></dateScope>"))
    found = [f for f in run(text) if f.rule == "date-format"]
    assert [f.severity for f in found] == ([] if severity is None else [severity])
    if severity == "warning":
        assert "has no" in found[0].message and "zero-padded" not in found[0].message


# -------------------------------------------------------------------- pastes and fragments


def test_pasted_http_request_keeps_line_numbers():
    paste = ("POST https://acme.webex.com/WBXService/XMLService HTTP/1.1\n"
             "Content-Type: text/xml; charset=utf-8\n\n"
             + envelope(body("GetSite", package="user")))
    found = [f for f in run(paste) if f.rule == "package-mismatch"]
    assert found[0].line == 8


def test_fragment_positions_are_those_of_the_paste():
    fragment = "\n\n  " + body("GetSessionInfo", "<sessionKey>1</sessionkey>")
    found = [f for f in run(fragment) if f.rule == "xml-syntax"]
    assert found[0].line == 3
    assert found[0].column is not None and found[0].column > 60


def test_finding_json_shape():
    finding = run(envelope(body("GetSite", package="user")))[0]
    assert finding.to_json() == {
        "rule": "package-mismatch", "severity": "error", "line": 5,
        "column": finding.column, "message": finding.message,
    }
    assert hash(finding) == hash(Finding(**finding.to_json()))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*"<>/=\"' abx:\n?!-[]&;", "bodyContent", "serv:message",
                                 "xsi:type=", "または", "\u00a0", "<?xml ?>", "POST / ",
                                 "<!--", "-->", "<![CDATA[", "{sitename}", "/2020 "]),
                max_size=120).map("".join))
def test_lint_never_raises_on_arbitrary_text(text):
    for finding in lint(text, None, LintSettings(now=NOW)):
        assert finding.rule in RULE_IDS


@pytest.mark.parametrize(
    "text",
    [
        "<a " + "b" * 200_000 + ">",  # one long attribute-less run inside a start tag
        "<a>" + "x" * 200_000 + " or y</a>",  # a long leaf before "or"
        "<a>" + "." * 50_000 + "x</a>",  # dots that are not only dots
        "<a>" + "<!--" * 20_000,  # unterminated comments
        "POST / Header: " + "H" * 200_000 + " Body: <a/>",  # a long one-line paste
        "<" * 100_000,
    ],
    ids=["attr-run", "leaf-run", "dots", "comments", "one-line-paste", "angles"],
)
def test_hostile_input_lints_in_linear_time(text):
    import time

    start = time.perf_counter()
    lint(text, None, LintSettings(now=NOW))
    assert time.perf_counter() - start < 3.0


def test_findings_per_rule_are_capped_with_a_count():
    from explorer.core.lint import MAX_FINDINGS_PER_RULE

    text = envelope(body("GetUser", "<webExId>xxx</webExId>" * (MAX_FINDINGS_PER_RULE + 5)))
    found = [f for f in run(text) if f.rule == "placeholder"]
    assert len(found) == MAX_FINDINGS_PER_RULE + 1
    assert found[0].message == "5 more placeholder findings not shown"
    assert found[0].line is None


def test_a_flood_of_prose_is_counted_past_the_cap_not_described(monkeypatch):
    from explorer.core.lint import MAX_FINDINGS_PER_RULE, prose

    described = 0
    describe = prose._mixed

    def counting(*args):
        nonlocal described
        described += 1
        return describe(*args)

    monkeypatch.setattr(prose, "_mixed", counting)
    # Stray text outside and inside elements, then findings of other kinds past the cap: 150 +
    # 150 pieces, two leaves, 10 pieces (a comment outside bodyContent says nothing).
    text = ("<" * 150 + "<a>" + "t<b/>" * 150 + "<c>... </c>" + "<!-- true -->"
            + "<d>x または y</d>" + "u<b/>" * 10 + "</a>")
    found = [f for f in run(text) if f.rule == "prose-in-xml"]
    assert len(found) == MAX_FINDINGS_PER_RULE + 1
    assert found[0].message == "112 more prose-in-xml findings not shown"
    assert described == MAX_FINDINGS_PER_RULE


@pytest.mark.parametrize(
    "data",
    [b"<a>\xff\xfe\xfd</a>", b"\xff\xfe<\x00a", "<a>caf\u00e9</a>".encode("latin-1")],
    ids=["invalid-utf8", "broken-utf16-bom", "latin1-undeclared"],
)
def test_undecodable_bytes_are_an_xml_syntax_finding(data):
    found = lint(data, None, LintSettings(now=NOW))
    assert [(f.rule, f.severity) for f in found] == [("xml-syntax", "error")]
    assert "\n" not in found[0].message


def test_unknown_declared_encoding_is_an_error():
    text = envelope(body("GetAPIVersion")).replace('encoding="UTF-8"', 'encoding="klingon-8"')
    assert ("encoding", "error", 1) in rules(text)
    assert ("encoding", "error", 1) in [(f.rule, f.severity, f.line)
                                       for f in lint(text.encode(), None, LintSettings(now=NOW))]


def test_fragment_without_bodycontent():
    assert ("bodycontent-count", "error", 1) in rules("<sessionKey>1</sessionKey>")


def test_authenticate_user_with_an_access_token_in_the_body_is_not_anonymous():
    security = "<siteName>acme</siteName><webExID>me</webExID>"
    with_token = envelope(body("AuthenticateUser", "<accessToken>tok</accessToken>"),
                          security=security)
    assert not [r for r in rules(with_token) if r[0] == "anonymous-not-allowed"]
    without = envelope(body("AuthenticateUser"), security=security)
    assert ("anonymous-not-allowed", "error", 5) in rules(without)


def test_jwt_profile_setting_counts_as_a_credential():
    text = envelope(body("GetUser", "<webExId>u</webExId>"), security="<siteName>s</siteName>")
    assert ("anonymous-not-allowed", "error", 5) in rules(text)
    assert not [r for r in rules(text, jwt_header=True) if r[0] == "anonymous-not-allowed"]


def test_placeholder_messages_never_quote_part_of_a_secret():
    text = envelope(body("GetAPIVersion"),
                    security="<webExID>a</webExID><password>Zq9${pin}Lm</password>"
                             "<siteName>s</siteName>")
    messages = [f.message for f in run(text) if f.rule == "placeholder"]
    assert messages and not any("Zq9" in m or "${pin}" in m for m in messages)


def test_findings_about_pasted_headers_name_the_header_s_line():
    preamble = ("POST /WBXService/XMLService HTTP/1.1\nHost: x.webex.com\n"
                "Content-Type: application/json\nJWTToken: ${jwttoken}\n\n")
    found = rules(preamble + envelope(body("GetAPIVersion")))
    assert ("content-type", "warning", 3) in found
    assert ("placeholder", "warning", 4) in found


def test_a_byte_order_mark_after_pasted_headers_is_no_prose():
    pasted = ("POST /WBXService/XMLService HTTP/1.1\nContent-Type: text/xml\n\n\ufeff"
              + envelope(body("GetAPIVersion")))
    assert run(pasted) == []


def test_a_pasted_charset_other_than_utf8_is_a_warning():
    pasted = ("POST /WBXService/XMLService HTTP/1.1\n"
              "Content-Type: text/xml; charset=ISO-8859-1\n\n" + envelope(body("GetAPIVersion")))
    assert rules(pasted) == [("encoding", "warning", 2)]
    assert run(pasted.replace("ISO-8859-1", "UTF-8")) == []


def test_typographic_quotes_around_the_type_are_named():
    curly = body("GetAPIVersion").replace('xsi:type="', "xsi:type=\u201c").replace(
        'GetAPIVersion">', "GetAPIVersion\u201d>")
    found = [f for f in run(envelope(curly)) if f.rule == "unknown-command"]
    assert "typographic quotes" in found[0].message
