"""xml-syntax: the strict parser's verdict, with the position in the pasted text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.lint.model import Finding, LintContext

_POSITION_SUFFIX = re.compile(r"\s*\(line \d+, column \d+\)$")
_PREFIX = re.compile(r"^request is not well-formed XML:\s*")


def check(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    prepared = doc.prepared
    if prepared.nbsp_count:
        yield ctx.finding(
            "xml-syntax", "warning", (prepared.nbsp_first_line, None),
            f"{prepared.nbsp_count} non-breaking space(s) (U+00A0, copied from a web page) "
            "were read as plain spaces; a server refuses them inside tags: replace them",
        )
    if not prepared.unwrapped.strip():
        yield ctx.finding("xml-syntax", "error", None, "no XML found: the request is empty")
        return
    error = doc.strict_error
    if error is None:
        return
    line, column = prepared.original_position(error.line, error.column)
    detail = prepared.original_message(_POSITION_SUFFIX.sub("", _PREFIX.sub("", error.message)))
    at_end = line is not None and doc.fragment and (
        line, column or 0) >= _last_position(prepared.unwrapped)
    if doc.scan.unclosed and (at_end or "Premature end" in detail):
        first = doc.scan.unclosed[-1] if at_end else doc.scan.unclosed[0]
        yield ctx.finding(
            "xml-syntax", "error", (line, column),
            f"the document ends while <{first.qname}> (line {first.line}) is still open: "
            "a truncated example? Close it or paste the whole request",
        )
        return
    if doc.fragment and doc.scan.stray_ends:
        stray = doc.scan.stray_ends[0]
        yield ctx.finding(
            "xml-syntax", "error", (stray.line, stray.column),
            f"</{stray.qname}> closes an element this fragment never opened: a piece cut from "
            "the middle of a document? Paste the whole message",
        )
        return
    yield ctx.finding("xml-syntax", "error", (line, column), f"not well-formed XML: {detail}")


def _last_position(text: str) -> tuple[int, int]:
    body = text.rstrip()
    line = body.count("\n") + 1
    column = len(body) - (body.rfind("\n") + 1)
    return line, column
