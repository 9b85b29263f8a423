"""Where the non-breaking spaces (U+00A0) of a pasted request are, as XML sees them.

U+00A0 (copied from a web page) is ordinary character data in element text, but not XML
white space: inside a tag or outside the root element the request is not well-formed as sent.
Tokens are read from the prepared text (where the NBSPs already read as spaces, so tags are
found as meant); the NBSPs are counted in the pasted text, which has the same length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.core.envelope import NBSP
from explorer.core.lint.nodes import Layout
from explorer.core.lint.scan import TOKEN


@dataclass
class NbspPlaces:
    #: (offset, where) of the first one that makes the request not well-formed, if any.
    first_bad: tuple[int, str] | None
    bad: int
    #: Offset of the first one in element text (legal XML), if any.
    first_legal: int | None
    legal: int


def places(raw: str, text: str, layout: Layout | None, fragment: bool) -> NbspPlaces:
    """NBSPs of ``raw`` classified by the tokens of ``text`` (``raw`` with NBSPs as spaces);
    ``layout``: where the tags of ``text`` are, when it is plain enough to say."""
    if layout is None:
        return _by_tokens(raw, text, fragment)
    return _by_layout(raw, layout, fragment)


def _by_layout(raw: str, layout: Layout, fragment: bool) -> NbspPlaces:
    """Only a tag with a space in ``text`` or the text outside every element can hold a
    misplaced NBSP (a comment holds any character)."""
    bad: list[tuple[int, int, int, str]] = []  # (first offset, end of span, count, where)
    for start, end, kind, name in layout.spaced:
        count = raw.count(NBSP, start, end)
        if count:
            bad.append((raw.find(NBSP, start, end), end, count, _WHERE[kind].format(name)))
    if not fragment:
        for start, end, after_root in layout.outside:
            count = raw.count(NBSP, start, end)
            if count:
                where = "after the root element" if after_root else "before the root element"
                bad.append((raw.find(NBSP, start, end), end, count, where))
    total = raw.count(NBSP)
    if not bad:
        return NbspPlaces(None, 0, raw.find(NBSP) if total else None, total)
    bad.sort()
    bad_count = 0
    first_legal = raw.find(NBSP)
    for first, end, count, _ in bad:  # skip past the misplaced ones, in order
        bad_count += count
        if first_legal == first:
            first_legal = raw.find(NBSP, end)
    return NbspPlaces((bad[0][0], bad[0][3]), bad_count,
                      first_legal if total > bad_count else None, total - bad_count)


_WHERE = {
    "start": "inside the tag <{}>",
    "end": "inside the end tag </{}>",
    "declaration": "inside a declaration",
}


def _by_tokens(raw: str, text: str, fragment: bool) -> NbspPlaces:
    offsets = [m.start() for m in re.finditer(NBSP, raw)]
    bad: list[tuple[int, str]] = []  # (offset, where)
    legal: list[int] = []
    depth = 0
    root_done = False
    index = 0
    for match in TOKEN.finditer(text):
        if index >= len(offsets):
            break
        kind = match.lastgroup
        if kind == "selfclose":
            where = f"inside the tag <{match.group('start')}>"
        elif kind == "end":
            where = f"inside the end tag </{match.group('end')}>"
        elif kind in ("pi", "decl"):
            where = "inside a declaration"
        elif kind in ("comment", "cdata") or depth > 0 or fragment:
            where = ""
        else:
            where = ("after the root element" if root_done else "before the root element")
        end = match.end()
        while index < len(offsets) and offsets[index] < end:
            if where:
                bad.append((offsets[index], where))
            else:
                legal.append(offsets[index])
            index += 1
        if kind == "selfclose":
            if not match.group("selfclose"):
                depth += 1
            elif depth == 0:
                root_done = True
        elif kind == "end" and depth > 0:
            depth -= 1
            root_done = root_done or depth == 0
    legal.extend(offsets[index:])
    return NbspPlaces(bad[0] if bad else None, len(bad), legal[0] if legal else None,
                      len(legal))
