"""Annotated request bodies: parse ``request.xml`` once, render it for any API version.

An annotated body is the inner XML of one ``bodyContent`` wrapped in a ``<template>`` root that
declares the ``tpl`` namespace. Three attributes in that namespace steer rendering:

- ``tpl:change="id"``: the element exists only in versions that have change ``id``;
- ``tpl:optional="true"``: the element is valid but left out unless the caller asks for it;
- exclusive choices (declared in ``command.toml``) keep one member and hint at the others.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import NamedTuple

from explorer.core.errors import TemplateError, XMLInputError
from explorer.core.xmltext import escape, quoteattr

TPL_NS = "urn:webex-xml-explorer:template"
_CHANGE = f"{{{TPL_NS}}}change"
_OPTIONAL = f"{{{TPL_NS}}}optional"
INDENT = "    "


class BodyNode(NamedTuple):
    name: str
    text: str | None
    attributes: tuple[tuple[str, str], ...]
    change: str | None
    optional: bool
    children: tuple[BodyNode, ...]

    def walk(self) -> list[BodyNode]:
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes


def parse_body(data: bytes, where: str) -> tuple[BodyNode, ...]:
    """Parse an annotated body; ``where`` names the file in error messages."""
    # Imported here: a pre-read template (templates_preread) needs no parser.
    from explorer.core.xmlsafe import local_name, parse_xml

    try:
        root = parse_xml(data, what=where)
    except XMLInputError as exc:
        raise TemplateError(str(exc)) from None
    if local_name(root) != "template":
        raise TemplateError(f"{where}: the root element must be <template>")
    return tuple(_node(child, where) for child in root if isinstance(child.tag, str))


def _node(element, where: str) -> BodyNode:  # type: ignore[no-untyped-def]
    if "}" in element.tag:
        raise TemplateError(
            f"{where}: element {element.tag!r} has a namespace; request bodies are unprefixed"
        )
    attributes: list[tuple[str, str]] = []
    change: str | None = None
    optional = False
    for key, value in element.attrib.items():
        if key == _CHANGE:
            change = value.strip()
        elif key == _OPTIONAL:
            optional = value.strip().lower() == "true"
        elif key.startswith("{"):
            raise TemplateError(f"{where}: unknown attribute {key!r} on <{element.tag}>")
        else:
            attributes.append((key, value))
    children = tuple(_node(child, where) for child in element if isinstance(child.tag, str))
    text = element.text.strip() if element.text and element.text.strip() else None
    if children and text:
        raise TemplateError(f"{where}: <{element.tag}> mixes text and child elements")
    return BodyNode(element.tag, text, tuple(attributes), change, optional, children)


class RenderRules(NamedTuple):
    present: Callable[[str], bool]  # change id -> present at the version being rendered
    exclusive: Mapping[str, tuple[str, ...]]  # element -> the other members of its choice
    use: Collection[str]  # alternatives / optional elements the caller asked for
    hints: bool = True  # write a comment naming the alternatives not chosen


def render(nodes: tuple[BodyNode, ...], rules: RenderRules) -> str:
    lines: list[str] = []
    _render_siblings(nodes, rules, 0, lines)
    return "\n".join(lines)


def available(node: BodyNode, present: Callable[[str], bool]) -> bool:
    return node.change is None or present(node.change)


def _selected(
    siblings: list[BodyNode], rules: RenderRules
) -> tuple[set[int], dict[int, list[str]]]:
    """Which siblings to render, and for each rendered choice member its hidden alternatives."""
    keep: set[int] = set()
    hints: dict[int, list[str]] = {}
    names = [n.name for n in siblings]
    done: set[str] = set()
    for index, node in enumerate(siblings):
        group = rules.exclusive.get(node.name)
        if group is None:
            if not node.optional or node.name in rules.use:
                keep.add(index)
            continue
        if node.name in done:
            continue
        members = [i for i, name in enumerate(names) if name == node.name or name in group]
        done.update(names[i] for i in members)
        chosen = [i for i in members if names[i] in rules.use]
        if not chosen:
            chosen = [i for i in members if not siblings[i].optional][:1]
        if not chosen:
            continue
        pick = chosen[0]
        keep.add(pick)
        others = [names[i] for i in members if i != pick]
        if others:
            hints[pick] = others
    return keep, hints


def _render_siblings(
    nodes: tuple[BodyNode, ...], rules: RenderRules, depth: int, lines: list[str]
) -> None:
    siblings = [n for n in nodes if available(n, rules.present)]
    keep, hints = _selected(siblings, rules)
    pad = INDENT * depth
    for index, node in enumerate(siblings):
        if index not in keep:
            continue
        attrs = "".join(f" {k}={quoteattr(v)}" for k, v in node.attributes)
        if node.children:
            lines.append(f"{pad}<{node.name}{attrs}>")
            _render_siblings(node.children, rules, depth + 1, lines)
            lines.append(f"{pad}</{node.name}>")
        elif node.text is not None:
            lines.append(f"{pad}<{node.name}{attrs}>{escape(node.text)}</{node.name}>")
        else:
            lines.append(f"{pad}<{node.name}{attrs}/>")
        if rules.hints and index in hints:
            lines.append(f"{pad}<!-- or, instead of {node.name}: {', '.join(hints[index])} -->")
