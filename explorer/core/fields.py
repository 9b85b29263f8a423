"""The identifiers a response carries, wherever they are and however they are spelled.

Servers spell them inconsistently: ``meetingUUID`` / ``meetingUuid`` / ``MeetingUUID``
(LstsummarySession, ja:L539), ``sessionKey`` / ``sessionkey`` (GetSessionInfo, ja:L65),
``meetingKey`` / ``meetingkey`` (responses), ``confID``. The index is built in one pass of
lxml's C-level ``iter`` over the few tags of interest, so a 10,000-session answer stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from lxml import etree

#: Spelling (local name) -> kind.
FIELD_SPELLINGS: dict[str, str] = {
    "meetingUUID": "meetingUUID",
    "meetingUuid": "meetingUUID",
    "MeetingUUID": "meetingUUID",
    "MeetingUuid": "meetingUUID",
    "meetinguuid": "meetingUUID",
    "sessionKey": "sessionKey",
    "sessionkey": "sessionKey",
    "SessionKey": "sessionKey",
    "meetingKey": "meetingKey",
    "meetingkey": "meetingKey",
    "MeetingKey": "meetingKey",
    "confID": "confID",
    "confId": "confID",
    "ConfID": "confID",
}
FIELD_KINDS = ("meetingUUID", "sessionKey", "meetingKey", "confID")
REGISTRATION_FORM = "registrationForm"

_FIELD_TAGS = tuple(f"{{*}}{name}" for name in FIELD_SPELLINGS)
_REGFORM_TAG = f"{{*}}{REGISTRATION_FORM}"
_ALL_TAGS = (*_FIELD_TAGS, _REGFORM_TAG)
#: Elements always given a position in paths, like XPath's bodyContent[1].
ALWAYS_INDEXED = frozenset({"bodyContent"})


_UUID = re.compile(r"[0-9a-fA-F]{32}")


class FieldHit:
    """One identifier found in a response. ``path`` is joined when read: hits under the same
    element share their parent's path string (a 50,000-session answer has 150,000 hits)."""

    __slots__ = ("_child", "_parent", "kind", "name", "value")

    def __init__(self, kind: str, name: str, value: str, path: str | None = None, *,
                 parent_path: object = None) -> None:
        self.kind = kind  # "meetingUUID" | "sessionKey" | "meetingKey" | "confID"
        self.name = name  # as written, e.g. "ep:sessionkey"
        self.value = value
        # The parent's path (a string, or an object whose str() is one, joined when read); a
        # full path given to the constructor is kept as its own parent. With ``_child``,
        # ``_parent`` is an element of a big answer's outline and the parent is its child.
        self._child: int | None = None
        self._parent = parent_path if path is None else path.rpartition("/")[0]
        if path is not None and path.rpartition("/")[2] != name:
            self._parent = None, path  # type: ignore[assignment]  # a path not ending in name

    @property
    def path(self) -> str:
        """"/serv:message/serv:body/serv:bodyContent[1]/ep:sessionkey"."""
        parent = self._parent
        if self._child is not None:
            return f"{parent.child_path(self._child)}/{self.name}"  # type: ignore[union-attr]
        if isinstance(parent, tuple):
            return parent[1]
        return f"{parent or ''}/{self.name}"

    def _key(self) -> tuple[str, str, str, str]:
        return self.kind, self.name, self.value, self.path

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FieldHit):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return (f"FieldHit(kind={self.kind!r}, name={self.name!r}, value={self.value!r}, "
                f"path={self.path!r})")

    @property
    def problem(self) -> str | None:
        """Why the value cannot be what its name says (the notes' LstsummarySession example
        puts the sessionKey in ep:MeetingUUID), else None."""
        if self.kind == "meetingUUID" and not _UUID.fullmatch(self.value):
            return "not a meetingUUID (32 hex digits)"
        return None

    def to_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "name": self.name, "value": self.value, "path": self.path,
                "problem": self.problem}


