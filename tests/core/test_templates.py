"""The template library: loading, lookup, bodies, choices, request versions."""

from pathlib import Path

import pytest

from explorer.core.commands import PACKAGE_OF
from explorer.core.errors import TemplateError
from explorer.core.namespaces import java_type
from explorer.core.templates import TemplateLibrary, all_releases, default_library, templates_root
from explorer.core.templates_load import load_templates
from explorer.core.versions import BASELINE, LATEST, Version
from explorer.core.xmlsafe import parse_xml

V = Version.parse
LIB = default_library()
TEMPLATES = LIB.commands()
IDS = [t.command for t in TEMPLATES]


def test_root_is_the_checkout_folder():
    assert templates_root() == Path(__file__).resolve().parents[2] / "templates"


def test_a_folder_library_reads_a_command_when_it_is_first_asked_for(tmp_path):
    import shutil

    root = tmp_path / "templates"
    shutil.copytree(templates_root(), root)
    (root / "CreateMeeting" / "command.toml").write_text("not = [toml", "utf-8")
    lib = TemplateLibrary.from_folder(root)
    assert len(lib) == len(LIB) and "CreateMeeting" in lib.names()
    # Only the damaged command fails, and only when it is used.
    assert lib.get("GetSessionInfo").command == "GetSessionInfo"
    assert lib.get("getsessioninfo") is lib.get("ep.GetSessionInfo")
    with pytest.raises(TemplateError, match=r"CreateMeeting/command\.toml: not valid TOML"):
        lib.get("CreateMeeting")
    with pytest.raises(TemplateError, match="CreateMeeting"):
        lib.commands()
    assert lib.suggestions("CreateMeting") == ["CreateMeeting"]


def test_load_is_cached():
    assert TemplateLibrary.load() is TemplateLibrary.load()
    assert default_library() is default_library()


def test_get_is_case_insensitive_and_accepts_package_forms():
    assert LIB.get("getsessioninfo").command == "GetSessionInfo"
    assert LIB.get("ep.GetSessionInfo").command == "GetSessionInfo"
    assert LIB.get("java:com.webex.service.binding.ep.GetSessionInfo").command == "GetSessionInfo"
    assert LIB.find("NoSuchThing") is None


def test_get_unknown_suggests_close_names():
    with pytest.raises(TemplateError, match="did you mean GetSessionInfo"):
        LIB.get("GetSesssionInfo")
    with pytest.raises(TemplateError, match="templates list"):
        LIB.get("zzzzzz")


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_metadata_matches_the_command_catalog(template):
    assert PACKAGE_OF[template.command] == template.package
    assert template.xsi_type == java_type(template.package, template.command)
    assert template.response_type.endswith("Response")
    assert template.description_en and template.description_ja


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_every_body_at_every_release_is_well_formed(template):
    for v in all_releases():
        if not template.available_at(v):
            with pytest.raises(TemplateError, match="does not exist"):
                template.body_at(v)
            continue
        body = template.body_at(v)
        root = parse_xml(f"<bodyContent>\n{body}\n</bodyContent>", what="body")
        names = {el.tag for el in root.iter() if isinstance(el.tag, str)} - {"bodyContent"}
        assert names <= template.request_elements_at(v)
        assert "\t" not in body
        for line in body.splitlines():
            indent = len(line) - len(line.lstrip(" "))
            assert indent % 4 == 0


def test_versions_are_baseline_plus_releases():
    releases = all_releases()
    assert releases[0] == BASELINE and releases[-1] == LATEST


# --- the loader refuses bad data with one-line TemplateErrors --------------------------------

MINIMAL_TOML = 'package = "ep"\ndescription_en = "x"\ndescription_ja = "エックス"\n'
MINIMAL_XML = (
    '<template xmlns:tpl="urn:webex-xml-explorer:template">'
    "<returnTrainReleaseVersion>true</returnTrainReleaseVersion></template>"
)


