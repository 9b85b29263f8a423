"""Every documented 40.x change, checked against the release-train rule at every release.

Two layers: a sweep parametrised from the data (each change's effect on changes_at, the request
elements and the rendered body must follow an independent reading of the rule), and
hand-written expectations copied from the notes, which fail if the data is wrong.
"""

from __future__ import annotations

import tomllib

import pytest

from explorer.core.errors import TemplateError
from explorer.core.exception_catalog import lookup
from explorer.core.templates import all_releases, default_library, templates_root
from explorer.core.versions import BASELINE, LATEST, RELEASES, Version

V = Version.parse
LIB = default_library()

#: Versions beyond the releases, to probe the train rule between and after trains.
PROBES = [*all_releases(), V("40.3.0"), V("40.5.0"), V("40.5.3"), V("40.6.2"), V("41.1.0")]


def expected_present(landed: tuple[Version, ...], v: Version) -> bool:
    """The rule as the issue words it, written independently of versions.has_change."""
    same_train = [x for x in landed if (x.major, x.minor) == (v.major, v.minor)]
    if same_train:
        return any(x <= v for x in same_train)
    newest_train = max((x.major, x.minor) for x in landed)
    return (v.major, v.minor) > newest_train


CASES = [
    pytest.param(t, c, id=f"{t.command}:{c.id}")
    for t in LIB.commands()
    for c in t.changes
    if not c.all_commands
]


@pytest.mark.parametrize(("template", "change"), CASES)
def test_change_follows_the_release_train_rule(template, change):
    assert change.ref.startswith("ja:L")
    assert change.summary_en and change.summary_ja
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in change.summary_ja)
    for v in PROBES:
        present = expected_present(change.landed_on, v) and template.available_at(v)
        assert (change in template.changes_at(v)) is present, f"{change.id} at {v}"
        if change.kind != "request-element":
            continue
        for name in change.elements:
            assert (name in template.request_elements_at(v)) is present, f"<{name}> at {v}"
            later = template.unavailable_elements_at(v)
            assert (later.get(name) == change) is (not present), f"<{name}> at {v}"
            if present:
                body = template.body_at(v, use=[name])
                assert f"<{name}>" in body or f"<{name} " in body
            else:
                assert f"<{name}>" not in template.body_at(v)
                with pytest.raises(TemplateError, match=str(change.first_landed)):
                    template.body_at(v, use=[name])


@pytest.mark.parametrize("template", LIB.commands(), ids=[t.command for t in LIB.commands()])
def test_bodycontent_limit_applies_to_every_command(template):
    for v in PROBES:
        ids = {c.id for c in template.changes_at(v)}
        expected = expected_present((V("40.4.4"), V("40.2.5")), v) and template.available_at(v)
        assert ("body-content-limit" in ids) is expected, v
    change = template.change("body-content-limit")
    assert change.exception_id == "000053" and change.kind == "exception"


def test_bodycontent_limit_is_written_once_in_the_data():
    written = [
        path for path in templates_root().rglob("*.toml") if "000053" in path.read_text("utf-8")
    ]
    assert [p.name for p in written] == ["changes.toml"]


def test_exception_ids_are_in_the_catalog():
    for template in LIB.commands():
        for change in template.changes:
            if change.exception_id:
                assert lookup(change.exception_id) is not None, change.exception_id
            if change.kind == "exception":
                assert change.exception_id


def test_shared_change_command_lists_match_the_commands():
    shared = tomllib.loads((templates_root() / "changes.toml").read_text("utf-8"))["changes"]
    for change_id, fields in shared.items():
        if fields.get("all_commands"):
            continue
        listed = set(fields["commands"])
        using = {t.command for t in LIB.commands() if t.change(change_id)}
        assert listed == using, change_id


def test_every_release_is_named_by_some_change():
    landed = {v for t in LIB.commands() for c in t.changes for v in c.landed_on}
    assert set(RELEASES) - landed == set()


# --- hand-written expectations from the notes ---------------------------------------------