class FieldHits(Sequence[FieldHit]):
    """Field hits in document order, kept as columns; a ``FieldHit`` is made when one is read.

    A 50,000-session answer has 150,000 hits. As objects, every full pass of Python's cyclic
    garbage collector would walk each of them (about 80 ms on a 2-core machine, while the UI
    loop waits for the interpreter lock) for as long as the answer is shown; as five lists of
    strings and shared parents they are five objects.
    """

    __slots__ = ("_children", "_kinds", "_names", "_parents", "_values")

    def __init__(self, hits: Iterable[FieldHit] = ()) -> None:
        self._kinds: list[str] = []
        self._names: list[str] = []
        self._values: list[str] = []
        self._parents: list[object] = []  # what FieldHit._parent holds
        self._children: list[int | None] = []  # what FieldHit._child holds
        for hit in hits:
            self.add(hit.kind, hit.name, hit.value, hit._parent, hit._child)

    def add(self, kind: str, name: str, value: str, parent: object = None,
            child: int | None = None) -> int:
        """Append a hit (``parent`` and ``child`` as in ``FieldHit``); its index."""
        self._kinds.append(kind)
        self._names.append(name)
        self._values.append(value)
        self._parents.append(parent)
        self._children.append(child)
        return len(self._kinds) - 1

    def set_value(self, index: int, value: str) -> None:
        self._values[index] = value

    def _hit(self, index: int) -> FieldHit:
        hit = FieldHit.__new__(FieldHit)
        hit.kind, hit.name, hit.value = self._kinds[index], self._names[index], self._values[index]
        hit._parent, hit._child = self._parents[index], self._children[index]
        return hit

    def __len__(self) -> int:
        return len(self._kinds)

    @overload
    def __getitem__(self, index: int) -> FieldHit: ...
    @overload
    def __getitem__(self, index: slice) -> list[FieldHit]: ...
    def __getitem__(self, index: int | slice) -> FieldHit | list[FieldHit]:
        if isinstance(index, slice):
            return [self._hit(i) for i in range(*index.indices(len(self._kinds)))]
        if index < 0:
            index += len(self._kinds)
        if not 0 <= index < len(self._kinds):
            raise IndexError("field hit index out of range")
        return self._hit(index)

    def __iter__(self) -> Iterator[FieldHit]:
        return map(self._hit, range(len(self._kinds)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (FieldHits, list, tuple)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"FieldHits({list(self)!r})"

    def indices_of(self, kind: str, limit: int | None = None) -> list[int]:
        """Indices of the hits of ``kind``, in document order (the first ``limit``)."""
        kinds = self._kinds
        found: list[int] = []
        at = 0
        while limit is None or len(found) < limit:
            try:
                at = kinds.index(kind, at)  # C speed: a big answer is mostly other kinds
            except ValueError:
                break
            found.append(at)
            at += 1
        return found

    def of_kind(self, kind: str) -> list[FieldHit]:
        return [self._hit(i) for i in self.indices_of(kind)]

    def last_values(self) -> dict[str, str]:
        """Kind -> the value of the last hit of that kind."""
        return dict(zip(self._kinds, self._values, strict=True))


def _qualified(element: etree._Element) -> str:
    tag = element.tag
    local = tag.rpartition("}")[2]
    prefix = element.prefix
    return f"{prefix}:{local}" if prefix else local


class _PathBuilder:
    """Prefixed paths with positions only where siblings share a tag (and for bodyContent).

    Asked for elements in document order (as ``iter`` finds them), it keeps only the current
    chain of ancestors and one forward-moving sibling counter per (parent, tag) on that chain:
    no table of every element, so a big answer's index costs no more memory at its peak.
    With ``top``, paths are relative to that element ("" for itself, "/a/b[2]" below it).
    """

    def __init__(self, top: etree._Element | None = None) -> None:
        self._top = top
        self._chain: list[tuple[etree._Element, str]] = []  # root ... last element asked
        # (parent, tag) -> [sibling iterator, position of ``current``, current, only one]
        self._counters: dict[tuple[etree._Element, str], list[Any]] = {}

    def _position(self, parent: etree._Element, element: etree._Element) -> int | None:
        tag = element.tag
        key = (parent, tag)
        state = self._counters.get(key)
        if state is None or state[1] == 0:
            state = self._counters[key] = [parent.iterchildren(tag), 0, None, None]
        iterator, index, current, _ = state
        if current is not element:
            for current in iterator:
                index += 1
                if current is element:
                    break
            else:  # asked out of document order: count from the start
                index = next(i for i, child in enumerate(parent.iterchildren(tag), 1)
                             if child is element)
                iterator = parent.iterchildren(tag)
                for _ in range(index):
                    current = next(iterator)
            state[0], state[1], state[2] = iterator, index, current
        if state[3] is None:
            state[3] = index == 1 and next(element.itersiblings(tag), None) is None
        if state[3] and tag.rpartition("}")[2] not in ALWAYS_INDEXED:
            return None
        return index

    def path(self, element: etree._Element) -> str:
        chain = self._chain
        for i in range(len(chain) - 1, -1, -1):
            if chain[i][0] is element:
                del chain[i + 1:]
                return chain[i][1]
        parent = element.getparent()
        name = _qualified(element)
        if parent is None or element is self._top:
            chain.clear()
            self._counters.clear()
            result = "" if element is self._top else "/" + name
        else:
            base = self.path(parent)  # leaves the chain ending at parent
            position = self._position(parent, element)
            result = f"{base}/{name}" if position is None else f"{base}/{name}[{position}]"
            for gone in [key for key in self._counters if key[0] is not parent
                         and not any(key[0] is kept for kept, _ in chain)]:
                del self._counters[gone]
        chain.append((element, result))
        return result


def registration_table(form: Any) -> dict[str, bool]:
    """A registrationForm element (lxml's or an outline's) as field -> required."""
    table: dict[str, bool] = {}
    for field in form.iterchildren(tag=etree.Element):
        req = next(field.iterchildren("{*}req"), None)
        text = (req.text if req is not None else field.text) or ""
        table[field.tag.rpartition("}")[2]] = text.strip().lower() == "true"
    return table


def scan(root: etree._Element) -> tuple[FieldHits, dict[str, bool] | None]:
    """Field hits in document order and the first registrationForm table, in one pass."""
    hits = FieldHits()
    add = hits.add
    form: dict[str, bool] | None = None
    builder = _PathBuilder()
    last_parent: etree._Element | None = None
    base = ""
    kinds: dict[str, str | None] = {}  # Clark tag -> kind (None: registrationForm)
    names: dict[tuple[str, str | None], str] = {}  # (tag, prefix) -> "ep:sessionkey"
    for element in root.iter(*_ALL_TAGS):
        tag = element.tag
        kind = kinds.get(tag, "")
        if kind == "":
            kind = kinds[tag] = FIELD_SPELLINGS.get(tag.rpartition("}")[2])
        if kind is None:  # registrationForm
            if form is None:
                form = registration_table(element)
            continue
        prefix = element.prefix
        name = names.get((tag, prefix))
        if name is None:
            name = names[(tag, prefix)] = _qualified(element)
        parent = element.getparent()
        if parent is not last_parent or parent is None:
            last_parent = parent
            base = builder.path(parent) if parent is not None else ""
        text = element.text
        add(kind, name, text.strip() if text else "", base)
    return hits, form


class _ChildPath:
    """The path of child ``position`` of ``owner``, read when str() is called."""

    __slots__ = ("owner", "position")

    def __init__(self, owner: Any, position: int) -> None:
        self.owner = owner
        self.position = position

    def __str__(self) -> str:
        return self.owner.child_path(self.position)


class _JoinedPath:
    """A path read as ``head`` (an object whose str() is a path) then ``tail``."""

    __slots__ = ("head", "tail")

    def __init__(self, head: object, tail: str) -> None:
        self.head = head
        self.tail = tail

    def __str__(self) -> str:
        return f"{self.head}{self.tail}"


def scan_finished(parent: etree._Element, finished: dict[etree._Element, int],
                  parent_path: object, owner: Any, hits: FieldHits) -> dict[str, bool] | None:
    """Append to ``hits``, in document order, those in the children of ``parent`` listed in
    ``finished``, and return the first registrationForm table among them.

    For a big answer read a step at a time (explorer.core.outline_reader): ``parent`` is what
    is in memory of an element whose path is ``parent_path`` (a string, or an object whose
    str() is one); ``finished`` gives each child's position in ``owner``, whose
    ``child_path(position)`` is that child's path, read when a hit's path is. The other
    children (not finished, or indexed elsewhere) are skipped.
    """
    form: dict[str, bool] | None = None
    # (Clark tag, prefix) -> (kind, name as written); kind None for registrationForm
    spellings: dict[tuple[str, str | None], tuple[str | None, str]] = {}
    builders: dict[etree._Element, _PathBuilder] = {}
    last_up: etree._Element | None = None
    base: object = None
    child: int | None = None
    # The columns, appended to directly: a method call per hit shows on 150,000 hits.
    kinds, names, values = hits._kinds, hits._names, hits._values
    parents, children = hits._parents, hits._children
    for element in parent.iter(*_ALL_TAGS):
        if element is parent:
            continue
        up = element.getparent()
        if up is parent:
            if element not in finished:
                continue
            hit_base, hit_child = parent_path, None
        else:
            if up is not last_up:  # hits often share their parent: find its path once
                last_up = up
                top = up
                while (above := top.getparent()) is not parent:
                    top = above
                base, child = owner, finished.get(top)
                if child is not None and up is not top:
                    builder = builders.get(top)
                    if builder is None:
                        builder = builders[top] = _PathBuilder(top)
                    base, child = _JoinedPath(_ChildPath(owner, child), builder.path(up)), -1
            if child is None:
                continue
            hit_base, hit_child = base, (None if child < 0 else child)
        key = (element.tag, element.prefix)
        spelling = spellings.get(key)
        if spelling is None:
            spelling = spellings[key] = (FIELD_SPELLINGS.get(key[0].rpartition("}")[2]),
                                         _qualified(element))
        kind, name = spelling
        if kind is None:  # registrationForm
            if form is None:
                form = registration_table(element)
            continue
        text = element.text
        kinds.append(kind)
        names.append(name)
        values.append(text.strip() if text else "")
        parents.append(hit_base)
        children.append(hit_child)
    return form


def field_kind(tag: str) -> str | None:
    """The kind of a field element's Clark tag, "registrationForm", or None."""
    local = tag.rpartition("}")[2]
    return REGISTRATION_FORM if local == REGISTRATION_FORM else FIELD_SPELLINGS.get(local)


def index_fields(root: etree._Element) -> FieldHits:
    """Every meetingUUID / sessionKey / meetingKey / confID in the document, with its path."""
    return scan(root)[0]


def registration_form(root: etree._Element) -> dict[str, bool] | None:
    """The first registrationForm block as field -> required, or None when there is none."""
    form = next(root.iter(_REGFORM_TAG), None)
    return None if form is None else registration_table(form)
