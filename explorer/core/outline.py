"""A big answer held as an outline: the elements that enclose its long lists, with each
finished piece below them kept only as the byte range of its markup in the answer.

An lxml tree costs about six times the bytes it was read from; an outline costs a few
bytes per list item. ``OutlineElement`` answers what the explorer reads of an element
(tag, prefix, attrib, text, len, indexing and slicing, iterchildren, find/findall/findtext
with a child's tag); a child held as bytes is parsed again, by the hardened parser, when it is
asked for. Whatever else of lxml's element API is used works on a full copy of the element,
parsed when asked (slow for a big answer; the explorer itself never needs it).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator
from copy import deepcopy
from typing import Any

from lxml import etree

from explorer.core.fields import ALWAYS_INDEXED
from explorer.core.xmlsafe import parse_xml
from explorer.core.xmltext import quoteattr

#: Children parsed together when a run of them is asked for (a page of the response tree).
_PARSE_RUN = 256
_WRAPPER = b"outline-part"


class Outline:
    """What the elements of one outline share: the answer's bytes and the table of names."""

    __slots__ = ("max_bytes", "names", "source")

    def __init__(self, source: bytes, max_bytes: int) -> None:
        self.source = source  # UTF-8, as the parser read it
        self.max_bytes = max_bytes
        #: (Clark tag, name as written): ``OutlineElement`` children refer to it by position.
        self.names: list[tuple[str, str]] = []


def _selector(tag: Any) -> Any:
    """A predicate on Clark tags for an lxml tag selector ("{ns}x", "{*}x", "x", "*", ...)."""
    if tag is None or tag is etree.Element or tag in ("*", "{*}*"):
        return lambda _clark: True
    if not isinstance(tag, str):  # comments, processing instructions: an outline has none
        return lambda _clark: False
    if tag.startswith("{}"):
        tag = tag[2:]
    if tag.startswith("{*}"):
        local = tag[3:]
        return lambda clark: clark.rpartition("}")[2] == local
    if tag.endswith("}*"):
        namespace = tag[:-1]
        return lambda clark: clark.startswith(namespace)
    return lambda clark: clark == tag


_NOT_IN_A_TAG = frozenset("/[]()@!= \t\r\n")


def _child_tag(path: Any) -> bool:
    """True when an ElementPath expression names just a child's tag ("{ns}x", "{*}x", "x")."""
    if not isinstance(path, str):
        return False
    local = path.partition("}")[2] if path.startswith("{") else path
    return bool(local) and not local.startswith(".") and not _NOT_IN_A_TAG & set(local)


