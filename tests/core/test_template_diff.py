from explorer.core.template_diff import diff_versions
from explorer.core.templates import default_library
from explorer.core.versions import Version

V = Version.parse
LIB = default_library()


def added(unified: str) -> list[str]:
    return [
        line[1:]
        for line in unified.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]


def test_create_meeting_registration_form_diff():
    diff = diff_versions(LIB.get("CreateMeeting"), V("40.6.0"), V("40.6.1"))
    lines = added(diff.unified)
    assert lines[0] == "<registrationForm>" and lines[-1] == "</registrationForm>"
    assert "    <title>" in lines and "        <req>true</req>" in lines
    assert not [
        line
        for line in diff.unified.splitlines()
        if line.startswith("-") and not line.startswith("---")
    ]
    assert (
        "--- CreateMeeting @ 40.6.0" in diff.unified
        and "+++ CreateMeeting @ 40.6.1" in diff.unified
    )
    assert [c.id for c in diff.changes] == ["registration-form"]
    notes = diff.notes()
    assert notes[0].startswith("+ 40.6.1 + 40.4.9 registration-form (request-element)")
    assert "ja:L135-252" in notes[0]
    assert "出席者登録フォーム" in diff.notes("ja")[0]


def test_diff_backwards_marks_changes_removed():
    diff = diff_versions(LIB.get("CreateMeeting"), V("40.4.9"), V("40.6.0"))
    removed = [line for line in diff.unified.splitlines() if line.startswith("-<")]
    assert removed == ["-<registrationForm>", "-</registrationForm>"]
    # 40.6.0 gains meetingUUID (response) and loses the form that 40.4.9 had.
    assert {c.id for c in diff.changes} == {"registration-form", "meeting-uuid"}
    assert any(n.startswith("- 40.6.1 + 40.4.9 registration-form") for n in diff.notes())
    assert any(n.startswith("+ 40.6.0 meeting-uuid") for n in diff.notes())


def test_get_session_info_diff_shows_the_new_alternatives():
    diff = diff_versions(LIB.get("GetSessionInfo"), V("39.11.0"), V("40.6.0"))
    assert added(diff.unified) == [
        "<!-- or, instead of sessionKey: meetingUUID, pmrUrl, sipUrl, meetingLink, meetingUuid -->"
    ]
    assert [c.id for c in diff.changes] == [
        "session-info-mobile-ids",
        "body-content-limit",
        "usage-limit",
        "meeting-uuid",
    ]


def test_behaviour_only_changes_give_notes_without_body_diff():
    diff = diff_versions(LIB.get("SetUser"), V("40.2.9"), V("40.4.0"))
    assert diff.unified == ""
    assert [c.id for c in diff.changes] == ["body-content-limit", "email-verification"]
    text = diff.text()
    assert "request body identical at 40.2.9 and 40.4.0" in text
    assert "[000053]" in text and "email-verification (behaviour)" in text


def test_new_command_diffs_against_nothing():
    diff = diff_versions(LIB.get("LstAccessAnywhereHistory"), V("39.11.0"), V("40.1.0"))
    assert added(diff.unified)[0] == "<hostWebexID>{{webExID}}</hostWebexID>"
    assert [c.id for c in diff.changes] == ["access-anywhere-history"]


def test_same_version_has_no_changes():
    diff = diff_versions(LIB.get("GetMeeting"), V("40.7.0"), V("40.7.0"))
    assert diff.unified == "" and diff.changes == []
    assert "No documented change" in diff.text()
