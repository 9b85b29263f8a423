"""Lint over every XML example of the 40.x notes, and one explicit test per listed quirk.

Quirks of xmlapi-40-changes.md that live in the notes' prose rather than in any XML (the
40.7.0 list naming LsttrainingattendeeHistory twice, the 40.4.8 text naming other commands
than its list) cannot be seen by a linter; for those the tests check that the facts lint
relies on cover every command the notes meant.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from explorer.core.errors import ResponseError
from explorer.core.lint import RULE_IDS, Finding, LintSettings, lint
from explorer.core.response import decode_response
from explorer.core.versions import Version
from tests.fixtures.notes_samples import NotesSample, notes_samples, require_notes, sample_at

NOW = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
SETTINGS = LintSettings(now=NOW)


def notes_findings(sample: NotesSample, version: str | None = None) -> list[tuple]:
    """(rule, severity, notes line) of each finding, line numbers in the notes' numbering."""
    found = lint(sample.text, Version.parse(version) if version else None, SETTINGS)
    return [
        (f.rule, f.severity, None if f.line is None else sample.start_line + f.line - 1)
        for f in found
    ]


def has(sample: NotesSample, rule: str, severity: str, line: int | None,
        version: str | None = None) -> bool:
    return (rule, severity, line) in notes_findings(sample, version)


def test_the_extractor_finds_every_example():
    ids = [s.id for s in require_notes()]
    assert len(ids) == 29
    assert {"ja:L17", "ja:L97", "ja:L173", "ja:L226", "ja:L343", "ja:L754", "ja:L986",
            "ja:L1150", "ja:L1187"} <= set(ids)


@pytest.mark.parametrize("sample", notes_samples(), ids=lambda s: s.id)
@pytest.mark.parametrize("version", [None, "39.11.0", "40.2.0", "40.4.9", "40.6.0", "40.7.0"])
def test_every_notes_example_lints_without_exception(sample, version):
    findings = lint(sample.text, Version.parse(version) if version else None, SETTINGS)
    lines = sample.text.count("\n") + 1
    for finding in findings:
        assert isinstance(finding, Finding)
        assert finding.rule in RULE_IDS
        assert finding.severity in ("error", "warning", "info")
        assert finding.line is None or 1 <= finding.line <= lines
        assert finding.message and "\n" not in finding.message
    # bytes in, the same findings out
    assert lint(sample.text.encode("utf-8"), Version.parse(version) if version else None,
                SETTINGS) == findings


def test_examples_titled_response_are_requests():
    # ja:L15, L33 and L620 say 応答例 (response example) above a request.
    for line in (17, 35, 622):
        sample = sample_at(line)
        with pytest.raises(ResponseError, match="request envelope"):
            decode_response(sample.text.encode("utf-8"))
        assert not any(rule == "response-value" for rule, _, _ in notes_findings(sample))


@pytest.mark.parametrize("line", [28, 46, 424])
def test_japanese_or_between_elements_is_prose(line):
    assert has(sample_at(line), "prose-in-xml", "error", line)
    # and the two alternatives are named as exclusive
    assert has(sample_at(line), "exclusive-elements", "warning", line)


def test_czech_example_or_and_nested_bodycontent():
    sample = sample_at(97)
    assert has(sample, "prose-in-xml", "error", 118)
    assert has(sample, "nested-bodycontent", "error", 109)
    message = next(f.message for f in lint(sample.text, None, SETTINGS)
                   if f.rule == "nested-bodycontent")
    assert "user.CreateUser" in message and "ep.GetSessionInfo" in message


@pytest.mark.parametrize(
    "command", ["LsttrainingattendeeHistory", "LsteventattendeeHistory",
                "LstsupportattendeeHistory"],
)
def test_attendee_history_meetinguuid_is_40_7_0_for_each_command_of_the_list(command):
    # The 40.7.0 list names LsttrainingattendeeHistory twice; all three commands are meant.
    text = (
        '<bodyContent xsi:type="java:com.webex.service.binding.history.'
        f'{command}"><meetingUUID>039c00dd25c64ab0812dda22bb8a4fcc</meetingUUID></bodyContent>'
    )
    at_40_6_1 = lint(text, Version.parse("40.6.1"), SETTINGS)
    assert [(f.rule, f.line) for f in at_40_6_1 if f.severity == "error"] == [
        ("element-not-in-version", 1),
    ]
    assert not [f for f in lint(text, Version.parse("40.7.0"), SETTINGS) if f.severity == "error"]


def test_getusercard_jwt_example():
    sample = sample_at(343)
    found = notes_findings(sample)
    assert ("namespace", "error", 344) in found  # <message> without prefix or namespace
    messages = [f.message for f in lint(sample.text, None, SETTINGS) if f.rule == "namespace"]
    assert any("2009/05" in m for m in messages)
    assert ("content-type", "warning", 343) in found  # application/json for XML
    placeholders = [f.message for f in lint(sample.text, None, SETTINGS)
                    if f.rule == "placeholder"]
    for text in ("{sitename}", "${jwttoken}", "{userName}"):
        assert any(text in m for m in placeholders), text
    # the JWT header counts as a credential: no anonymous finding
    assert not any(rule == "anonymous-not-allowed" for rule, _, _ in found)


def test_lstsummarysession_response_meetinguuid_quirks():
    sample = sample_at(522)
    assert has(sample, "meeting-uuid", "warning", 539)  # repeats the sessionKey
    assert has(sample, "meeting-uuid", "info", 539)  # capital M
    decoded = decode_response(sample.text.encode("utf-8"))
    assert decoded.meeting_uuids[0].name == "ep:MeetingUUID"