class OutlineElement:
    """One element of an outline; see the module's docstring."""

    __slots__ = ("_counts", "_ends", "_index", "_names", "_nested", "_outline", "_parent",
                 "_path", "_ref", "_run_positions", "_run_starts", "_wrapper", "attrib",
                 "content_start", "end", "nsmap", "prefix", "start", "tag", "text")

    def __init__(self, outline: Outline, parent: OutlineElement | None, *, tag: str,
                 prefix: str | None, attrib: dict[str, str], nsmap: dict[str | None, str],
                 start: int, content_start: int) -> None:
        self._outline = outline
        self._parent = parent
        self._index = len(parent) if parent is not None else 0
        self.tag = tag
        self.prefix = prefix
        self.attrib = attrib
        self.nsmap = nsmap
        self.text: str | None = None
        self.start = start  # where its start tag is in the answer
        self.content_start = content_start  # just after its start tag
        self.end = content_start  # just after its end tag, once known
        # Children: the position of each one's name, where each one's markup ends (it starts
        # after the one before), and (by position) those that are OutlineElements themselves.
        self._names = array("I")
        self._ends = array("Q")
        self._nested: dict[int, OutlineElement] = {}
        # For path steps: children are added in runs of one name; where each run starts, the
        # position among the siblings of its tag of the run's first child, and each tag's count.
        self._run_starts = array("Q")
        self._run_positions = array("Q")
        self._counts: dict[str, int] = {}
        self._path: str | None = None
        self._ref: OutlinePath | None = None
        self._wrapper: bytes | None = None

    # ----------------------------------------------------------------- building
    def add_piece(self, name: int, end: int) -> int:
        """A finished child whose markup ends at ``end``; its position."""
        self.add_pieces(name, [end])
        return len(self._names) - 1

    def add_element(self, name: int, child: OutlineElement) -> None:
        self._nested[len(self._names)] = child
        self.add_piece(name, child.content_start)

    def add_pieces(self, name: int, ends: list[int]) -> None:
        """Finished children of one name, whose markup ends at each of ``ends``."""
        tag = self._outline.names[name][0]
        seen = self._counts.get(tag, 0)
        self._counts[tag] = seen + len(ends)
        self._run_starts.append(len(self._names))
        self._run_positions.append(seen + 1)
        self._names.extend(array("I", [name]) * len(ends))
        self._ends.extend(ends)

    def finish(self, end: int, text: str | None) -> None:
        self.end = end
        self.text = text
        if self._parent is not None:
            self._parent._ends[self._index] = end

    # ----------------------------------------------------------------- paths
    def path(self) -> str:
        """Its path as the field index writes it: "/serv:message/serv:body/serv:bodyContent[1]"."""
        if self._path is None:
            parent = self._parent
            own = self._qualified()
            self._path = (f"/{own}" if parent is None
                          else f"{parent.path()}/{parent.child_step(self._index)}")
        return self._path

    def path_ref(self) -> OutlinePath:
        """Its path, as an object whose str() is the path (read when it is)."""
        if self._ref is None:
            self._ref = OutlinePath(self)
        return self._ref

    def child_path(self, index: int) -> str:
        """The path of child ``index`` (the parent path of the field hits inside it)."""
        return f"{self.path()}/{self.child_step(index)}"

    def child_step(self, index: int) -> str:
        """The path step of child ``index``: its name, and its position among the children
        of the same tag when it has such siblings (bodyContent always has one)."""
        tag, written = self._outline.names[self._names[index]]
        if self._counts[tag] == 1 and tag.rpartition("}")[2] not in ALWAYS_INDEXED:
            return written
        run = bisect_right(self._run_starts, index) - 1
        return f"{written}[{self._run_positions[run] + index - self._run_starts[run]}]"

    def _qualified(self) -> str:
        local = self.tag.rpartition("}")[2]
        return f"{self.prefix}:{local}" if self.prefix else local

    # ----------------------------------------------------------------- children
    def __len__(self) -> int:
        return len(self._names)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return self._children(*index.indices(len(self))[:2]) if index.step in (None, 1) \
                else [self[i] for i in range(*index.indices(len(self)))]
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("list index out of range")
        return self._children(index, index + 1)[0]

    def __iter__(self) -> Iterator[Any]:
        for first in range(0, len(self), _PARSE_RUN):
            yield from self._children(first, min(len(self), first + _PARSE_RUN))

    def _children(self, first: int, stop: int) -> list[Any]:
        """Children ``first`` to ``stop``: each run of pieces is parsed in one go."""
        out: list[Any] = []
        run = first
        for index in range(first, stop + 1):
            nested = self._nested.get(index) if index < stop else None
            if index == stop or nested is not None:
                if run < index:
                    out.extend(self._parse_pieces(run, index))
                if nested is not None:
                    out.append(nested)
                run = index + 1
        return out

    def _parse_pieces(self, first: int, stop: int) -> list[etree._Element]:
        begin = self._ends[first - 1] if first else self.content_start
        markup = self._outline.source[begin:self._ends[stop - 1]]
        holder = self._parse_here(markup)
        children = list(holder)
        if len(children) != stop - first:  # the byte ranges did not hold these children
            raise RuntimeError("outline byte ranges do not match the answer")
        return children

    def _parse_here(self, markup: bytes) -> etree._Element:
        """``markup`` parsed as content of this element (its namespaces in scope); the holder."""
        if self._wrapper is None:
            declarations = "".join(
                f" xmlns={quoteattr(uri)}" if prefix is None
                else f" xmlns:{prefix}={quoteattr(uri)}"
                for prefix, uri in self.nsmap.items()
            )
            self._wrapper = b"<" + _WRAPPER + declarations.encode("utf-8") + b">"
        document = b"".join((self._wrapper, markup, b"</", _WRAPPER, b">"))
        return parse_xml(document, max_bytes=max(len(document), self._outline.max_bytes),
                         what="response", drop_blank_text=True)

    def iterchildren(self, *tags: Any, tag: Any = None, reversed: bool = False) -> Iterator[Any]:
        wanted = [_selector(t) for t in (*tags, *(() if tag is None else (tag,)))]
        names = self._outline.names
        matching = {i for i, (clark, _) in enumerate(names)
                    if not wanted or any(test(clark) for test in wanted)}
        indexes = [i for i, name in enumerate(self._names) if name in matching]
        if reversed:
            indexes.reverse()
        for index in indexes:
            yield self[index]

    def _first_child(self, path: str) -> Any:
        test = _selector(path)
        found = []
        for name, (clark, _) in enumerate(self._outline.names):
            if test(clark):
                try:
                    found.append(self._names.index(name))
                except ValueError:
                    pass
        return self[min(found)] if found else None

    def find(self, path: Any, namespaces: Any = None) -> Any:
        if namespaces is None and _child_tag(path):
            return self._first_child(path)
        return self.materialise().find(path, namespaces)

    def findtext(self, path: Any, default: Any = None, namespaces: Any = None) -> Any:
        if namespaces is None and _child_tag(path):
            found = self._first_child(path)
            return default if found is None else (found.text or "")
        return self.materialise().findtext(path, default, namespaces)

    def findall(self, path: Any, namespaces: Any = None) -> list[Any]:
        if namespaces is None and _child_tag(path):
            return list(self.iterchildren(path))
        return self.materialise().findall(path, namespaces)

    def iterfind(self, path: Any, namespaces: Any = None) -> Iterator[Any]:
        return iter(self.findall(path, namespaces))

    def getparent(self) -> OutlineElement | None:
        return self._parent

    # ----------------------------------------------------------------- attributes
    @property
    def tail(self) -> None:
        return None

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrib.get(key, default)

    def keys(self) -> list[str]:
        return list(self.attrib)

    def items(self) -> list[tuple[str, str]]:
        return list(self.attrib.items())

    def values(self) -> list[str]:
        return list(self.attrib.values())

    # ----------------------------------------------------------------- everything else
    def materialise(self) -> etree._Element:
        """A full lxml copy of this element and everything in it, parsed now."""
        outline = self._outline
        if self._parent is None:
            return parse_xml(outline.source, max_bytes=outline.max_bytes, what="response",
                             drop_blank_text=True)
        # A document of its own, as the root of the copy (not inside the parse's holder).
        return deepcopy(self._parent._parse_here(outline.source[self.start:self.end])[0])

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.materialise(), name)

    def __repr__(self) -> str:
        return f"<OutlineElement {self.tag} ({len(self)} children)>"


class OutlinePath:
    """The path of an outline element, read when str() is called (the parent path of the
    field hits that are its children)."""

    __slots__ = ("_owner",)

    def __init__(self, owner: OutlineElement) -> None:
        self._owner = owner

    def __str__(self) -> str:
        return self._owner.path()
