"""Users: CRUD, welcome mail languages (3), umSiteAdmin (4), 110063 (5), GetUserCard (13),
PMR keys and the 7-day rule (15), email verification (16), tickets and JWT."""

from __future__ import annotations

import httpx
import pytest

from explorer.sandbox import jwt_hs256
from explorer.sandbox.demo import DEMO_E2EE_USER
from tests.sandbox.helpers import call, envelope, post

CREATE = ("<firstName>{first}</firstName><lastName>Tester</lastName><webExId>{webex_id}</webExId>"
          "<password>pw-{webex_id}</password><email>{webex_id}@example.org</email>"
          "<privilege><host>true</host>{privilege}</privilege>{extra}")


def create_user(url, new_id, *, first="Test", privilege="", extra="", **auth):
    inner = CREATE.format(first=first, webex_id=new_id, privilege=privilege, extra=extra)
    return call(url, ("user.CreateUser", inner), **auth)


def outbox(handle):
    return httpx.get(f"{handle.base_url}/sandbox/outbox").json()


def advance(handle, seconds):
    answer = httpx.post(f"{handle.base_url}/sandbox/clock", json={"advance_seconds": seconds})
    assert answer.status_code == 200
    return answer.json()


def test_user_crud(sandbox):
    create_user(sandbox.url, "crud1").ok()
    got = call(sandbox.url, ("user.GetUser", "<webExId>crud1</webExId>")).ok()
    assert got.text("use:email") == "crud1@example.org"
    assert got.text("use:active") == "ACTIVATED"
    call(sandbox.url, ("user.SetUser", "<webExId>crud1</webExId><firstName>Changed</firstName>")
         ).ok()
    assert call(sandbox.url, ("user.GetUser", "<webExId>crud1</webExId>")).ok().text(
        "use:firstName") == "Changed"
    listed = call(sandbox.url, ("user.LstsummaryUser", "<webExId>crud*</webExId>")).ok()
    assert [u.text for u in listed.all("use:user/use:webExId")] == ["crud1"]
    call(sandbox.url, ("user.DelUser", "<webExId>crud1</webExId>")).ok()
    got = call(sandbox.url, ("user.GetUser", "<webExId>crud1</webExId>")).ok()
    assert got.text("use:active") == "DEACTIVATED"
    create_user(sandbox.url, "crud1").fails_with("030004")


def test_non_admin_cannot_create_users(sandbox):
    answer = create_user(sandbox.url, "sneaky", webex_id="alice", password="sandbox")
    answer.fails_with("000001")


@pytest.mark.parametrize(("language_xml", "language"), [
    ("<languageID>19</languageID>", "Czech"), ("<language>Polish</language>", "Polish"),
    ("<languageID>21</languageID>", "Hungarian"), ("<languageID>22</languageID>", "Romanian"),
])
def test_welcome_mail_in_new_languages_from_40_7_0(make_sandbox, language_xml, language):
    handle = make_sandbox(api_version="40.7.0", seed="empty")
    extra = f"{language_xml}<sendWelcome>true</sendWelcome><isHTMLEmail>true</isHTMLEmail>"
    create_user(handle.url, "welcomed", extra=extra).ok()
    [mail] = outbox(handle)
    assert mail["to"] == "welcomed@example.org"
    assert mail["language"] == language
    assert mail["html"] is True and mail["body"].startswith("<html")


def test_new_language_ids_refused_before_40_7_0(make_sandbox):
    handle = make_sandbox(api_version="40.6.1", seed="empty")
    extra = "<languageID>19</languageID><sendWelcome>true</sendWelcome>"
    assert "languageID 19" in create_user(handle.url, "early", extra=extra).fails_with("000000")
    assert outbox(handle) == []


def test_html_mail_needs_40_4_3(make_sandbox):
    extra = ("<languageID>7</languageID><sendWelcome>true</sendWelcome>"
             "<isHTMLEmail>true</isHTMLEmail>")
    old = make_sandbox(api_version="40.4.0", seed="empty")
    assert "<isHTMLEmail>" in create_user(old.url, "plain", extra=extra).fails_with("000000")
    create_user(old.url, "plain", extra=extra.replace("<isHTMLEmail>true</isHTMLEmail>", "")
                ).ok()
    [mail] = outbox(old)
    assert (mail["language"], mail["html"]) == ("German", False)
    new = make_sandbox(api_version="40.4.3", seed="empty")
    create_user(new.url, "rich", extra=extra).ok()
    assert outbox(new)[0]["html"] is True


