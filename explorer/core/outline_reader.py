"""Read a big answer into an outline (explorer.core.outline) and its field index, in one pass.

The hardened parser reads the answer a step at a time (``xmlsafe.XmlSteps``). After each
step every finished element is indexed for fields, noted as the byte range of its markup,
and taken out of the tree, so the whole document never exists in memory. The elements still
open when a step ends (the root, body, bodyContent, ...) become ``OutlineElement``s.

Byte ranges come from following the markup with a cursor: a finished element's start tag is
the next ``<``, and its end tag the first ``</name>`` after it unless an element of the same
name is inside (then it is outlined like an open one). That holds when every ``<`` is a tag:
an answer with comments, CDATA sections or processing instructions after its prolog is not
outlined (``read_outline`` gives None), nor one that is not UTF-8, nor one the parser
refuses; the caller then parses the answer whole, as for a small one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from explorer.core.errors import XMLInputError
from explorer.core.fields import (
    REGISTRATION_FORM,
    FieldHits,
    field_kind,
    registration_table,
    scan_finished,
)
from explorer.core.outline import Outline, OutlineElement
from explorer.core.xmlsafe import STEP_BYTES, XmlSteps

_NAME_END = b" \t\r\n/>"
_END_TAG_END = b" \t\r\n>"
_SLASH = ord("/")
_GT = ord(">")
_WHITESPACE = b" \t\r\n"
_LT = ord("<")
_BANG = ord("!")
_QUESTION = ord("?")
_OTHER_MARKUP = re.compile(rb"<[!?]")
# A start tag, attribute values quoted; only for tags the parser has already accepted.
_START_TAG = re.compile(rb"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")


@dataclass
class OutlineRead:
    """An answer read as an outline, with what the field index found in it."""

    root: OutlineElement
    fields: FieldHits
    registration_form: dict[str, bool] | None


class _Unfollowable(Exception):
    """The markup is not where the cursor expects it: parse the answer whole instead."""


class _Name:
    """An element name as written, with what following its markup needs."""

    __slots__ = ("close", "end_tag", "index", "key", "kind", "open", "qualified", "start_tag")

    def __init__(self, index: int, key: tuple[str, str | None], qualified: str,
                 kind: str | None) -> None:
        written = qualified.encode("utf-8")
        self.index = index  # in Outline.names
        self.key = key  # (Clark tag, prefix)
        self.qualified = qualified
        self.kind = kind
        self.open = b"<" + written
        self.close = b"</" + written
        self.start_tag = re.compile(re.escape(self.open) + rb"[ \t\r\n/>]")
        self.end_tag = re.compile(re.escape(self.close) + rb"[ \t\r\n]*>")


def read_outline(data: bytes | str, *, max_bytes: int, what: str,
                 step: int = STEP_BYTES) -> OutlineRead | None:
    """The answer as an outline with its fields, or None when it has to be parsed whole."""
    try:
        steps = XmlSteps(data, max_bytes=max_bytes, what=what, drop_blank_text=True, step=step)
    except XMLInputError:
        return None
    if not steps.utf8 or _has_other_markup(steps.source, steps.root_start):
        return None
    reader = _Reader(Outline(steps.source, max_bytes), steps)
    try:
        for root, finished in steps:
            reader.step(root, finished)
    except (XMLInputError, _Unfollowable):
        return None
    assert reader.root is not None
    return OutlineRead(reader.root, reader.hits, reader.form())


def _has_other_markup(source: bytes, start: int) -> bool:
    """True when a comment, CDATA section or processing instruction follows ``start``."""
    for mark in (_BANG, _QUESTION):
        pos = source.find(mark, start)
        for _ in range(64):  # "!" and "?" are common in text: look at the first few
            if pos < 0:
                break
            if source[pos - 1] == _LT:
                return True
            pos = source.find(mark, pos + 1)
        else:
            return _OTHER_MARKUP.search(source, start) is not None
    return False


class _Reader:
    def __init__(self, outline: Outline, steps: XmlSteps) -> None:
        self.outline = outline
        self.source = outline.source
        self.steps = steps
        self.cursor = steps.root_start
        self.root: OutlineElement | None = None
        self.hits = FieldHits()
        # The first registrationForm: its table, or the OutlineElement it will be made from.
        self._form: dict[str, bool] | OutlineElement | None = None
        # The open elements, root first: (lxml element, its OutlineElement, the index of its
        # field hit).
        self._open: list[tuple[etree._Element, OutlineElement, int | None]] = []
        self._names: dict[tuple[str, str | None], _Name] = {}

    def form(self) -> dict[str, bool] | None:
        form = self._form
        return registration_table(form) if isinstance(form, OutlineElement) else form

    def step(self, root: etree._Element, finished: bool) -> None:
        if self.root is None:
            self.root = self._start(root, None, 0)
        self._advance(0, finished)
        if finished:
            self._end(0)

    # ----------------------------------------------------------------- the tree, level by level
    def _advance(self, level: int, finished: bool) -> None:
        """Take the finished children of open element ``level`` out of the tree, then go down
        into its last child, which may still be open (all of them when ``finished``)."""
        element, node, _hit = self._open[level]
        children = list(element)
        done = len(children) if finished else max(0, len(children) - 1)
        first = 0
        if done and len(self._open) > level + 1 and self._open[level + 1][0] is children[0]:
            self._advance(level + 1, True)  # opened at an earlier step, finished now
            self._end(level + 1)
            first = 1
        pieces: dict[etree._Element, int] = {}
        if first < done and not self._add_alike(element, node, children, first, done, pieces):
            self._add_one_by_one(level, node, children[first:done], pieces)
        self._index(element, node, pieces)
        last = children[-1] if children and not finished else None
        # No Python object may refer to them any more: then removing them frees them at once
        # (lxml would otherwise move each one to a document of its own first).
        del pieces, children
        if done:
            del element[:done]
        if last is None:
            return
        if not (len(self._open) > level + 1 and self._open[level + 1][0] is last):
            if self.steps.fed - self.source.find(b"<", self.cursor) < self.steps.step // 4:
                return  # a small element still being read: taken out whole once finished
            self._start(last, node, level + 1)
        self._advance(level + 1, False)

    def _add_alike(self, element: etree._Element, node: OutlineElement,
                   children: list[etree._Element], first: int, done: int,
                   pieces: dict[etree._Element, int]) -> bool:
        """``children[first:done]`` as pieces of ``node`` in one go, when they all have one
        name and no element of that name is inside them (a list answer's items); False, and
        nothing added, otherwise."""
        name = self._name(children[first])
        tag = name.key[0]
        count = done - first
        outside = sum(1 for child in (*children[:first], *children[done:]) if child.tag == tag)
        if sum(1 for _ in element.iterchildren(tag)) != count + outside:
            return False
        local = "{*}" + tag.rpartition("}")[2]
        if sum(1 for _ in element.iterdescendants(local)) \
                != sum(1 for _ in element.iterchildren(local)):
            return False
        ends = self._ends_of_alike(name, count)
        if ends is None:
            return False
        before = len(node)
        node.add_pieces(name.index, ends)
        pieces.update(zip(children[first:done], range(before, before + count), strict=True))
        self.cursor = ends[-1]
        return True

    def _ends_of_alike(self, name: _Name, count: int) -> list[int] | None:
        """Where the next ``count`` elements end, each named ``name`` and holding no element of
        that name (so the first end tag of that name after each one's start tag is its own);
        None when the markup is not that."""
        source = self.source
        size = len(source)
        search = name.end_tag.search
        opening = name.open
        after_name = len(opening)
        cursor = self.cursor
        ends = []
        for _ in range(count):
            at = source.find(b"<", cursor)  # each one's start tag is the next markup
            if at < 0 or at + after_name >= size or not source.startswith(opening, at):
                return None
            mark = source[at + after_name]
            if mark == _GT:  # <name> ... </name>
                found = search(source, at)
                if found is None:
                    return None
                cursor = found.end()
            elif mark == _SLASH:  # <name/>
                cursor = at + after_name + 2
            elif mark in _WHITESPACE:  # attributes
                cursor = self._element_end(name, at, holds_content=True)
            else:
                return None
            ends.append(cursor)
        return ends

    def _add_one_by_one(self, level: int, node: OutlineElement,
                        finished: list[etree._Element],
                        pieces: dict[etree._Element, int]) -> None:
        """Finished children as pieces of ``node``, each checked on its own; one that holds an
        element of its own name is outlined (its end tag is not the first of that name)."""
        source = self.source
        for child in finished:
            name = self._name(child)
            start = self._tag_at_cursor(name)
            if len(child) == 0 and not child.text:
                end = self._element_end(name, start)
            else:
                found = name.end_tag.search(source, start)
                if found is None:
                    raise _Unfollowable
                if name.start_tag.search(source, start + 1, found.start()) is not None:
                    self._index(self._open[level][0], node, pieces)
                    pieces.clear()
                    self._start(child, node, level + 1)
                    self._advance(level + 1, True)
                    self._end(level + 1)
                    continue
                end = found.end()
            pieces[child] = node.add_piece(name.index, end)
            self.cursor = end

    def _index(self, element: etree._Element, node: OutlineElement,
               pieces: dict[etree._Element, int]) -> None:
        if pieces:
            form = scan_finished(element, pieces, node.path_ref(), node, self.hits)
            if self._form is None:
                self._form = form

    def _start(self, element: etree._Element, parent: OutlineElement | None,
               level: int) -> OutlineElement:
        """An element still open (or outlined as if it were): an OutlineElement, opened."""
        name = self._name(element)
        start = self._tag_at_cursor(name)
        content_start = self._start_tag_end(start)
        node = OutlineElement(self.outline, parent, tag=element.tag, prefix=element.prefix,
                              attrib=dict(element.attrib), nsmap=dict(element.nsmap),
                              start=start, content_start=content_start)
        if parent is not None:
            parent.add_element(name.index, node)
        hit = None
        if name.kind == REGISTRATION_FORM:
            if self._form is None:
                self._form = node
        elif name.kind is not None:
            hit = self.hits.add(name.kind, name.qualified, "",
                                None if parent is None else parent.path_ref())
        del self._open[level:]
        self._open.append((element, node, hit))
        self.cursor = content_start
        return node

    def _end(self, level: int) -> None:
        """Element ``level`` has ended: its text, where its markup ends; closed."""
        element, node, hit = self._open[level]
        text = element.text
        name = self._name(element)
        if len(node) == 0 and not text:
            end = self._element_end(name, node.start)
        else:
            end = self._end_tag_at(name, self.cursor)
        node.finish(end, text)
        if hit is not None:
            self.hits.set_value(hit, text.strip() if text else "")
        self.cursor = end
        del self._open[level:]

    # ----------------------------------------------------------------- following the markup
    def _tag_at_cursor(self, name: _Name) -> int:
        """Where the start tag of ``name`` is: the next ``<``."""
        source = self.source
        start = source.find(b"<", self.cursor)
        after = start + len(name.open)
        if start < 0 or not source.startswith(name.open, start) or after >= len(source) \
                or source[after] not in _NAME_END:
            raise _Unfollowable
        return start

    def _end_tag_at(self, name: _Name, cursor: int) -> int:
        """Where the end tag of ``name`` that is the next ``<`` after ``cursor`` ends."""
        source = self.source
        start = source.find(b"<", cursor)
        after = start + len(name.close)
        if start < 0 or not source.startswith(name.close, start) or after >= len(source) \
                or source[after] not in _END_TAG_END:
            raise _Unfollowable
        return source.find(b">", after) + 1

    def _element_end(self, name: _Name, start: int, *, holds_content: bool = False) -> int:
        """Where the element whose start tag is at ``start`` ends: that tag's end for
        <name .../>; else its end tag, the next markup (<name></name>), or with
        ``holds_content`` the first end tag of that name (it holds no element of that name)."""
        end = self._start_tag_end(start)
        if self.source[end - 2] == _SLASH:
            return end
        if not holds_content:
            return self._end_tag_at(name, end)
        found = name.end_tag.search(self.source, end)
        if found is None:
            raise _Unfollowable
        return found.end()

    def _start_tag_end(self, start: int) -> int:
        found = _START_TAG.match(self.source, start)
        if found is None:
            raise _Unfollowable
        return found.end()

    def _name(self, element: etree._Element) -> _Name:
        key = (element.tag, element.prefix)
        name = self._names.get(key)
        if name is None:
            tag, prefix = key
            if not isinstance(tag, str):
                raise _Unfollowable
            local = tag.rpartition("}")[2]
            names = self.outline.names
            name = self._names[key] = _Name(len(names), key,
                                            f"{prefix}:{local}" if prefix else local,
                                            field_kind(tag))
            names.append((tag, name.qualified))
        return name
