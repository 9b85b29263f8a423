"""Baseline bodies against the public 2011 schemas: known elements, schema order.

Elements a 40.x change adds are not in those schemas (they predate 40.x), so only the baseline
body is checked, with every alternative and optional element rendered too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from explorer.core.namespaces import SERVICES_BY_PACKAGE
from explorer.core.templates import default_library
from explorer.core.templates_body import BodyNode
from explorer.core.versions import BASELINE
from explorer.core.xmlsafe import parse_xml

XSD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "xsd-2011"
XS = "{http://www.w3.org/2001/XMLSchema}"
pytestmark = pytest.mark.skipif(
    not XSD_DIR.is_dir(), reason="shared/reference/xsd-2011 is not beside the repo"
)

#: Commands the 2011 schema set does not describe (40.x-only or newer than the set).
NOT_IN_SCHEMAS = {"GetMe", "GetUserCard", "LstCalendarSession", "LstAccessAnywhereHistory"}
#: Elements newer servers accept that the 2011 schemas lack (xmlapi-facts.md: accessToken).
NEWER_THAN_SCHEMAS = {"AuthenticateUser": {"accessToken"}}


def _schema_types() -> dict[tuple[str, str], etree._Element]:
    types: dict[tuple[str, str], etree._Element] = {}
    for path in XSD_DIR.rglob("*.xsd"):
        root = parse_xml(path.read_bytes(), what=path.name)
        namespace = root.get("targetNamespace")
        for node in root.iter(f"{XS}complexType"):
            if node.get("name"):
                types[(namespace, node.get("name"))] = node
    return types


TYPES = _schema_types() if XSD_DIR.is_dir() else {}


def _resolve(qname: str, context: etree._Element) -> etree._Element | None:
    prefix, _, local = qname.rpartition(":")
    return TYPES.get((context.nsmap.get(prefix or None), local))


def _sequence(complex_type: etree._Element) -> list[tuple[str, etree._Element | None]]:
    """Child elements in schema order: (name, complexType or None), bases first."""
    result: list[tuple[str, etree._Element | None]] = []

    def visit(node: etree._Element) -> None:
        for child in node:
            if child.tag == f"{XS}extension":
                base = _resolve(child.get("base", ""), child)
                if base is not None:
                    visit(base)
                visit(child)
            elif child.tag in {f"{XS}complexContent", f"{XS}sequence", f"{XS}choice", f"{XS}all"}:
                visit(child)
            elif child.tag == f"{XS}element":
                inner = child.find(f"{XS}complexType")
                typed = _resolve(child.get("type", ""), child) if child.get("type") else None
                result.append(
                    (
                        child.get("name") or child.get("ref", ""),
                        inner if inner is not None else typed,
                    )
                )

    visit(complex_type)
    return result


def _check(nodes: tuple[BodyNode, ...], complex_type, path: str, allowed: set[str]) -> None:
    sequence = _sequence(complex_type)
    order = {}
    for index, (name, _) in enumerate(sequence):
        order.setdefault(name, index)
    positions = []
    for node in nodes:
        if node.change is not None or node.name in allowed:
            continue  # a 40.x addition: not in the 2011 schemas
        assert node.name in order, f"{path}/{node.name} is not in the schema"
        positions.append(order[node.name])
        child_type = dict(sequence)[node.name]
        if node.children and child_type is not None:
            _check(node.children, child_type, f"{path}/{node.name}", allowed)
    assert positions == sorted(positions), f"{path}: children out of schema order"


TEMPLATES = [t for t in default_library().commands() if t.command not in NOT_IN_SCHEMAS]


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.command for t in TEMPLATES])
def test_baseline_body_uses_schema_elements_in_schema_order(template):
    namespace = SERVICES_BY_PACKAGE[template.package].namespace
    type_name = template.command[0].lower() + template.command[1:]
    complex_type = TYPES.get((namespace, type_name))
    assert complex_type is not None, f"no complexType {type_name} in {namespace}"
    allowed = NEWER_THAN_SCHEMAS.get(template.command, set())
    _check(template.body, complex_type, template.command, allowed)
    assert template.available_at(BASELINE)


def test_the_check_catches_a_wrong_order():
    create = default_library().get("CreateMeeting")
    complex_type = TYPES[(SERVICES_BY_PACKAGE["meeting"].namespace, "createMeeting")]
    swapped = (create.body[1], create.body[0], *create.body[2:])
    with pytest.raises(AssertionError, match="out of schema order"):
        _check(swapped, complex_type, "CreateMeeting", set())
