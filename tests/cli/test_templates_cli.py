"""``webex-explorer templates list|show|diff`` through a subprocess."""

from __future__ import annotations

import json

import pytest

from explorer.cli.templates_cmd import AUTH_MODES
from explorer.core.envelope import AuthMode
from explorer.core.templates import default_library
from tests.cli.conftest import assert_one_line_error, run_cli


def test_list_json_has_the_contract_keys_for_every_command() -> None:
    result = run_cli("templates", "list", "--json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    by_command = {row["command"]: row for row in rows}
    assert set(by_command) == {t.command for t in default_library().commands()}
    for row in rows:
        assert {"command", "service", "xsi_type", "versions"} <= set(row)
        expected_type = f"java:com.webex.service.binding.{row['service']}.{row['command']}"
        assert row["xsi_type"] == expected_type
        assert row["versions"] and all(v.count(".") == 2 for v in row["versions"])
    assert by_command["GetSessionInfo"]["service"] == "ep"


def test_list_at_a_version_leaves_out_commands_that_do_not_exist_yet() -> None:
    library = default_library()
    later = [t.command for t in library.commands() if t.since is not None]
    assert later, "the library should hold a command added during 40.x"
    template = library.get(later[0])
    before = run_cli("templates", "list", "--version", "39.11.0", "--json")
    after = run_cli("templates", "list", "--version", str(template.since), "--json")
    assert before.code == after.code == 0
    assert template.command not in {r["command"] for r in json.loads(before.out)}
    assert template.command in {r["command"] for r in json.loads(after.out)}


def test_list_text_names_each_command_once() -> None:
    result = run_cli("templates", "list")
    assert result.code == 0
    commands = [line.split()[0] for line in result.out.splitlines()]
    assert "GetSessionInfo" in commands
    assert len(commands) == len(set(commands))


def test_show_prints_the_whole_envelope_with_variables() -> None:
    result = run_cli("templates", "show", "getsessioninfo")  # case-insensitive
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert 'xsi:type="java:com.webex.service.binding.ep.GetSessionInfo"' in out
    for variable in ("{{siteName}}", "{{webExID}}", "{{password}}"):
        assert variable in out


def test_show_follows_the_release_trains() -> None:
    # registrationForm landed as 40.6.1 and 40.4.9: not in 40.6.0 nor 40.5.x.
    present = {}
    for version in ("40.6.0", "40.5.0", "40.4.9", "40.6.1", "40.7.0"):
        result = run_cli("templates", "show", "CreateMeeting", "--version", version)
        assert result.code == 0, result.err
        present[version] = "<registrationForm>" in result.out
    assert present == {
        "40.6.0": False, "40.5.0": False, "40.4.9": True, "40.6.1": True, "40.7.0": True,
    }


def test_show_with_a_profile_fills_site_and_user_but_never_the_secret() -> None:
    added = run_cli(
        "profiles", "add", "acme", "--site", "acme", "--auth", "password", "--webex-id", "bob",
    )
    assert added.code == 0, added.err
    result = run_cli(
        "templates", "show", "GetSite", "--profile", "acme",
        env={"WEBEX_EXPLORER_SECRET_ACME": "hunter2-secret"},
    )
    assert result.code == 0, result.err
    assert "<siteName>acme</siteName>" in result.out
    assert "<webExID>bob</webExID>" in result.out
    assert "<password>{{password}}</password>" in result.out
    assert "hunter2-secret" not in result.out


def test_show_an_alternative_element() -> None:
    result = run_cli("templates", "show", "GetSessionInfo", "--use", "meetingUUID")
    assert result.code == 0, result.err
    assert "<meetingUUID>" in result.out


def test_diff_prints_a_unified_diff_and_the_change_note() -> None:
    result = run_cli("templates", "diff", "CreateMeeting", "40.6.0", "40.6.1")
    assert result.code == 0, result.err
    assert "--- CreateMeeting @ 40.6.0" in result.out
    assert "+++ CreateMeeting @ 40.6.1" in result.out
    assert "+<registrationForm>" in result.out
    assert "registration-form" in result.out and "ja:L" in result.out


def test_diff_between_identical_versions_says_so() -> None:
    result = run_cli("templates", "diff", "CreateMeeting", "40.6.1", "40.7.0")
    assert result.code == 0
    assert "identical" in result.out


def test_unknown_command_suggests_the_right_one() -> None:
    result = run_cli("templates", "show", "GetSesionInfo")
    assert_one_line_error(result, "GetSesionInfo", "did you mean", "GetSessionInfo")


def test_bad_versions_are_one_line_errors() -> None:
    assert_one_line_error(run_cli("templates", "list", "--version", "forty"), "forty")
    assert_one_line_error(run_cli("templates", "diff", "CreateMeeting", "40.6", "x.y"), "x.y")
    assert_one_line_error(
        run_cli("templates", "show", "GetSessionInfo", "--use", "meetingUUID",
                "--version", "39.11.0"),
        "meetingUUID",
    )


@pytest.mark.parametrize("bad", ["40.0.0", "99.0.0"])
@pytest.mark.parametrize(
    "args",
    [("templates", "list", "--version", "{v}"),
     ("templates", "show", "GetSite", "--version", "{v}"),
     ("templates", "diff", "CreateMeeting", "40.6.0", "{v}"),
     ("lint", "-", "--version", "{v}"),
     ("profiles", "add", "acme", "--site", "acme", "--auth", "anonymous", "--api-version",
      "{v}"),
     ("sandbox", "--port", "0", "--no-profile", "--api-version", "{v}")],
    ids=["templates-list", "templates-show", "templates-diff", "lint", "profiles-add",
         "sandbox"],
)
def test_unknown_api_versions_are_refused_by_every_flag(args: tuple[str, ...], bad: str) -> None:
    result = run_cli(*(a.format(v=bad) for a in args), stdin="<a/>")
    assert_one_line_error(result, f"unknown API version {bad}", "39.11.0", "40.1.0", "40.7.0")


@pytest.mark.parametrize("good", ["40.6", "40.5.3", "39.11.0"])
def test_intermediate_and_short_versions_are_accepted(good: str) -> None:
    result = run_cli("templates", "list", "--version", good, "--json")
    assert result.code == 0, result.err


def test_show_with_an_unknown_profile() -> None:
    assert_one_line_error(
        run_cli("templates", "show", "GetSite", "--profile", "nope"), "unknown profile 'nope'"
    )


def test_show_before_a_command_exists_names_its_first_version() -> None:
    later = next(t for t in default_library().commands() if t.since is not None)
    assert_one_line_error(
        run_cli("templates", "show", later.command, "--version", "39.11.0"),
        later.command, str(later.since),
    )


def test_show_writes_the_security_context_of_each_auth_mode() -> None:
    expected = {
        "password": ("<password>{{password}}</password>",),
        "ticket": ("<sessionTicket>{{sessionTicket}}</sessionTicket>",),
        "token": ("<webExAccessToken>{{accessToken}}</webExAccessToken>",),
        "jwt": (),
        "anonymous": (),
    }
    assert set(expected) == set(AUTH_MODES) == {mode.value for mode in AuthMode}
    for mode, lines in expected.items():
        result = run_cli("templates", "show", "GetUserCard", "--auth", mode)
        assert result.code == 0, result.err
        context = result.out.split("<securityContext>")[1].split("</securityContext>")[0]
        assert "<siteName>{{siteName}}</siteName>" in context
        for line in lines:
            assert line in context
        if not lines:  # JWT (header) and anonymous: siteName only
            assert context.count("<") == 2, context


def test_list_text_at_a_version_names_the_changes_in_effect_there() -> None:
    def create_meeting_line(version: str) -> str:
        result = run_cli("templates", "list", "--version", version)
        assert result.code == 0, result.err
        [line] = [ln for ln in result.out.splitlines() if ln.startswith("CreateMeeting ")]
        return line

    # registrationForm came on 40.6.1 and 40.4.9, not on 40.6.0 (parallel trains).
    assert "registration-form" not in create_meeting_line("40.6.0")
    assert "meeting-uuid" in create_meeting_line("40.6.0")
    assert "registration-form" in create_meeting_line("40.4.9")
    assert "registration-form" in create_meeting_line("40.6.1")