def test_um_site_admin_from_40_6_0(make_sandbox):
    handle = make_sandbox(api_version="40.6.0", seed="empty")
    create_user(handle.url, "umadmin", privilege="<umSiteAdmin>true</umSiteAdmin>").ok()
    me = call(handle.url, ("user.GetMe", ""), webex_id="umadmin", password="pw-umadmin").ok()
    assert me.text("use:privilege/use:umSiteAdmin") == "true"
    listed = call(handle.url, ("user.LstsummaryUser", "<webExId>umadmin</webExId>")).ok()
    assert listed.text("use:user/use:privilege/use:umSiteAdmin") == "true"
    # A user-management admin manages users, but does not make admins.
    create_user(handle.url, "madebyum", webex_id="umadmin", password="pw-umadmin").ok()
    create_user(handle.url, "adminbyum", privilege="<siteAdmin>true</siteAdmin>",
                webex_id="umadmin", password="pw-umadmin").fails_with("000001")
    call(handle.url, ("user.SetUser", "<webExId>umadmin</webExId><privilege>"
                      "<umSiteAdmin>false</umSiteAdmin></privilege>")).ok()
    me = call(handle.url, ("user.GetMe", ""), webex_id="umadmin", password="pw-umadmin").ok()
    assert me.text("use:privilege/use:umSiteAdmin") == "false"
    old = make_sandbox(api_version="40.4.9", seed="empty")
    refused = create_user(old.url, "umold", privilege="<umSiteAdmin>true</umSiteAdmin>")
    assert "<umSiteAdmin>" in refused.fails_with("000000")
    create_user(old.url, "umold").ok()
    me = call(old.url, ("user.GetMe", ""), webex_id="umold", password="pw-umold").ok()
    assert me.text("use:privilege/use:umSiteAdmin") is None


def test_pmr_on_e2ee_only_user_is_110063(make_sandbox):
    handle = make_sandbox(api_version="40.6.1")
    enable = (f"<webExId>{DEMO_E2EE_USER}</webExId>"
              "<privilege><isEnablePMR>true</isEnablePMR></privilege>")
    reason = call(handle.url, ("user.SetUser", enable)).fails_with("110063")
    assert reason == "The user must have at least one non-E2EE meeting type to enable PMR."
    create = create_user(handle.url, "e2ee2", privilege="<isEnablePMR>true</isEnablePMR>",
                         extra="<meetingTypes><meetingType>11</meetingType></meetingTypes>")
    create.fails_with("110063")
    mixed = create_user(handle.url, "e2ee3", privilege="<isEnablePMR>true</isEnablePMR>",
                        extra="<meetingTypes><meetingType>11</meetingType>"
                              "<meetingType>3</meetingType></meetingTypes>")
    mixed.ok()
    older = make_sandbox(api_version="40.6.0")
    call(older.url, ("user.SetUser", enable)).ok()


def test_get_user_card_shows_the_pmr_access_code(sandbox):
    user = call(sandbox.url, ("user.GetUser", "<webExId>alice</webExId>")).ok()
    code = user.text("use:personalMeetingRoom/use:accessCode")
    assert code and code.isdigit()
    card = call(sandbox.url, ("user.GetUserCard", "<webExId>alice</webExId>"),
                webex_id=None, password=None).ok()
    assert card.text("use:personalMeetingRoom/use:accessCode") == code
    assert card.text("use:personalMeetingRoom/use:personalMeetingRoomURL").endswith("/meet/alice")
    assert card.text("use:avatar/use:isUploaded") == "false"


def test_get_user_card_with_jwt(sandbox):
    key = sandbox.config.jwt_key
    now = sandbox.app.clock.now()
    good = jwt_hs256.sign({"apikey": "k1", "exp": int(now) + 600}, key)
    document = envelope(("user.GetUserCard", "<webExId>bob</webExId>"),
                        webex_id=None, password=None)
    answer = post(sandbox.url, document, {"JWTToken": good}).ok()
    assert answer.text("use:personalMeetingRoom/use:title") == "Bob's Personal Room"
    expired = jwt_hs256.sign({"apikey": "k1", "exp": int(now) - 5}, key)
    assert "expired" in post(sandbox.url, document, {"JWTToken": expired}).fails_with("000001")
    forged = jwt_hs256.sign({"apikey": "k1", "exp": int(now) + 600}, "not-the-key")
    assert "signature" in post(sandbox.url, document, {"JWTToken": forged}).fails_with("000001")
    garbage = post(sandbox.url, document, {"JWTToken": "bad.token.x"}).fails_with("000001")
    assert garbage.endswith("JWTToken cannot be decoded: expected three base64url parts, a JSON "
                            "header and JSON claims")
    other = envelope(("user.GetUser", "<webExId>bob</webExId>"), webex_id=None, password=None)
    assert "GetUserCard" in post(sandbox.url, other, {"JWTToken": good}).fails_with("000001")


