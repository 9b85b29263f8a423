"""From a template, a profile and values to the envelope text the editor shows.

Secrets are never written into the envelope: the securityContext holds `{{password}}` (or
the ticket/token variable) and the value is filled in only when the request is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from explorer.tui.prefill import prefill

if TYPE_CHECKING:
    from explorer.core.profiles import Profile
    from explorer.core.templates import CommandTemplate
    from explorer.core.versions import Version

#: The variable that holds a profile's secret, by auth mode.
SECRET_VARIABLE_BY_AUTH = {
    "password": "password",
    "ticket": "sessionTicket",
    "token": "accessToken",
    "jwt": "jwt",
}


def credentials(profile: Profile, secret: str | None = None) -> Any:
    from explorer.core.envelope_build import AuthMode, Credentials

    return Credentials(
        site_name=profile.site_name,
        auth=AuthMode(str(profile.auth)),
        webex_id=profile.webex_id,
        email=profile.email,
        secret=secret,
        partner_id=profile.partner_id,
        client_info=profile.client_info,
    )


def body_for(template: CommandTemplate, version: Version, values: dict[str, str]) -> str:
    """The template body at `version`, using alternatives named in `values`, prefilled."""
    from explorer.core.errors import TemplateError

    known = template.request_elements_at(version)
    use = [name for name in values if name in known]
    try:
        body = template.body_at(version, use=use)
    except TemplateError:
        body = template.body_at(version)
    return prefill(body, values)


def envelope_for(template: CommandTemplate, version: Version, profile: Profile,
                 values: dict[str, str] | None = None) -> str:
    from explorer.core.envelope_build import build_envelope

    body = body_for(template, version, values or {})
    return build_envelope([(template.xsi_type, body)], credentials(profile))


def fragment_envelope(text: str, profile: Profile) -> str | None:
    """The profile's envelope around `text` if it is a bare bodyContent fragment (an HTTP
    preamble left out), as `webex-explorer send` sends it; None if `text` is no fragment.

    The secret stays a `{{variable}}`. ``EnvelopeError`` for a fragment without a
    bodyContent, or a bodyContent without xsi:type.
    """
    from explorer.core.envelope import prepare_document, split_http_paste
    from explorer.core.envelope_build import wrap_fragment

    _request_line, _headers, body = split_http_paste(text)
    if not prepare_document(body).fragment:
        return None
    return wrap_fragment(body, credentials(profile))


def variable_context(profile: Profile, secret: str | None, captured: dict[str, str],
                     now: Callable[[], datetime]) -> Any:
    from explorer.core.variables import VariableContext

    values = {
        "siteName": profile.site_name,
        "webExID": profile.webex_id,
        "email": profile.email,
        "partnerID": profile.partner_id,
        "clientInfo": profile.client_info,
    }
    secrets: dict[str, str] = {}
    name = SECRET_VARIABLE_BY_AUTH.get(str(profile.auth))
    if name and secret:
        secrets[name] = secret
    return VariableContext(
        profile={k: v for k, v in values.items() if v},
        secrets=secrets,
        captured=dict(captured),
        now=now,
    )


def variable_rows(text: str, ctx: Any) -> list[tuple[str, str | None, bool]]:
    """(name, value or None, is_secret) for each distinct variable in `text`."""
    from explorer.core.variables import SECRET_VARIABLES, find_variables

    rows = []
    for name in dict.fromkeys(find_variables(text)):
        try:
            value = ctx.lookup(name)
        except Exception:
            value = None
        rows.append((name, value, name in SECRET_VARIABLES or name in ctx.secrets))
    return rows


_SECRET_ELEMENT_VARIABLE = {
    "password": "password",
    "sessionTicket": "sessionTicket",
    "webExAccessToken": "accessToken",
    "accessToken": "accessToken",
}


def restore_secret_variables(text: str, mask: str = "********") -> str:
    """A redacted request from history, with `{{variables}}` where its secrets were."""
    import re

    for element, variable in _SECRET_ELEMENT_VARIABLE.items():
        text = re.sub(rf"<({element})>{re.escape(mask)}</\1>",
                      rf"<\1>{{{{{variable}}}}}</\1>", text)
    return text
