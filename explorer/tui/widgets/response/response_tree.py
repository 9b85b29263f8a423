"""The response as a lazily expanded tree (`#response-tree`).

Children are created when a node is expanded, PAGE at a time, with a "… N more" node that
loads the next page, so a response with tens of thousands of elements opens at once. The
root is an lxml element, or for a big answer an outline element (explorer.core.outline),
whose children are parsed a page at a time as they are shown.
Labels are Rich Text built from server data, never markup strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from explorer.core.redact import SECRET_ELEMENTS
from explorer.core.textsafe import visible

PAGE = 200
#: Credentials an answer can hand out (AuthenticateUser's sessionTicket...): never shown.
SECRET_FIELDS = frozenset(name.lower() for name in SECRET_ELEMENTS)
MASK = "********"
#: Values worth spotting at a glance (lower-cased local names).
KEY_FIELDS = frozenset({"meetinguuid", "sessionkey", "meetingkey", "confid"})
OPEN_DEPTH = 3  # levels opened on arrival below the root
OPEN_LIMIT = 60  # ...when a node has at most this many children
TEXT_PREVIEW = 120


@dataclass
class XmlNode:
    element: Any  # lxml element or OutlineElement
    loaded: int = 0  # children created so far


@dataclass
class MoreNode:
    parent: Any  # XmlNode whose next page this loads


def qualified_name(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comment / processing instruction
        return "#comment" if "Comment" in type(element).__name__ else "#pi"
    local = tag.rsplit("}", 1)[-1]
    return f"{element.prefix}:{local}" if element.prefix else local


def element_label(element: Any) -> Text:
    label = Text()
    if not isinstance(element.tag, str):
        label.append(qualified_name(element), style="dim italic")
        label.append(" " + visible(element.text or "")[:TEXT_PREVIEW], style="dim")
        return label
    label.append(qualified_name(element), style="bold #66D9EF")
    for name, value in element.attrib.items():
        local = name.rsplit("}", 1)[-1]
        prefix = "xsi:" if name.startswith("{http://www.w3.org/2001/XMLSchema-instance}") else ""
        label.append(f" {prefix}{local}", style="#A6E22E")
        label.append("=", style="dim")
        label.append(f'"{visible(value)}"', style="#E6DB74")
    text = (element.text or "").strip()
    if text and len(element) == 0:
        if len(text) > TEXT_PREVIEW:
            text = text[:TEXT_PREVIEW] + "…"
        label.append("  ")
        key = tag.rsplit("}", 1)[-1].lower() if isinstance(tag := element.tag, str) else ""
        if key in SECRET_FIELDS:
            label.append(MASK, style="magenta")
        else:
            label.append(visible(" ".join(text.split())),
                         style="bold #FD971F" if key in KEY_FIELDS else "")
    return label


class ResponseTree(Tree[Any]):
    """Tree over an lxml or outline element; call `show(root)`."""

    def __init__(self, *, id: str | None = "response-tree") -> None:
        super().__init__(Text("no response yet", style="dim"), id=id)
        self.guide_depth = 2

    def show(self, root: Any | None, *, empty: str = "no response yet") -> None:
        # Tree.clear() keeps the old nodes (and so the old document) in its node table.
        self.root.remove_children()
        self.clear()
        if root is None:
            self.root.set_label(Text(empty, style="dim"))
            self.root.data = None
            return
        self.root.set_label(element_label(root))
        self.root.data = XmlNode(root)
        self.root.allow_expand = len(root) > 0
        self._load_page(self.root)
        self.root.expand()
        self._open_levels(self.root, OPEN_DEPTH)

    def _open_levels(self, node: TreeNode[Any], depth: int) -> None:
        """Open the first levels (header, response, bodyContent) when they are small."""
        if depth <= 0:
            return
        for child in list(node.children):
            data = child.data
            if isinstance(data, XmlNode) and 0 < len(data.element) <= OPEN_LIMIT:
                self._load_page(child)
                child.expand()
                self._open_levels(child, depth - 1)

    def _load_page(self, node: TreeNode[Any]) -> None:
        data = node.data
        if not isinstance(data, XmlNode):
            return
        element = data.element
        total = len(element)
        start = data.loaded
        stop = min(total, start + PAGE)
        for child in element[start:stop]:  # one slice: an outline parses the page in one go
            has_children = isinstance(child.tag, str) and len(child) > 0
            if has_children:
                node.add(element_label(child), XmlNode(child))
            else:
                node.add_leaf(element_label(child), XmlNode(child))
        data.loaded = stop
        if stop < total:
            more = Text(f"… {total - stop} more", style="italic magenta")
            node.add_leaf(more, MoreNode(data))

    def expand_path_to(self, predicate) -> TreeNode[Any] | None:
        """Expand down to the first loaded-or-loadable element matching predicate."""
        def walk(node: TreeNode[Any]) -> TreeNode[Any] | None:
            for child in node.children:
                if isinstance(child.data, XmlNode):
                    if predicate(child.data.element):
                        return child
                    if child.data.element is not None and len(child.data.element):
                        if child.data.loaded == 0:
                            self._load_page(child)
                        found = walk(child)
                        if found is not None:
                            child.expand()
                            return found
            return None

        return walk(self.root)

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[Any]) -> None:
        data = event.node.data
        if isinstance(data, XmlNode) and data.loaded == 0:
            self._load_page(event.node)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Any]) -> None:
        data = event.node.data
        if isinstance(data, MoreNode):
            event.stop()
            parent = event.node.parent
            event.node.remove()
            if parent is not None:
                self._load_page(parent)
