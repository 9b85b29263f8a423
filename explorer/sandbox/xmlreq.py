"""Reading request elements by local name, case-insensitively (meetingkey == meetingKey)."""

from __future__ import annotations

from lxml import etree

from explorer.sandbox.wire import Fault

Element = etree._Element


def _name(element: Element) -> str:
    tag = element.tag
    if tag.__class__ is not str:  # comments, processing instructions
        return ""
    return tag.rpartition("}")[2].lower()


def child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    found = element.find("{*}" + name)  # the usual spelling, found in C
    if found is not None:
        return found
    wanted = name.lower()
    for item in element:
        if _name(item) == wanted:
            return item
    return None


def children(element: Element | None, name: str) -> list[Element]:
    if element is None:
        return []
    wanted = name.lower()
    return [item for item in element if _name(item) == wanted]


def find(element: Element | None, path: str) -> Element | None:
    for part in path.split("/"):
        element = child(element, part)
        if element is None:
            return None
    return element


def text(element: Element | None, path: str, default: str | None = None) -> str | None:
    found = find(element, path)
    if found is None:
        return default
    value = (found.text or "").strip()
    return value


def texts(element: Element | None, path: str) -> list[str]:
    parent_path, _, last = path.rpartition("/")
    parent = find(element, parent_path) if parent_path else element
    return [(item.text or "").strip() for item in children(parent, last)]


def boolean(element: Element | None, path: str) -> bool | None:
    value = text(element, path)
    if value is None:
        return None
    lowered = value.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no", ""):
        return False
    raise Fault("000000", f"Invalid boolean value {value!r} for {path}")


def integer(element: Element | None, path: str) -> int | None:
    value = text(element, path)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise Fault("000000", f"Invalid number {value!r} for {path}") from None


def security_values(header: Element | None) -> dict[str, str]:
    context = child(header, "securityContext")
    values: dict[str, str] = {}
    if context is None:
        return values
    for item in context:
        name = _name(item)
        if name and name not in values:
            values[name] = (item.text or "").strip()
    return values
