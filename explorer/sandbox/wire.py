"""Response documents as the real service writes them: one line, real prefixes."""

from __future__ import annotations

from explorer.core.namespaces import COM, SERV, SERVICES_BY_PACKAGE, XSI
from explorer.core.xmltext import escape

CONTENT_TYPE = "text/xml;charset=UTF-8"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'



class Fault(Exception):
    """A bodyContent that fails: answered with FAILURE, reason and exceptionID."""

    def __init__(self, exception_id: str, reason: str) -> None:
        super().__init__(reason)
        self.exception_id = exception_id
        self.reason = reason


def text(value: object) -> str:
    kind = value.__class__
    if kind is str:
        return escape(value)  # type: ignore[arg-type]
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if value is None:
        return ""
    return escape(str(value))


def el(tag: str, value: object) -> str:
    """``<tag>value</tag>`` with the value escaped (booleans as true/false)."""
    return f"<{tag}>{text(value)}</{tag}>"


def group(tag: str, *parts: str) -> str:
    return f"<{tag}>{''.join(parts)}</{tag}>"


def matching_records(prefix: str, total: int, returned: int, start_from: int) -> str:
    return (
        f"<{prefix}:matchingRecords><serv:total>{total}</serv:total>"
        f"<serv:returned>{returned}</serv:returned>"
        f"<serv:startFrom>{start_from}</serv:startFrom></{prefix}:matchingRecords>"
    )


# Namespaces each service's responses declare on serv:message (as captured responses do).
_EXTRA_PACKAGES: dict[str, tuple[str, ...]] = {
    "ep": ("ep", "meeting"),
    "meeting": ("meeting", "attendee"),
    "site": ("site", "event"),
}
_NS_CACHE: dict[frozenset[str], str] = {}


def _namespace_declarations(packages: frozenset[str]) -> str:
    cached = _NS_CACHE.get(packages)
    if cached is not None:
        return cached
    seen: dict[str, str] = {"serv": SERV, "com": COM}
    for package in sorted(packages):
        for extra in _EXTRA_PACKAGES.get(package, (package,)):
            service = SERVICES_BY_PACKAGE.get(extra)
            if service is not None:
                seen.setdefault(service.prefix, service.namespace)
    decl = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in seen.items())
    _NS_CACHE[packages] = decl
    return decl


_SUCCESS_HEAD = (
    "<serv:response><serv:result>SUCCESS</serv:result>"
    "<serv:gsbStatus>PRIMARY</serv:gsbStatus></serv:response>"
)


def failure_head(fault: Fault) -> str:
    return (
        "<serv:response><serv:result>FAILURE</serv:result>"
        f"<serv:reason>{escape(fault.reason)}</serv:reason>"
        "<serv:gsbStatus>PRIMARY</serv:gsbStatus>"
        f"<serv:exceptionID>{escape(fault.exception_id)}</serv:exceptionID></serv:response>"
    )


class Answer:
    """One answered bodyContent: its package, response xsi:type and inner XML, or a fault."""

    __slots__ = ("fault", "inner", "package", "response_type")

    def __init__(
        self,
        package: str | None,
        response_type: str | None = None,
        inner: str = "",
        fault: Fault | None = None,
    ) -> None:
        self.package = package
        self.response_type = response_type
        self.inner = inner
        self.fault = fault


def document(answers: list[Answer]) -> bytes:
    packages = frozenset(a.package for a in answers if a.package and a.fault is None)
    heads: list[str] = []
    bodies: list[str] = []
    for answer in answers:
        if answer.fault is not None:
            heads.append(failure_head(answer.fault))
            bodies.append("<serv:bodyContent/>")
        else:
            heads.append(_SUCCESS_HEAD)
            bodies.append(
                f'<serv:bodyContent xsi:type="{answer.response_type}" xmlns:xsi="{XSI}">'
                f"{answer.inner}</serv:bodyContent>"
            )
    return (
        f"{XML_DECLARATION}<serv:message{_namespace_declarations(packages)}>"
        f"<serv:header>{''.join(heads)}</serv:header>"
        f"<serv:body>{''.join(bodies)}</serv:body></serv:message>"
    ).encode()


def failure_document(fault: Fault) -> bytes:
    return document([Answer(None, fault=fault)])
