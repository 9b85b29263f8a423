"""The tolerant element tree lint rules look at: elements, text pieces and comments as written,
each with its offset in the scanned text; line and column are worked out only when asked."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

_NEWLINE = re.compile("\n")
NO_ATTRS: Mapping[str, str] = MappingProxyType({})
XML_NSMAP: dict[str | None, str] = {"xml": "http://www.w3.org/XML/1998/namespace"}
# Names start only after whitespace and quantifiers are possessive: linear on hostile input.
_ATTR = re.compile(r"""(?<![^\s])([^\s=/]++)\s*+=\s*+(?:"([^"]*+)"|(')([^']*+)')""")


def attributes(raw: str) -> Mapping[str, str]:
    """Attributes as written in a start tag (after its name), by name as written."""
    if not raw or raw.isspace():
        return NO_ATTRS
    return {name: single if quote else double
            for name, double, quote, single in _ATTR.findall(raw)}


def in_scope(nsmap: dict[str | None, str], attrs: Mapping[str, str]) -> dict[str | None, str]:
    """``nsmap`` with the namespace declarations among ``attrs``."""
    nsmap = dict(nsmap)
    for name, value in attrs.items():
        if name == "xmlns":
            nsmap[None] = value
        elif name.startswith("xmlns:"):
            nsmap[name[6:]] = value
    return nsmap


