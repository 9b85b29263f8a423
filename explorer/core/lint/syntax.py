"""xml-syntax: the strict parser's verdict, with the position in the pasted text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from explorer.core.http_paste import blank_preamble
from explorer.core.lint import nbsp
from explorer.core.lint.model import Finding, LintContext

_POSITION_SUFFIX = re.compile(r"\s*\(line \d+, column \d+\)$")
_PREFIX = re.compile(r"^request is not well-formed XML:\s*")


def check(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    prepared = doc.prepared
    if prepared.nbsp_count:
        yield from _non_breaking_spaces(ctx)
    yield from _space_before_declaration(ctx)
    if not prepared.unwrapped or prepared.unwrapped.isspace():
        yield ctx.finding("xml-syntax", "error", None, "no XML found: the request is empty")
        return
    error = doc.strict_error
    if error is None:
        return
    line, column = prepared.original_position(error.line, error.column)
    detail = prepared.original_message(_POSITION_SUFFIX.sub("", _PREFIX.sub("", error.message)))
    at_end = line is not None and doc.fragment and (
        line, column or 0) >= _last_position(prepared.unwrapped)
    if doc.tree.unclosed and (at_end or "Premature end" in detail):
        first = doc.tree.unclosed[-1] if at_end else doc.tree.unclosed[0]
        yield ctx.finding(
            "xml-syntax", "error", (line, column),
            f"the document ends while <{first.qname}> (line {first.line}) is still open: "
            "a truncated example? Close it or paste the whole request",
        )
        return
    if doc.fragment and doc.tree.stray_ends:
        stray = doc.tree.stray_ends[0]
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


def _non_breaking_spaces(ctx: LintContext) -> Iterator[Finding]:
    """U+00A0 (copied from a web page) is ordinary character data in element text, but not
    XML white space: inside a tag or outside the root element the request is not well-formed
    as sent, and a server refuses it."""
    prepared = ctx.doc.prepared
    text = prepared.unwrapped  # the NBSPs already read as spaces: tokens are found as meant
    raw = blank_preamble(prepared.original, prepared.paste)
    if len(raw) != len(text):  # cannot happen; keep the plain warning rather than guess
        yield ctx.finding("xml-syntax", "warning", (prepared.nbsp_first_line, None),
                          f"{prepared.nbsp_count} non-breaking space(s) (U+00A0) in the request")
        return
    found = nbsp.places(raw, text, ctx.doc.tree.layout, prepared.fragment)
    position = ctx.doc.tree.lines.position
    if found.first_bad is not None:
        offset, where = found.first_bad
        line, column = position(offset)
        more = f" ({found.bad} in all)" if found.bad > 1 else ""
        yield ctx.finding(
            "xml-syntax", "error", (line, column),
            f"not well-formed XML: a non-breaking space (U+00A0, copied from a web page) "
            f"{where} at line {line}, column {column}{more}; a server refuses it: "
            "replace the non-breaking spaces with plain spaces",
        )
    if found.first_legal is not None:
        line, _ = position(found.first_legal)
        yield ctx.finding(
            "xml-syntax", "warning", (line, None),
            f"{found.legal} non-breaking space(s) (U+00A0, copied from a web page) in element "
            "text: legal XML, kept as text by a server: use plain spaces",
        )


_XML_SPACE = " \t\r\n"
_DECLARATION_AFTER_SPACE = re.compile(r"[ \t\r\n]++<\?xml[\s?]")


def _space_before_declaration(ctx: LintContext) -> Iterator[Finding]:
    """A server refuses a declaration after anything, white space included (the explorer's
    own parser forgives it in answers, which is why only lint says so)."""
    prepared = ctx.doc.prepared
    original = prepared.original
    if not _DECLARATION_AFTER_SPACE.match(original, prepared.paste.body_offset):
        return
    body = original[prepared.paste.body_offset:]
    stripped = body.lstrip(_XML_SPACE)
    lead = body[: len(body) - len(stripped)]
    offset = prepared.paste.body_offset + len(lead)
    line = original.count("\n", 0, offset) + 1
    column = offset - (original.rfind("\n", 0, offset) + 1) + 1
    lines = lead.count("\n")
    spaces = len(lead) - (lead.rfind("\n") + 1)
    parts = [f"{lines} blank lines" if lines > 1 else "blank line"] if lines else []
    if spaces:
        parts.append(f"{spaces} spaces" if spaces > 1 else "space")
    yield ctx.finding(
        "xml-syntax", "error", (line, column),
        "the XML declaration must be the very first thing (a server refuses the request "
        f"otherwise); remove the {' and '.join(parts)} before <?xml",
    )
