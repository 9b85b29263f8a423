"""Scan pasted text into a forgiving element tree (``nodes.ScannedTree``).

The scanner never expands entities, never loads anything, and is linear in the input: it is a
tokenizer, not an XML processor. Tokens are those of ``TOKEN``; the scanner reads them with
``_ROW``, which matches the same tokens one ``<`` at a time together with the text that
follows, and an element holding only text (most of a request) as one match.
"""

from __future__ import annotations

import re

from explorer.core.lint.nodes import Layout, LineIndex, Node, ScannedTree
from explorer.core.lint.tree_builder import TreeBuilder

#: The token grammar, one token per match.
TOKEN = re.compile(
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
# TOKEN's tokens, each "<" one with the text after it, and an element holding only text as
# one match (``value`` set). Alternatives that open alike keep TOKEN's order; the quantifiers
# are possessive (linear on hostile input), which leaves every token as long as TOKEN makes
# it. The "/" that closes an empty element stays in the attributes.
_ROW = re.compile(
    r"""<(?:
        (?P<name>[A-Za-z_][\w.:\-]*+)(?P<attrs>[^<>]*+)>
            (?:(?<!/>)(?P<value>[^<]*+)</(?P=name)(?![^\s<>])(?P<leaf_space>\s*+)(?P<leaf_gt>>?))?
      | /(?P<end>[^\s<>]++)(?P<end_space>\s*+)(?P<end_gt>>?)
      | !--(?P<comment>.*?)(?P<comment_end>-->|\Z)
      | !\[CDATA\[(?P<cdata>.*?)(?:\]\]>|\Z)
      | \?(?P<pi>.*?)(?P<pi_end>\?>|\Z)
      | !(?P<decl>[^<>]*+)(?P<decl_gt>>?)
      | (?P<lt>)
    )(?P<text>[^<]*+)""",
    re.DOTALL | re.VERBOSE,
)


def scan(text: str) -> ScannedTree:
    """Tokenize ``text`` into a forgiving element tree."""
    lines = LineIndex(text)
    tree = TreeBuilder(lines)
    stack = tree.stack
    open_names = tree.open_names
    nodes = tree.nodes
    add_text = tree.text
    first = text.find("<")
    lead = text if first < 0 else text[:first]
    if lead and not lead.isspace():
        add_text(lead, len(lead) - len(lead.lstrip()), None)
    # What the non-breaking-space check needs, kept only if every token is a plain "<...>":
    # the text outside every element by a plain count of start and end tags, and the tags
    # with a space inside (where a non-breaking space read as one may be).
    outside = [(0, len(lead), False)] if lead else []
    spaced: list[tuple[int, int, str, str]] = []
    plain = True
    tags = 0
    depth = 0
    root_done = False
    parent: Node | None = None  # the innermost open element
    for match in _ROW.finditer(text):
        (name, attrs, value, leaf_space, leaf_gt, end, end_space, end_gt, comment,
         _, _, _, _, _, _, _, after) = match.groups()
        at, stop = match.span()
        if name is not None:
            # The element, inside the innermost open one (what TreeBuilder.element does).
            if value is not None:  # <name attrs>value</name>
                node = Node(name, attrs, at, lines, parent, True)
                if value and not value.isspace():
                    node._texts = value  # its TextPiece is made when asked for
                    node.text = value.strip()
                if " " in attrs:
                    spaced.append((at, at + len(name) + len(attrs) + 2, "start", name))
                if leaf_space and (leaf_gt or len(leaf_space) > 1):  # more than </name>
                    tag_end = stop - len(after)
                    spaced.append((tag_end - len(name) - 2 - len(leaf_space) - len(leaf_gt),
                                   tag_end, "end", name))
                tags += 2
                if leaf_gt != ">":
                    plain = False
                if not depth:
                    root_done = True
            else:
                if " " in attrs:
                    spaced.append((at, stop - len(after), "start", name))
                tags += 1
                if attrs.endswith("/"):
                    node = Node(name, attrs[:-1], at, lines, parent, True)
                    if not depth:
                        root_done = True
                else:
                    node = Node(name, attrs, at, lines, parent, False)
            # TreeBuilder.element, inlined (a method call per element shows in the scan); the
            # scanner tests compare this tree with one TreeBuilder.element builds.
            nodes.append(node)
            if parent is None:
                owner_texts = tree.top_texts
                tree.roots.append(node)
            else:
                owner_texts = parent._texts
                if parent.children:
                    parent.children.append(node)  # type: ignore[union-attr]
                else:
                    parent.children = [node]
            if owner_texts and owner_texts[-1].after is None:
                owner_texts[-1].after = node
            if not node.closed:
                parent = node
                stack.append(node)
                open_names[name] = open_names.get(name, 0) + 1
                depth += 1
        elif end is not None:
            if parent is not None and parent.qname == end:
                stack.pop()
                open_names[end] -= 1
                parent.closed = True
            else:
                tree.close(end, at)
            parent = stack[-1] if stack else None
            if depth:
                depth -= 1
                if not depth:
                    root_done = True
            if end_space and (end_gt or len(end_space) > 1):  # more than </name>
                spaced.append((at, stop - len(after), "end", end))
            tags += 1
            if end_gt != ">":
                plain = False
        else:
            tags += 1
            if not _other(tree, match):
                plain = False
            elif comment is None:
                spaced.append((at, stop - len(after), "declaration", ""))
        if after:
            if not after.isspace():
                add_text(after, stop - len(after.lstrip()), parent)
            if not depth:
                outside.append((stop - len(after), stop, root_done))
    if plain and tags == text.count(">"):
        return tree.finish(Layout(outside, spaced))
    return tree.finish(None)


def _other(tree: TreeBuilder, match: re.Match[str]) -> bool:
    """Comments, CDATA, declarations and a stray "<"; False unless the token is a plain
    "<...>" holding no other "<" or ">"."""
    comment = match["comment"]
    if comment is not None:
        tree.comment(comment, match.start())
        return match["comment_end"] == "-->" and "<" not in comment and ">" not in comment
    cdata = match["cdata"]
    if cdata is not None:
        if cdata and not cdata.isspace():
            tree.text(cdata, match.start("cdata") + len(cdata) - len(cdata.lstrip()),
                      tree.stack[-1] if tree.stack else None)
        return False
    pi = match["pi"]
    if pi is not None:
        return match["pi_end"] == "?>" and "<" not in pi and ">" not in pi
    if match["decl"] is not None:
        return match["decl_gt"] == ">"
    tree.text("<", match.start(), tree.stack[-1] if tree.stack else None)
    return False
