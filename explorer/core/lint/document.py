"""What every lint rule looks at: the pasted text as a tolerant element tree with positions.

Lint must say useful things about documents that are not well-formed (prose between
elements, a fragment cut short), so besides the strict parse (``explorer.core.xmlsafe``, which
decides ``xml-syntax``) the text is scanned lexically into a light tree of elements with line
and column. The scanner never expands entities, never loads anything, and is linear in the
input: it is a tokenizer, not an XML processor.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from explorer.core.envelope import (
    FRAGMENT_CLOSE,
    FRAGMENT_OPEN,
    PreparedDocument,
    prepare_document,
)
from explorer.core.errors import XMLInputError
from explorer.core.xmlsafe import parse_xml

_TOKEN = re.compile(
    r"""
    <!--(?P<comment>.*?)(?:-->|\Z)
  | <!\[CDATA\[(?P<cdata>.*?)(?:\]\]>|\Z)
  | <\?(?P<pi>.*?)(?:\?>|\Z)
  | <!(?P<decl>[^<>]*)>?
  | </(?P<end>[^\s<>]+)\s*>?
  | <(?P<start>[A-Za-z_][\w.:\-]*)(?P<attrs>[^<>]*?)(?P<selfclose>/?)>
  | (?P<text>[^<]+)
  | (?P<lt><)
    """,
    re.DOTALL | re.VERBOSE,
)
WRAPPER_SLACK = len(FRAGMENT_OPEN) + len(FRAGMENT_CLOSE)
# Names start only after whitespace and quantifiers are possessive: linear on hostile input.
_ATTR = re.compile(r"""(?<![^\s])([^\s=/]++)\s*+=\s*+(?:"([^"]*+)"|'([^']*+)')""")


class TextPiece:
    """Non-blank text directly inside an element (or outside the root)."""

    __slots__ = ("after", "before", "column", "line", "offset", "text")

    def __init__(self, text: str, offset: int, line: int, column: int,
                 before: Node | None = None) -> None:
        self.text = text
        self.offset = offset
        self.line = line
        self.column = column
        #: Element siblings around the text (None at the start/end of the parent).
        self.before = before
        self.after: Node | None = None


class Comment:
    __slots__ = ("column", "line", "text")

    def __init__(self, text: str, line: int, column: int) -> None:
        self.text = text
        self.line = line
        self.column = column


