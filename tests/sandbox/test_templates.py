"""Every command template, at every version where its request changes, gets a real answer
from a sandbox of that version: no internal error, no "unknown command"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from explorer.core.exception_catalog import CATALOG
from explorer.core.templates import default_library
from explorer.core.variables import VariableContext, resolve
from explorer.core.versions import LATEST
from explorer.sandbox import SandboxConfig, start_sandbox
from explorer.sandbox.demo import DEMO_REGISTRATION_MEETING_KEY
from tests.sandbox.helpers import envelope, post


def _versions() -> list[str]:
    found = {str(LATEST)}
    for template in default_library().commands():
        found.update(str(v) for v in template.request_versions())
    return sorted(found)


def _context(handle) -> VariableContext:
    return VariableContext(
        profile={"siteName": "sandbox", "webExID": "admin", "userWebExId": "tmpl_user",
                 "userEmail": "tmpl_user@example.org", "userFirstName": "Tmpl",
                 "userLastName": "User"},
        secrets={"password": "sandbox", "userPassword": "tmpl-pw"},
        captured={"sessionKey": DEMO_REGISTRATION_MEETING_KEY,
                  "meetingKey": DEMO_REGISTRATION_MEETING_KEY},
        now=lambda: datetime.fromtimestamp(handle.app.clock.now(), UTC),
    )


@pytest.mark.parametrize("version", _versions())
def test_every_template_is_answered(version):
    templates = sorted(default_library().commands(),
                       key=lambda t: (t.command.startswith("Del"), t.command))
    with start_sandbox(SandboxConfig(api_version=version)) as handle:
        ctx = _context(handle)
        for template in templates:
            if template.since is not None and template.since > handle.config.version:
                continue
            body = resolve(template.body_at(handle.config.version), ctx)
            answer = post(handle.url, envelope((f"{template.package}.{template.command}", body)))
            assert answer.status == 200, template.command
            [result], [exception_id], [reason] = (answer.results, answer.exception_ids,
                                                  answer.reasons)
            where = f"{template.command} at {version}: {reason}"
            assert result in ("SUCCESS", "FAILURE"), where
            if result == "FAILURE":
                assert exception_id in CATALOG, where
                assert "internal error" not in reason and "Unknown command" not in reason, where
                assert "does not implement" not in reason, where