def has(command: str, change_id: str, version: str) -> bool:
    return change_id in {c.id for c in LIB.get(command).changes_at(V(version))}


@pytest.mark.parametrize("command", ["CreateMeeting", "SetMeeting"])
def test_registration_form_in_the_request_on_both_trains(command):
    t = LIB.get(command)
    for version in ("40.4.9", "40.6.1", "40.7.0"):
        assert "<registrationForm>" in t.body_at(V(version)), version
        assert "registrationForm" in t.request_elements_at(V(version))
    for version in ("39.11.0", "40.2.9", "40.4.8", "40.5.3", "40.6.0"):
        assert "registrationForm" not in t.body_at(V(version)), version
        assert t.unavailable_elements_at(V(version))["registrationForm"].id == "registration-form"
    assert t.change("registration-form").landed_on == (V("40.6.1"), V("40.4.9"))


def test_registration_form_on_get_and_del_meeting():
    get = LIB.get("GetMeeting").change("registration-form")
    assert get.kind == "response-element" and get.response_elements == ("registrationForm",)
    assert "registrationForm" not in LIB.get("GetMeeting").request_elements_at(LATEST)
    assert LIB.get("DelMeeting").change("registration-form").kind == "behaviour"
    assert has("GetMeeting", "registration-form", "40.4.9")
    assert not has("GetMeeting", "registration-form", "40.6.0")


def test_get_session_info_identifiers_by_version():
    t = LIB.get("GetSessionInfo")
    assert t.body_at(BASELINE) == "<sessionKey>{{sessionKey}}</sessionKey>"
    assert t.choices_at(BASELINE) == []
    assert t.request_elements_at(BASELINE) == {"sessionKey", "sessionPassword"}

    at_40_1 = t.choices_at(V("40.1.0"))
    assert [c.elements for c in at_40_1] == [
        ("sessionKey", "pmrUrl", "sipUrl", "meetingLink", "meetingUuid")
    ]
    assert at_40_1[0].exclusive
    assert t.unavailable_elements_at(V("40.1.0")) == {"meetingUUID": t.change("meeting-uuid")}
    body = t.body_at(V("40.1.0"))
    assert body.startswith("<sessionKey>{{sessionKey}}</sessionKey>\n<!-- or, instead of")
    assert "meetingUUID" not in body and "pmrUrl" in body

    at_40_6 = t.choices_at(V("40.6.0"))
    assert set(at_40_6[0].elements) == {
        "sessionKey",
        "meetingUUID",
        "pmrUrl",
        "sipUrl",
        "meetingLink",
        "meetingUuid",
    }
    assert t.unavailable_elements_at(V("40.6.0")) == {}
    chosen = t.body_at(V("40.6.0"), use=["meetingUUID"])
    assert chosen.splitlines()[0] == "<meetingUUID>{{meetingUUID}}</meetingUUID>"
    assert "<sessionKey>" not in chosen
    assert t.request_versions() == [BASELINE, V("40.1.0"), V("40.6.0")]
    assert t.anonymous_allowed


def test_access_anywhere_history_is_new_in_40_1_0():
    t = LIB.get("LstAccessAnywhereHistory")
    assert t.since == V("40.1.0")
    for version in ("39.11.0", "39.12.0"):
        assert not t.available_at(V(version))
        assert t.changes_at(V(version)) == []
        assert t.request_elements_at(V(version)) == frozenset()
        with pytest.raises(TemplateError, match=r"added in 40\.1\.0"):
            t.body_at(V(version))
    assert "<hostWebexID>" in t.body_at(V("40.1.0"))
    assert t.request_versions() == [V("40.1.0")]
    assert t.change("access-anywhere-history").kind == "new-command"
    assert t.response_type == "history:LstAccessAnywhereHistoryResponse"


