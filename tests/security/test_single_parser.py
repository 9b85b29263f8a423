"""XML is parsed only by explorer.core.xmlsafe.parse_xml: no other module may call an XML
parser, import one, or build an lxml parser (a source-level guard for every future module)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "explorer"
THE_PARSER = PACKAGE / "core" / "xmlsafe.py"

PARSING_CALLS = {"fromstring", "fromstringlist", "XML", "HTML", "parse", "iterparse",
                 "XMLParser", "HTMLParser", "XMLPullParser", "XMLID", "XMLDTDID",
                 "ETCompatXMLParser"}
PARSING_MODULES = ("xml.etree", "xml.dom", "xml.sax", "xml.parsers", "lxml.html",
                   "lxml.objectify", "lxml.sax", "pyexpat", "defusedxml", "xmltodict",
                   "bs4", "html5lib")
ALLOWED_IMPORTS = {"xml.sax.saxutils"}  # escape() and quoteattr(): writing, not parsing


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [
                alias.name for alias in node.names]
            for name in names:
                if name in ALLOWED_IMPORTS:
                    continue
                if name.startswith(PARSING_MODULES):
                    found.append(f"{path.name}:{node.lineno} imports {name}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = owner.id if isinstance(owner, ast.Name) else ""
            if node.func.attr in PARSING_CALLS and owner_name in ("etree", "lxml", "ET"):
                found.append(f"{path.name}:{node.lineno} calls {owner_name}.{node.func.attr}")
        if isinstance(node, ast.keyword) and node.arg in ("resolve_entities", "load_dtd",
                                                          "no_network", "huge_tree"):
            found.append(f"{path.name}:{node.lineno} sets {node.arg}")
    return found


def test_only_xmlsafe_parses_xml() -> None:
    files = [p for p in PACKAGE.rglob("*.py") if p != THE_PARSER]
    assert len(files) > 20
    problems = [v for path in files for v in _violations(path)]
    assert not problems, "parse XML with explorer.core.xmlsafe.parse_xml: " + "; ".join(problems)


def test_the_guard_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from lxml import etree\nimport xml.dom.minidom\n"
                   "etree.fromstring(b'<a/>', etree.XMLParser(resolve_entities=True))\n")
    assert len(_violations(bad)) == 4
