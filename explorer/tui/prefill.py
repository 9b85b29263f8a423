"""Put values into a template body's elements, keeping the template's layout.

Keys are request element names ("sessionKey", "meetingUUID") or "registrationForm/<field>"
(value "true"/"false"). Element names match case-insensitively, because the notes' own
examples write both `meetingKey` and `meetingkey`.
"""

from __future__ import annotations

import re

from explorer.core.xmltext import escape

#: A meetingUUID can stand in for these elements (40.6.0: wherever meetingKey/sessionKey is).
_UUID_STANDS_FOR = ("sessionKey", "meetingKey", "meetingUuid")
_KEY_SYNONYMS = {"sessionKey": ("meetingKey",), "meetingKey": ("sessionKey",)}


def _element_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"<({re.escape(name)})>(.*?)</\1>", re.IGNORECASE | re.DOTALL)


def _leaf_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"<({re.escape(name)})>([^<]*)</\1>", re.IGNORECASE)


def set_element(body: str, name: str, value: str) -> str:
    """Set the text of the first `<name>` leaf; swap a stand-in key; else add it on top."""
    text = escape(value)
    pattern = _leaf_re(name)
    if pattern.search(body):
        return pattern.sub(lambda m: f"<{m.group(1)}>{text}</{m.group(1)}>", body, count=1)
    stand_ins = _UUID_STANDS_FOR if name == "meetingUUID" else _KEY_SYNONYMS.get(name, ())
    for other in stand_ins:
        other_re = _leaf_re(other)
        if other_re.search(body):
            return other_re.sub(f"<{name}>{text}</{name}>", body, count=1)
    return _insert_first(body, f"<{name}>{text}</{name}>")


def _indent_of_first_line(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            return line[: len(line) - len(line.lstrip())]
    return ""


def _insert_first(body: str, xml: str) -> str:
    indent = _indent_of_first_line(body)
    return f"{indent}{xml}\n{body}" if body.strip() else f"{xml}\n"


def registration_form_xml(fields: dict[str, bool], indent: str, step: str = "    ") -> str:
    lines = [f"{indent}<registrationForm>"]
    for name, required in fields.items():
        value = "true" if required else "false"
        lines.append(f"{indent}{step}<{name}><req>{value}</req></{name}>")
    lines.append(f"{indent}</registrationForm>")
    return "\n".join(lines)


def set_registration_form(body: str, fields: dict[str, bool]) -> str:
    """Replace (or add, after attendeeOptions) the registrationForm block."""
    block_re = _element_re("registrationForm")
    match = block_re.search(body)
    if match:
        line_start = body.rfind("\n", 0, match.start()) + 1
        indent = body[line_start: match.start()]
        new = registration_form_xml(fields, indent).lstrip()
        return body[: match.start()] + new + body[match.end():]
    indent = _indent_of_first_line(body)
    block = registration_form_xml(fields, indent)
    anchor = _element_re("attendeeOptions").search(body)
    if anchor:
        end = body.find("\n", anchor.end())
        end = len(body) if end == -1 else end
        return body[:end] + "\n" + block + body[end:]
    return body.rstrip("\n") + "\n" + block + "\n"


def ensure_registration_on(body: str) -> str:
    """registrationForm only counts when attendeeOptions/registration is true."""
    reg = _leaf_re("registration")
    if reg.search(body):
        return reg.sub(lambda m: f"<{m.group(1)}>true</{m.group(1)}>", body, count=1)
    return body


def prefill(body: str, values: dict[str, str]) -> str:
    form = {key.split("/", 1)[1].removesuffix("/req"): value.strip().lower() == "true"
            for key, value in values.items() if key.startswith("registrationForm/")}
    for key, value in values.items():
        if key.startswith("registrationForm/"):
            continue
        body = body.replace("{{" + key + "}}", escape(value))
        body = set_element(body, key, value)
    if form:
        body = ensure_registration_on(set_registration_form(body, form))
    return body


def registration_update_body(fields: dict[str, bool], key_element: str, key_value: str,
                             step: str = "    ") -> str:
    """A SetMeeting body that changes only the registration: the meeting's key,
    attendeeOptions/registration true and the registrationForm (no template defaults that
    would rename or reschedule the meeting)."""
    return "\n".join([
        "<attendeeOptions>",
        f"{step}<registration>true</registration>",
        "</attendeeOptions>",
        registration_form_xml(fields, ""),
        f"<{key_element}>{escape(key_value)}</{key_element}>",
    ]) + "\n"
