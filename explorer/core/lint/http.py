"""What a pasted HTTP request and the XML declaration say: content-type, encoding."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from explorer.core.lint.model import Finding, LintContext

_DECLARED_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")


def content_type(ctx: LintContext) -> Iterator[Finding]:
    paste = ctx.doc.prepared.paste
    value = ctx.doc.header("Content-Type")
    if value is None or "xml" in value.lower():
        return
    yield ctx.finding(
        "content-type", "warning", (paste.line_of("Content-Type"), None),
        f"Content-Type {value} for an XML body: the XML API expects text/xml; charset=utf-8 "
        "(the explorer sends that)",
    )


_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^\"';\s]+)", re.IGNORECASE)


def encoding(ctx: LintContext) -> Iterator[Finding]:
    yield from _header_charset(ctx)
    prepared = ctx.doc.prepared
    body = prepared.original[prepared.paste.body_offset:]
    match = _DECLARED_ENCODING.match(body)
    if match is None:
        return
    declared = match.group(1)
    if declared.strip().lower().replace("_", "-") in ("utf-8", "utf8"):
        return
    line = prepared.original.count("\n", 0, prepared.paste.body_offset + match.start(1)) + 1
    try:
        codecs.lookup(declared)
    except LookupError:
        yield ctx.finding(
            "encoding", "error", (line, None),
            f'the declaration names an unknown encoding "{declared[:40]}": no parser can read '
            'the document; declare encoding="UTF-8"',
        )
        return
    yield ctx.finding(
        "encoding", "warning", (line, None),
        f'the declaration says encoding="{declared}", but the request is sent as UTF-8 '
        "(Content-Type: text/xml; charset=utf-8): declare UTF-8 so non-ASCII text survives",
    )


def _header_charset(ctx: LintContext) -> Iterator[Finding]:
    value = ctx.doc.header("Content-Type")
    match = _CHARSET.search(value) if value else None
    if match is None or match.group(1).lower().replace("_", "-") in ("utf-8", "utf8"):
        return
    yield ctx.finding(
        "encoding", "warning", (ctx.doc.prepared.paste.line_of("Content-Type"), None),
        f"Content-Type says charset={match.group(1)}, but the request is sent as UTF-8 "
        "(the explorer sends text/xml; charset=utf-8): a server reading it as declared would "
        "garble non-ASCII text",
    )
