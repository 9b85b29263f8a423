"""Prefilling template bodies with values from answers."""

from __future__ import annotations

from explorer.tui.prefill import prefill
from explorer.tui.requests import restore_secret_variables


def test_values_replace_variables_and_element_text():
    body = "<meetingKey>{{meetingKey}}</meetingKey>\n<attendeeName>x</attendeeName>\n"
    out = prefill(body, {"meetingKey": "123", "attendeeName": "A & B"})
    assert "<meetingKey>123</meetingKey>" in out
    assert "<attendeeName>A &amp; B</attendeeName>" in out


def test_element_names_match_case_insensitively():
    out = prefill("<meetingkey>{{meetingKey}}</meetingkey>\n", {"meetingKey": "42"})
    assert out == "<meetingkey>42</meetingkey>\n"


def test_meeting_uuid_stands_in_for_a_key():
    out = prefill("    <sessionKey>1</sessionKey>\n", {"meetingUUID": "ab" * 16})
    assert out == f"    <meetingUUID>{'ab' * 16}</meetingUUID>\n"


def test_registration_form_is_replaced_and_registration_turned_on():
    body = ("<attendeeOptions>\n    <registration>false</registration>\n</attendeeOptions>\n"
            "<registrationForm>\n    <title>\n        <req>false</req>\n    </title>\n"
            "</registrationForm>\n")
    out = prefill(body, {"registrationForm/title": "true", "registrationForm/city": "false"})
    assert "<registration>true</registration>" in out
    assert "<title><req>true</req></title>" in out
    assert "<city><req>false</req></city>" in out
    assert out.count("<registrationForm>") == 1


def test_registration_form_is_added_after_attendee_options():
    body = "<attendeeOptions>\n    <registration>true</registration>\n</attendeeOptions>\n<x/>\n"
    out = prefill(body, {"registrationForm/phone": "true"})
    assert out.index("</attendeeOptions>") < out.index("<registrationForm>") < out.index("<x/>")


def test_history_requests_get_their_secret_variables_back():
    text = "<password>********</password><webExAccessToken>********</webExAccessToken>"
    assert restore_secret_variables(text) == (
        "<password>{{password}}</password><webExAccessToken>{{accessToken}}</webExAccessToken>"
    )