class LineIndex:
    """Offsets in a text to 1-based (line, column). The first few are counted directly; after
    that a table of line starts is built, so many look-ups stay cheap on a long text."""

    __slots__ = ("_counted", "_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._counted = 0
        self._starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        starts = self._starts
        if starts is None:
            text = self._text
            if self._counted < 8:
                self._counted += 1
                return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
            starts = self._starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1


class Located:
    """Something found at ``offset`` of the scanned text."""

    __slots__ = ("lines", "offset")

    lines: LineIndex
    offset: int

    def position(self) -> tuple[int, int]:
        """(line, column), 1-based."""
        return self.lines.position(self.offset)

    @property
    def line(self) -> int:
        return self.lines.position(self.offset)[0]

    @property
    def column(self) -> int:
        return self.lines.position(self.offset)[1]


class TextPiece(Located):
    """Non-blank text directly inside an element (or outside the root)."""

    __slots__ = ("after", "before", "text")

    def __init__(self, text: str, offset: int, lines: LineIndex,
                 before: Node | None = None) -> None:
        self.text = text
        self.offset = offset  # of its first non-blank character
        self.lines = lines
        #: Element siblings around the text (None at the start/end of the parent).
        self.before = before
        self.after: Node | None = None


class Comment(Located):
    __slots__ = ("text",)

    def __init__(self, text: str, offset: int, lines: LineIndex) -> None:
        self.text = text
        self.offset = offset
        self.lines = lines


class StrayEnd(Located):
    """An end tag that closes nothing open."""

    __slots__ = ("qname",)

    def __init__(self, qname: str, offset: int, lines: LineIndex) -> None:
        self.qname = qname
        self.offset = offset
        self.lines = lines


class Node(Located):
    """An element as written, with its position and what is directly inside it."""

    __slots__ = ("_attrs", "_nsmap", "_raw_attrs", "_texts", "body", "children", "closed",
                 "comments", "local", "parent", "qname", "text")

    def __init__(self, qname: str, raw_attrs: str, offset: int, lines: LineIndex,
                 parent: Node | None, closed: bool = False) -> None:
        self.qname = qname  # as written: "serv:message", "bodyContent"
        self.local = qname.rpartition(":")[2]
        # The attributes, and the namespaces in scope, are worked out from ``raw_attrs`` (what
        # follows the name in the start tag) when first asked for: most elements' never are.
        self._raw_attrs = raw_attrs
        self._attrs: Mapping[str, str] | None = None
        self._nsmap: dict[str | None, str] | None = None
        self.offset = offset
        self.lines = lines
        self.parent = parent
        # Most elements hold none of these: a shared empty tuple until the first one arrives.
        self.children: list[Node] | tuple[()] = ()
        #: Text pieces; an element read as one match with its text (``<a>text</a>``) holds
        #: the text as written, made into its piece when first asked for (see ``texts``).
        self._texts: list[TextPiece] | tuple[()] | str = ()
        self.comments: list[Comment] | tuple[()] = ()
        self.closed = closed
        #: The nearest enclosing bodyContent (None outside any).
        self.body: Node | None = (None if parent is None else
                                  parent if parent.local == "bodyContent" else parent.body)
        #: Direct text content, stripped (a leaf's value); kept up to date by the scanner.
        self.text = ""

    def __repr__(self) -> str:
        return f"<Node {self.qname} at {self.offset}>"

    @property
    def raw_attrs(self) -> str:
        """The start tag's text after its name, as written."""
        return self._raw_attrs

    @property
    def attrs(self) -> Mapping[str, str]:
        """Attributes as written, by name as written."""
        attrs = self._attrs
        if attrs is None:
            attrs = self._attrs = attributes(self._raw_attrs)
        return attrs

    @property
    def texts(self) -> list[TextPiece] | tuple[()]:
        """Non-blank text directly inside, in pieces between child elements and comments."""
        texts = self._texts
        if isinstance(texts, str):
            value_at = self.offset + len(self.qname) + len(self._raw_attrs) + 2
            texts = self._texts = [
                TextPiece(texts, value_at + len(texts) - len(texts.lstrip()), self.lines)]
        return texts

    @property
    def nsmap(self) -> dict[str | None, str]:
        """The namespaces in scope, by prefix (None: the default namespace)."""
        nsmap = self._nsmap
        if nsmap is None:
            # Worked out from the nearest ancestor that knows, down (no recursion: documents
            # may nest deep).
            pending = []
            node: Node | None = self
            while node is not None and node._nsmap is None:
                pending.append(node)
                node = node.parent
            nsmap = XML_NSMAP if node is None else node._nsmap
            for node in reversed(pending):
                if "xmlns" in node._raw_attrs and node.attrs:
                    nsmap = in_scope(nsmap, node.attrs)
                node._nsmap = nsmap
        return nsmap

    @property
    def prefix(self) -> str | None:
        qname = self.qname
        return qname.rpartition(":")[0] if ":" in qname else None

    @property
    def namespace(self) -> str | None:
        return self.nsmap.get(self.prefix)

    def attr(self, local: str) -> str | None:
        """An attribute by local name, whatever its prefix."""
        for name, value in self.attrs.items():
            if name.rpartition(":")[2] == local:
                return value
        return None

    def child(self, local: str) -> Node | None:
        for c in self.children:
            if c.local == local:
                return c
        return None

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
class Layout:
    """Where the tags of a text whose every "<" opens a plain tag, comment or declaration
    (and every ">" closes one) are, by a plain count of start and end tags."""

    #: Text outside every element: (start, end, after the root element).
    outside: list[tuple[int, int, bool]]
    #: Tags and declarations with a space inside: (start, end, "start" / "end" /
    #: "declaration", the tag's name).
    spaced: list[tuple[int, int, str, str]]


class ScannedTree:
    """The tree the tolerant scanner built, every element made up front."""

    def __init__(self, roots: list[Node], nodes: list[Node], top_texts: list[TextPiece],
                 stray_ends: list[StrayEnd], unclosed: list[Node], lines: LineIndex,
                 layout: Layout | None) -> None:
        self.roots = roots
        self.top_texts = top_texts
        self.stray_ends = stray_ends
        self.unclosed = unclosed
        self.lines = lines
        #: None when the text is not that plain.
        self.layout = layout
        self._nodes = nodes  # document order
        self._leaves: list[Node] | None = None

    def nodes(self) -> list[Node]:
        """Every element, document order."""
        return self._nodes

    def leaves(self) -> list[Node]:
        """Elements without child elements that hold text, document order."""
        if self._leaves is None:
            self._leaves = [n for n in self._nodes if not n.children and n.text]
        return self._leaves

    def named(self, locals_: Collection[str]) -> list[Node]:
        """Elements whose local name is one of ``locals_``, document order."""
        return [n for n in self._nodes if n.local in locals_]
