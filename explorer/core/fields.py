"""The identifiers a response carries, wherever they are and however they are spelled.

Servers spell them inconsistently: ``meetingUUID`` / ``meetingUuid`` / ``MeetingUUID``
(LstsummarySession, ja:L539), ``sessionKey`` / ``sessionkey`` (GetSessionInfo, ja:L65),
``meetingKey`` / ``meetingkey`` (responses), ``confID``. The index is built in one pass of
lxml's C-level ``iter`` over the few tags of interest, so a 10,000-session answer stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

#: Spelling (local name) -> kind.
FIELD_SPELLINGS: dict[str, str] = {
    "meetingUUID": "meetingUUID",
    "meetingUuid": "meetingUUID",
    "MeetingUUID": "meetingUUID",
    "MeetingUuid": "meetingUUID",
    "meetinguuid": "meetingUUID",
    "sessionKey": "sessionKey",
    "sessionkey": "sessionKey",
    "SessionKey": "sessionKey",
    "meetingKey": "meetingKey",
    "meetingkey": "meetingKey",
    "MeetingKey": "meetingKey",
    "confID": "confID",
    "confId": "confID",
    "ConfID": "confID",
}
FIELD_KINDS = ("meetingUUID", "sessionKey", "meetingKey", "confID")
REGISTRATION_FORM = "registrationForm"

_FIELD_TAGS = tuple(f"{{*}}{name}" for name in FIELD_SPELLINGS)
_REGFORM_TAG = f"{{*}}{REGISTRATION_FORM}"
_ALL_TAGS = (*_FIELD_TAGS, _REGFORM_TAG)
#: Elements always given a position in paths, like XPath's bodyContent[1].
_ALWAYS_INDEXED = frozenset({"bodyContent"})


@dataclass(slots=True)
class FieldHit:
    kind: str  # "meetingUUID" | "sessionKey" | "meetingKey" | "confID"
    name: str  # as written, e.g. "ep:sessionkey"
    value: str
    path: str  # "/serv:message/serv:body/serv:bodyContent[1]/ep:sessionkey"

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "value": self.value, "path": self.path}


def _qualified(element: etree._Element) -> str:
    tag = element.tag
    local = tag.rpartition("}")[2]
    prefix = element.prefix
    return f"{prefix}:{local}" if prefix else local


class _PathBuilder:
    """Prefixed paths with positions only where siblings share a tag (and for bodyContent)."""

    def __init__(self) -> None:
        self._paths: dict[etree._Element, str] = {}
        self._positions: dict[tuple[etree._Element, str], dict[etree._Element, int]] = {}

    def _position(self, parent: etree._Element, element: etree._Element) -> int | None:
        tag = element.tag
        key = (parent, tag)
        positions = self._positions.get(key)
        if positions is None:
            positions = {child: i for i, child in enumerate(parent.iterchildren(tag), 1)}
            self._positions[key] = positions
        if len(positions) == 1 and tag.rpartition("}")[2] not in _ALWAYS_INDEXED:
            return None
        return positions.get(element)

    def path(self, element: etree._Element) -> str:
        cached = self._paths.get(element)
        if cached is not None:
            return cached
        parent = element.getparent()
        name = _qualified(element)
        if parent is None:
            result = "/" + name
        else:
            position = self._position(parent, element)
            step = name if position is None else f"{name}[{position}]"
            result = self.path(parent) + "/" + step
        self._paths[element] = result
        return result


def _registration_form(form: etree._Element) -> dict[str, bool]:
    table: dict[str, bool] = {}
    for field in form.iterchildren(tag=etree.Element):
        req = next(field.iterchildren("{*}req"), None)
        text = (req.text if req is not None else field.text) or ""
        table[field.tag.rpartition("}")[2]] = text.strip().lower() == "true"
    return table


def scan(root: etree._Element) -> tuple[list[FieldHit], dict[str, bool] | None]:
    """Field hits in document order and the first registrationForm table, in one pass."""
    hits: list[FieldHit] = []
    append = hits.append
    form: dict[str, bool] | None = None
    builder = _PathBuilder()
    parent_paths: dict[etree._Element, str] = {}
    kinds: dict[str, str | None] = {}  # Clark tag -> kind (None: registrationForm)
    names: dict[tuple[str, str | None], str] = {}  # (tag, prefix) -> "ep:sessionkey"
    for element in root.iter(*_ALL_TAGS):
        tag = element.tag
        kind = kinds.get(tag, "")
        if kind == "":
            kind = kinds[tag] = FIELD_SPELLINGS.get(tag.rpartition("}")[2])
        if kind is None:  # registrationForm
            if form is None:
                form = _registration_form(element)
            continue
        prefix = element.prefix
        name = names.get((tag, prefix))
        if name is None:
            name = names[(tag, prefix)] = _qualified(element)
        parent = element.getparent()
        base = parent_paths.get(parent)  # type: ignore[arg-type]
        if base is None:
            base = parent_paths[parent] = builder.path(parent) if parent is not None else ""  # type: ignore[index]
        text = element.text
        append(FieldHit(kind, name, text.strip() if text else "", f"{base}/{name}"))
    return hits, form


def index_fields(root: etree._Element) -> list[FieldHit]:
    """Every meetingUUID / sessionKey / meetingKey / confID in the document, with its path."""
    return scan(root)[0]


def registration_form(root: etree._Element) -> dict[str, bool] | None:
    """The first registrationForm block as field -> required, or None when there is none."""
    form = next(root.iter(_REGFORM_TAG), None)
    return None if form is None else _registration_form(form)
