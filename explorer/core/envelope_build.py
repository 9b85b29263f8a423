"""Write request envelopes: the ``serv:message`` a Webex XML API server expects, from a
profile's credentials, with the securityContext children in common.xsd order.

Writing needs no XML parser (opening the explorer writes one envelope before anything parses
one); reading what users paste is ``explorer.core.envelope``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from explorer.core.errors import EnvelopeError
from explorer.core.namespaces import JAVA_TYPE_PREFIX, SERV, XSI
from explorer.core.xmltext import escape, quoteattr

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
INDENT = "    "


class AuthMode(StrEnum):
    PASSWORD = "password"
    TICKET = "ticket"
    TOKEN = "token"
    JWT = "jwt"
    ANONYMOUS = "anonymous"


@dataclass
class Credentials:
    site_name: str
    auth: AuthMode = AuthMode.PASSWORD
    webex_id: str | None = None
    email: str | None = None
    #: password, sessionTicket, access token or JWT, by ``auth``; None writes a {{variable}}.
    secret: str | None = None
    partner_id: str | None = None
    client_info: str | None = None


class BodySpec(NamedTuple):
    xsi_type: str  # "java:com.webex.service.binding.ep.GetSessionInfo" or "ep.GetSessionInfo"
    inner_xml: str = ""


#: securityContext children in common.xsd order (webExAccessToken, clientInfo are newer).
SECURITY_ORDER = (
    "webExID", "password", "siteID", "siteName", "partnerID", "email", "sessionTicket",
    "webExAccessToken", "clientInfo",
)
#: The {{variable}} written where a secret is not given, resolved at send time.
_SECRET_VARIABLE = {
    AuthMode.PASSWORD: ("password", "{{password}}"),
    AuthMode.TICKET: ("sessionTicket", "{{sessionTicket}}"),
    AuthMode.TOKEN: ("webExAccessToken", "{{accessToken}}"),
}


def _security_values(creds: Credentials) -> dict[str, str]:
    auth = AuthMode(creds.auth)
    values: dict[str, str] = {"siteName": creds.site_name or "{{siteName}}"}
    if auth in _SECRET_VARIABLE:
        if creds.webex_id:
            values["webExID"] = creds.webex_id
        elif creds.email:
            values["email"] = creds.email
        else:
            values["webExID"] = "{{webExID}}"
        name, variable = _SECRET_VARIABLE[auth]
        values[name] = creds.secret if creds.secret else variable
    if creds.partner_id:
        values["partnerID"] = creds.partner_id
    if creds.client_info:
        values["clientInfo"] = creds.client_info
    return values


def security_context_xml(creds: Credentials) -> str:
    """The ``<securityContext>`` block for ``creds`` (JWT and anonymous: siteName only)."""
    values = _security_values(creds)
    lines = ["<securityContext>"]
    for name in SECURITY_ORDER:
        if name in values:
            lines.append(f"{INDENT}<{name}>{escape(values[name])}</{name}>")
    lines.append("</securityContext>")
    return "\n".join(lines)


def _full_xsi_type(xsi_type: str) -> str:
    text = xsi_type.strip()
    if not text:
        raise EnvelopeError("a bodyContent needs an xsi:type (e.g. ep.GetSessionInfo)")
    if text.startswith("java:") or ":" in text:
        return text
    return JAVA_TYPE_PREFIX + text


def _indented(block: str, level: int) -> str:
    body = textwrap.dedent(block.strip("\n")).rstrip()
    return textwrap.indent(body, INDENT * level)


def build_envelope(
    bodies: list[tuple[str, str]] | list[BodySpec] | tuple[str, str] | BodySpec,
    creds: Credentials,
) -> str:
    """A pretty request envelope with a UTF-8 declaration and one bodyContent per body."""
    if isinstance(bodies, BodySpec) or (
        isinstance(bodies, tuple) and len(bodies) == 2 and all(isinstance(b, str) for b in bodies)
    ):
        bodies = [bodies]  # type: ignore[list-item]
    specs = [b if isinstance(b, BodySpec) else BodySpec(*b) for b in bodies]  # type: ignore[misc]
    if not specs:
        raise EnvelopeError("an envelope needs at least one bodyContent")
    lines = [
        XML_DECLARATION,
        f'<serv:message xmlns:serv="{SERV}" xmlns:xsi="{XSI}">',
        f"{INDENT}<header>",
        _indented(security_context_xml(creds), 2),
        f"{INDENT}</header>",
        f"{INDENT}<body>",
    ]
    for spec in specs:
        type_attr = quoteattr(_full_xsi_type(spec.xsi_type))
        if spec.inner_xml.strip():
            lines.append(f"{INDENT * 2}<bodyContent xsi:type={type_attr}>")
            lines.append(_indented(spec.inner_xml, 3))
            lines.append(f"{INDENT * 2}</bodyContent>")
        else:
            lines.append(f"{INDENT * 2}<bodyContent xsi:type={type_attr}/>")
    lines += [f"{INDENT}</body>", "</serv:message>"]
    return "\n".join(lines) + "\n"


_BODY_CONTENT = re.compile(
    r"<(?:[A-Za-z_][\w.-]*:)?bodyContent\b([^>]*?)"
    r"(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?bodyContent\s*>)",
    re.DOTALL,
)
_XSI_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def wrap_fragment(fragment: str, creds: Credentials) -> str:
    """Bare bodyContent elements (a fragment pasted without its envelope) in an envelope with
    ``creds``' securityContext: what the CLI and the TUI send for a fragment.

    ``EnvelopeError`` when there is no bodyContent, or one has no xsi:type.
    """
    specs = []
    for match in _BODY_CONTENT.finditer(fragment):
        attributes, inner = match.group(1), match.group(2) or ""
        xsi_type = _XSI_TYPE.search(attributes)
        if xsi_type is None:
            raise EnvelopeError("a bodyContent has no xsi:type (e.g. java:com.webex.service."
                                "binding.ep.GetSessionInfo)")
        specs.append(BodySpec(xsi_type.group(1) or xsi_type.group(2), inner))
    if not specs:
        raise EnvelopeError("no bodyContent element to send")
    return build_envelope(specs, creds)
