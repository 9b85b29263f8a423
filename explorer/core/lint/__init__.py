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
    RULE_IDS,
    SEVERITY_ORDER,
    Finding,
    LintContext,
    LintSettings,
)
from explorer.core.versions import LATEST, Version

__all__ = [
    "CONTRACT_RULES",
    "EXTRA_RULES",
    "RULE_IDS",
    "Finding",
    "LintSettings",
    "lint",
]

Rule = Callable[[LintContext], Iterable[Finding]]

#: A document with thousands of problems gets the first ones and a count of the rest.
MAX_FINDINGS_PER_RULE = 200

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
    seen: set[Finding] = set()
    for rule in RULES:
        shown = 0
        hidden: dict[str, int] = {}
        for finding in rule(ctx):
            if finding in seen:
                continue
            if shown >= MAX_FINDINGS_PER_RULE:
                hidden[finding.rule] = hidden.get(finding.rule, 0) + 1
                continue
            seen.add(finding)
            findings.append(finding)
            shown += 1
        for rule_id, count in hidden.items():
            findings.append(Finding(rule_id, "info", None, None,
                                    f"{count} more {rule_id} findings not shown"))
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, SEVERITY_ORDER[f.severity]))
    return findings


def _decode(data: bytes) -> str:
    from explorer.core.envelope import text_of

    return text_of(data)