def test_getsessioninfo_response_lower_case_sessionkey_is_indexed():
    decoded = decode_response(sample_at(53).text.encode("utf-8"))
    assert decoded.keys["sessionKey"][0].name == "ep:sessionkey"


def test_bodycontent_limit_example_passes_count_and_flags_user_getsite():
    sample = sample_at(754)
    found = notes_findings(sample)
    assert not any(rule == "bodycontent-count" for rule, _, _ in found)
    assert ("package-mismatch", "error", 770) in found
    message = next(f.message for f in lint(sample.text, None, SETTINGS)
                   if f.rule == "package-mismatch")
    assert "java:com.webex.service.binding.site.GetSite" in message


@pytest.mark.parametrize("command", ["GetMeeting", "GetTrainingSession", "GetEvent",
                                     "GetTeleconferenceSession"])
def test_audio_password_commands_of_the_40_4_8_text_are_known(command):
    # The 40.4.8 text and list disagree; lint knows every command either of them names.
    package = {"GetMeeting": "meeting", "GetTrainingSession": "training", "GetEvent": "event",
               "GetTeleconferenceSession": "meeting.auo"}[command]
    text = f'<bodyContent xsi:type="java:com.webex.service.binding.{package}.{command}"/>'
    assert not [f for f in lint(text, None, SETTINGS) if f.severity == "error"]


def test_meetinguuid_spellings_of_getsessioninfo():
    sample = sample_at(1116)  # 40.1.0: meetingUuid
    assert has(sample, "meeting-uuid", "info", 1131)
    assert has(sample, "meeting-uuid", "warning", 1131)  # 29 digits: not a UUID
    assert has(sample, "element-not-in-version", "error", 1131, version="39.11.0")
    assert not has(sample, "element-not-in-version", "error", 1131, version="40.1.0")
    # sipUrl holds "... または ... or ...": alternatives in a value
    assert has(sample, "prose-in-xml", "warning", 1129)


def test_unpadded_date_is_info_not_error():
    sample = sample_at(1150)
    assert has(sample, "date-format", "info", 1169)
    assert not any(sev == "error" for _, sev, _ in notes_findings(sample))


def test_localised_failure_response():
    sample = sample_at(986)
    assert has(sample, "response-value", "warning", 992)  # 失敗
    assert has(sample, "response-value", "warning", 994)  # プライマリー
    assert decode_response(sample.text.encode("utf-8")).result == "失敗"


def test_iso_8859_1_declaration():
    assert has(sample_at(686), "encoding", "warning", 686)


@pytest.mark.parametrize(("sample_line", "line"), [(53, 67), (641, 652), (705, 722)])
def test_ellipsis_in_examples_is_prose(sample_line, line):
    assert has(sample_at(sample_line), "prose-in-xml", "error", line)


def test_comment_annotations_and_truncated_fragments():
    sample = sample_at(173)  # CreateMeeting fragment, <!-- true --> comments, never closed
    found = notes_findings(sample)
    assert ("prose-in-xml", "info", 183) in found
    assert [r for r in found if r[0] == "xml-syntax" and r[1] == "error"]
    # the GetMeeting response fragment starts mid-document (ja:L224)
    fragment = notes_findings(sample_at(226))
    assert ("xml-syntax", "error", 240) in fragment


def test_non_breaking_spaces_inside_a_tag_are_an_error_and_in_text_a_warning():
    # <serv:message\u00a0\u00a0xmlns:xsi=...: not well-formed as sent (the sandbox refuses it)
    found = [f for f in lint(sample_at(17).text, None, SETTINGS)
             if f.rule == "xml-syntax"]
    assert [(f.severity, f.line, f.column) for f in found] == [
        ("error", 2, 14), ("warning", 4, None)]
    assert "replace the non-breaking spaces with plain spaces" in found[0].message


def test_getusercard_paste_with_non_breaking_spaces_after_the_root_is_an_error():
    sample = sample_at(343)
    errors = [f for f in lint(sample.text, None, SETTINGS)
              if f.rule == "xml-syntax" and f.severity == "error"]
    assert [(sample.start_line + f.line - 1, f.column) for f in errors] == [(355, 11)]
    assert "after the root element" in errors[0].message


def test_anonymous_lstsummarysession_follows_the_release_train():
    sample = sample_at(970)
    assert has(sample, "anonymous-not-allowed", "error", 978)
    assert has(sample, "anonymous-not-allowed", "error", 978, version="40.2.0")
    assert not has(sample, "anonymous-not-allowed", "error", 978, version="40.1.2")


def test_past_start_time_of_the_createmeeting_example():
    sample = sample_at(1046)
    assert has(sample, "past-start-time", "error", 1065)
    # before 40.2.0 the server did not refuse it yet: only a warning
    assert has(sample, "past-start-time", "warning", 1065, version="40.1.2")
    assert has(sample, "placeholder", "warning", 1053)  # *****


def test_registration_form_example_version_rule():
    sample = sample_at(173)
    assert has(sample, "element-not-in-version", "error", 182, version="40.6.0")
    assert has(sample, "element-not-in-version", "error", 182, version="40.5.0")
    for version in ("40.4.9", "40.6.1", "40.7.0"):
        assert not has(sample, "element-not-in-version", "error", 182, version=version)
