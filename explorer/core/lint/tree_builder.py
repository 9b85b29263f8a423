"""Builds the tolerant element tree from the scanner's tokens, in document order."""

from __future__ import annotations

from explorer.core.lint.nodes import (
    Comment,
    Layout,
    LineIndex,
    Node,
    ScannedTree,
    StrayEnd,
    TextPiece,
)


class TreeBuilder:
    """The tree being built, element by element in document order."""

    def __init__(self, lines: LineIndex) -> None:
        self.lines = lines
        self.roots: list[Node] = []
        self.nodes: list[Node] = []
        self.top_texts: list[TextPiece] = []
        self.stray: list[StrayEnd] = []
        self.unclosed: list[Node] = []
        self.stack: list[Node] = []
        self.open_names: dict[str, int] = {}  # qname -> how many are open
        self.joined: list[Node] = []  # elements whose text comes in several pieces

    def element(self, qname: str, raw_attrs: str, offset: int, parent: Node | None,
                closed: bool) -> Node:
        """A new element inside ``parent`` (the innermost open one)."""
        node = Node(qname, raw_attrs, offset, self.lines, parent, closed)
        self.nodes.append(node)
        if parent is None:
            owner_texts: list[TextPiece] | tuple[()] = self.top_texts
            self.roots.append(node)
        else:
            owner_texts = parent._texts
            if parent.children:
                parent.children.append(node)  # type: ignore[union-attr]
            else:
                parent.children = [node]
        if owner_texts and owner_texts[-1].after is None:
            owner_texts[-1].after = node
        return node

    def close(self, name: str, offset: int) -> None:
        open_names = self.open_names
        if open_names.get(name):
            stack = self.stack
            while True:
                node = stack.pop()
                open_names[node.qname] -= 1
                if node.qname == name:
                    node.closed = True
                    return
                self.unclosed.append(node)
        self.stray.append(StrayEnd(name, offset, self.lines))

    def text(self, value: str, offset: int, owner: Node | None) -> None:
        """Non-blank ``value`` inside ``owner``; ``offset`` is that of its first non-blank
        character."""
        if owner is not None:
            piece = TextPiece(value, offset, self.lines,
                              owner.children[-1] if owner.children else None)
            if owner._texts:
                owner._texts.append(piece)  # type: ignore[union-attr]
                self.joined.append(owner)
            else:
                owner._texts = [piece]
                owner.text = value.strip()
        else:
            self.top_texts.append(TextPiece(value, offset, self.lines,
                                            self.roots[-1] if self.roots else None))

    def comment(self, body: str, offset: int) -> None:
        """A comment inside the innermost open element (one outside every element says
        nothing)."""
        if self.stack:
            owner = self.stack[-1]
            found = Comment(body.strip(), offset, self.lines)
            if owner.comments:
                owner.comments.append(found)  # type: ignore[union-attr]
            else:
                owner.comments = [found]

    def finish(self, layout: Layout | None) -> ScannedTree:
        """The tree; elements still open are unclosed."""
        self.unclosed.extend(self.stack)
        for node in self.joined:
            node.text = "".join(piece.text for piece in node.texts).strip()
        return ScannedTree(self.roots, self.nodes, self.top_texts, self.stray, self.unclosed,
                           self.lines, layout)