def test_create_user_html_email_on_the_40_4_and_40_2_trains():
    t = LIB.get("CreateUser")
    for version in ("40.2.4", "40.2.9", "40.4.3", "40.4.9", "40.6.0", "40.7.0"):
        assert "<isHTMLEmail>true</isHTMLEmail>" in t.body_at(V(version)), version
    for version in ("39.11.0", "40.1.2", "40.2.0", "40.3.0", "40.4.0"):
        assert "isHTMLEmail" not in t.body_at(V(version)), version
    assert t.request_versions() == [BASELINE, V("40.2.4"), V("40.4.3"), V("40.6.0")]


def test_um_site_admin_in_requests_and_responses():
    for command in ("CreateUser", "SetUser"):
        t = LIB.get(command)
        assert "<umSiteAdmin>false</umSiteAdmin>" in t.body_at(V("40.6.0"))
        assert "umSiteAdmin" not in t.body_at(V("40.4.9"))
    for command in ("GetMe", "LstsummaryUser"):
        change = LIB.get(command).change("um-site-admin")
        assert change.kind == "response-element" and change.response_elements == ("umSiteAdmin",)
        assert LIB.get(command).request_versions() == [BASELINE]


def test_welcome_mail_languages_are_behaviour_in_40_7_0():
    assert has("CreateUser", "welcome-mail-languages", "40.7.0")
    assert not has("CreateUser", "welcome-mail-languages", "40.6.1")
    assert LIB.get("CreateUser").change("welcome-mail-languages").kind == "behaviour"
    body = LIB.get("CreateUser").body_at(LATEST, use=["language"])
    assert "<language>English</language>" in body and "<languageID>" not in body


def test_e2ee_pmr_exception_110063():
    for command in ("CreateUser", "SetUser", "GetUser", "GetMe"):
        assert LIB.get(command).change("e2ee-pmr").exception_id == "110063"
        assert has(command, "e2ee-pmr", "40.4.9") and has(command, "e2ee-pmr", "40.6.1")
        assert not has(command, "e2ee-pmr", "40.6.0")


def test_meeting_uuid_40_6_0_commands():
    expected = {
        "LstRecording",
        "LstsummarySession",
        "GetSessionInfo",
        "GethosturlMeeting",
        "GetjoinurlMeeting",
        "LstMeetingAttendee",
        "CreateMeeting",
        "SetMeeting",
        "GetMeeting",
        "DelMeeting",
        "LstCalendarSession",
    }
    assert {t.command for t in LIB.commands() if t.change("meeting-uuid")} == expected
    for command in expected - {"CreateMeeting"}:
        t = LIB.get(command)
        assert "meetingUUID" in t.request_elements_at(V("40.6.0")), command
        assert "meetingUUID" not in t.request_elements_at(V("40.4.9")), command
        assert any("meetingUUID" in c.elements for c in t.choices_at(V("40.6.0"))), command
    create = LIB.get("CreateMeeting").change("meeting-uuid")
    assert create.kind == "response-element" and create.elements == ()


def test_meeting_uuid_40_7_0_attendee_histories():
    histories = {
        "LsttrainingattendeeHistory",
        "LsteventattendeeHistory",
        "LstsupportattendeeHistory",
    }
    for command in histories:
        t = LIB.get(command)
        assert "meetingUUID" in t.request_elements_at(V("40.7.0"))
        assert "meetingUUID" not in t.request_elements_at(V("40.6.1"))
        assert t.request_versions() == [BASELINE, V("40.7.0")]
        assert "or, instead of sessionKey: meetingUUID" in t.body_at(V("40.7.0"))
    assert LIB.get("LstmeetingattendeeHistory").request_versions() == [BASELINE]


def test_scheduled_pmr_and_get_site_flag():
    t = LIB.get("LstsummarySession")
    assert "<returnScheduledPMR>true</returnScheduledPMR>" in t.body_at(V("40.6.0"))
    assert "returnScheduledPMR" not in t.body_at(V("40.4.9"))
    assert t.change("scheduled-pmr").response_elements == ("isScheduledPMR",)
    site = LIB.get("GetSite").change("site-return-scheduled-pmr")
    assert site.response_elements == ("SupportXMLAPIReturnScheduledPMR",)
    assert LIB.get("GetSite").body_at(LATEST) == ""


