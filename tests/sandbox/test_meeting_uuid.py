"""Behaviour 1 and 2: meetingUUID in requests and responses; GetSessionInfo by mobile IDs."""

from __future__ import annotations

import re

import pytest

from explorer.sandbox.demo import DEMO_MEETING_UUID, DEMO_SESSION_KEY
from tests.sandbox.helpers import NS, call

UUID_RE = re.compile(r"^[0-9a-f]{32}$")


@pytest.fixture(scope="module")
def meeting(sandbox):
    created = call(sandbox.url, ("meeting.CreateMeeting",
                                 "<metaData><confName>UUID checks</confName></metaData>"
                                 "<participants><attendees><attendee><person><name>Ann Lee</name>"
                                 "<email>ann@example.org</email></person></attendee></attendees>"
                                 "</participants>")).ok()
    return created.text("meet:meetingkey"), created.text("meet:meetingUUID")


def test_create_meeting_returns_a_32_hex_uuid(meeting):
    assert UUID_RE.match(meeting[1])


def test_get_session_info_by_meeting_uuid(sandbox):
    answer = call(sandbox.url, ("ep.GetSessionInfo",
                                f"<meetingUUID>{DEMO_MEETING_UUID}</meetingUUID>")).ok()
    assert answer.text("ep:sessionkey") == DEMO_SESSION_KEY
    assert answer.text("ep:meetingUUID") == DEMO_MEETING_UUID


def test_meeting_commands_take_and_return_the_uuid(sandbox, meeting):
    key, uuid = meeting
    by_uuid = f"<meetingUUID>{uuid}</meetingUUID>"
    got = call(sandbox.url, ("meeting.GetMeeting", by_uuid)).ok()
    assert (got.text("meet:meetingkey"), got.text("meet:meetingUUID")) == (key, uuid)
    host = call(sandbox.url, ("meeting.GethosturlMeeting", by_uuid)).ok()
    assert host.text("meet:meetingUUID") == uuid and host.text("meet:hostMeetingURL")
    join = call(sandbox.url, ("meeting.GetjoinurlMeeting", by_uuid)).ok()
    assert join.text("meet:meetingUUID") == uuid and uuid in join.text("meet:joinMeetingURL")
    changed = call(sandbox.url, ("meeting.SetMeeting",
                                 by_uuid + "<metaData><confName>UUID set</confName></metaData>"))
    assert changed.ok().text("meet:meetingUUID") == uuid
    attendees = call(sandbox.url, ("attendee.LstMeetingAttendee", by_uuid)).ok()
    assert [a.findtext("att:meetingUUID", namespaces=NS)
            for a in attendees.all("att:attendee")] == [uuid]
    listed = call(sandbox.url, ("ep.LstsummarySession", by_uuid)).ok()
    assert listed.text("ep:session/ep:MeetingUUID") == uuid
    assert listed.text("ep:session/ep:sessionKey") == key


def test_calendar_and_recordings_carry_the_uuid(sandbox):
    calendar = call(sandbox.url, ("ep.LstCalendarSession", "")).ok()
    uuids = [s.findtext("ep:meetingUUID", namespaces=NS) for s in calendar.all("ep:session")]
    assert uuids and all(UUID_RE.match(u) for u in uuids)
    recordings = call(sandbox.url, ("ep.LstRecording", "")).ok()
    first = recordings.text("ep:recording/ep:meetingUUID")
    assert UUID_RE.match(first)
    only = call(sandbox.url, ("ep.LstRecording", f"<meetingUUID>{first}</meetingUUID>")).ok()
    assert {r.findtext("ep:meetingUUID", namespaces=NS)
            for r in only.all("ep:recording")} == {first}


def test_del_meeting_by_uuid(sandbox):
    created = call(sandbox.url, ("meeting.CreateMeeting", "")).ok()
    uuid = created.text("meet:meetingUUID")
    call(sandbox.url, ("meeting.DelMeeting", f"<meetingUUID>{uuid}</meetingUUID>")).ok()
    gone = call(sandbox.url, ("ep.GetSessionInfo", f"<meetingUUID>{uuid}</meetingUUID>"))
    gone.fails_with("060001")


