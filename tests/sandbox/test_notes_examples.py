"""The release notes' own request examples, sent as written (credentials swapped for the demo
site's): the sandbox answers them the way the notes say."""

from __future__ import annotations

import re

import pytest

from explorer.sandbox.demo import DEMO_MEETING_UUID, DEMO_SESSION_KEY
from tests.fixtures.notes_samples import notes_samples, requires_notes
from tests.sandbox.helpers import post

_SECURITY = ((re.compile(r"<siteName>[^<]*</siteName>"), "<siteName>sandbox</siteName>"),
             (re.compile(r"<webExID>[^<]*</webExID>"), "<webExID>admin</webExID>"),
             (re.compile(r"<password>[^<]*</password>"), "<password>sandbox</password>"))


def _requests() -> dict[str, str]:
    found = {}
    for sample in notes_samples():
        text = sample.text
        if sample.is_response or "bodyContent" not in text or "message" not in text:
            continue
        text = text[text.index("<?xml"):] if "<?xml" in text else text
        for pattern, value in _SECURITY:
            text = pattern.sub(value, text)
        found[sample.id] = text
    return found


# The notes' web page put non-breaking spaces between attributes; real servers (and the
# sandbox) refuse that, and the explorer turns them into spaces when a request is pasted.
pytestmark = requires_notes
RAW = _requests()
REQUESTS = {key: text.replace("\u00a0", " ") for key, text in RAW.items()}



def send(sandbox, sample_id: str, version_handle=None):
    document = REQUESTS[sample_id]
    encoding = "iso-8859-1" if 'encoding="ISO-8859-1"' in document else "utf-8"
    return post((version_handle or sandbox).url, document.encode(encoding))


def test_raw_paste_with_non_breaking_spaces_fails_cleanly(sandbox):
    raw = RAW["ja:L754"]
    assert "\u00a0" in raw
    assert "not well-formed" in post(sandbox.url, raw).fails_with("000000")


def test_every_notes_request_gets_an_answer(sandbox):
    assert len(REQUESTS) >= 15
    for sample_id in REQUESTS:
        answer = send(sandbox, sample_id)
        assert answer.status == 200 and answer.root is not None, sample_id
        assert all(r in ("SUCCESS", "FAILURE") for r in answer.results), sample_id
        assert not any("internal error" in (r or "") for r in answer.reasons), sample_id


def test_get_session_info_examples_answer_the_notes_meeting(sandbox):
    # "<sessionKey>805325231</sessionKey> または <meetingUUID>...": the key wins.
    for sample_id in ("ja:L17", "ja:L413"):
        answer = send(sandbox, sample_id).ok()
        assert answer.text("ep:sessionkey") == DEMO_SESSION_KEY
        assert answer.text("ep:meetingUUID") == DEMO_MEETING_UUID


def test_czech_example_nests_bodies_and_fails_cleanly(sandbox):
    answer = send(sandbox, "ja:L97")  # CreateUser nested inside GetSessionInfo (invalid)
    assert answer.results == ["FAILURE"] and answer.exception_ids == ["000000"]


def test_anonymous_lstsummary_session_example_is_000015(sandbox):
    assert send(sandbox, "ja:L970").fails_with("000015") == "Sorry, no record found"


def test_bodycontent_example_passes_the_default_limit(sandbox):
    answer = send(sandbox, "ja:L754")
    assert len(answer.results) == 3 and "000053" not in answer.exception_ids


def test_create_meeting_example_is_in_the_past_now(make_sandbox, sandbox):
    # startDate 10/28/2020: refused since 40.2.0; a 40.1.2 server generated a password for it.
    send(sandbox, "ja:L1046").fails_with("060016")
    old = make_sandbox(api_version="40.1.2", seed="empty")
    created = send(sandbox, "ja:L1046", old).ok()
    assert created.text("meet:meetingkey") and created.text("meet:meetingPassword")


@pytest.mark.parametrize("sample_id", ["ja:L298", "ja:L796"])
def test_create_user_examples(make_sandbox, sample_id):
    handle = make_sandbox(seed="empty")
    send(handle, sample_id, handle).ok()
    send(handle, sample_id, handle).fails_with("030004")  # the same webExId again


def test_get_user_card_example_with_its_2009_namespace(sandbox):
    document = REQUESTS["ja:L343"].replace("{sitename}", "sandbox").replace("{userName}", "bob")
    answer = post(sandbox.url, document, {"Content-Type": "application/json;charset=utf-8"})
    assert answer.ok().text("use:personalMeetingRoom/use:personalMeetingRoomURL").endswith(
        "/meet/bob")


def test_access_anywhere_example_from_2019_finds_no_record(sandbox):
    send(sandbox, "ja:L1150").fails_with("000015")  # no host test1, and 2019 is long gone


def test_with_the_clock_set_to_2019_the_create_meeting_example_is_in_the_future(make_sandbox):
    from datetime import UTC, datetime

    handle = make_sandbox(seed="empty", clock_start=datetime(2019, 11, 1, tzinfo=UTC))
    created = send(handle, "ja:L1046", handle).ok()
    assert created.text("meet:meetingPassword")