def _access_code(url, webex_id):
    return call(url, ("user.GetUser", f"<webExId>{webex_id}</webExId>")).ok().text(
        "use:personalMeetingRoom/use:accessCode")


def test_pmr_key_kept_within_seven_days_and_renewed_after(make_sandbox):
    handle = make_sandbox(api_version="40.6.0", seed="empty")
    create_user(handle.url, "pmr1").ok()
    create_user(handle.url, "pmr2").ok()
    first1, first2 = _access_code(handle.url, "pmr1"), _access_code(handle.url, "pmr2")
    call(handle.url, ("user.DelUser", "<webExId>pmr1</webExId>")).ok()
    call(handle.url, ("user.SetUser", "<webExId>pmr2</webExId>"
                      "<privilege><isEnablePMR>false</isEnablePMR></privilege>")).ok()
    assert _access_code(handle.url, "pmr1") is None
    advance(handle, 6 * 86400)
    call(handle.url, ("user.SetUser", "<webExId>pmr1</webExId><active>ACTIVATED</active>")).ok()
    assert _access_code(handle.url, "pmr1") == first1
    advance(handle, 2 * 86400)  # pmr2's PMR has now been off for 8 days
    call(handle.url, ("user.SetUser", "<webExId>pmr2</webExId>"
                      "<privilege><isEnablePMR>true</isEnablePMR></privilege>")).ok()
    renewed = _access_code(handle.url, "pmr2")
    assert renewed and renewed != first2


def test_pmr_key_renewed_before_40_6_0(make_sandbox):
    handle = make_sandbox(api_version="40.4.9", seed="empty")
    create_user(handle.url, "pmr3").ok()
    first = _access_code(handle.url, "pmr3")
    call(handle.url, ("user.DelUser", "<webExId>pmr3</webExId>")).ok()
    advance(handle, 3600)
    call(handle.url, ("user.SetUser", "<webExId>pmr3</webExId><active>ACTIVATED</active>")).ok()
    assert _access_code(handle.url, "pmr3") != first


def test_email_change_waits_for_confirmation(make_sandbox):
    handle = make_sandbox(api_version="40.4.0")
    change = "<webExId>dana</webExId><email>{}</email>"
    as_dana = {"webex_id": "dana", "password": "sandbox"}
    call(handle.url, ("user.SetUser", change.format("dana.first@example.org")), **as_dana).ok()
    call(handle.url, ("user.SetUser", change.format("dana.new@example.org")), **as_dana).ok()
    got = call(handle.url, ("user.GetUser", "<webExId>dana</webExId>")).ok()
    assert got.text("use:email") == "dana@sandbox.example.com"  # unchanged until confirmed
    mails = [m for m in outbox(handle) if m["subject"] == "Webex account change confirmation"]
    assert [m["to"] for m in mails] == ["dana.first@example.org", "dana.new@example.org"]
    stale = httpx.get(mails[0]["links"][0])
    assert stale.status_code == 404  # only the latest new address awaits confirmation
    confirmed = httpx.get(mails[1]["links"][0])
    assert confirmed.status_code == 200 and mails[1]["links"][0].startswith(handle.base_url)
    got = call(handle.url, ("user.GetUser", "<webExId>dana</webExId>")).ok()
    assert got.text("use:email") == "dana.new@example.org"


def test_admin_email_change_applies_at_once(make_sandbox):
    handle = make_sandbox(api_version="40.4.0")
    call(handle.url, ("user.SetUser", "<webExId>erik</webExId><email>e@example.org</email>")).ok()
    got = call(handle.url, ("user.GetUser", "<webExId>erik</webExId>")).ok()
    assert got.text("use:email") == "e@example.org"
    assert outbox(handle) == []


