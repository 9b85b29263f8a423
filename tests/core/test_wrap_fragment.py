"""A bare bodyContent fragment in a profile's envelope (what `send` and the TUI send)."""

from __future__ import annotations

import pytest

from explorer.core.envelope import parse_envelope
from explorer.core.envelope_build import AuthMode, Credentials, wrap_fragment
from explorer.core.errors import EnvelopeError

FRAGMENT = ('<bodyContent xsi:type="java:com.webex.service.binding.meeting.GetMeeting">'
            "<meetingKey>805325231</meetingKey></bodyContent>"
            "<bodyContent xsi:type='java:com.webex.service.binding.ep.GetAPIVersion'/>")


def test_fragment_gets_the_envelope_and_security_context_of_its_auth_mode():
    creds = Credentials(site_name="acme", auth=AuthMode.PASSWORD, webex_id="bob")
    envelope = wrap_fragment(FRAGMENT, creds)
    parsed = parse_envelope(envelope)
    assert not parsed.fragment and 'xmlns:xsi="' in envelope
    assert parsed.security == {"siteName": "acme", "webExID": "bob", "password": "{{password}}"}
    assert [p.command for p in parsed.bodies] == ["GetMeeting", "GetAPIVersion"]
    assert parsed.bodies[0].element[0].text == "805325231"

    jwt = parse_envelope(wrap_fragment(FRAGMENT, Credentials("acme", auth=AuthMode.JWT)))
    assert jwt.security == {"siteName": "acme"}


@pytest.mark.parametrize(("text", "message"), [
    ("<bodyContent><x/></bodyContent>", "a bodyContent has no xsi:type"),
    ("<meetingKey>1</meetingKey>", "no bodyContent element to send"),
])
def test_a_fragment_that_cannot_be_wrapped_says_why(text, message):
    with pytest.raises(EnvelopeError, match=message):
        wrap_fragment(text, Credentials("acme"))