def test_audio_password_on_the_40_4_8_and_40_2_9_trains():
    for command in (
        "GetMeeting",
        "GetTrainingSession",
        "GetEvent",
        "GetTeleconferenceSession",
        "CreateTeleconferenceSession",
    ):
        change = LIB.get(command).change("audio-password")
        assert "audioPassword" in change.response_elements
        assert has(command, "audio-password", "40.2.9") and has(command, "audio-password", "40.4.8")
        assert not has(command, "audio-password", "40.4.5")
        assert not has(command, "audio-password", "40.2.6")


def test_usage_limit_403():
    for command in ("GetUserCard", "GetSessionInfo"):
        change = LIB.get(command).change("usage-limit")
        assert change.http_status == 403
        assert has(command, "usage-limit", "40.2.6") and has(command, "usage-limit", "40.4.5")
        assert not has(command, "usage-limit", "40.4.4")


def test_email_verification_and_empty_domain_in_40_4_0():
    assert has("SetUser", "email-verification", "40.4.0")
    assert not has("SetUser", "email-verification", "40.2.9")
    assert has("GetEnrollmentInfo", "enrollment-empty-domain", "40.4.0")
    assert not has("GetEnrollmentInfo", "enrollment-empty-domain", "40.2.6")


def test_anonymous_lstsummarysession_refused_from_40_2_0():
    t = LIB.get("LstsummarySession")
    assert t.anonymous_allowed_at(V("40.1.2"))
    assert not t.anonymous_allowed_at(V("40.2.0"))
    assert not t.anonymous_allowed_at(LATEST)
    assert t.change("no-anonymous-session").exception_id == "000015"
    assert not LIB.get("CreateMeeting").anonymous_allowed_at(BASELINE)
    assert LIB.get("GetAPIVersion").anonymous_allowed_at(LATEST)


def test_past_start_time_060016():
    for command in ("CreateMeeting", "SetMeeting"):
        assert LIB.get(command).change("no-past-start-time").exception_id == "060016"
        assert has(command, "no-past-start-time", "40.2.0")
        assert not has(command, "no-past-start-time", "40.1.2")
        assert "<startDate>{{now+5m}}</startDate>" in LIB.get(command).body_at(LATEST)


def test_auto_meeting_password_on_the_four_create_commands():
    expected = {
        "CreateMeeting": "meetingPassword",
        "CreateEvent": "eventPassword",
        "CreateTrainingSession": "sessionPassword",
        "CreateTeleconferenceSession": "sessionPassword",
    }
    for command, element in expected.items():
        change = LIB.get(command).change("auto-meeting-password")
        assert change.response_elements == (element,)
        assert has(command, "auto-meeting-password", "40.1.2")
        assert not has(command, "auto-meeting-password", "40.1.0")
        assert "Password" not in LIB.get(command).body_at(LATEST)  # left out: server generates


def test_user_card_jwt_and_pmr_key():
    assert LIB.get("GetUserCard").change("user-card-jwt").kind == "behaviour"
    assert has("GetUserCard", "user-card-jwt", "40.6.0")
    for command in ("SetUser", "DelUser"):
        assert has(command, "pmr-key-kept", "40.6.0")
        assert not has(command, "pmr-key-kept", "40.4.9")


@pytest.mark.parametrize(
    ("command", "versions"),
    [
        ("CreateMeeting", ["39.11.0", "40.4.9", "40.6.1"]),
        ("SetMeeting", ["39.11.0", "40.4.9", "40.6.0", "40.6.1"]),
        ("GetMeeting", ["39.11.0", "40.6.0"]),
        ("LstsummarySession", ["39.11.0", "40.6.0"]),
        ("GetSite", ["39.11.0"]),
        ("GetAPIVersion", ["39.11.0"]),
    ],
)
def test_request_versions(command, versions):
    assert LIB.get(command).request_versions() == [V(v) for v in versions]
