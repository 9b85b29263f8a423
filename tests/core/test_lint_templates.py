"""What the explorer itself writes must lint clean: every template, at every version."""

from __future__ import annotations

import pytest

from explorer.core.envelope import AuthMode, Credentials, build_envelope
from explorer.core.lint import lint
from explorer.core.templates import default_library
from explorer.core.versions import BASELINE, RELEASES

VERSIONS = [BASELINE, *RELEASES]


@pytest.mark.parametrize("template", default_library().commands(), ids=lambda t: t.command)
def test_every_template_lints_clean_at_every_version(template):
    creds = Credentials("{{siteName}}", AuthMode.PASSWORD)
    checked = 0
    for version in VERSIONS:
        if not template.available_at(version):
            continue
        envelope = build_envelope([(template.xsi_type, template.body_at(version))], creds)
        assert lint(envelope, version) == [], f"{template.command} at {version}"
        checked += 1
    assert checked


def test_templates_one_version_too_early_are_caught():
    # The other direction: a body written for the newest version, linted at an older one.
    template = default_library().get("CreateMeeting")
    newest = max(template.request_versions())
    body = template.body_at(newest, use=["registrationForm"]) if "registrationForm" in (
        template.request_elements_at(newest)) else template.body_at(newest)
    envelope = build_envelope([(template.xsi_type, body)], Credentials("s"))
    found = lint(envelope, min(v for v in VERSIONS if v.train == (40, 6)))
    assert any(f.rule == "element-not-in-version" for f in found)


@pytest.mark.parametrize("command", ["GetAPIVersion", "GetSessionInfo", "GetUserCard"])
def test_anonymous_and_jwt_envelopes_of_anonymous_commands_lint_clean(command):
    template = default_library().get(command)
    for mode in (AuthMode.ANONYMOUS, AuthMode.JWT):
        envelope = build_envelope([(template.xsi_type, template.body_at(RELEASES[-1]))],
                                  Credentials("{{siteName}}", mode))
        assert lint(envelope) == [], (command, mode)
