"""Lists: anonymous LstsummarySession (9), LstsummarySession (14), GetEnrollmentInfo (17),
LstAccessAnywhereHistory (18), GetSite, SetSite, LstTimeZone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from explorer.sandbox.demo import DEMO_REGISTRATION_MEETING_KEY, DEMO_SESSION_KEY
from tests.sandbox.helpers import call

ALL_SERVICES = ("<serviceTypes><serviceType>EventCenter</serviceType>"
                "<serviceType>MeetingCenter</serviceType><serviceType>SalesCenter</serviceType>"
                "<serviceType>TrainingCenter</serviceType><serviceType>SupportCenter</serviceType>"
                "</serviceTypes>")


def listing(start: int, maximum: int, method: str = "AND") -> str:
    return (f"<listControl><startFrom>{start}</startFrom><maximumNum>{maximum}</maximumNum>"
            f"<listMethod>{method}</listMethod></listControl>")


def test_anonymous_lstsummary_session_is_000015_from_40_2_0(make_sandbox):
    new = make_sandbox(api_version="40.2.0")
    answer = call(new.url, ("ep.LstsummarySession", f"<sessionKey>{DEMO_SESSION_KEY}</sessionKey>"),
                  webex_id=None, password=None)
    assert answer.fails_with("000015") == "Sorry, no record found"
    call(new.url, ("ep.LstsummarySession", "")).ok()  # with credentials it lists
    old = make_sandbox(api_version="40.1.2")
    listed = call(old.url, ("ep.LstsummarySession", ""), webex_id=None, password=None).ok()
    assert {s.text for s in listed.all("ep:session/ep:listStatus")} == {"PUBLIC"}


def test_lstsummary_session_pages_in_order(sandbox):
    order = ("<order><orderBy>HOSTWEBEXID</orderBy><orderAD>ASC</orderAD>"
             "<orderBy>STARTTIME</orderBy><orderAD>DESC</orderAD></order>")
    first = call(sandbox.url, ("ep.LstsummarySession", listing(1, 20) + order)).ok()
    total = int(first.text("ep:matchingRecords/serv:total"))
    assert total >= 250  # a few hundred demo sessions to page through
    rows = [(s.findtext("{*}hostWebExID"), s.findtext("{*}startTime"))
            for s in first.all("ep:session")]
    assert len(rows) == 20
    hosts = [h for h, _ in rows]
    assert hosts == sorted(hosts, key=str.lower)
    second = call(sandbox.url, ("ep.LstsummarySession", listing(21, 20) + order)).ok()
    assert second.text("ep:matchingRecords/serv:startFrom") == "21"
    first_keys = {s.text for s in first.all("ep:session/ep:sessionKey")}
    second_keys = {s.text for s in second.all("ep:session/ep:sessionKey")}
    assert first_keys.isdisjoint(second_keys)
    last = call(sandbox.url, ("ep.LstsummarySession", listing(total, 20))).ok()
    assert last.text("ep:matchingRecords/serv:returned") == "1"


def test_lstsummary_session_service_types(sandbox):
    training = call(sandbox.url, ("ep.LstsummarySession", listing(1, 500) +
                                  "<serviceTypes><serviceType>TrainingCenter</serviceType>"
                                  "</serviceTypes>")).ok()
    assert {s.text for s in training.all("ep:session/ep:serviceType")} == {"TrainingCenter"}
    everything = call(sandbox.url, ("ep.LstsummarySession", listing(1, 500) + ALL_SERVICES)).ok()
    assert len({s.text for s in everything.all("ep:session/ep:serviceType")}) == 5


def test_lstsummary_session_date_scope_uses_time_zone(sandbox):
    info = call(sandbox.url, ("ep.GetSessionInfo",
                              f"<sessionKey>{DEMO_SESSION_KEY}</sessionKey>")).ok()
    start_local = datetime.strptime(info.text("ep:schedule/ep:startDate"), "%m/%d/%Y %H:%M:%S")
    assert info.text("ep:schedule/ep:timeZoneID") == "4"
    start_utc = start_local + timedelta(hours=8)  # San Jose is GMT-08:00
    in_tokyo = start_utc + timedelta(hours=9)
    fmt = "%m/%d/%Y %H:%M:%S"

    def scope(tz_id: int) -> str:
        return (f"<dateScope><startDateStart>{(in_tokyo - timedelta(minutes=1)).strftime(fmt)}"
                f"</startDateStart><startDateEnd>{(in_tokyo + timedelta(minutes=1)).strftime(fmt)}"
                f"</startDateEnd><timeZoneID>{tz_id}</timeZoneID></dateScope>")

    tokyo = call(sandbox.url, ("ep.LstsummarySession", scope(49))).ok()
    assert DEMO_SESSION_KEY in {s.text for s in tokyo.all("ep:session/ep:sessionKey")}
    london = call(sandbox.url, ("ep.LstsummarySession", scope(21)))
    if london.results == ["SUCCESS"]:
        assert DEMO_SESSION_KEY not in {s.text for s in london.all("ep:session/ep:sessionKey")}
    else:
        london.fails_with("000015")


def _pmr_flags(url: str, flag: str) -> list[str | None]:
    answer = call(url, ("ep.LstsummarySession", listing(1, 500) + flag)).ok()
    return [s.findtext("{*}isScheduledPMR") for s in answer.all("ep:session")]


def test_return_scheduled_pmr(sandbox):
    flags = _pmr_flags(sandbox.url, "<returnScheduledPMR>true</returnScheduledPMR>")
    assert flags.count("true") >= 3 and "false" in flags
    without = _pmr_flags(sandbox.url, "")
    assert set(without) == {None} and len(without) == len(flags) - flags.count("true")


def test_get_site_reports_the_scheduled_pmr_toggle_and_set_site_turns_it_off(make_sandbox):
    handle = make_sandbox(api_version="40.6.0")
    site = call(handle.url, ("site.GetSite", "")).ok()
    option = "ns1:siteInstance/ns1:siteCommonOptions/ns1:SupportXMLAPIReturnScheduledPMR"
    assert site.text(option) == "true"
    assert b"xmlns:ns1=" in site.raw and b'xsi:type="ns1:getSiteResponse"' in site.raw
    call(handle.url, ("site.SetSite", "<siteInstance><siteCommonOptions>"
                      "<SupportXMLAPIReturnScheduledPMR>false</SupportXMLAPIReturnScheduledPMR>"
                      "</siteCommonOptions></siteInstance>")).ok()
    assert call(handle.url, ("site.GetSite", "")).ok().text(option) == "false"
    flags = _pmr_flags(handle.url, "<returnScheduledPMR>true</returnScheduledPMR>")
    assert set(flags) == {None}
    older = make_sandbox(api_version="40.4.9")
    assert call(older.url, ("site.GetSite", "")).ok().text(option) is None
    # Before 40.6.0 the element does not exist: refused, not quietly ignored.
    refused = call(older.url, ("ep.LstsummarySession",
                               "<returnScheduledPMR>true</returnScheduledPMR>"))
    assert "<returnScheduledPMR>" in refused.fails_with("000000")


def test_get_site_reports_the_password_option(make_sandbox):
    handle = make_sandbox(seed="empty", meeting_password_required=False)
    site = call(handle.url, ("site.GetSite", "")).ok()
    assert site.text("ns1:siteInstance/ns1:securityOptions/ns1:allMeetingsPassword") == "false"


@pytest.mark.parametrize(("version", "blank"), [("40.4.0", True), ("40.7.0", True),
                                                ("40.2.9", False)])
def test_enrollment_info_domain(make_sandbox, version, blank):
    handle = make_sandbox(api_version=version)
    answer = call(handle.url, ("attendee.GetEnrollmentInfo",
                               f"<sessionKey>{DEMO_REGISTRATION_MEETING_KEY}</sessionKey>")).ok()
    attendees = answer.all("att:session/att:attendee")
    assert len(attendees) >= 3
    domains = [a.findtext("{*}domain") for a in attendees]
    if blank:
        assert all(d is not None and d.strip() == "" for d in domains)
    else:
        assert all(d and d.strip() for d in domains)
    assert answer.text("att:session/att:sessionKey") == DEMO_REGISTRATION_MEETING_KEY
    assert answer.text("att:session/att:matchingRecords/serv:total") == str(len(attendees))
    first = attendees[0]
    assert first.findtext("{*}enrollFields/{*}defaultFields/{*}firstName")
    assert first.findtext("{*}status") == "APPROVED"


AA = "history.LstAccessAnywhereHistory"


def _window(handle, days_back: int, days_len: int) -> tuple[str, str]:
    fmt = "%m/%d/%Y %H:%M:%S"
    now = datetime.fromtimestamp(handle.app.clock.now(), UTC) - timedelta(hours=8)  # admin: tz 4
    return ((now - timedelta(days=days_back)).strftime(fmt),
            (now - timedelta(days=days_back - days_len)).strftime(fmt))


def test_access_anywhere_history_scopes_paging_order(sandbox):
    low, high = _window(sandbox, 60, 30)
    scope = (f"<startTimeScope><sessionStartTimeStart>{low}</sessionStartTimeStart>"
             f"<sessionStartTimeEnd>{high}</sessionStartTimeEnd></startTimeScope>")
    order = "<order><orderBy>STARTTIME</orderBy><orderAD>DESC</orderAD></order>"
    first = call(sandbox.url, (AA, scope + listing(1, 10) + order)).ok()
    assert b'xsi:type="history:LstAccessAnywhereHistoryResponse"' in first.raw
    total = int(first.text("history:matchingRecords/serv:total"))
    assert 10 < total < 240
    starts = [datetime.strptime(t.text, "%m/%d/%Y %H:%M:%S")
              for t in first.all("history:accessAnyWhereInfo/history:startTime")]
    assert len(starts) == 10 and starts == sorted(starts, reverse=True)
    low_dt = datetime.strptime(low, "%m/%d/%Y %H:%M:%S")
    high_dt = datetime.strptime(high, "%m/%d/%Y %H:%M:%S")
    assert all(low_dt <= s <= high_dt for s in starts)
    info = first.all("history:accessAnyWhereInfo")[0]
    assert [c.tag.rpartition("}")[2] for c in info] == [
        "confID", "userName", "computerName", "clientIP", "startTime", "endTime", "duration"]
    page2 = call(sandbox.url, (AA, scope + listing(11, 10) + order)).ok()
    later = [datetime.strptime(t.text, "%m/%d/%Y %H:%M:%S")
             for t in page2.all("history:accessAnyWhereInfo/history:startTime")]
    assert later and later[0] <= starts[-1]
    everything = call(sandbox.url, (AA, listing(1, 500))).ok()
    assert int(everything.text("history:matchingRecords/serv:total")) == 240
    # The same scope read in Tokyo time (GMT+09:00, 17 hours ahead of San Jose) moves the window.
    tokyo = call(sandbox.url, (AA, scope + listing(1, 10) + order + "<timeZoneID>49</timeZoneID>"))
    shown = [datetime.strptime(t.text, "%m/%d/%Y %H:%M:%S")
             for t in tokyo.ok().all("history:accessAnyWhereInfo/history:startTime")]
    assert shown and all(low_dt <= s <= high_dt for s in shown)  # shown in Tokyo time too
    assert shown != starts


def test_access_anywhere_history_or_combines_scopes(sandbox):
    a_low, a_high = _window(sandbox, 80, 5)
    b_low, b_high = _window(sandbox, 20, 5)
    start_scope = (f"<startTimeScope><sessionStartTimeStart>{a_low}</sessionStartTimeStart>"
                   f"<sessionStartTimeEnd>{a_high}</sessionStartTimeEnd></startTimeScope>")
    end_scope = (f"<endTimeScope><sessionEndTimeStart>{b_low}</sessionEndTimeStart>"
                 f"<sessionEndTimeEnd>{b_high}</sessionEndTimeEnd></endTimeScope>")

    def total(body: str) -> int:
        answer = call(sandbox.url, (AA, body))
        if answer.results == ["FAILURE"]:
            answer.fails_with("000015")
            return 0
        return int(answer.text("history:matchingRecords/serv:total"))

    only_start = total(start_scope)
    only_end = total(end_scope)
    either = total(start_scope + end_scope + listing(1, 10, "OR"))
    both = total(start_scope + end_scope + listing(1, 10, "AND"))
    assert only_start > 0 and only_end > 0
    assert either == only_start + only_end and both == 0


def test_access_anywhere_history_of_a_host_and_privileges(sandbox):
    mine = call(sandbox.url, (AA, listing(1, 500)), webex_id="bob", password="sandbox").ok()
    assert {u.text for u in mine.all("history:accessAnyWhereInfo/history:userName")} == {"bob"}
    other = call(sandbox.url, (AA, "<hostWebexID>alice</hostWebexID>"), webex_id="bob",
                 password="sandbox")
    other.fails_with("000001")


def test_access_anywhere_history_arrived_in_40_1_0(make_sandbox):
    old = make_sandbox(api_version="39.11.0", seed="empty")
    assert "LstAccessAnywhereHistory" in call(old.url, (AA, "")).fails_with("000000")


def test_lst_time_zone(sandbox):
    answer = call(sandbox.url, ("site.LstTimeZone", "<timeZoneID>49</timeZoneID>")).ok()
    assert answer.text("ns1:timeZone/ns1:gmtOffset") == "540"
    assert answer.text("ns1:timeZone/ns1:description") == "GMT+09:00, Tokyo (Tokyo)"
    assert len(call(sandbox.url, ("site.LstTimeZone", "")).ok().all("ns1:timeZone")) == 62
