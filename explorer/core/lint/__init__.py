"""Lint a request the way users paste it: a whole envelope, a bare bodyContent fragment, or an
HTTP request copied from documentation. Rule ids are part of the CLI contract (``RULE_IDS``).

``lint(text, version, settings)`` never raises for bad input: a document that is not XML gets
an ``xml-syntax`` finding, and every other rule still looks at what it can.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from explorer.core.errors import ExplorerError
from explorer.core.lint import command_rules, http, prose, structure, syntax, values
from explorer.core.lint.document import load
from explorer.core.lint.model import (
    CONTRACT_RULES,
    EXTRA_RULES,
    MAX_FINDINGS_PER_RULE,
    RULE_IDS,
    SEVERITY_ORDER,
    Finding,
    LintContext,
    LintSettings,
    Unbuilt,
)
from explorer.core.versions import LATEST, Version

__all__ = [
    "CONTRACT_RULES",
    "EXTRA_RULES",
    "MAX_FINDINGS_PER_RULE",
    "RULE_IDS",
    "Finding",
    "LintSettings",
    "lint",
]

Rule = Callable[[LintContext], Iterable[Finding | Unbuilt]]

RULES: tuple[Rule, ...] = (
    syntax.check,
    prose.check,
    structure.nested_bodycontent,
    structure.bodycontent_count,
    command_rules.unknown_command,
    command_rules.package_mismatch,
    values.placeholder,
    structure.namespace,
    structure.missing_security_context,
    command_rules.anonymous_not_allowed,
    values.past_start_time,
    command_rules.element_not_in_version,
    values.date_format,
    command_rules.exclusive_elements,
    values.meeting_uuid,
    http.content_type,
    http.encoding,
    values.response_value,
)


def lint(
    text: str | bytes,
    version: Version | str | None = None,
    settings: LintSettings | None = None,
) -> list[Finding]:
    """Findings for ``text`` at API ``version`` (default: the newest), sorted by position."""
    settings = settings or LintSettings()
    if version is None:
        effective, given = LATEST, False
    else:
        effective, given = Version.parse(version), True
    if len(text) > settings.max_bytes:
        return [Finding("xml-syntax", "error", None, None,
                        f"the request is {len(text)} bytes, over the {settings.max_bytes}-byte "
                        "limit for lint; refused")]
    try:
        doc = load(text if isinstance(text, str) else _decode(text), max_bytes=settings.max_bytes)
    except UnicodeDecodeError as exc:
        return [Finding("xml-syntax", "error", None, None, f"cannot decode the request: {exc}")]
    except ExplorerError as exc:  # bytes that are not text in any declared charset
        return [Finding("xml-syntax", "error", None, None, exc.message)]
    ctx = LintContext(doc, effective, given, settings)
    findings: list[Finding] = []
    for rule in RULES:
        found = list(rule(ctx))
        if len(found) == 1:  # a Finding: an Unbuilt comes only after many
            findings.append(found[0])
        elif found:
            findings += _shown(found)
    findings.sort(key=_position_order)
    return findings


def _shown(found: list[Finding | Unbuilt]) -> list[Finding]:
    """One rule's findings without repeats: the first MAX_FINDINGS_PER_RULE, then a count of
    the rest (each rule reports under one rule id)."""
    shown: list[Finding] = []
    seen: set[Finding] = set()
    hidden = 0
    for finding in found:
        if isinstance(finding, Unbuilt):
            hidden += finding.count
            continue
        if finding in seen:
            continue
        if len(shown) >= MAX_FINDINGS_PER_RULE:
            hidden += 1
            continue
        seen.add(finding)
        shown.append(finding)
    if hidden:
        rule_id = shown[0].rule
        shown.append(Finding(rule_id, "info", None, None,
                             f"{hidden} more {rule_id} findings not shown"))
    return shown


def _position_order(finding: Finding) -> tuple[int, int, int]:
    return (finding.line or 0, finding.column or 0, SEVERITY_ORDER[finding.severity])


def _decode(data: bytes) -> str:
    from explorer.core.envelope import text_of

    return text_of(data)
