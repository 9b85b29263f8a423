"""Envelopes and response reading for the sandbox tests (real HTTP over loopback)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

import httpx
from lxml import etree

from explorer.core.namespaces import RESPONSE_NSMAP, SERV

NS = {**RESPONSE_NSMAP, "xsi": "http://www.w3.org/2001/XMLSchema-instance"}


def envelope(*bodies: tuple[str, str], webex_id: str | None = "admin",
             password: str | None = "sandbox", site: str = "sandbox",
             security: str | None = None) -> str:
    """``bodies``: (package.Command, inner XML) pairs."""
    if security is None:
        security = f"<siteName>{site}</siteName>"
        if webex_id is not None:
            security += f"<webExID>{escape(webex_id)}</webExID>"
        if password is not None:
            security += f"<password>{escape(password)}</password>"
    contents = "".join(
        f'<bodyContent xsi:type="java:com.webex.service.binding.{name}">{inner}</bodyContent>'
        for name, inner in bodies
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<serv:message xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:serv="http://www.webex.com/schemas/2002/06/service">'
        f"<header><securityContext>{security}</securityContext></header>"
        f"<body>{contents}</body></serv:message>"
    )


@dataclass
class Answer:
    status: int
    headers: httpx.Headers
    raw: bytes
    root: etree._Element | None

    @property
    def responses(self) -> list[etree._Element]:
        assert self.root is not None
        return self.root.findall(f"{{{SERV}}}header/{{{SERV}}}response")

    @property
    def results(self) -> list[str]:
        return [r.findtext(f"{{{SERV}}}result") for r in self.responses]

    @property
    def exception_ids(self) -> list[str | None]:
        return [r.findtext(f"{{{SERV}}}exceptionID") for r in self.responses]

    @property
    def reasons(self) -> list[str | None]:
        return [r.findtext(f"{{{SERV}}}reason") for r in self.responses]

    @property
    def bodies(self) -> list[etree._Element]:
        assert self.root is not None
        return self.root.findall(f"{{{SERV}}}body/{{{SERV}}}bodyContent")

    def body(self, index: int = 0) -> etree._Element:
        return self.bodies[index]

    def text(self, path: str, index: int = 0) -> str | None:
        return self.body(index).findtext(path, namespaces=NS)

    def all(self, path: str, index: int = 0) -> list[etree._Element]:
        return self.body(index).findall(path, namespaces=NS)

    def ok(self) -> Answer:
        assert self.results and all(r == "SUCCESS" for r in self.results), (
            self.reasons, self.raw[:600])
        return self

    def fails_with(self, exception_id: str, index: int = 0) -> str:
        assert self.results[index] == "FAILURE", self.raw[:600]
        assert self.exception_ids[index] == exception_id, (self.exception_ids, self.reasons)
        assert len(self.body(index)) == 0  # an empty serv:bodyContent
        return self.reasons[index] or ""


_CLIENT = httpx.Client(timeout=30)


def post(url: str, document: str | bytes, headers: dict[str, str] | None = None,
         client: httpx.Client | None = None) -> Answer:
    data = document.encode() if isinstance(document, str) else document
    response = (client or _CLIENT).post(url, content=data, headers=headers or {})
    root = None
    if response.headers.get("content-type", "").startswith("text/xml"):
        root = etree.fromstring(response.content)
    return Answer(response.status_code, response.headers, response.content, root)


def call(url: str, *bodies: tuple[str, str], headers: dict[str, str] | None = None,
         **auth: str | None) -> Answer:
    return post(url, envelope(*bodies, **auth), headers)  # type: ignore[arg-type]
