"""``webex-explorer lint FILE|-`` through a subprocess: findings, JSON, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.core.lint import RULE_IDS
from tests.cli.conftest import assert_one_line_error, run_cli


def _template(tmp_path: Path, command: str, version: str) -> Path:
    shown = run_cli("templates", "show", command, "--version", version)
    assert shown.code == 0, shown.err
    path = tmp_path / f"{command}-{version}.xml"
    path.write_text(shown.out)
    return path


def test_a_template_lints_clean_at_its_own_version(tmp_path: Path) -> None:
    result = run_cli("lint", str(_template(tmp_path, "CreateMeeting", "40.6.1")),
                     "--version", "40.6.1")
    assert result.code == 0, result.out + result.err
    assert "no problems found" in result.out


def test_an_element_from_a_later_train_is_an_error(tmp_path: Path) -> None:
    request = _template(tmp_path, "CreateMeeting", "40.6.1")
    result = run_cli("lint", str(request), "--version", "40.6.0", "--json")
    assert result.code == 1
    findings = json.loads(result.out)
    assert [f["rule"] for f in findings] == ["element-not-in-version"]
    finding = findings[0]
    assert set(finding) >= {"rule", "severity", "line", "message"}
    assert finding["severity"] == "error"
    assert "registrationForm" in finding["message"]
    assert request.read_text().splitlines()[finding["line"] - 1].strip() == "<registrationForm>"
    # 40.4.9 is on the other train the change landed on: no finding there
    assert run_cli("lint", str(request), "--version", "40.4.9").code == 0


def test_pasted_fragment_from_stdin_with_text_output() -> None:
    fragment = (
        '<bodyContent xsi:type="java:com.webex.service.binding.user.GetSite">'
        "<sessionKey>xxx</sessionKey> または <meetingUUID>x</meetingUUID></bodyContent>"
    )
    result = run_cli("lint", "-", stdin=fragment)
    assert result.code == 1
    lines = result.out.splitlines()
    rules = {line.rsplit("[", 1)[1].rstrip("]") for line in lines[:-1]}
    assert {"package-mismatch", "prose-in-xml", "placeholder"} <= rules
    assert all(line.startswith("<stdin>:1:") for line in lines[:-1])
    assert lines[-1].startswith(("2 errors", "3 errors"))


def test_warnings_alone_exit_0() -> None:
    fragment = (
        '<bodyContent xsi:type="java:com.webex.service.binding.site.GetSite">'
        "<siteName>xxx</siteName></bodyContent>"
    )
    result = run_cli("lint", "-", "--json", stdin=fragment)
    findings = json.loads(result.out)
    assert findings and all(f["severity"] != "error" for f in findings), findings
    assert result.code == 0


def test_malformed_xml_is_a_finding_with_a_position(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<serv:message>\n  <header>\n</serv:message>\n")
    result = run_cli("lint", str(path), "--json")
    assert result.code == 1
    (finding,) = [f for f in json.loads(result.out) if f["rule"] == "xml-syntax"]
    assert finding["line"] is not None


def test_non_breaking_spaces_inside_a_tag_exit_1(tmp_path: Path) -> None:
    # as copied from the notes' web page: the sandbox and real servers refuse it
    path = tmp_path / "from-the-web.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<serv:message\u00a0\u00a0xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:serv="http://www.webex.com/schemas/2002/06/service">\n'
        "<header><securityContext><siteName>acme</siteName></securityContext></header>\n"
        '<body><bodyContent xsi:type="java:com.webex.service.binding.ep.GetAPIVersion"/>'
        "</body>\n</serv:message>\n", encoding="utf-8")
    result = run_cli("lint", str(path))
    assert result.code == 1, result.out
    assert f"{path}:2:14: error: " in result.out
    assert "replace the non-breaking spaces with plain spaces [xml-syntax]" in result.out


def test_white_space_before_the_declaration_exits_1() -> None:
    request = _template_text("GetAPIVersion")
    assert run_cli("lint", "-", stdin=request).code == 0
    result = run_cli("lint", "-", stdin="\n\n" + request)
    assert result.code == 1
    assert result.out.startswith("<stdin>:3:1: error: the XML declaration must be the very "
                                 "first thing")
    assert "remove the 2 blank lines before <?xml [xml-syntax]" in result.out


def _template_text(command: str) -> str:
    shown = run_cli("templates", "show", command, "--version", "40.7.0", "--auth", "anonymous")
    assert shown.code == 0, shown.err
    return shown.out


def test_bodycontent_limit_flag() -> None:
    bodies = "".join(
        '<bodyContent xsi:type="java:com.webex.service.binding.ep.GetAPIVersion"/>'
        for _ in range(3)
    )
    envelope = (
        '<serv:message xmlns:serv="http://www.webex.com/schemas/2002/06/service" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><header><securityContext>'
        "<siteName>acme</siteName></securityContext></header>"
        f"<body>{bodies}</body></serv:message>"
    )
    loose = json.loads(run_cli("lint", "-", "--json", stdin=envelope).out)
    strict = run_cli("lint", "-", "--json", "--bodycontent-limit", "2", stdin=envelope)
    assert "bodycontent-count" not in {f["rule"] for f in loose}
    assert "bodycontent-count" in {f["rule"] for f in json.loads(strict.out)}


def test_lint_and_sandbox_help_mean_the_same_bodycontent_limit() -> None:
    for verb in ("lint", "sandbox"):
        shown = " ".join(run_cli(verb, "--help").out.split())
        assert "--bodycontent-limit N most bodyContent elements per request" in shown, verb


def test_every_rule_id_printed_is_in_the_contract(tmp_path: Path) -> None:
    result = run_cli("lint", "-", "--json", stdin="<a>{sitename} ${jwttoken} *****</a>")
    assert {f["rule"] for f in json.loads(result.out)} <= set(RULE_IDS)


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("lint", "/no/such/file.xml"), ("/no/such/file.xml", "no such file")),
        (("lint", "-", "--version", "40.x"), ("40.x",)),
        (("lint", "-", "--bodycontent-limit", "0"), ("at least 1",)),
    ],
)
def test_bad_input_is_a_one_line_error(args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    assert_one_line_error(run_cli(*args, stdin="<a/>"), *needles)
