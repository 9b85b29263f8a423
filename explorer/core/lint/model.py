"""Lint's public data types and the context every rule receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, NamedTuple

from explorer.core.limits import DEFAULT_BODYCONTENT_LIMIT
from explorer.core.lint.document import LintDocument
from explorer.core.lint.nodes import Located
from explorer.core.versions import Version

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

#: Rule ids of the contract (scripts and the TUI rely on them), then the extra ones.
CONTRACT_RULES = (
    "xml-syntax", "prose-in-xml", "nested-bodycontent", "bodycontent-count", "unknown-command",
    "package-mismatch", "placeholder", "namespace", "missing-security-context",
    "anonymous-not-allowed", "past-start-time", "element-not-in-version", "date-format",
)
EXTRA_RULES = ("content-type", "encoding", "meeting-uuid", "exclusive-elements",
               "response-value")
RULE_IDS = CONTRACT_RULES + EXTRA_RULES

#: A document with thousands of problems gets the first ones of each rule and a count of the
#: rest.
MAX_FINDINGS_PER_RULE = 200

#: Default size bound for linted text (the editor never holds more).
DEFAULT_LINT_MAX_BYTES = 32 * 1024 * 1024


class Finding(NamedTuple):
    """One problem found. A named tuple: a lint run makes many, compares and hashes them to
    drop repeats, and sorts them."""

    rule: str
    severity: Severity
    line: int | None
    column: int | None
    message: str

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule, "severity": self.severity, "line": self.line,
            "column": self.column, "message": self.message,
        }


class Unbuilt(NamedTuple):
    """Findings a rule counted instead of building, yielded last: past the
    MAX_FINDINGS_PER_RULE distinct findings lint shows, only their number is reported, and a
    flood of prose (300,000 stray "<") would otherwise spend seconds describing each one. A
    rule yields it only for findings that differ from each other and from every finding it
    yielded, so the count is what lint would have counted."""

    count: int


@dataclass
class LintSettings:
    bodycontent_limit: int = DEFAULT_BODYCONTENT_LIMIT
    now: datetime | None = None  # None: the wall clock; naive values are local time
    max_bytes: int = DEFAULT_LINT_MAX_BYTES
    #: The request will be sent with a JWTToken header (a jwt profile), so a securityContext
    #: holding only siteName is not anonymous.
    jwt_header: bool = False


@dataclass
class LintContext:
    doc: LintDocument
    version: Version  # the version checked against (the newest when none was given)
    version_given: bool
    settings: LintSettings
    #: Results rules share (e.g. the called commands), computed once per lint run.
    cache: dict[str, object] = field(default_factory=dict)

    @property
    def now(self) -> datetime:
        now = self.settings.now or datetime.now(UTC)
        return now.astimezone(UTC)

    def finding(
        self, rule: str, severity: Severity, where: Located | tuple[int | None, int | None] | None,
        message: str,
    ) -> Finding:
        """``where``: an element (its start tag), a (line, column) pair, or None."""
        if where is None:
            line, column = None, None
        elif isinstance(where, tuple):
            line, column = where
        else:
            line, column = where.position()
        return Finding(rule, severity, line, column, " ".join(message.split()))