def test_email_change_is_immediate_without_the_site_option_or_before_40_4_0(make_sandbox):
    for settings in ({"api_version": "40.4.0", "email_verification": False},
                     {"api_version": "40.2.9"}):
        handle = make_sandbox(**settings)
        call(handle.url, ("user.SetUser", "<webExId>bob</webExId><email>b@example.org</email>"),
             webex_id="bob", password="sandbox").ok()
        got = call(handle.url, ("user.GetUser", "<webExId>bob</webExId>")).ok()
        assert got.text("use:email") == "b@example.org"


def test_session_ticket_expires_after_time_to_live(make_sandbox):
    handle = make_sandbox(seed="empty")
    auth = call(handle.url, ("user.AuthenticateUser", "")).ok()
    ticket = auth.text("use:sessionTicket")
    assert auth.text("use:timeToLive") == "5400"
    security = ("<siteName>sandbox</siteName><webExID>admin</webExID>"
                f"<sessionTicket>{ticket}</sessionTicket>")
    by_ticket = post(handle.url, envelope(("user.GetMe", ""), security=security)).ok()
    assert by_ticket.text("use:webExId") == "admin"
    advance(handle, 5401)
    expired = post(handle.url, envelope(("user.GetMe", ""), security=security))
    assert expired.fails_with("030047") == "Not a valid session ticket"


def test_access_token_authenticates(make_sandbox):
    handle = make_sandbox(seed="empty")
    token = jwt_hs256.sign({"sub": "admin", "exp": int(handle.app.clock.now()) + 60},
                           handle.config.jwt_key)
    auth = call(handle.url, ("user.AuthenticateUser", f"<accessToken>{token}</accessToken>"),
                webex_id=None, password=None).ok()
    assert len(auth.text("use:sessionTicket")) == 48
    security = ("<siteName>sandbox</siteName><webExID>admin</webExID>"
                f"<webExAccessToken>{token}</webExAccessToken>")
    post(handle.url, envelope(("user.GetMe", ""), security=security)).ok()


def test_pmr_already_on_cannot_keep_only_e2ee_types(make_sandbox):
    handle = make_sandbox(api_version="40.6.1", seed="empty")
    create_user(handle.url, "pmron", privilege="<isEnablePMR>true</isEnablePMR>").ok()
    e2ee_only = ("<webExId>pmron</webExId><meetingTypes><meetingType>11</meetingType>"
                 "</meetingTypes><privilege><isEnablePMR>true</isEnablePMR></privilege>")
    call(handle.url, ("user.SetUser", e2ee_only)).fails_with("110063")


def test_a_user_management_admin_is_no_site_admin(make_sandbox):
    handle = make_sandbox(api_version="40.6.0", seed="empty")
    create_user(handle.url, "um", privilege="<umSiteAdmin>true</umSiteAdmin>").ok()
    create_user(handle.url, "carol").ok()
    as_um = {"webex_id": "um", "password": "pw-um"}
    # Only the site admin's email changes skip the confirmation mail (40.4.0).
    call(handle.url, ("user.SetUser", "<webExId>carol</webExId><email>c2@example.org</email>"),
         **as_um).ok()
    got = call(handle.url, ("user.GetUser", "<webExId>carol</webExId>")).ok()
    assert got.text("use:email") == "carol@example.org"
    assert [m["to"] for m in outbox(handle)][-1] == "c2@example.org"
    # The site admin is out of a user-management admin's reach.
    call(handle.url, ("user.SetUser", "<webExId>admin</webExId><email>x@example.org</email>"),
         **as_um).fails_with("000001")
    call(handle.url, ("user.DelUser", "<webExId>admin</webExId>"), **as_um).fails_with("000001")
    # Asked as 40.5.9, the privilege does not exist yet.
    older = f"{handle.url}?api-version=40.5.9"
    create_user(older, "late", **as_um).fails_with("000001")
    create_user(handle.url, "late", **as_um).ok()


def test_before_the_meeting_uuid_a_list_filter_by_it_is_refused(make_sandbox):
    handle = make_sandbox(api_version="40.4.9")
    refused = call(handle.url, ("ep.LstsummarySession",
                                "<meetingUUID>039c00dd25c64ab0812dda22bb8a4fcc</meetingUUID>"))
    assert "<meetingUUID>" in refused.fails_with("000000")
    assert "40.6.0" in refused.reasons[0]
