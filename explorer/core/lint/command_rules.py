"""Which command each bodyContent calls: unknown-command, package-mismatch, and the rules that
depend on the command and the API version: element-not-in-version, anonymous-not-allowed,
exclusive-elements."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from explorer.core.commands import PACKAGE_OF, canonical_command, did_you_mean
from explorer.core.lint import catalog
from explorer.core.lint.model import Finding, LintContext
from explorer.core.lint.nodes import Node
from explorer.core.namespaces import JAVA_TYPE_PREFIX, SERVICES_BY_PACKAGE, split_java_type

_BARE_TYPE = re.compile(r"^([a-z]+(?:\.[a-z]+)?)\.([A-Za-z]+)$")
_CREDENTIALS = ("password", "sessionTicket", "webExAccessToken")


@dataclass
class CalledCommand:
    node: Node
    package: str | None
    command: str  # canonical


def _suggest(name: str) -> str:
    close = did_you_mean(name)
    return f"; did you mean {', '.join(close)}?" if close else ""


def called_commands(ctx: LintContext) -> list[CalledCommand]:
    """The requests' bodyContents whose command is known (canonical spelling)."""
    cached = ctx.cache.get("called")
    if cached is not None:
        return cached  # type: ignore[return-value]
    found = []
    for node in ctx.doc.body_contents():
        value = (node.attr("type") or "").strip()
        split = split_java_type(value)
        if split is None:
            continue
        canonical = canonical_command(split[1])
        if canonical is not None:
            found.append(CalledCommand(node, split[0], canonical))
    ctx.cache["called"] = found
    return found


_CURLY_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")


def unknown_command(ctx: LintContext) -> Iterator[Finding]:
    for node in ctx.doc.body_contents():
        value = node.attr("type")
        if value is None:
            if any(q in node.raw_attrs for q in _CURLY_QUOTES):
                yield ctx.finding(
                    "unknown-command", "error", node,
                    "bodyContent's attributes use typographic quotes (“ ” ‘ ’), which XML does "
                    "not read as quotes: write xsi:type=\"...\" with straight quotes",
                )
            elif not ctx.doc.is_response and node.children:
                yield ctx.finding(
                    "unknown-command", "error", node,
                    "bodyContent has no xsi:type: add xsi:type=\"java:com.webex.service."
                    "binding.<package>.<Command>\"",
                )
            continue
        value = value.strip()
        if ctx.doc.is_response or (not value.startswith("java:") and ":" in value):
            yield from _response_type(ctx, node, value)
            continue
        split = split_java_type(value)
        if split is None:
            bare = _BARE_TYPE.match(value)
            hint = (f": write {JAVA_TYPE_PREFIX}{value}" if bare
                    else " (expected java:com.webex.service.binding.<package>.<Command>)")
            yield ctx.finding(
                "unknown-command", "error", node, f'xsi:type "{value}" is not a command type{hint}'
            )
            continue
        command = split[1]
        canonical = canonical_command(command)
        if canonical is None:
            yield ctx.finding(
                "unknown-command", "error", node,
                f"unknown command {command} in xsi:type{_suggest(command)}",
            )
        elif canonical != command:
            yield ctx.finding(
                "unknown-command", "error", node,
                f"the command is spelled {canonical}, not {command} (command class names are "
                "case-sensitive)",
            )


def _response_type(ctx: LintContext, node: Node, value: str) -> Iterator[Finding]:
    name = value.rpartition(":")[2]
    if not name.endswith("Response"):
        yield ctx.finding(
            "unknown-command", "warning", node,
            f'response type "{value}" does not end in Response',
        )
        return
    command = name[: -len("Response")]
    if canonical_command(command) is None:
        yield ctx.finding(
            "unknown-command", "warning", node,
            f"unknown response type {value}{_suggest(command)}",
        )


def package_mismatch(ctx: LintContext) -> Iterator[Finding]:
    for called in called_commands(ctx):
        expected = PACKAGE_OF[called.command]
        if called.package == expected:
            continue
        known = "" if called.package in SERVICES_BY_PACKAGE else " (no such package)"
        yield ctx.finding(
            "package-mismatch", "error", called.node,
            f"xsi:type names {called.package}.{called.command}{known}, but {called.command} is "
            f"in package {expected}: write {JAVA_TYPE_PREFIX}{expected}.{called.command}",
        )


def element_not_in_version(ctx: LintContext) -> Iterator[Finding]:
    if ctx.doc.is_response:
        return
    version = ctx.version
    for called in called_commands(ctx):
        since = catalog.command_since(called.command)
        if since is not None and version < since:
            yield ctx.finding(
                "element-not-in-version", "error", called.node,
                f"{called.command} was added in {since}; it does not exist at {version}",
            )
            continue
        unavailable = catalog.unavailable_elements(called.command, version)
        if not unavailable:
            continue
        for node in called.node.iter():
            if node is called.node or node.local not in unavailable:
                continue
            if node.body is not called.node:
                continue  # belongs to a nested bodyContent, checked on its own
            info = unavailable[node.local]
            yield ctx.finding(
                "element-not-in-version", "error", node,
                f"<{node.qname}> arrives in {called.command} with {info.landed_text} "
                f"({info.change_id}, {info.ref}); a {version} server rejects or ignores it",
            )


def anonymous_not_allowed(ctx: LintContext) -> Iterator[Finding]:
    doc = ctx.doc
    if doc.is_response or doc.envelope is None:
        return
    context = doc.security_context()
    if context is None:
        return  # missing-security-context says it
    if any(context.child(name) is not None and context.child(name).text  # type: ignore[union-attr]
           for name in _CREDENTIALS):
        return
    if doc.header("JWTToken") or ctx.settings.jwt_header:
        return
    for called in called_commands(ctx):
        if called.node not in doc.bodies:
            continue
        if catalog.anonymous_allowed(called.command, ctx.version):
            continue
        if called.node.child("accessToken") is not None:
            continue  # AuthenticateUser with an OAuth access token in the body
        revocation = catalog.anonymous_revocation(called.command)
        if revocation is not None:
            landed, exception_id = revocation
            reason = (f"anonymous access was removed in {landed}: the server answers "
                      f"{exception_id or 'an error'}")
            if exception_id == "000015":
                reason += ' "Sorry, no record found"'
        else:
            reason = "it needs an authenticated caller"
        yield ctx.finding(
            "anonymous-not-allowed", "error", called.node,
            f"{called.command} is sent with only siteName (no password, sessionTicket or "
            f"access token) and {reason}: add webExID and password, or a sessionTicket",
        )


def exclusive_elements(ctx: LintContext) -> Iterator[Finding]:
    if ctx.doc.is_response:
        return
    for called in called_commands(ctx):
        children = called.node.children
        for group, note in catalog.exclusive_groups(called.command, ctx.version):
            present = [c for c in children if c.local in group]
            if len({c.local for c in present}) < 2:
                continue
            written = [f"<{c.qname}>" for c in present]
            names = ", ".join(written[:-1]) + " and " + written[-1]
            yield ctx.finding(
                "exclusive-elements", "warning", present[1],
                f"{names} are alternatives in {called.command}: send only one. {note}".strip(),
            )
