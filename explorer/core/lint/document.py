"""What every lint rule looks at: the pasted text as a tolerant element tree with positions.

Lint must say useful things about documents that are not well-formed (prose between
elements, a fragment cut short), so besides the strict parse (``explorer.core.xmlsafe``, which
decides ``xml-syntax``) the text is scanned lexically into a light tree of elements as
written (``explorer.core.lint.scan``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from explorer.core.envelope import (
    FRAGMENT_CLOSE,
    FRAGMENT_OPEN,
    PreparedDocument,
    prepare_document,
)
from explorer.core.errors import XMLInputError
from explorer.core.lint.nodes import Node, ScannedTree
from explorer.core.lint.scan import scan
from explorer.core.xmlsafe import parse_xml

WRAPPER_SLACK = len(FRAGMENT_OPEN) + len(FRAGMENT_CLOSE)


@dataclass
class LintDocument:
    prepared: PreparedDocument
    tree: ScannedTree
    strict_root: etree._Element | None
    strict_error: XMLInputError | None
    #: The serv:message node (None for a fragment or when there is none).
    envelope: Node | None
    #: Top-level bodyContent nodes (not those nested inside another bodyContent).
    bodies: list[Node]
    is_response: bool
    _bodies_all: list[Node] | None = field(default=None, repr=False)

    @property
    def fragment(self) -> bool:
        return self.prepared.fragment

    @property
    def headers(self) -> dict[str, str]:
        return self.prepared.paste.headers

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None

    def security_context(self) -> Node | None:
        if self.envelope is None:
            return None
        header = self.envelope.child("header")
        return header.child("securityContext") if header is not None else None

    def all_nodes(self) -> list[Node]:
        """Every element in document order."""
        return self.tree.nodes()

    def body_contents(self) -> list[Node]:
        """Every bodyContent element, nested ones included, in document order."""
        if self._bodies_all is None:
            self._bodies_all = self.tree.named(("bodyContent",))
        return self._bodies_all

    def leaves(self) -> list[Node]:
        """Elements without child elements that hold text."""
        return self.tree.leaves()


def load(text: str, *, max_bytes: int) -> LintDocument:
    """Prepare (HTTP preamble, declaration, fragment wrapper), parse strictly, and read the
    element tree."""
    prepared = prepare_document(text)
    strict_root = None
    strict_error = None
    try:
        strict_root = parse_xml(prepared.xml, max_bytes=max_bytes + WRAPPER_SLACK, what="request")
    except XMLInputError as exc:
        strict_error = exc
    tree = scan(prepared.unwrapped)
    envelope = None
    if not prepared.fragment:
        envelope = next((n for n in tree.roots if n.local == "message"), None)
    body_contents = tree.named(("bodyContent",))
    # Nested ones are the nested-bodycontent rule's business.
    bodies = [n for n in body_contents if n.body is None]
    is_response = False
    if envelope is not None:
        header = envelope.child("header")
        is_response = header is not None and header.child("response") is not None
    elif any((b.attr("type") or "").endswith("Response") for b in bodies):
        is_response = True
    return LintDocument(prepared, tree, strict_root, strict_error, envelope, bodies,
                        is_response, body_contents)
