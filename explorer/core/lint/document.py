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


@dataclass(eq=False)
class TextPiece:
    text: str
    offset: int
    line: int
    column: int
    #: Element siblings around the text (None at the start/end of the parent).
    before: Node | None = None
    after: Node | None = None


@dataclass(eq=False)
class Comment:
    text: str
    line: int
    column: int


@dataclass(eq=False)
class Node:
    qname: str  # as written: "serv:message", "bodyContent"
    attrs: dict[str, str]
    line: int
    column: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    texts: list[TextPiece] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    nsmap: dict[str | None, str] = field(default_factory=dict)  # in scope
    closed: bool = False
    prefix: str | None = field(init=False)
    local: str = field(init=False)

    def __post_init__(self) -> None:
        prefix, sep, local = self.qname.rpartition(":")
        self.prefix = prefix if sep else None
        self.local = local

    @property
    def namespace(self) -> str | None:
        return self.nsmap.get(self.prefix)

    @property
    def text(self) -> str:
        """Direct text content, stripped (a leaf's value)."""
        return "".join(piece.text for piece in self.texts).strip()

    def attr(self, local: str) -> str | None:
        """An attribute by local name, whatever its prefix."""
        for name, value in self.attrs.items():
            if name.rpartition(":")[2] == local:
                return value
        return None

    def child(self, local: str) -> Node | None:
        return next((c for c in self.children if c.local == local), None)

    def iter(self):  # type: ignore[no-untyped-def]
        """This node and its descendants, document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def ancestors(self):  # type: ignore[no-untyped-def]
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


_KINDS = ("start", "end", "text", "comment", "cdata", "pi", "decl", "lt")


def _kind(match: re.Match[str]) -> str:
    # lastgroup would name "selfclose" for a start tag; look for the group that matched.
    for name in _KINDS:
        if match.group(name) is not None:
            return name
    return "lt"


@dataclass
class Scan:
    roots: list[Node]
    top_texts: list[TextPiece]
    stray_ends: list[StrayEnd]
    unclosed: list[Node]


def scan(text: str) -> Scan:
    """Tokenize ``text`` into a forgiving element tree (positions are 1-based)."""
    index = LineIndex(text)
    roots: list[Node] = []
    top_texts: list[TextPiece] = []
    stray: list[StrayEnd] = []
    unclosed: list[Node] = []
    stack: list[Node] = []

    def add_text(value: str, offset: int) -> None:
        # the position of the first visible character, not of the whitespace before it
        line, column = index.position(offset + len(value) - len(value.lstrip()))
        parent = stack[-1] if stack else None
        piece = TextPiece(value, offset, line, column,
                          before=(parent.children[-1] if parent and parent.children
                                  else (roots[-1] if parent is None and roots else None)))
        (parent.texts if parent else top_texts).append(piece)

    for match in _TOKEN.finditer(text):
        kind = _kind(match)
        offset = match.start()
        if kind == "start":
            line, column = index.position(offset)
            attrs = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                     for m in _ATTR.finditer(match.group("attrs"))}
            parent = stack[-1] if stack else None
            nsmap = dict(parent.nsmap) if parent else {"xml": "http://www.w3.org/XML/1998/namespace"}
            for name, value in attrs.items():
                if name == "xmlns":
                    nsmap[None] = value
                elif name.startswith("xmlns:"):
                    nsmap[name[6:]] = value
            node = Node(match.group("start"), attrs, line, column, parent, nsmap=nsmap)
            siblings = parent.children if parent else roots
            # texts recorded before this element now know what follows them
            owner_texts = parent.texts if parent else top_texts
            if owner_texts and owner_texts[-1].after is None and owner_texts[-1].offset < offset:
                owner_texts[-1].after = node
            siblings.append(node)
            if match.group("selfclose"):
                node.closed = True
            else:
                stack.append(node)
        elif kind == "end":
            name = match.group("end")
            if stack and stack[-1].qname == name:
                stack.pop().closed = True
            elif any(n.qname == name for n in stack):
                while stack[-1].qname != name:
                    unclosed.append(stack.pop())
                stack.pop().closed = True
            else:
                line, column = index.position(offset)
                stray.append(StrayEnd(name, line, column))
        elif kind in ("text", "lt", "cdata"):
            value = match.group(0) if kind != "cdata" else match.group("cdata")
            if value.strip():
                add_text(value, offset)
        elif kind == "comment" and stack:
            line, column = index.position(offset)
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