class Node:
    """An element as written, with its position and what is directly inside it."""

    __slots__ = ("_text", "attrs", "body", "children", "closed", "column", "comments", "line",
                 "local", "nsmap", "parent", "prefix", "qname", "texts")

    def __init__(self, qname: str, attrs: dict[str, str], line: int, column: int,
                 parent: Node | None = None, nsmap: dict[str | None, str] | None = None) -> None:
        self.qname = qname  # as written: "serv:message", "bodyContent"
        self.attrs = attrs
        self.line = line
        self.column = column
        self.parent = parent
        self.children: list[Node] = []
        self.texts: list[TextPiece] = []
        self.comments: list[Comment] = []
        self.nsmap: dict[str | None, str] = nsmap if nsmap is not None else {}  # in scope
        self.closed = False
        prefix, sep, local = qname.rpartition(":")
        self.prefix: str | None = prefix if sep else None
        self.local: str = local
        #: The nearest enclosing bodyContent (None outside any).
        self.body: Node | None = None
        if parent is not None:
            self.body = parent if parent.local == "bodyContent" else parent.body
        self._text: str | None = None

    def __repr__(self) -> str:
        return f"<Node {self.qname} line {self.line}>"

    @property
    def namespace(self) -> str | None:
        return self.nsmap.get(self.prefix)

    @property
    def text(self) -> str:
        """Direct text content, stripped (a leaf's value)."""
        if self._text is None:
            texts = self.texts
            self._text = (texts[0].text if len(texts) == 1
                          else "".join(piece.text for piece in texts)).strip()
        return self._text

    def attr(self, local: str) -> str | None:
        """An attribute by local name, whatever its prefix."""
        for name, value in self.attrs.items():
            if name.rpartition(":")[2] == local:
                return value
        return None

    def child(self, local: str) -> Node | None:
        return next((c for c in self.children if c.local == local), None)

    def iter(self) -> Iterator[Node]:
        """This node and its descendants, document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            if node.children:
                stack.extend(reversed(node.children))

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def find_all(self, local: str) -> list[Node]:
        return [n for n in self.iter() if n.local == local and n is not self]


@dataclass
class StrayEnd:
    qname: str
    line: int
    column: int


class LineIndex:
    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


@dataclass
class Scan:
    roots: list[Node]
    top_texts: list[TextPiece]
    stray_ends: list[StrayEnd]
    unclosed: list[Node]


_XML_NS = {"xml": "http://www.w3.org/XML/1998/namespace"}


def scan(text: str) -> Scan:
    """Tokenize ``text`` into a forgiving element tree (positions are 1-based)."""
    position = LineIndex(text).position
    roots: list[Node] = []
    top_texts: list[TextPiece] = []
    stray: list[StrayEnd] = []
    unclosed: list[Node] = []
    stack: list[Node] = []
    open_names: dict[str, int] = {}  # qname -> how many are open (for mismatched end tags)

    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "selfclose":  # a start tag: its last group is the (maybe empty) "/"
            offset = match.start()
            line, column = position(offset)
            raw_attrs = match.group("attrs")
            attrs = ({m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                      for m in _ATTR.finditer(raw_attrs)} if raw_attrs.strip() else {})
            parent = stack[-1] if stack else None
            nsmap = parent.nsmap if parent is not None else _XML_NS
            if attrs and ("xmlns" in raw_attrs):
                nsmap = dict(nsmap)
                for name, value in attrs.items():
                    if name == "xmlns":
                        nsmap[None] = value
                    elif name.startswith("xmlns:"):
                        nsmap[name[6:]] = value
            qname = match.group("start")
            node = Node(qname, attrs, line, column, parent, nsmap)
            if parent is not None:
                owner_texts, siblings = parent.texts, parent.children
            else:
                owner_texts, siblings = top_texts, roots
            if owner_texts and owner_texts[-1].after is None:
                owner_texts[-1].after = node
            siblings.append(node)
            if match.group("selfclose"):
                node.closed = True
            else:
                stack.append(node)
                open_names[qname] = open_names.get(qname, 0) + 1
        elif kind == "end":
            name = match.group("end")
            if open_names.get(name):
                while True:
                    node = stack.pop()
                    open_names[node.qname] -= 1
                    if node.qname == name:
                        node.closed = True
                        break
                    unclosed.append(node)
            else:
                line, column = position(match.start())
                stray.append(StrayEnd(name, line, column))
        elif kind in ("text", "lt", "cdata"):
            value = match.group(kind)
            stripped = value.lstrip()
            if not stripped or not stripped.strip():
                continue
            offset = match.start(kind) + len(value) - len(stripped)
            line, column = position(offset)
            if stack:
                parent = stack[-1]
                before = parent.children[-1] if parent.children else None
                parent.texts.append(TextPiece(value, offset, line, column, before))
            else:
                top_texts.append(TextPiece(value, offset, line, column,
                                           roots[-1] if roots else None))
        elif kind == "comment" and stack:
            line, column = position(match.start())
            stack[-1].comments.append(Comment(match.group("comment").strip(), line, column))
    unclosed.extend(stack)
    return Scan(roots, top_texts, stray, unclosed)


@dataclass
class LintDocument:
    prepared: PreparedDocument
    scan: Scan
    strict_root: etree._Element | None
    strict_error: XMLInputError | None
    #: The serv:message node (None for a fragment or when there is none).
    envelope: Node | None
    #: Top-level bodyContent nodes (not those nested inside another bodyContent).
    bodies: list[Node]
    is_response: bool
    _nodes: list[Node] | None = field(default=None, repr=False)
    _bodies_all: list[Node] | None = field(default=None, repr=False)
    _leaves: list[Node] | None = field(default=None, repr=False)

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
        """Every element in document order (computed once)."""
        if self._nodes is None:
            self._nodes = [node for root in self.scan.roots for node in root.iter()]
        return self._nodes

    def body_contents(self) -> list[Node]:
        """Every bodyContent element, nested ones included, in document order."""
        if self._bodies_all is None:
            self._bodies_all = [n for n in self.all_nodes() if n.local == "bodyContent"]
        return self._bodies_all

    def leaves(self) -> list[Node]:
        """Elements without child elements that hold text."""
        if self._leaves is None:
            self._leaves = [n for n in self.all_nodes() if not n.children and n.texts and n.text]
        return self._leaves


def _top_bodies(roots: list[Node]) -> list[Node]:
    found: list[Node] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if node.local == "bodyContent":
            found.append(node)
            continue  # nested ones are the nested-bodycontent rule's business
        stack.extend(reversed(node.children))
    return found


def load(text: str, *, max_bytes: int) -> LintDocument:
    """Prepare (HTTP preamble, declaration, fragment wrapper), parse strictly, and scan."""
    prepared = prepare_document(text)
    strict_root = None
    strict_error = None
    try:
        strict_root = parse_xml(prepared.xml, max_bytes=max_bytes + WRAPPER_SLACK, what="request")
    except XMLInputError as exc:
        strict_error = exc
    scanned = scan(prepared.unwrapped)
    envelope = next((n for n in scanned.roots if n.local == "message"), None)
    if prepared.fragment:
        envelope = None
    bodies = _top_bodies(scanned.roots)
    is_response = False
    if envelope is not None:
        header = envelope.child("header")
        is_response = header is not None and header.child("response") is not None
    elif any((b.attr("type") or "").endswith("Response") for b in bodies):
        is_response = True
    return LintDocument(prepared, scanned, strict_root, strict_error, envelope, bodies,
                        is_response)