def make_root(tmp_path, toml=MINIMAL_TOML, xml=MINIMAL_XML, name="GetAPIVersion"):
    (tmp_path / "changes.toml").write_text(
        (templates_root() / "changes.toml").read_text("utf-8"), "utf-8"
    )
    folder = tmp_path / name
    folder.mkdir()
    (folder / "command.toml").write_text(toml, "utf-8")
    (folder / "request.xml").write_text(xml, "utf-8")
    return tmp_path


def test_a_minimal_library_loads(tmp_path):
    lib = TemplateLibrary.load(make_root(tmp_path))
    assert lib.names() == ["GetAPIVersion"]
    assert lib.get("GetAPIVersion").change("body-content-limit") is not None
    assert lib is TemplateLibrary.load(tmp_path)


@pytest.mark.parametrize(
    ("toml", "xml", "message"),
    [
        ("package = [", MINIMAL_XML, "not valid TOML"),
        (MINIMAL_TOML + "colour = 1\n", MINIMAL_XML, "unknown key"),
        (MINIMAL_TOML.replace('"ep"', '"user"'), MINIMAL_XML, "does not match"),
        ('package = "ep"\ndescription_ja = "x"\n', MINIMAL_XML, "description_en is missing"),
        (MINIMAL_TOML, "<template><a></template>", "not well-formed"),
        (MINIMAL_TOML, "<body/>", "root element must be <template>"),
        (
            MINIMAL_TOML,
            MINIMAL_XML.replace("<return", '<x tpl:change="nope">1</x><return'),
            "'nope', which is not a request-element change",
        ),
        (
            MINIMAL_TOML + '[[changes]]\nid = "meeting-uuid"\n',
            MINIMAL_XML,
            "must mark its element",
        ),
        (
            MINIMAL_TOML + '[[changes]]\nid = "x"\nlanded_on = ["40.6"]\nkind = "odd"\n'
            'summary_en = "a"\nsummary_ja = "b"\nref = "ja:L1"\n',
            MINIMAL_XML,
            "kind 'odd'",
        ),
        (
            MINIMAL_TOML + '[[changes]]\nid = "x"\nlanded_on = ["forty"]\nkind = "behaviour"\n'
            'summary_en = "a"\nsummary_ja = "b"\nref = "ja:L1"\n',
            MINIMAL_XML,
            "not an API version",
        ),
        (
            MINIMAL_TOML + '[[choices]]\nelements = ["a", "b"]\n',
            MINIMAL_XML,
            "not in the body: a, b",
        ),
    ],
)
def test_bad_data_is_a_template_error(tmp_path, toml, xml, message):
    root = make_root(tmp_path, toml, xml)
    with pytest.raises(TemplateError, match=message) as info:
        load_templates(root)
    assert "\n" not in str(info.value)


def test_missing_folder_is_a_template_error(tmp_path):
    with pytest.raises(TemplateError, match="not found"):
        load_templates(tmp_path / "nowhere")
    (tmp_path / "changes.toml").write_text("", "utf-8")
    with pytest.raises(TemplateError, match="no command templates"):
        load_templates(tmp_path)


def test_unknown_use_element_is_refused():
    with pytest.raises(TemplateError, match="no request element <bogus>"):
        LIB.get("GetMeeting").body_at(LATEST, use=["bogus"])


def test_suggestions_are_close_names_only():
    assert LIB.suggestions("GetSesionInfo") == ["GetSessionInfo"]
    assert LIB.suggestions("getuserr") == ["GetUser", "GetUserCard"]
    assert LIB.suggestions("qqq") == []
    with pytest.raises(
        TemplateError, match=r"did you mean LstOpenSession\? \(it has no template yet\)"
    ):
        LIB.get("LstOpenSesion")


def test_known_command_without_template_says_so():
    with pytest.raises(TemplateError, match="no template for command 'LstOpenSession' yet"):
        LIB.get("lstopensession")


