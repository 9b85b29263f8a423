"""Meetings: registrationForm (6), passwords (7), past start (8), audio passwords (12), lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from explorer.sandbox.demo import DEMO_REGISTRATION_MEETING_KEY, DEMO_SESSION_KEY
from tests.sandbox.helpers import NS, call

FORM = ("<registrationForm><title><req>true</req></title><company><req>false</req></company>"
        "<address1><req>false</req></address1><address2><req>false</req></address2>"
        "<city><req>true</req></city><state><req>false</req></state>"
        "<postalCode><req>false</req></postalCode><country><req>true</req></country>"
        "<phone><req>false</req></phone><fax><req>false</req></fax></registrationForm>")
REGISTRATION = ("<attendeeOptions><emailInvitations>true</emailInvitations>"
                "<registration>true</registration><auto>false</auto></attendeeOptions>")


def form_of(answer):
    form = answer.all("meet:registrationForm")
    if not form:
        return None
    return {child.tag.rpartition("}")[2]: child.findtext("meet:req", namespaces=NS)
            for child in form[0]}


@pytest.mark.parametrize("version", ["40.4.9", "40.6.1", "40.7.0"])
def test_registration_form_stored_and_returned(make_sandbox, version):
    handle = make_sandbox(api_version=version, seed="empty")
    created = call(handle.url, ("meeting.CreateMeeting", REGISTRATION + FORM)).ok()
    key = created.text("meet:meetingkey")
    got = call(handle.url, ("meeting.GetMeeting", f"<meetingKey>{key}</meetingKey>")).ok()
    form = form_of(got)
    assert form["title"] == "true" and form["city"] == "true" and form["country"] == "true"
    assert form["company"] == "false" and next(iter(form)) == "title" and len(form) == 10
    changed = FORM.replace("<company><req>false</req>", "<company><req>true</req>")
    call(handle.url, ("meeting.SetMeeting", f"<meetingkey>{key}</meetingkey>{changed}")).ok()
    got = call(handle.url, ("meeting.GetMeeting", f"<meetingKey>{key}</meetingKey>")).ok()
    assert form_of(got)["company"] == "true"


@pytest.mark.parametrize("version", ["40.4.8", "40.6.0"])
def test_registration_form_absent_where_the_change_has_not_landed(make_sandbox, version):
    handle = make_sandbox(api_version=version, seed="empty")
    refused = call(handle.url, ("meeting.CreateMeeting", REGISTRATION + FORM))
    assert "<registrationForm>" in refused.fails_with("000000")
    assert "40.6.1 + 40.4.9" in refused.reasons[0]
    key = call(handle.url, ("meeting.CreateMeeting", REGISTRATION)).ok().text(
        "meet:meetingkey")
    got = call(handle.url, ("meeting.GetMeeting", f"<meetingKey>{key}</meetingKey>")).ok()
    assert form_of(got) is None
    assert got.text("meet:attendeeOptions/meet:registration") == "true"


CREATES = [
    ("meeting.CreateMeeting", "meet:meetingPassword", "meetingPassword"),
    ("event.CreateEvent", "event:eventPassword", "sessionPassword"),
    ("training.CreateTrainingSession", "train:sessionPassword", "sessionPassword"),
    ("meeting.auo.CreateTeleconferenceSession", "auo:sessionPassword", "sessionPassword"),
]


@pytest.mark.parametrize(("command", "answer_path", "request_element"), CREATES)
def test_password_generated_when_required_and_missing(sandbox, command, answer_path,
                                                      request_element):
    answer = call(sandbox.url, (command, "")).ok()
    generated = answer.text(answer_path)
    assert generated and len(generated) >= 8


@pytest.mark.parametrize(("command", "answer_path", "request_element"), CREATES)
def test_given_password_is_echoed(make_sandbox, command, answer_path, request_element):
    handle = make_sandbox(seed="empty", meeting_password_required=False)
    given = f"<accessControl><{request_element}>Given123</{request_element}></accessControl>"
    assert call(handle.url, (command, given)).ok().text(answer_path) == "Given123"
    assert call(handle.url, (command, "")).ok().text(answer_path) is None  # none generated


@pytest.mark.parametrize(("command", "answer_path", "request_element"), CREATES)
def test_before_40_1_2_a_missing_password_is_060026(make_sandbox, command, answer_path,
                                                    request_element):
    handle = make_sandbox(api_version="40.1.0", seed="empty")
    reason = call(handle.url, (command, "")).fails_with("060026")
    assert reason == "Meeting password must not be null"
    given = f"<accessControl><{request_element}>Given123</{request_element}></accessControl>"
    created = call(handle.url, (command, given)).ok()
    assert created.text(answer_path) is None  # the element arrived with 40.1.2


def wall_clock(moment: datetime) -> str:
    return moment.strftime("%m/%d/%Y %H:%M:%S")


@pytest.mark.parametrize("command", ["CreateMeeting", "SetMeeting"])
def test_past_start_time_is_060016_in_the_requests_time_zone(make_sandbox, command):
    handle = make_sandbox(api_version="40.2.0")
    now = datetime.fromtimestamp(handle.app.clock.now(), UTC)
    # Two hours ahead on a London wall clock, six hours ago in Beijing (GMT+08:00).
    text = wall_clock(now + timedelta(hours=2))
    key = f"<meetingKey>{DEMO_SESSION_KEY}</meetingKey>" if command == "SetMeeting" else ""

    def schedule(tz_id: int) -> str:
        return (f"{key}<schedule><startDate>{text}</startDate>"
                f"<timeZoneID>{tz_id}</timeZoneID></schedule>")

    call(handle.url, (f"meeting.{command}", schedule(21))).ok()
    reason = call(handle.url, (f"meeting.{command}", schedule(45))).fails_with("060016")
    assert reason == "The session start time must be later than the current time"


def test_40_1_0_accepts_a_past_start_time(make_sandbox):
    handle = make_sandbox(api_version="40.1.2", seed="empty")
    past = wall_clock(datetime.fromtimestamp(handle.app.clock.now(), UTC) - timedelta(days=1))
    call(handle.url, ("meeting.CreateMeeting",
                      f"<schedule><startDate>{past}</startDate><timeZoneID>21</timeZoneID>"
                      "</schedule>")).ok()


def test_now_plus_five_minutes_is_accepted_and_the_clock_decides(make_sandbox):
    import httpx

    handle = make_sandbox(seed="empty")
    soon = wall_clock(datetime.fromtimestamp(handle.app.clock.now(), UTC) + timedelta(minutes=5))
    schedule = f"<schedule><startDate>{soon}</startDate><timeZoneID>21</timeZoneID></schedule>"
    call(handle.url, ("meeting.CreateMeeting", schedule)).ok()
    httpx.post(f"{handle.base_url}/sandbox/clock", json={"advance_seconds": 600})
    call(handle.url, ("meeting.CreateMeeting", schedule)).fails_with("060016")


GETS = [
    ("meeting.GetMeeting", "meet", "meeting.CreateMeeting", "meet:meetingkey", "meetingKey"),
    ("event.GetEvent", "event", "event.CreateEvent", "event:sessionKey", "sessionKey"),
    ("training.GetTrainingSession", "train", "training.CreateTrainingSession",
     "train:sessionkey", "sessionKey"),
    ("meeting.auo.GetTeleconferenceSession", "auo", "meeting.auo.CreateTeleconferenceSession",
     "auo:sessionKey", "sessionKey"),
]


@pytest.mark.parametrize(("get", "prefix", "create", "key_path", "key_element"), GETS)
def test_audio_password_in_get_responses(make_sandbox, get, prefix, create, key_path,
                                         key_element):
    for version, expected in (("40.4.8", True), ("40.2.9", True), ("40.4.5", False),
                              ("40.3.0", False)):
        handle = make_sandbox(api_version=version, seed="empty")
        key = call(handle.url, (create, "")).ok().text(key_path)
        got = call(handle.url, (get, f"<{key_element}>{key}</{key_element}>")).ok()
        audio = got.text(f"{prefix}:accessControl/{prefix}:audioPassword")
        if expected:
            assert audio and audio.isdigit()
            assert got.text(f"{prefix}:accessControl/{prefix}:isEnforceAudioPassword") == "true"
            assert got.text(f"{prefix}:accessControl/{prefix}:isEnforceAudioLogin") == "false"
        else:
            assert audio is None, version


def test_lstsummary_meeting_pages_and_orders(sandbox):
    answer = call(sandbox.url, ("meeting.LstsummaryMeeting",
                                "<listControl><startFrom>1</startFrom><maximumNum>5</maximumNum>"
                                "</listControl><order><orderBy>CONFNAME</orderBy>"
                                "<orderAD>DESC</orderAD></order>")).ok()
    total = int(answer.text("meet:matchingRecords/serv:total"))
    assert total > 50 and answer.text("meet:matchingRecords/serv:returned") == "5"
    names = [m.text for m in answer.all("meet:meeting/meet:confName")]
    assert names == sorted(names, key=str.lower, reverse=True)
    second = call(sandbox.url, ("meeting.LstsummaryMeeting",
                                "<listControl><startFrom>6</startFrom><maximumNum>5</maximumNum>"
                                "</listControl><order><orderBy>CONFNAME</orderBy>"
                                "<orderAD>DESC</orderAD></order>")).ok()
    assert second.text("meet:matchingRecords/serv:startFrom") == "6"
    assert second.text("meet:meeting/meet:confName").lower() <= names[-1].lower()


def test_lstsummary_meeting_of_a_host_only_shows_theirs(sandbox):
    answer = call(sandbox.url, ("meeting.LstsummaryMeeting", ""), webex_id="bob",
                  password="sandbox").ok()
    assert {h.text for h in answer.all("meet:meeting/meet:hostWebExID")} == {"bob"}


def test_lst_meeting_attendee(sandbox):
    created = call(sandbox.url, ("meeting.CreateMeeting",
                                 "<participants><attendees>"
                                 "<attendee><person><name>A One</name><email>a1@example.org</email>"
                                 "</person></attendee>"
                                 "<attendee><person><name>B Two</name><email>b2@example.org</email>"
                                 "</person></attendee></attendees></participants>")).ok()
    key = created.text("meet:meetingkey")
    listed = call(sandbox.url, ("attendee.LstMeetingAttendee",
                                f"<meetingKey>{key}</meetingKey>")).ok()
    assert [p.text for p in listed.all("att:attendee/att:person/com:name")] == ["A One", "B Two"]
    assert listed.text("att:matchingRecords/serv:total") == "2"
    reverse = call(sandbox.url, ("attendee.LstMeetingAttendee",
                                 f"<meetingKey>{key}</meetingKey><order><orderBy>ATTENDEENAME"
                                 "</orderBy><orderAD>DESC</orderAD></order>")).ok()
    assert [p.text for p in reverse.all("att:attendee/att:person/com:name")] == ["B Two", "A One"]


def test_unknown_meeting_key_is_060001(sandbox):
    call(sandbox.url, ("meeting.GetMeeting", "<meetingKey>123</meetingKey>")).fails_with("060001")


def test_demo_registration_meeting_is_upcoming(sandbox):
    info = call(sandbox.url, ("ep.GetSessionInfo",
                              f"<sessionKey>{DEMO_REGISTRATION_MEETING_KEY}</sessionKey>")).ok()
    assert info.text("ep:accessControl/ep:registration") == "true"