def test_before_40_6_0_there_is_no_uuid(make_sandbox):
    old = make_sandbox(api_version="40.4.9")
    info = call(old.url, ("ep.GetSessionInfo", f"<sessionKey>{DEMO_SESSION_KEY}</sessionKey>"))
    assert info.ok().text("ep:meetingUUID") is None
    created = call(old.url, ("meeting.CreateMeeting", "")).ok()
    assert created.text("meet:meetingUUID") is None
    by_uuid = call(old.url, ("meeting.GetMeeting",
                             f"<meetingUUID>{DEMO_MEETING_UUID}</meetingUUID>"))
    by_uuid.fails_with("000000")


@pytest.mark.parametrize("command", ["LsttrainingattendeeHistory", "LsteventattendeeHistory",
                                     "LstsupportattendeeHistory"])
def test_attendee_history_uuid_from_40_7_0(make_sandbox, command):
    new = make_sandbox(api_version="40.7.0")
    answer = call(new.url, (f"history.{command}", "")).ok()
    uuid = answer.body()[1][2]  # first record: confID, sessionKey, meetingUUID
    assert uuid.tag.endswith("}meetingUUID") and UUID_RE.match(uuid.text)
    filtered = call(new.url, (f"history.{command}", f"<meetingUUID>{uuid.text}</meetingUUID>"))
    records = filtered.ok().body()[1:]
    assert records and all(r[2].text == uuid.text for r in records)
    older = make_sandbox(api_version="40.6.1")
    previous = call(older.url, (f"history.{command}", "")).ok()
    assert not any(e.tag.endswith("}meetingUUID") for e in previous.body().iter())


def _pmr_user(sandbox):
    user = call(sandbox.url, ("user.GetUser", "<webExId>bob</webExId>")).ok()
    return user.text("use:personalMeetingRoom/use:accessCode")


def test_get_session_info_by_pmr_url_sip_url_and_meeting_link(sandbox):
    access_code = _pmr_user(sandbox)
    by_pmr = call(sandbox.url, ("ep.GetSessionInfo",
                                "<pmrUrl>https://sandbox.webex.com/meet/bob</pmrUrl>")).ok()
    assert by_pmr.text("ep:sessionkey") == access_code
    by_code = call(sandbox.url, ("ep.GetSessionInfo", f"<sessionKey>{access_code}</sessionKey>"))
    assert by_code.ok().text("ep:meetingUUID") == by_pmr.text("ep:meetingUUID")
    by_sip = call(sandbox.url, ("ep.GetSessionInfo", "<sipUrl>bob@sandbox.webex.com</sipUrl>"))
    assert by_sip.ok().text("ep:sessionkey") == access_code
    by_key_sip = call(sandbox.url, ("ep.GetSessionInfo",
                                    f"<sipUrl>{DEMO_SESSION_KEY}@sandbox.webex.com</sipUrl>"))
    assert by_key_sip.ok().text("ep:meetingUUID") == DEMO_MEETING_UUID
    link = call(sandbox.url, ("ep.GetSessionInfo", f"<sessionKey>{DEMO_SESSION_KEY}</sessionKey>")
                ).ok().text("ep:meetingLink")
    by_link = call(sandbox.url, ("ep.GetSessionInfo", f"<meetingLink>{link}</meetingLink>"))
    assert by_link.ok().text("ep:sessionkey") == DEMO_SESSION_KEY
    by_uuid = call(sandbox.url, ("ep.GetSessionInfo",
                                 f"<meetingUuid>{DEMO_MEETING_UUID}</meetingUuid>"))
    assert by_uuid.ok().text("ep:sessionkey") == DEMO_SESSION_KEY


def test_mobile_ids_need_40_1_0(make_sandbox):
    old = make_sandbox(api_version="39.11.0", seed="empty")
    answer = call(old.url, ("ep.GetSessionInfo",
                            "<pmrUrl>https://sandbox.webex.com/meet/admin</pmrUrl>"))
    assert "<pmrUrl>" in answer.fails_with("000000")  # an element 39.11.0 does not have