def test_template_text_is_escaped_when_rendered(tmp_path):
    xml = MINIMAL_XML.replace(">true<", ">a &amp; b &lt;c&gt;<")
    lib = TemplateLibrary.load(make_root(tmp_path, xml=xml))
    body = lib.get("GetAPIVersion").body_at(LATEST)
    assert body == "<returnTrainReleaseVersion>a &amp; b &lt;c&gt;</returnTrainReleaseVersion>"
    parse_xml(f"<r>{body}</r>")


def test_library_has_every_command_the_issue_names():
    expected = {
        "GetSessionInfo",
        "CreateUser",
        "SetUser",
        "GetUser",
        "GetMe",
        "DelUser",
        "LstsummaryUser",
        "GetUserCard",
        "CreateMeeting",
        "SetMeeting",
        "GetMeeting",
        "DelMeeting",
        "GethosturlMeeting",
        "GetjoinurlMeeting",
        "LstsummarySession",
        "LstRecording",
        "LstCalendarSession",
        "LstMeetingAttendee",
        "GetEnrollmentInfo",
        "GetSite",
        "LsttrainingattendeeHistory",
        "LsteventattendeeHistory",
        "LstsupportattendeeHistory",
        "LstAccessAnywhereHistory",
        "CreateEvent",
        "GetEvent",
        "CreateTrainingSession",
        "GetTrainingSession",
        "CreateTeleconferenceSession",
        "GetTeleconferenceSession",
        "AuthenticateUser",
        "GetAPIVersion",
        "LstsummaryMeeting",
        "LstmeetingattendeeHistory",
        "LstTimeZone",
    }
    assert set(LIB.names()) == expected


SECRET_ELEMENTS = {"password", "sessionPassword", "meetingPassword", "accessToken", "meetingPW"}


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_no_literal_secrets_in_bodies(template):
    for node in (n for top in template.body for n in top.walk()):
        if node.name in SECRET_ELEMENTS or node.name.lower().endswith("password"):
            assert node.text and node.text.startswith("{{"), f"<{node.name}> holds a literal"


def test_variables_in_bodies_resolve_with_a_full_context():
    from explorer.core.variables import VariableContext, find_variables, resolve

    names = {
        n
        for t in TEMPLATES
        for v in all_releases()
        if t.available_at(v)
        for n in find_variables(t.body_at(v, use=()))
    }
    assert {"sessionKey", "meetingKey", "webExID", "now+5m", "userPassword"} <= names
    ctx = VariableContext(captured={n: "1" for n in names if not n.startswith(("now", "today"))})
    for t in TEMPLATES:
        for v in t.request_versions():
            resolved = resolve(t.body_at(v), ctx)
            assert "{{" not in resolved
            parse_xml(f"<bodyContent>{resolved}</bodyContent>")


def test_hints_can_be_left_out():
    t = LIB.get("GetjoinurlMeeting")
    assert "<!--" in t.body_at(LATEST)
    plain = t.body_at(LATEST, hints=False)
    assert "<!--" not in plain
    assert plain.splitlines()[0] == "<meetingKey>{{meetingKey}}</meetingKey>"


def test_the_data_folder_holds_only_what_the_format_describes():
    root = templates_root()
    top = {p.name for p in root.iterdir() if p.is_file()}
    assert top == {"README.md", "changes.toml"}
    folders = [p for p in root.iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert sorted(p.name for p in folders) == sorted(LIB.names())
    for folder in folders:
        assert {p.name for p in folder.iterdir()} == {
            "command.toml", "request.xml", "preread.json"}, folder.name


def test_authenticate_user_body_is_empty_unless_a_token_is_chosen():
    t = LIB.get("AuthenticateUser")
    assert t.body_at(LATEST) == ""
    assert t.body_at(LATEST, use=["accessToken"]).splitlines() == [
        "<accessToken>{{accessToken}}</accessToken>",
        "<!-- or, instead of accessToken: samlResponse -->",
    ]
    assert t.choices_at(LATEST)[0].elements == ("accessToken", "samlResponse")
