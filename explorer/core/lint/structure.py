"""Envelope shape: nested-bodycontent, bodycontent-count, namespace, missing-security-context."""

from __future__ import annotations

from collections.abc import Iterator

from explorer.core.limits import bodycontent_limit_reason, bodycontent_over_limit
from explorer.core.lint.model import Finding, LintContext
from explorer.core.lint.nodes import Node
from explorer.core.namespaces import OLD_SERV_2009, SERV, XSI
from explorer.core.versions import Version, has_change

BODYCONTENT_LIMIT_LANDED = (Version(40, 4, 4), Version(40, 2, 5))


def _type_label(node: Node) -> str:
    value = node.attr("type")
    if not value:
        return "no xsi:type"
    return value.removeprefix("java:com.webex.service.binding.")


def nested_bodycontent(ctx: LintContext) -> Iterator[Finding]:
    if len(ctx.doc.bodies) == len(ctx.doc.body_contents()):  # none is nested
        return
    top = set(map(id, ctx.doc.bodies))
    for inner in ctx.doc.body_contents():
        if id(inner) in top:
            continue
        parent_body = inner.body
        if parent_body is not None:
            yield ctx.finding(
                "nested-bodycontent", "error", inner,
                f"bodyContent ({_type_label(inner)}) is nested inside bodyContent "
                f"({_type_label(parent_body)}, line {parent_body.line}); every bodyContent "
                "must be a direct child of body",
            )


def bodycontent_count(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.is_response:
        return
    if not doc.bodies:
        if doc.envelope is not None:
            where = doc.envelope.child("body") or doc.envelope
        elif doc.strict_error is None:
            where = doc.tree.roots[0] if doc.tree.roots else None
        else:
            where = None  # a broken fragment: xml-syntax already says what is wrong
        if where is not None:
            yield ctx.finding(
                "bodycontent-count", "error", where,
                "the request has no bodyContent: add one <bodyContent xsi:type=\"java:com."
                "webex.service.binding.<package>.<Command>\"> inside body",
            )
        return
    limit = ctx.settings.bodycontent_limit
    count = len(doc.bodies)
    if not bodycontent_over_limit(count, limit):
        return
    enforced = has_change(BODYCONTENT_LIMIT_LANDED, ctx.version)
    severity = "error" if enforced else "warning"
    when = "" if enforced else f" (not yet enforced at {ctx.version})"
    yield ctx.finding(
        "bodycontent-count", severity, doc.bodies[limit],
        f"{count} bodyContent elements in one request; servers since 40.4.4 / 40.2.5 cap the "
        f"count{when} and answer 000053 \"{bodycontent_limit_reason(limit)}\" (Cisco publishes "
        f"no number: {limit} is the sandbox's and this check's, --bodycontent-limit to change "
        "it): split it into several requests",
    )


def namespace(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.fragment:
        for node in doc.tree.roots:
            if node.local != "bodyContent" and any(a.startswith("xmlns") for a in node.attrs):
                yield ctx.finding(
                    "namespace", "error", node,
                    f"the root element is <{node.qname}>; a request is <serv:message "
                    f'xmlns:serv="{SERV}"> (or a bare bodyContent)',
                )
        yield from _xsi_prefix(ctx)
        return
    roots = doc.tree.roots
    if not roots:
        return
    root = doc.envelope or roots[0]
    if root.local != "message":
        yield ctx.finding(
            "namespace", "error", root,
            f"the root element is <{root.qname}>; a request is <serv:message "
            f'xmlns:serv="{SERV}">',
        )
        return
    ns = root.namespace
    if root.prefix is None and ns is None:
        yield ctx.finding(
            "namespace", "error", root,
            f"the root <{root.qname}> has no prefix and no namespace: write <serv:message "
            f'xmlns:serv="{SERV}">',
        )
    elif root.prefix is None and ns == SERV:
        yield ctx.finding(
            "namespace", "warning", root,
            f"<{root.qname}> uses a default namespace, which also puts header and body in it; "
            "servers expect <serv:message> with unprefixed header and body",
        )
    elif ns == OLD_SERV_2009:
        yield ctx.finding(
            "namespace", "error", root,
            f"<{root.qname}> is in the 2009/05 namespace; XML API servers only know {SERV}",
        )
    elif ns not in (None, SERV):
        yield ctx.finding(
            "namespace", "error", root,
            f"<{root.qname}> is in namespace {ns}; it must be {SERV}",
        )
    elif ns is None:
        yield ctx.finding(
            "namespace", "error", root,
            f"the prefix {root.prefix}: of <{root.qname}> is not declared: add "
            f'xmlns:{root.prefix}="{SERV}"',
        )
    # Attribute values are pieces of the scanned text: no element declares a URI not in it.
    for node in doc.all_nodes() if OLD_SERV_2009 in doc.prepared.unwrapped else ():
        for name, value in node.attrs.items():
            if name.startswith("xmlns") and value == OLD_SERV_2009 and node.namespace != value:
                yield ctx.finding(
                    "namespace", "error", node,
                    f'{name}="{value}" declares the 2009/05 namespace, seen only in a 40.6.0 '
                    f"example; servers use {SERV}",
                )
    yield from _xsi_prefix(ctx)


def _xsi_prefix(ctx: LintContext) -> Iterator[Finding]:
    for body in ctx.doc.body_contents():
        for name in body.attrs:
            prefix, sep, local = name.rpartition(":")
            if name == "type" and not ctx.doc.is_response:
                yield ctx.finding(
                    "namespace", "error", body,
                    'type= without the xsi: prefix is in no namespace, so the server sees no '
                    f'command type: write xsi:type (xmlns:xsi="{XSI}")',
                )
                continue
            if not sep or local != "type" or prefix == "xmlns":
                continue
            uri = body.nsmap.get(prefix)
            if uri is None and not ctx.doc.fragment:
                yield ctx.finding(
                    "namespace", "error", body,
                    f'the prefix {prefix}: of {name} is not declared: add xmlns:{prefix}="{XSI}" '
                    "to serv:message",
                )
            elif uri is not None and uri != XSI:
                yield ctx.finding(
                    "namespace", "error", body,
                    f"{name}: the prefix {prefix} is bound to {uri}, not {XSI}",
                )


def missing_security_context(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.envelope is None or doc.is_response:
        return
    header = doc.envelope.child("header")
    if header is None:
        yield ctx.finding(
            "missing-security-context", "error", doc.envelope,
            "no <header><securityContext> (siteName and credentials): the server cannot tell "
            "which site you call",
        )
        return
    context = header.child("securityContext")
    if context is None:
        yield ctx.finding(
            "missing-security-context", "error", header,
            "<header> has no <securityContext> with siteName and credentials",
        )
        return
    names = {child.local for child in context.children}
    if not names & {"siteName", "siteID"} or not (
        (context.child("siteName") and context.child("siteName").text)  # type: ignore[union-attr]
        or (context.child("siteID") and context.child("siteID").text)  # type: ignore[union-attr]
    ):
        yield ctx.finding(
            "missing-security-context", "error", context,
            "securityContext has no siteName (or siteID): add <siteName>{{siteName}}</siteName>",
        )
